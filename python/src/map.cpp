// Maps: the renderer's layers built from zonings, a comparison and conflict features, a style
// with the usual overrides, rendered on demand (GIL released) and cached per format.
#include <map>
#include <memory>
#include <mutex>

#include "bindings.hpp"
#include "reserve/map_layers.hpp"
#include "reserve/render.hpp"
#include "reserve/rules.hpp"

namespace reserve::python {
namespace {

struct Map {
  MapLayers layers;
  MapStyle style;
  RenderOptions options;
  std::map<MapFormat, RenderedMap> cache;
};

const RenderedMap& rendered(Map& m, MapFormat f) {
  auto it = m.cache.find(f);
  if (it != m.cache.end()) return it->second;
  RenderedMap r;
  {
    py::gil_scoped_release release;
    r = render_map_bytes(m.layers, m.style, f, m.options);
  }
  return m.cache.emplace(f, std::move(r)).first->second;
}

py::dict summary_dict(const RenderSummary& s) {
  py::dict d;
  d["format"] = to_string(s.format);
  py::list legend;
  for (const auto& e : s.legend) legend.append(py::make_tuple(e.key, e.label));
  d["legend"] = legend;
  d["changes_drawn"] = s.changes_drawn;
  d["north_arrow"] = py::make_tuple(s.north_arrow_x_pt, s.north_arrow_y_pt, s.north_arrow_radius_pt,
                                    s.north_arrow_see_through);
  d["labels_placed"] = s.labels_placed;
  d["labels_leader_line"] = s.labels_leader_line;
  d["labels_dropped"] = s.labels_dropped;
  d["scale_bar_length_pt"] = s.scale_bar_length_pt;
  d["scale_bar_ground_m"] = s.scale_bar_ground_m;
  d["scale_denominator"] = s.scale_denominator;
  d["scale_factor"] = s.scale_factor;
  d["meridian_convergence_deg"] = s.meridian_convergence_deg;
  d["true_north_page_deg"] = s.true_north_page_deg;
  d["crs_note"] = s.crs_note;
  d["warnings"] = s.warnings;
  const auto& t = s.transform;
  d["extent"] = py::make_tuple(t.extent.min_x, t.extent.min_y, t.extent.max_x, t.extent.max_y);
  d["page_size_pt"] = py::make_tuple(t.page_width_pt, t.page_height_pt);
  d["pt_per_unit"] = t.pt_per_unit;
  d["map_area_pt"] = py::make_tuple(t.area_x_pt, t.area_y_pt, t.area_width_pt, t.area_height_pt);
  d["px_per_pt"] = t.px_per_pt;
  return d;
}

struct LineSpec {
  std::string path, layer, kind, label_field, encoding, assume_crs;
};

std::unique_ptr<Map> make_map(const Zoning& before, const Zoning* after,
                              const Comparison* comparison, const FeatureSet* features,
                              const std::vector<LineSpec>& lines, const std::string& background,
                              const std::string& style_path, const py::dict& overrides,
                              const std::string& focus, const std::string& profile) {
  auto m = std::make_unique<Map>();
  m->style = style_path.empty() ? default_map_style() : load_map_style(style_path);
  // The default title fits the input (a comparison or one zoning) unless the style names one.
  if (m->style.title == default_map_style().title)
    m->style.title = default_map_title(after != nullptr);
  for (auto item : overrides) {
    const std::string key = item.first.cast<std::string>();
    py::handle v = item.second;
    if (v.is_none()) continue;
    if (key == "title") {
      m->style.title = v.cast<std::string>();
    } else if (key == "subtitle") {
      m->style.subtitle = v.cast<std::string>();
    } else if (key == "date") {
      m->style.date = v.cast<std::string>();
    } else if (key == "producer") {
      m->style.producer = v.cast<std::string>();
    } else if (key == "data_source") {
      m->style.data_source = v.cast<std::string>();
    } else if (key == "page") {
      const std::string page = v.cast<std::string>();
      if (page == "A4" || page == "a4") {
        m->style.page = PageSize::a4;
      } else if (page == "A3" || page == "a3") {
        m->style.page = PageSize::a3;
      } else {
        throw UsageError("page must be 'A4' or 'A3' (got '" + page + "')");
      }
    } else if (key == "landscape") {
      m->style.landscape = v.cast<bool>();
    } else if (key == "dpi") {
      const double dpi = v.cast<double>();
      if (!(dpi > 0.0 && dpi <= 1200.0)) throw UsageError("dpi must be in (0, 1200]");
      m->style.dpi = dpi;
    } else {
      throw UsageError("unknown map option '" + key + "'");
    }
  }
  m->options.focus_feature_id = focus;
  py::gil_scoped_release release;
  add_zoning(m->layers, before, false);
  if (after) {
    add_zoning(m->layers, *after, true);
    if (comparison) {
      add_comparison(m->layers, *comparison);
    } else {
      // The comparison `check` makes under the same profile: the same noise pieces left out.
      add_comparison(m->layers, compare(before, *after, compare_options(load_profile(profile))));
    }
  }
  if (features) add_features(m->layers, *features);
  for (const auto& l : lines) {
    LineLayerOptions o;
    o.path = l.path;
    o.layer = l.layer;
    o.kind = l.kind;
    o.label_field = l.label_field;
    o.encoding = l.encoding;
    o.assume_crs = l.assume_crs;
    add_line_layer(m->layers, o);
  }
  m->layers.background_raster = background;
  return m;
}

}  // namespace

void bind_map(py::module_& m) {
  py::class_<LineSpec>(m, "LineLayerSpec")
      .def(py::init([](std::string path, std::string layer, std::string kind,
                       std::string label_field, std::string encoding, std::string assume_crs) {
             return LineSpec{std::move(path),        std::move(layer),    std::move(kind),
                             std::move(label_field), std::move(encoding), std::move(assume_crs)};
           }),
           py::arg("path"), py::arg("layer") = "", py::arg("kind") = "river",
           py::arg("label_field") = "", py::arg("encoding") = "", py::arg("assume_crs") = "");

  py::class_<Map>(m, "Map",
                  "An official-style reserve map, rendered on demand as PDF, SVG or PNG. In "
                  "Jupyter it shows itself as a PNG image.")
      .def(
          "render",
          [](Map& self, const std::string& format) {
            return py::bytes(rendered(self, map_format_from_string(format)).bytes);
          },
          py::arg("format") = "png", "The map as bytes in \"pdf\", \"svg\" or \"png\".")
      .def(
          "svg", [](Map& self) { return rendered(self, MapFormat::svg).bytes; },
          "The map as SVG text.")
      .def(
          "png", [](Map& self) { return py::bytes(rendered(self, MapFormat::png).bytes); },
          "The map as PNG bytes.")
      .def(
          "summary",
          [](Map& self, const std::string& format) {
            return summary_dict(rendered(self, map_format_from_string(format)).summary);
          },
          py::arg("format") = "png",
          "What was drawn: legend, labels placed/dropped, scale, scale bar, north, CRS note.")
      .def(
          "save",
          [](const py::object& self, const py::object& path, const py::object& format) {
            return py::module_::import("libreserve.maps").attr("save_map")(self, path, format);
          },
          py::arg("path"), py::arg("format") = py::none(),
          "Writes the map to `path` (format from the suffix: .pdf, .svg, .png), atomically.")
      .def("_repr_png_", [](Map& self) { return py::bytes(rendered(self, MapFormat::png).bytes); })
      .def("_repr_svg_", [](Map& self) { return rendered(self, MapFormat::svg).bytes; })
      .def_property_readonly("crs", [](const Map& self) { return self.layers.crs; })
      .def_property_readonly("title", [](const Map& self) { return self.style.title; })
      .def_property_readonly("feature_ids",
                             [](const Map& self) {
                               std::vector<std::string> ids;
                               for (const auto& a : self.layers.mining_rights) ids.push_back(a.id);
                               for (const auto& f : self.layers.facilities) ids.push_back(f.id);
                               return ids;
                             })
      .def("__repr__", [](const Map& self) {
        return "<Map '" + self.style.title + "' " + self.layers.crs.label() + ", " +
               std::to_string(self.layers.baseline_zones.size() +
                              self.layers.proposal_zones.size()) +
               " zone parts, " + std::to_string(self.layers.changes.size()) + " changes, " +
               std::to_string(self.layers.mining_rights.size()) + " mining rights, " +
               std::to_string(self.layers.facilities.size()) + " facilities>";
      });

  m.def(
      "make_map",
      [](const Zoning& before, const Zoning* after, const Comparison* comparison,
         const FeatureSet* features, const std::vector<LineSpec>& lines,
         const std::string& background, const std::string& style, const py::dict& overrides,
         const std::string& focus, const std::string& profile) {
        return make_map(before, after, comparison, features, lines, background, style, overrides,
                        focus, profile);
      },
      py::arg("before"), py::arg("after") = nullptr, py::arg("comparison") = nullptr,
      py::arg("features") = nullptr, py::arg("lines") = std::vector<LineSpec>{},
      py::arg("background") = "", py::arg("style") = "", py::arg("overrides") = py::dict(),
      py::arg("focus") = "", py::arg("profile") = "three-no");
}

}  // namespace reserve::python
