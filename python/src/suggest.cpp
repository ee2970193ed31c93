// `reserve suggest` for Python: the library's suggest() (reserve/suggest.hpp) with the check's
// inputs as paths; the result's parcels as dicts with WKB, its section as a dict, write() as the
// CLI writes. Heavy work runs with the GIL released.
#include "reserve/suggest.hpp"
#include "bindings.hpp"

namespace reserve::python {

void bind_suggest(py::module_& m) {
  py::class_<SuggestResult>(m, "SuggestResult",
                            "What it would take to pass: parcels to add and zone upgrades.")
      .def_property_readonly("status", [](const SuggestResult& r) { return to_string(r.status); })
      .def_readonly("method", &SuggestResult::method)
      .def_readonly("method_reason", &SuggestResult::method_reason)
      .def_readonly("objective", &SuggestResult::objective)
      .def_readonly("lower_bound", &SuggestResult::lower_bound)
      .def_readonly("gap", &SuggestResult::gap)
      .def_readonly("solve_seconds", &SuggestResult::solve_seconds)
      .def_readonly("unmet", &SuggestResult::unmet)
      .def_readonly("not_addressed", &SuggestResult::not_addressed)
      .def_readonly("check", &SuggestResult::check)
      .def_property_readonly("recheck",
                             [](const SuggestResult& r) {
                               return r.recheck ? py::cast(*r.recheck) : py::object(py::none());
                             })
      .def_property_readonly("suggested",
                             [](const SuggestResult& r) {
                               return r.suggested ? py::cast(*r.suggested) : py::object(py::none());
                             })
      .def_property_readonly("targets",
                             [](const SuggestResult& r) {
                               py::list out;
                               for (const auto& t : r.targets) out.append(t.rule_id);
                               return out;
                             })
      .def_property_readonly("parcels",
                             [](const SuggestResult& r) {
                               py::list out;
                               for (const auto& p : r.parcels) {
                                 py::dict d;
                                 d["id"] = p.id;
                                 d["action"] = to_string(p.action);
                                 d["zone_before"] = p.zone_before;
                                 d["zone_after"] = p.zone_after;
                                 d["area_m2"] = p.area_m2;
                                 d["cost"] = p.cost;
                                 d["source"] = p.source;
                                 d["reason"] = p.reason;
                                 d["wkb"] = wkb_bytes(p.geometry);
                                 out.append(d);
                               }
                               return out;
                             })
      .def(
          "to_dict",
          [](const SuggestResult& r) {
            return py::module_::import("json").attr("loads")(suggestion_section(r).json);
          },
          "The report's \"suggestion\" section as a dict.")
      .def(
          "write",
          [](const SuggestResult& r, const std::string& dir, const std::string& formats, bool map) {
            const auto f = parse_report_formats(formats);
            py::gil_scoped_release release;
            return write_suggestion(r, dir, f, map);
          },
          py::arg("directory"), py::arg("formats") = "json,md,html", py::arg("map") = true,
          "Writes suggestion.gpkg, proposal_suggested.gpkg, the reports and suggestion_map.svg.")
      .def("__repr__", [](const SuggestResult& r) {
        return "<SuggestResult " + std::string(to_string(r.status)) + ", " +
               std::to_string(r.parcels.size()) + " parcel(s)>";
      });

  m.def(
      "suggest",
      [](const std::string& before, const std::string& after,
         const std::vector<std::string>& candidates, const std::string& profile,
         const std::string& area_method, const std::string& working_crs,
         const ConflictInputs& conflicts, const std::string& cost_field,
         const std::string& candidates_layer, const std::string& added_zone,
         const std::optional<double>& conflict_buffer_m, double max_gap_m, double min_parcel_m2,
         bool upgrades, std::size_t max_exact, double time_limit_s) {
        SuggestRequest r;
        r.check.before.path = before;
        r.check.after.path = after;
        r.check.profile = profile;
        if (!area_method.empty()) r.check.area_method = area_method_from_string(area_method);
        r.check.working_crs = working_crs;
        r.check.conflicts = conflicts;
        r.check.command_line = "libreserve.suggest()";
        r.options.candidates = candidates;
        r.options.candidates_layer = candidates_layer;
        r.options.cost_field = cost_field;
        r.options.added_zone = added_zone_policy_from_string(added_zone);
        r.options.conflict_buffer_m = conflict_buffer_m;
        r.options.max_gap_m = max_gap_m;
        r.options.min_parcel_m2 = min_parcel_m2;
        r.options.upgrades = upgrades;
        r.options.max_exact_candidates = max_exact;
        r.options.time_limit_s = time_limit_s;
        py::gil_scoped_release release;
        return suggest(r);
      },
      py::arg("before"), py::arg("after"), py::arg("candidates"), py::arg("profile") = "three-no",
      py::arg("area_method") = "", py::arg("working_crs") = "",
      py::arg("conflicts") = ConflictInputs{}, py::arg("cost_field") = "",
      py::arg("candidates_layer") = "", py::arg("added_zone") = "choose",
      py::arg("conflict_buffer_m") = std::nullopt, py::arg("max_gap_m") = 0.0,
      py::arg("min_parcel_m2") = 100.0, py::arg("upgrades") = true, py::arg("max_exact") = 3000,
      py::arg("time_limit_s") = 60.0);
}

}  // namespace reserve::python
