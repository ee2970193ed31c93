// Conflict features (mining rights, facilities), their overlay on the two zonings, and the
// rectification ledger (整改台账). The overlay's dict form has the shape of `reserve overlay
// --json`; the ledger's table has the columns of ledger.csv.
#include <optional>

#include "bindings.hpp"
#include "reserve/check.hpp"
#include "reserve/features.hpp"
#include "reserve/ledger.hpp"
#include "reserve/monitoring.hpp"
#include "reserve/overlay.hpp"

namespace reserve::python {
namespace {

py::object helpers() { return py::module_::import("libreserve._frames"); }

// One feature source as Python describes it: a path (with read options) or a Layer.
struct FeatureSpec {
  py::object source;
  std::string layer, encoding, assume_crs, x_field, y_field, id_field, category_field, name_field;
  std::optional<std::string> category;
};

FeatureCategory category_named(const std::string& id) {
  auto c = category_from_string(id);
  if (!c) {
    std::string ids;
    for (auto k : all_categories()) ids += (ids.empty() ? "" : ", ") + std::string(to_string(k));
    throw UsageError("unknown feature category '" + id + "'; use one of " + ids);
  }
  return *c;
}

// An in-memory layer reprojected into the working CRS row by row (a row that cannot be
// transformed is skipped with an issue, as load_features does for files).
Layer reprojected(const Layer& in, const Crs& working_crs) {
  Layer out = in;
  if (equivalent(in.crs, working_crs)) return out;
  Transformer t(in.crs, working_crs);
  out.features.clear();
  for (const auto& f : in.features) {
    Feature g = f;
    try {
      t.apply(g.geometry);
    } catch (const InputError& e) {
      Issue i;
      i.code = IssueCode::transform_failed;
      i.severity = Severity::error;
      i.message = e.message() + "; the feature is skipped";
      i.where = SourceRef{in.path, in.name, f.id};
      out.issues.push_back(std::move(i));
      continue;
    }
    out.features.push_back(std::move(g));
  }
  out.crs = working_crs;
  return out;
}

FeatureSet load(const std::vector<FeatureSpec>& specs, const std::string& category_map,
                const Crs& working_crs) {
  CategoryMap categories = CategoryMap::defaults();
  if (!category_map.empty()) categories.add_mapping(category_map);
  std::vector<std::pair<FeatureOptions, std::optional<Layer>>> jobs;
  for (const auto& s : specs) {
    FeatureOptions o;
    if (py::isinstance<py::str>(s.source)) o.path = s.source.cast<std::string>();
    o.read.layer = s.layer;
    o.read.encoding = s.encoding;
    o.read.assume_crs = s.assume_crs;
    o.read.x_field = s.x_field;
    o.read.y_field = s.y_field;
    o.read.id_field = s.id_field;
    o.category_field = s.category_field;
    o.name_field = s.name_field;
    if (s.category) o.category = category_named(*s.category);
    o.categories = categories;
    std::optional<Layer> layer;
    if (py::isinstance<Layer>(s.source)) layer = s.source.cast<const Layer&>();
    jobs.emplace_back(std::move(o), std::move(layer));
  }
  py::gil_scoped_release release;
  FeatureSet set;
  set.crs = working_crs;
  for (auto& [options, layer] : jobs) {
    if (layer) {
      Layer moved = reprojected(*layer, working_crs);
      FeatureSet more = features_from_layer(moved, options, working_crs);
      more.issues.insert(more.issues.begin(), moved.issues.begin(), moved.issues.end());
      append(set, std::move(more));
    } else {
      append(set, load_features(options, working_crs));
    }
  }
  return set;
}

// The shape of `reserve overlay --json`: the library's JSON text, parsed.
py::object overlay_dict(const ConflictOverlay& c) {
  return py::module_::import("json").attr("loads")(overlay_json_text(c));
}

struct LedgerArgs {
  LedgerInputs inputs;
  std::optional<ActionTable> profile_actions;  // from the check's profile, tried first
};

// The library's ledger calls (as `reserve ledger`); the input issues lead the ledger's issues.
Ledger make_ledger(const ConflictOverlay& conflicts, const LedgerArgs& a) {
  std::vector<Issue> issues;
  const auto exceedances = load_exceedances(a.inputs, conflicts.features.crs, issues);
  Ledger ledger = reserve::make_ledger(conflicts, exceedances, a.inputs,
                                       a.profile_actions ? &*a.profile_actions : nullptr, issues);
  ledger.issues = std::move(issues);  // the input issues, then the ledger's own (make_ledger)
  return ledger;
}

py::object opt_float(const std::optional<double>& v) {
  return v ? py::object(py::float_(*v)) : py::object(py::none());
}

py::dict ledger_row_dict(const LedgerRow& r) {
  py::dict d;
  d["problem_id"] = r.problem_id;
  d["feature_id"] = r.feature_id;
  d["category"] = r.category;
  d["category_zh"] = r.category_zh;
  d["name"] = r.name;
  d["lon_deg"] = opt_float(r.lon_deg);
  d["lat_deg"] = opt_float(r.lat_deg);
  d["x_m"] = opt_float(r.x_m);
  d["y_m"] = opt_float(r.y_m);
  d["plane_crs"] = r.plane_crs;
  d["zone_before"] = r.zone_before;
  d["zone_after"] = r.zone_after;
  d["change"] = r.change;
  d["description_zh"] = r.description_zh;
  d["description_en"] = r.description_en;
  d["action_zh"] = r.action_zh;
  d["action_en"] = r.action_en;
  d["basis"] = r.basis;
  d["adjusting_instead_of_rectifying"] = r.adjusting_instead_of_rectifying;
  d["target"] = r.assignment.target;
  d["deadline"] = r.assignment.deadline;
  d["responsible_unit"] = r.assignment.responsible_unit;
  d["responsible_leader"] = r.assignment.responsible_leader;
  d["responsible_person"] = r.assignment.responsible_person;
  d["supervising_unit"] = r.assignment.supervising_unit;
  d["measures"] = r.assignment.measures;
  d["status"] = r.status;
  return d;
}

}  // namespace

void bind_conflicts(py::module_& m) {
  py::class_<FeatureSpec>(m, "FeatureSourceSpec")
      .def(py::init([](py::object source, std::string layer, std::string encoding,
                       std::string assume_crs, std::string x_field, std::string y_field,
                       std::string id_field, std::string category_field, std::string name_field,
                       std::optional<std::string> category) {
             return FeatureSpec{std::move(source),     std::move(layer),
                                std::move(encoding),   std::move(assume_crs),
                                std::move(x_field),    std::move(y_field),
                                std::move(id_field),   std::move(category_field),
                                std::move(name_field), std::move(category)};
           }),
           py::arg("source"), py::arg("layer") = "", py::arg("encoding") = "",
           py::arg("assume_crs") = "", py::arg("x_field") = "", py::arg("y_field") = "",
           py::arg("id_field") = "", py::arg("category_field") = "", py::arg("name_field") = "",
           py::arg("category") = py::none());

  py::class_<FeatureSet>(m, "FeatureSet",
                         "Conflict features (mining rights, facilities, …) in the working CRS, "
                         "with their category, id, name and source attributes.")
      .def_readonly("crs", &FeatureSet::crs)
      .def_readonly("issues", &FeatureSet::issues)
      .def_readonly("skipped_count", &FeatureSet::skipped_count)
      .def_property_readonly("used_summary", &FeatureSet::used_summary,
                             "Per layer: \"N of M used\", rows left out, repaired, kept as other.")
      .def_property_readonly(
          "left_out",
          [](const FeatureSet& s) {
            py::list out;
            for (const auto& l : s.left_out) {
              py::dict d;
              d["label"] = l.label;
              d["category"] =
                  l.category ? py::object(py::str(to_string(*l.category))) : py::object(py::none());
              d["code"] = to_string(l.code);
              d["reason"] = l.reason;
              d["file"] = l.where.file;
              d["layer"] = l.where.layer;
              d["feature"] = l.where.feature;
              d["rows"] = l.rows;  // > 1: a grouped entry (issue 14.3)
              out.append(d);
            }
            return out;
          },
          "Rows that could not be used (named, with the reason); the rules depending on them "
          "are incomplete.")
      .def("__len__", [](const FeatureSet& s) { return s.features.size(); })
      .def("records",
           [](const FeatureSet& s) {
             py::list out;
             for (const auto& f : s.features) {
               py::dict d;
               d["id"] = f.id;
               d["label"] = f.label();
               d["fid"] = f.fid;
               d["ordinal"] = f.ordinal;
               d["name"] = f.name;
               d["category"] = to_string(f.category);
               d["category_zh"] = chinese_name(f.category);
               d["category_label"] = f.category_label;
               d["treatment"] = f.treatment;
               d["built_year"] =
                   f.built_year ? py::object(py::int_(*f.built_year)) : py::object(py::none());
               d["licence_number"] = f.mining_right ? f.mining_right->licence_number : "";
               d["holder"] = f.mining_right ? f.mining_right->holder : "";
               d["file"] = f.where.file;
               d["layer"] = f.where.layer;
               d["wkb"] = wkb_bytes(f.geometry);
               out.append(d);
             }
             return out;
           })
      .def("to_geopandas",
           [](const py::object& self) { return helpers().attr("features_to_geopandas")(self); })
      .def("__repr__", [](const FeatureSet& s) {
        return "<FeatureSet " + std::to_string(s.features.size()) + " features, " +
               std::to_string(s.skipped_count) + " skipped, " + s.crs.label() + ">";
      });
  m.def("load_features", &load, py::arg("sources"), py::arg("category_map") = "",
        py::arg("working_crs"));

  py::class_<ConflictOverlay>(m, "Overlay",
                              "Conflict features × zones before and after: zone, area per zone, "
                              "location vs the boundary, distances and the status change.")
      .def_property_readonly("features", [](const ConflictOverlay& c) { return c.features; })
      .def_property_readonly(
          "area_method",
          [](const ConflictOverlay& c) { return std::string(to_string(c.overlay.area_method)); })
      .def_property_readonly(
          "boundary_tolerance_m",
          [](const ConflictOverlay& c) { return c.overlay.boundary_tolerance_m; })
      .def("__len__", [](const ConflictOverlay& c) { return c.overlay.rows.size(); })
      .def("to_dict", &overlay_dict, "The overlay in the shape of `reserve overlay --json`.")
      .def("feature_wkbs",
           [](const ConflictOverlay& c) {
             py::list out;
             for (const auto& row : c.overlay.rows)
               out.append(wkb_bytes(c.features.features.at(row.feature_index).geometry));
             return out;
           })
      .def("rows", [](const py::object& self) { return helpers().attr("overlay_rows")(self); })
      .def("to_geopandas",
           [](const py::object& self) { return helpers().attr("overlay_to_geopandas")(self); })
      .def("_repr_html_",
           [](const py::object& self) { return helpers().attr("overlay_html")(self); })
      .def("__repr__", [](const ConflictOverlay& c) {
        return "<Overlay " + std::to_string(c.overlay.rows.size()) + " features, " +
               std::to_string(c.overlay.count(StatusChange::freed)) + " freed, " +
               std::to_string(c.overlay.count(StatusChange::partly_freed)) + " partly freed, " +
               std::to_string(c.overlay.count(StatusChange::downgraded)) + " downgraded>";
      });
  m.def(
      "overlay",
      [](const FeatureSet& features, const Zoning& before, const Zoning& after,
         double boundary_tolerance_m, double min_area_m2, const std::string& area_method) {
        OverlayOptions o;
        o.boundary_tolerance_m = boundary_tolerance_m;
        o.min_area_m2 = min_area_m2;
        o.area_method = area_method_from_string(area_method);
        py::gil_scoped_release release;
        return make_conflict_overlay(features, before, after, o);
      },
      py::arg("features"), py::arg("before"), py::arg("after"),
      py::arg("boundary_tolerance_m") = 1.0, py::arg("min_area_m2") = 1.0,
      py::arg("area_method") = "geodesic");

  py::class_<Ledger>(m, "Ledger",
                     "The rectification ledger (整改台账): one row per problem with location, "
                     "zones, description, required action, legal basis and assignment.")
      .def_readonly("issues", &Ledger::issues)
      .def("__len__", [](const Ledger& l) { return l.rows.size(); })
      .def("records",
           [](const Ledger& l) {
             py::list out;
             for (const auto& r : l.rows) out.append(ledger_row_dict(r));
             return out;
           })
      .def_static(
          "headers", [] { return ledger_headers(); },
          "Column headers of ledger.csv (Chinese with English in brackets).")
      .def(
          "cells",
          [](const Ledger& l) {
            std::vector<std::vector<std::string>> out;
            for (const auto& r : l.rows) out.push_back(ledger_cells(r));
            return out;
          },
          "Each row's cells in headers() order, as written to ledger.csv.")
      .def(
          "write_csv",
          [](const Ledger& l, const std::string& path) {
            py::gil_scoped_release release;
            write_ledger_csv(l, path);
          },
          py::arg("path"), "UTF-8 with BOM, CRLF, written atomically.")
      .def(
          "write_xlsx",
          [](const Ledger& l, const std::string& path) {
            py::gil_scoped_release release;
            write_ledger_xlsx(l, path);
          },
          py::arg("path"))
      .def(
          "to_dataframe",
          [](const py::object& self, bool raw) {
            return helpers().attr("ledger_frame")(self, raw);
          },
          py::arg("raw") = false)
      .def("to_dict", [](const py::object& self) { return helpers().attr("ledger_to_dict")(self); })
      .def("_repr_html_",
           [](const py::object& self) { return helpers().attr("ledger_html")(self); })
      .def("__repr__", [](const Ledger& l) {
        return "<Ledger " + std::to_string(l.rows.size()) + " problems, " +
               std::to_string(l.issues.size()) + " issues>";
      });
  m.def(
      "ledger",
      [](const ConflictOverlay& conflicts, const std::string& monitoring,
         const std::string& monitoring_layer, const std::string& standards,
         const std::string& water_class, const std::string& discharge_level,
         const std::string& assignments, const std::string& actions,
         std::optional<int> established_year, bool include_outside, const py::object& check) {
        LedgerArgs a{
            LedgerInputs{monitoring, monitoring_layer, standards, water_class, discharge_level,
                         assignments, actions, established_year, include_outside},
            profile_actions(check)};
        py::gil_scoped_release release;
        return make_ledger(conflicts, a);
      },
      py::arg("overlay"), py::arg("monitoring") = "", py::arg("monitoring_layer") = "",
      py::arg("standards") = "", py::arg("water_class") = "I", py::arg("discharge_level") = "new",
      py::arg("assignments") = "", py::arg("actions") = "",
      py::arg("established_year") = py::none(), py::arg("include_outside") = false,
      py::arg("check") = py::none());
}

}  // namespace reserve::python
