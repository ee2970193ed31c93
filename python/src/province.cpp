// Province mode: the library's run_province_check (reserve/province.hpp), as `reserve check` calls
// it when a layer holds several reserves, so ProvinceResult.to_json() equals the CLI's
// province.json (except time stamps and command lines; tests/parity checks it).
#include "reserve/province.hpp"
#include "bindings.hpp"
#include "reserve/check.hpp"

namespace reserve::python {
namespace {

py::list overlap_list(const std::vector<ReserveOverlap>& list) {
  py::list out;
  for (const auto& o : list) {
    py::dict d;
    d["reserve_a"] = o.reserve_a;
    d["reserve_b"] = o.reserve_b;
    d["area_m2"] = o.area_m2;
    d["centroid_x"] = o.centroid.x;
    d["centroid_y"] = o.centroid.y;
    d["lon_deg"] = o.lon_deg;
    d["lat_deg"] = o.lat_deg;
    d["wkb"] = wkb_bytes(o.geometry);
    out.append(d);
  }
  return out;
}

}  // namespace

void bind_province(py::module_& m) {
  py::class_<ProvinceReserve>(m, "ProvinceReserve",
                              "One row of a province check: a reserve (or merge / split group), "
                              "how it matched and its check.")
      .def_readonly("reserve", &ProvinceReserve::reserve)
      .def_property_readonly(
          "match", [](const ProvinceReserve& r) { return std::string(to_string(r.match)); })
      .def_readonly("before_reserves", &ProvinceReserve::before_reserves)
      .def_readonly("after_reserves", &ProvinceReserve::after_reserves)
      .def_readonly("before_area_m2", &ProvinceReserve::before_area_m2)
      .def_readonly("after_area_m2", &ProvinceReserve::after_area_m2)
      .def_readonly("before_strict_share", &ProvinceReserve::before_strict_share)
      .def_readonly("after_strict_share", &ProvinceReserve::after_strict_share)
      .def_readonly("freed_features", &ProvinceReserve::freed_features)
      .def_readonly("downgraded_features", &ProvinceReserve::downgraded_features)
      .def_property_readonly("error",
                             [](const ProvinceReserve& r) {
                               return r.error_kind ? py::object(py::str(r.error))
                                                   : py::object(py::none());
                             })
      .def_property_readonly(
          "result",
          [](const ProvinceReserve& r) -> const CheckResult* {
            return r.result ? &*r.result : nullptr;
          },
          py::return_value_policy::reference_internal,
          "The reserve's CheckResult (None when not checked: added, removed, or failed).")
      .def("__repr__", [](const ProvinceReserve& r) {
        return "<ProvinceReserve " + r.reserve + " " + to_string(r.match) + ": " +
               (r.result ? to_string(r.result->report.overall) : "not checked") + ">";
      });

  py::class_<ProvinceResult>(m, "ProvinceResult",
                             "The result of check_province(): one row per reserve, the "
                             "cross-reserve overlaps and the overall verdict.")
      .def_readonly("province_mode", &ProvinceResult::province_mode)
      .def_readonly("reserve_field", &ProvinceResult::reserve_field)
      .def_readonly("reserve_field_reason", &ProvinceResult::reserve_field_reason)
      .def_readonly("working_crs", &ProvinceResult::working_crs)
      .def_property_readonly(
          "area_method",
          [](const ProvinceResult& r) { return std::string(to_string(r.area_method)); })
      .def_property_readonly(
          "overall", [](const ProvinceResult& r) { return std::string(to_string(r.overall)); })
      .def_property_readonly("exit_code",
                             [](const ProvinceResult& r) { return province_exit_code(r); })
      .def_readonly("reserves", &ProvinceResult::reserves,
                    py::return_value_policy::reference_internal)
      .def_property_readonly(
          "before_overlaps",
          [](const ProvinceResult& r) { return overlap_list(r.before_overlaps); })
      .def_property_readonly("after_overlaps",
                             [](const ProvinceResult& r) { return overlap_list(r.after_overlaps); })
      .def(
          "table",
          [](const ProvinceResult& r) {
            const ProvinceTable t = province_table(r);
            return py::make_tuple(t.headers, t.numeric, t.rows);
          },
          "The province table as (headers, numeric flags, rows of text), as province.csv.")
      .def(
          "to_json",
          [](const ProvinceResult& r) {
            py::gil_scoped_release release;
            return province_json(r);
          },
          "province.json, as `reserve check` writes it in province mode.")
      .def(
          "write",
          [](const ProvinceResult& r, const std::string& directory, bool per_reserve_reports,
             bool map) {
            ProvinceOutputs o;
            o.per_reserve_reports = per_reserve_reports;
            o.map = map;
            std::vector<std::string> warnings;
            py::gil_scoped_release release;
            return write_province_outputs(r, directory, o, warnings);
          },
          py::arg("directory"), py::arg("per_reserve_reports") = false, py::arg("map") = true,
          "Writes province.csv/.xlsx/.json/.html and the overview map (and reserves/<name>/ "
          "reports) into `directory`; returns the paths.");

  m.def(
      "check_province",
      [](const std::string& before, const std::string& after, const std::string& reserve_field,
         unsigned jobs, const std::string& before_layer, const std::string& after_layer,
         const std::string& zone_field, const std::vector<std::string>& zone_maps,
         const std::string& encoding, const std::string& crs, const std::string& working_crs,
         const std::string& profile, const std::string& area_method,
         const std::string& command_line, const ConflictInputs& conflicts,
         const LedgerInputs& ledger) {
        ProvinceRequest p;
        CheckRequest& r = p.check;
        r.before.path = before;
        r.before.layer = before_layer;
        r.after.path = after;
        r.after.layer = after_layer;
        r.zone_field = zone_field;
        r.zone_maps = zone_maps;
        r.encoding = encoding;
        r.crs = crs;
        r.working_crs = working_crs;
        r.profile = profile;
        if (!area_method.empty()) r.area_method = area_method_from_string(area_method);
        r.command_line = command_line;
        r.conflicts = conflicts;
        r.ledger = ledger;
        p.reserve_field = reserve_field;
        p.jobs = jobs;
        py::gil_scoped_release release;
        return run_province_check(p);
      },
      py::arg("before"), py::arg("after"), py::arg("reserve_field") = "", py::arg("jobs") = 0u,
      py::arg("before_layer") = "", py::arg("after_layer") = "", py::arg("zone_field") = "",
      py::arg("zone_maps") = std::vector<std::string>{}, py::arg("encoding") = "",
      py::arg("crs") = "", py::arg("working_crs") = "", py::arg("profile") = "three-no",
      py::arg("area_method") = "", py::arg("command_line") = "",
      py::arg("conflicts") = ConflictInputs{}, py::arg("ledger") = LedgerInputs{});
}

}  // namespace reserve::python
