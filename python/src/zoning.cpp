// Zonings: loading (from files or from in-memory layers), their parts and unions, and the
// topology validation. Loading and validation run with the GIL released.
#include <optional>
#include <utility>
#include <vector>

#include "bindings.hpp"
#include "reserve/io.hpp"
#include "reserve/validate.hpp"
#include "reserve/zoning.hpp"

namespace reserve::python {
namespace {

// One source as Python describes it: a path (with read options) or a Layer already built.
struct SourceSpec {
  py::object source;  // str path or Layer
  std::string layer, where, encoding, assume_crs, id_field, zone_field;
  std::optional<Zone> zone;
};

ZoningSource to_source(const SourceSpec& s) {
  ZoningSource z;
  if (py::isinstance<py::str>(s.source)) z.path = s.source.cast<std::string>();
  z.read.layer = s.layer;
  z.read.where = s.where;
  z.read.encoding = s.encoding;
  z.read.assume_crs = s.assume_crs;
  z.read.id_field = s.id_field;
  z.zone_field = s.zone_field;
  z.zone = s.zone;
  return z;
}

Zoning load(const std::vector<SourceSpec>& specs, const std::string& name,
            const std::string& zone_map, const std::string& working_crs, bool repair,
            double max_area_change_m2, double max_area_change_rel, bool allow_large_change,
            const std::string& area_method) {
  if (specs.empty()) throw UsageError("no zoning source given; give a path or a GeoDataFrame");
  ZoningOptions options;
  options.name = name;
  if (!zone_map.empty()) options.scheme.add_mapping(zone_map);
  options.working_crs = working_crs;
  options.repair.repair = repair;
  options.repair.max_area_change_m2 = max_area_change_m2;
  options.repair.max_area_change_rel = max_area_change_rel;
  options.repair.allow_large_change = allow_large_change;
  options.area_method = area_method_from_string(area_method);
  bool any_layer = false;
  for (const auto& s : specs) {
    options.sources.push_back(to_source(s));
    any_layer = any_layer || py::isinstance<Layer>(s.source);
  }
  if (!any_layer) {
    py::gil_scoped_release release;
    return load_zoning(options);
  }
  // Layers in memory: copy them (the Python objects stay untouched), read files the same way.
  std::vector<std::pair<Layer, ZoningSource>> layers;
  std::vector<std::size_t> to_read;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (py::isinstance<Layer>(specs[i].source)) {
      layers.emplace_back(specs[i].source.cast<const Layer&>(), options.sources[i]);
    } else {
      layers.emplace_back(Layer{}, options.sources[i]);
      to_read.push_back(i);
    }
  }
  py::gil_scoped_release release;
  for (std::size_t i : to_read)
    layers[i].first = read_layer(options.sources[i].path, options.sources[i].read);
  return zoning_from_layers(layers, options);
}

py::object helpers() { return py::module_::import("libreserve._frames"); }

}  // namespace

