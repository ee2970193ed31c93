// Comparison of two zonings: summaries, transition matrix and change sets as Python values;
// tables and GeoDataFrames are built in libreserve._frames.
#include "reserve/compare.hpp"
#include "bindings.hpp"

namespace reserve::python {
namespace {

py::object helpers() { return py::module_::import("libreserve._frames"); }

py::list pieces_list(const std::vector<ChangePiece>& pieces) {
  py::list out;
  for (const auto& p : pieces) {
    py::dict d;
    d["from"] = p.from;
    d["to"] = p.to;
    d["area_m2"] = p.area_m2;
    d["width_m"] = p.width_m;
    d["noise"] = p.noise;
    d["wkb"] = wkb_bytes(Geometry::from(p.geometry));
    out.append(d);
  }
  return out;
}

}  // namespace

CompareOptions compare_options(const std::string& area_method, const std::string& common_model,
                               bool allow_model_mapping, double noise_max_area_m2,
                               double noise_max_width_m) {
  CompareOptions o;
  o.area_method = area_method_from_string(area_method);
  if (common_model == "two-zone" || common_model == "two_zone") {
    o.common_model = ZoneModel::two_zone;
  } else if (common_model == "three-zone" || common_model == "three_zone") {
    o.common_model = ZoneModel::three_zone;
  } else if (!common_model.empty()) {
    throw UsageError("unknown zone model '" + common_model + "'; use three-zone or two-zone");
  }
  o.allow_model_mapping = allow_model_mapping;
  o.noise.max_area_m2 = noise_max_area_m2;
  o.noise.max_width_m = noise_max_width_m;
  return o;
}

void bind_compare(py::module_& m) {
  py::class_<ZoningSummary>(m, "ZoningSummary", "Per-zone areas and shares of one side.")
      .def_readonly("model", &ZoningSummary::model)
      .def_readonly("total_m2", &ZoningSummary::total_m2)
      .def_readonly("outline_m2", &ZoningSummary::outline_m2)
      .def_readonly("strict_m2", &ZoningSummary::strict_m2)
      .def_readonly("strict_share", &ZoningSummary::strict_share)
      .def("area_m2", &ZoningSummary::area_m2, py::arg("zone"))
      .def("share", &ZoningSummary::share, py::arg("zone"))
      .def_property_readonly("zones",
                             [](const ZoningSummary& s) {
                               py::list out;
                               for (const auto& z : s.zones) {
                                 py::dict d;
                                 d["zone"] = z.zone;
                                 d["area_m2"] = z.area_m2;
                                 d["measured_m2"] = z.measured_m2;
                                 d["share"] = z.share;
                                 out.append(d);
                               }
                               return out;
                             })
      .def("__repr__", [](const ZoningSummary& s) {
        return "<ZoningSummary " + std::string(to_string(s.model)) + " total " +
               std::to_string(to_ha(s.total_m2)) + " ha, strict share " +
               std::to_string(100.0 * s.strict_share) + " %>";
      });

  py::class_<ChangeSet>(m, "ChangeSet", "Land removed, added, downgraded or upgraded.")
      .def_readonly("area_m2", &ChangeSet::area_m2)
      .def_readonly("noise_m2", &ChangeSet::noise_m2)
      .def_property_readonly("significant_m2", &ChangeSet::significant_m2)
      .def_property_readonly("pieces", [](const ChangeSet& c) { return pieces_list(c.pieces); })
      .def("__len__", [](const ChangeSet& c) { return c.pieces.size(); })
      .def("__repr__", [](const ChangeSet& c) {
        return "<ChangeSet " + std::to_string(c.pieces.size()) + " pieces, " +
               std::to_string(to_ha(c.area_m2)) + " ha>";
      });

  py::class_<Comparison>(m, "Comparison",
                         "Before/after comparison: zone areas and shares, the transition matrix "
                         "(zone before × zone after, outside included), gross removed / added / "
                         "net, downgraded and upgraded land.")
      .def_readonly("crs", &Comparison::crs)
      .def_property_readonly(
          "area_method", [](const Comparison& c) { return std::string(to_string(c.area_method)); })
      .def_readonly("model", &Comparison::model)
      .def_readonly("before", &Comparison::before)
      .def_readonly("after", &Comparison::after)
      .def_readonly("before_original", &Comparison::before_original)
      .def_readonly("after_original", &Comparison::after_original)
      .def_readonly("axis", &Comparison::axis)
      .def_readonly("removed", &Comparison::removed)
      .def_readonly("added", &Comparison::added)
      .def_readonly("downgraded", &Comparison::downgraded)
      .def_readonly("upgraded", &Comparison::upgraded)
      .def_property_readonly("net_change_m2", &Comparison::net_change_m2)
      .def(
          "cells",
          [](const Comparison& c, bool with_geometry) {
            py::list out;
            for (const auto& cell : c.matrix) {
              py::dict d;
              d["from"] = cell.from;
              d["to"] = cell.to;
              d["area_m2"] = cell.area_m2;
              if (with_geometry) d["wkb"] = wkb_bytes(cell.geometry);
              out.append(d);
            }
            return out;
          },
          py::arg("with_geometry") = false,
          "The matrix cells (from, to, area_m2[, wkb]) in row-major order over `axis`. In the "
          "comparison of a check result the unchanged cells (from == to) hold their area only "
          "(empty wkb); compare() gives every cell's geometry.")
      .def(
          "area_m2",
          [](const Comparison& c, Zone from, Zone to) {
            const TransitionCell* cell = c.cell(from, to);
            return cell ? cell->area_m2 : 0.0;
          },
          py::arg("from_zone"), py::arg("to_zone"), "Area of one transition-matrix cell, m².")
      .def("zone_areas",
           [](const py::object& self) { return helpers().attr("comparison_zone_areas")(self); })
      .def(
          "transition_matrix",
          [](const py::object& self, const std::string& unit) {
            return helpers().attr("comparison_matrix")(self, unit);
          },
          py::arg("unit") = "ha")
      .def("changes",
           [](const py::object& self) { return helpers().attr("comparison_changes")(self); })
      .def(
          "to_geopandas",
          [](const py::object& self) { return helpers().attr("comparison_changes")(self); },
          "The change pieces as a GeoDataFrame (the same as changes()).")
      .def("to_dict",
           [](const py::object& self) { return helpers().attr("comparison_to_dict")(self); })
      .def("_repr_html_",
           [](const py::object& self) { return helpers().attr("comparison_html")(self); })
      .def("__repr__", [](const Comparison& c) {
        return "<Comparison " + std::string(to_string(c.model)) + ", " +
               std::string(to_string(c.area_method)) + ", total " +
               std::to_string(to_ha(c.before.total_m2)) + " → " +
               std::to_string(to_ha(c.after.total_m2)) + " ha, removed " +
               std::to_string(to_ha(c.removed.area_m2)) + " ha, added " +
               std::to_string(to_ha(c.added.area_m2)) + " ha>";
      });

  m.def(
      "compare",
      [](const Zoning& before, const Zoning& after, const std::string& area_method,
         const std::string& common_model, bool allow_model_mapping, double noise_max_area_m2,
         double noise_max_width_m) {
        CompareOptions o = compare_options(area_method, common_model, allow_model_mapping,
                                           noise_max_area_m2, noise_max_width_m);
        py::gil_scoped_release release;
        return compare(before, after, o);
      },
      py::arg("before"), py::arg("after"), py::arg("area_method") = "geodesic",
      py::arg("common_model") = "", py::arg("allow_model_mapping") = true,
      py::arg("noise_max_area_m2") = 0.0, py::arg("noise_max_width_m") = 0.0);
}

}  // namespace reserve::python