void bind_zoning(py::module_& m) {
  py::class_<SourceSpec>(m, "ZoningSourceSpec")
      .def(py::init([](py::object source, std::string layer, std::string where,
                       std::string encoding, std::string assume_crs, std::string id_field,
                       std::string zone_field, std::optional<Zone> zone) {
             return SourceSpec{std::move(source),     std::move(layer),
                               std::move(where),      std::move(encoding),
                               std::move(assume_crs), std::move(id_field),
                               std::move(zone_field), zone};
           }),
           py::arg("source"), py::arg("layer") = "", py::arg("where") = "",
           py::arg("encoding") = "", py::arg("assume_crs") = "", py::arg("id_field") = "",
           py::arg("zone_field") = "", py::arg("zone") = py::none());

  py::class_<SourceFile>(m, "SourceFile", "A file (and layer) a zoning was read from.")
      .def_readonly("path", &SourceFile::path)
      .def_readonly("sha256", &SourceFile::sha256)
      .def_readonly("layer", &SourceFile::layer)
      .def_readonly("driver", &SourceFile::driver)
      .def_readonly("encoding", &SourceFile::encoding)
      .def_readonly("source_crs", &SourceFile::source_crs)
      .def_readonly("edge_model", &SourceFile::edge_model,
                    "How edges reached the working CRS (lon/lat sources densified first).")
      .def("to_dict",
           [](const SourceFile& s) {
             py::dict d;
             d["path"] = s.path;
             d["sha256"] = s.sha256;
             d["layer"] = s.layer;
             d["driver"] = s.driver;
             d["encoding"] = s.encoding;
             d["source_crs"] = s.source_crs.empty() ? std::string() : s.source_crs.label();
             d["edge_model"] = s.edge_model;
             return d;
           })
      .def("__repr__", [](const SourceFile& s) {
        return "<SourceFile '" + s.path + "' layer '" + s.layer + "' " + s.driver + ">";
      });

  py::class_<Zoning>(m, "Zoning",
                     "One reserve's zoning: valid zone polygons in one working CRS, with their "
                     "sources, repairs and loading issues.")
      .def_readonly("name", &Zoning::name)
      .def_readonly("model", &Zoning::model)
      .def_readonly("crs", &Zoning::crs)
      .def_readonly("sources", &Zoning::sources)
      .def_readonly("repairs", &Zoning::repairs)
      .def_readonly("issues", &Zoning::issues)
      .def("__len__", [](const Zoning& z) { return z.parts.size(); })
      .def_property_readonly("zones",
                             [](const Zoning& z) {
                               std::vector<Zone> out;
                               for (Zone k : zones_of(z.model))
                                 for (const auto& p : z.parts)
                                   if (p.zone == k) {
                                     out.push_back(k);
                                     break;
                                   }
                               return out;
                             })
      .def(
          "parts",
          [](const Zoning& z) {
            py::list out;
            for (const auto& p : z.parts) {
              py::dict d;
              d["feature_id"] = p.feature_id;
              d["label"] = p.label;
              d["zone"] = p.zone;
              d["file"] = p.where.file;
              d["layer"] = p.where.layer;
              d["wkb"] = wkb_bytes(p.geometry);
              out.append(d);
            }
            return out;
          },
          "The parts as dicts (feature_id, label, zone, file, layer, wkb).")
      .def(
          "zone_wkb",
          [](const Zoning& z, Zone zone) {
            MultiPolygon mp;
            {
              py::gil_scoped_release release;
              mp = zone_geometry(z, zone);
            }
            return wkb_bytes(mp);
          },
          py::arg("zone"), "WKB of the union of one zone's parts (empty when absent).")
      .def(
          "outline_wkb",
          [](const Zoning& z) {
            MultiPolygon mp;
            {
              py::gil_scoped_release release;
              mp = reserve_outline(z);
            }
            return wkb_bytes(mp);
          },
          "WKB of the reserve's outline (the union of all parts).")
      .def(
          "zone_areas_m2",
          [](const Zoning& z, const std::string& method) {
            const AreaMethod how = area_method_from_string(method);
            std::vector<std::pair<Zone, double>> out;
            py::gil_scoped_release release;
            AreaCalculator calc(z.crs, how);
            for (Zone k : zones_of(z.model)) out.emplace_back(k, calc.area_m2(zone_geometry(z, k)));
            out.emplace_back(Zone::outside, calc.area_m2(reserve_outline(z)));
            return out;
          },
          py::arg("method") = "geodesic",
          "[(zone, area_m2)…] for every zone of the model (union of its parts), strictest "
          "first, then (Zone.outside, outline area).")
      .def("to_geopandas",
           [](const py::object& self) { return helpers().attr("zoning_to_geopandas")(self); })
      .def(
          "zone_areas",
          [](const py::object& self, const std::string& method) {
            return helpers().attr("zoning_zone_areas")(self, method);
          },
          py::arg("method") = "geodesic")
      .def("to_dict", [](const py::object& self) { return helpers().attr("zoning_to_dict")(self); })
      .def("_repr_html_",
           [](const py::object& self) { return helpers().attr("zoning_html")(self); })
      .def("__repr__", [](const Zoning& z) {
        return "<Zoning '" + z.name + "' " + to_string(z.model) + ", " +
               std::to_string(z.parts.size()) + " parts, " + z.crs.label() + ", " +
               std::to_string(z.repairs.size()) + " repairs>";
      });

  m.def("load_zoning", &load, py::arg("sources"), py::arg("name") = "", py::arg("zone_map") = "",
        py::arg("working_crs") = "", py::arg("repair") = true, py::arg("max_area_change_m2") = 1.0,
        py::arg("max_area_change_rel") = 1e-6, py::arg("allow_large_change") = false,
        py::arg("area_method") = "geodesic");

  py::class_<ValidationReport>(m, "ValidationReport",
                               "Findings of the zoning checks (loading issues first, then "
                               "overlaps, gaps, core enclosure) and the repairs made.")
      .def_readonly("issues", &ValidationReport::issues)
      .def_readonly("repairs", &ValidationReport::repairs)
      .def_property_readonly("error_count", &ValidationReport::error_count)
      .def_property_readonly("warning_count", &ValidationReport::warning_count)
      .def_property_readonly("info_count", &ValidationReport::info_count)
      .def_property_readonly("ok", [](const ValidationReport& r) { return r.error_count() == 0; })
      .def("to_dict",
           [](const py::object& self) { return helpers().attr("validation_to_dict")(self); })
      .def("issues_frame",
           [](const py::object& self) {
             return helpers().attr("issues_frame")(self.attr("issues"));
           })
      .def("_repr_html_",
           [](const py::object& self) { return helpers().attr("validation_html")(self); })
      .def("__repr__", [](const ValidationReport& r) {
        return "<ValidationReport " + std::to_string(r.error_count()) + " errors, " +
               std::to_string(r.warning_count()) + " warnings, " + std::to_string(r.issues.size()) +
               " issues, " + std::to_string(r.repairs.size()) + " repairs>";
      });
  m.def(
      "validate_zoning",
      [](const Zoning& z, double min_overlap_area_m2, double min_gap_area_m2,
         double min_exposed_core_length_m, bool check_core_enclosed, const std::string& method) {
        TopologyOptions o;
        o.min_overlap_area_m2 = min_overlap_area_m2;
        o.min_gap_area_m2 = min_gap_area_m2;
        o.min_exposed_core_length_m = min_exposed_core_length_m;
        o.check_core_enclosed = check_core_enclosed;
        const AreaMethod how = area_method_from_string(method);
        py::gil_scoped_release release;
        AreaCalculator calc(z.crs, how);
        return validate_zoning(z, o, calc);
      },
      py::arg("zoning"), py::arg("min_overlap_area_m2") = 1.0, py::arg("min_gap_area_m2") = 1.0,
      py::arg("min_exposed_core_length_m") = 1.0, py::arg("check_core_enclosed") = true,
      py::arg("area_method") = "geodesic");
}

}  // namespace reserve::python
