// The check: the library's run_check (reserve/check.hpp), as `reserve check` calls it, so the
// JSON of a CheckResult equals the CLI's report.json (except the time stamp and the command line
// in the audit block; tests/parity checks it). Heavy work runs with the GIL released.
#include <memory>

#include "bindings.hpp"
#include "reserve/check.hpp"
#include "reserve/compare.hpp"
#include "reserve/ledger.hpp"
#include "reserve/map_layers.hpp"
#include "reserve/overlay.hpp"
#include "reserve/render.hpp"
#include "reserve/report.hpp"
#include "reserve/result_store.hpp"
#include "reserve/rules.hpp"
#include "reserve/validate.hpp"
#include "reserve/zoning.hpp"

namespace reserve::python {
namespace {

py::object helpers() { return py::module_::import("libreserve._frames"); }

py::dict measures(const std::vector<Measure>& list) {
  py::dict d;
  for (const auto& m : list) d[py::str(m.name)] = m.value;
  return d;
}

py::object optional_zone(const std::optional<Zone>& z) {
  return z ? py::cast(*z) : py::object(py::none());
}

py::list evidence_list(const std::vector<Evidence>& list) {
  py::list out;
  for (const auto& e : list) {
    py::dict d;
    d["kind"] = to_string(e.kind);
    d["id"] = e.id;
    d["description"] = e.description;
    d["zone_before"] = optional_zone(e.zone_before);
    d["zone_after"] = optional_zone(e.zone_after);
    d["area_m2"] = e.area_m2 ? py::object(py::float_(*e.area_m2)) : py::object(py::none());
    if (!e.geometry.empty()) {
      d["wkb"] = wkb_bytes(e.geometry);
    } else if (e.location) {
      d["wkb"] = wkb_bytes(Geometry::from(*e.location));
    } else {
      d["wkb"] = py::none();
    }
    out.append(d);
  }
  return out;
}

// One side of a check as Python gives it: a path or a Zoning already loaded.
CheckZoningInput zoning_input(const py::object& side, const std::string& layer) {
  CheckZoningInput in;
  if (py::isinstance<Zoning>(side)) {
    in.zoning = side.cast<const Zoning&>();
  } else {
    in.path = side.cast<std::string>();
    in.layer = layer;
  }
  return in;
}

std::optional<AreaMethod> area_method_option(const std::string& name) {
  if (name.empty()) return std::nullopt;
  return area_method_from_string(name);
}

}  // namespace

// The map of a check for the HTML report (once), as `reserve check --map` draws it.
void embed_map(CheckResult& c) {
  if (!c.report.map.empty()) return;
  const RenderedMap rendered = render_check_map(c, MapFormat::png);
  c.report.map.png.assign(rendered.bytes.begin(), rendered.bytes.end());
  c.report.map.caption = "调整前后功能区对比（" + rendered.summary.crs_note + "）";
}

void bind_check(py::module_& m) {
  py::class_<Verdict>(m, "Verdict",
                      "One rule's result: status, measured values, thresholds, explanation and "
                      "evidence.")
      .def_readonly("rule_id", &Verdict::rule_id)
      .def_readonly("title_zh", &Verdict::title_zh)
      .def_readonly("title_en", &Verdict::title_en)
      .def_property_readonly("status",
                             [](const Verdict& v) { return std::string(to_string(v.status)); })
      .def_property_readonly("measured", [](const Verdict& v) { return measures(v.measured); })
      .def_property_readonly("thresholds", [](const Verdict& v) { return measures(v.thresholds); })
      .def_property_readonly("units",
                             [](const Verdict& v) {
                               py::dict d;
                               for (const auto* list : {&v.measured, &v.thresholds})
                                 for (const auto& x : *list) d[py::str(x.name)] = to_string(x.unit);
                               return d;
                             })
      .def_readonly("threshold_text", &Verdict::threshold_text)
      .def_readonly("explanation_zh", &Verdict::explanation_zh)
      .def_readonly("explanation_en", &Verdict::explanation_en)
      .def_property_readonly("evidence", [](const Verdict& v) { return evidence_list(v.evidence); })
      .def("__repr__", [](const Verdict& v) {
        return "<Verdict " + v.rule_id + ": " + to_string(v.status) + ">";
      });

  py::class_<Profile>(m, "Profile", "A rule profile (thresholds, zone model, area method).")
      .def_readonly("name", &Profile::name)
      .def_readonly("version", &Profile::version)
      .def_readonly("description", &Profile::description)
      .def_readonly("source", &Profile::source)
      .def_readonly("confidence", &Profile::confidence)
      .def_readonly("path", &Profile::path)
      .def_property_readonly("area_method",
                             [](const Profile& p) { return std::string(to_string(p.area_method)); })
      .def_property_readonly("rules",
                             [](const Profile& p) {
                               std::vector<std::string> ids;
                               for (const auto& r : p.rules)
                                 if (r.enabled) ids.push_back(r.id);
                               return ids;
                             })
      .def("__repr__", [](const Profile& p) {
        return "<Profile " + p.name + " v" + p.version + ", " + to_string(p.area_method) + ", " +
               std::to_string(p.rules.size()) + " rules>";
      });
  m.def(
      "load_profile", [](const std::string& name) { return load_profile(name); },
      py::arg("name_or_path"));
  m.def("available_profiles", [] { return available_profiles(); });

  py::class_<CheckResult>(
      m, "CheckResult",
      "The result of check(): verdicts, the comparison, both validations and the "
      "audit block. Displays as the verdict table in Jupyter.")
      .def_property_readonly("title", [](const CheckResult& c) { return c.report.title; })
      .def_property_readonly(
          "overall", [](const CheckResult& c) { return std::string(to_string(c.report.overall)); })
      .def_property_readonly(
          "rules", [](const CheckResult& c) { return c.report.verdicts; },
          "The verdicts, in profile order.")
      .def_property_readonly(
          "comparison",
          [](const CheckResult& c) -> const Comparison& { return c.report.comparison; },
          py::return_value_policy::reference_internal)
      .def_readonly("before", &CheckResult::before, "The baseline zoning that was checked.")
      .def_readonly("after", &CheckResult::after, "The proposal that was checked.")
      .def_property_readonly("before_validation",
                             [](const CheckResult& c) { return c.report.before_validation; })
      .def_property_readonly("after_validation",
                             [](const CheckResult& c) { return c.report.after_validation; })
      .def_property_readonly(
          "overlay", [](const CheckResult& c) { return c.overlay(); },
          py::return_value_policy::reference_internal,
          "The conflict overlay the check used (None without mining/facilities).")
      .def_property_readonly(
          "ledger",
          [](const CheckResult& c) -> const Ledger* {
            return c.conflicts ? &c.conflicts->ledger : nullptr;
          },
          py::return_value_policy::reference_internal,
          "The rectification ledger of the check (conflict features, monitoring exceedances, "
          "assignments), as `reserve check` writes ledger.csv; None without conflict inputs.")
      .def_property_readonly(
          "input_issues",
          [](const CheckResult& c) {
            return c.conflicts ? c.conflicts->issues : std::vector<Issue>{};
          },
          "Issues of the conflict and monitoring inputs (skipped rows, …), as the CLI prints.")
      .def_property_readonly("profile",
                             [](const CheckResult& c) {
                               return c.report.audit.profile_name + " v" +
                                      c.report.audit.profile_version;
                             })
      .def(
          "verdict",
          [](const CheckResult& c, const std::string& rule_id) -> const Verdict& {
            for (const auto& v : c.report.verdicts)
              if (v.rule_id == rule_id) return v;
            std::string ids;
            for (const auto& v : c.report.verdicts) ids += (ids.empty() ? "" : ", ") + v.rule_id;
            throw UsageError("no rule '" + rule_id + "' in this result; rules are " + ids);
          },
          py::arg("rule_id"), py::return_value_policy::reference_internal)
      .def(
          "to_json",
          [](const CheckResult& c) {
            std::string out;
            {
              py::gil_scoped_release release;
              out = report_json(c.report);
            }
            return out;
          },
          "The JSON report (schema docs/report-schema.json), as `reserve check --json` prints.")
      .def("to_markdown", [](const CheckResult& c) { return report_markdown(c.report); })
      .def(
          "to_html",
          [](CheckResult& c, bool map) {
            py::gil_scoped_release release;
            if (map) embed_map(c);
            return report_html(c.report);
          },
          py::arg("map") = false,
          "The self-contained HTML report, as report.html; map=True embeds the comparison map "
          "(zones, changes and the conflict features of this check) as `reserve check --map`.")
      .def(
          "write",
          [](CheckResult& c, const std::string& directory, const std::string& formats, bool map,
             const std::string& run_id, const std::string& reserve) {
            const auto fmts = parse_report_formats(formats);
            py::gil_scoped_release release;
            if (is_database_destination(directory)) {  // as `reserve check --out PG:…`
              const RunStamp stamp{run_id.empty() ? new_run_id() : run_id, reserve};
              return write_check_results(c.report, c.conflicts ? &c.conflicts->ledger : nullptr,
                                         directory, stamp);
            }
            if (map) embed_map(c);
            return write_reports(c.report, directory, fmts);
          },
          py::arg("directory"), py::arg("formats") = "json,md,html,gpkg", py::arg("map") = false,
          py::arg("run_id") = "", py::arg("reserve") = "",
          "Writes report.json / report.md / report.html / evidence.gpkg into `directory` "
          "(atomically) and returns the paths; map=True embeds the map in report.html. A "
          "connection string ('PG:dbname=… host=…') writes the results as tables instead, in one "
          "transaction, each row stamped with `run_id` (default: UTC time + random) and "
          "`reserve` (README, \"PostGIS\").")
      .def("to_dict", [](const py::object& self) { return helpers().attr("check_to_dict")(self); })
      .def("verdicts",
           [](const py::object& self) { return helpers().attr("check_verdicts")(self); })
      .def("zone_areas",
           [](const py::object& self) {
             return helpers().attr("comparison_zone_areas")(self.attr("comparison"));
           })
      .def(
          "transition_matrix",
          [](const py::object& self, const std::string& unit) {
            return helpers().attr("comparison_matrix")(self.attr("comparison"), unit);
          },
          py::arg("unit") = "ha")
      .def(
          "map",
          [](const py::object& self, const py::kwargs& kwargs) {
            return py::module_::import("libreserve.maps").attr("render_map")(self, **kwargs);
          },
          "The map of this check (zones, changes, conflict features): render_map(result, …).")
      .def("evidence",
           [](const py::object& self) { return helpers().attr("check_evidence")(self); })
      .def("_repr_html_", [](const py::object& self) { return helpers().attr("check_html")(self); })
      .def("__repr__", [](const CheckResult& c) {
        std::string s = "<CheckResult " + std::string(to_string(c.report.overall)) + ":";
        for (const auto& v : c.report.verdicts) s += " " + v.rule_id + "=" + to_string(v.status);
        return s + ">";
      });

  py::class_<ConflictInputs>(m, "ConflictInputs",
                             "Where a check's conflict layers come from (reserve/check.hpp).")
      .def(py::init<>())
      .def_readwrite("mining", &ConflictInputs::mining)
      .def_readwrite("facilities", &ConflictInputs::facilities)
      .def_readwrite("mining_layer", &ConflictInputs::mining_layer)
      .def_readwrite("facilities_layer", &ConflictInputs::facilities_layer)
      .def_readwrite("category_field", &ConflictInputs::category_field)
      .def_readwrite("category_maps", &ConflictInputs::category_maps)
      .def_readwrite("feature_encoding", &ConflictInputs::feature_encoding)
      .def_readwrite("feature_crs", &ConflictInputs::feature_crs)
      .def_readwrite("x_field", &ConflictInputs::x_field)
      .def_readwrite("y_field", &ConflictInputs::y_field)
      .def_readwrite("id_field", &ConflictInputs::id_field)
      .def_readwrite("boundary_tolerance_m", &ConflictInputs::boundary_tolerance_m)
      .def_readwrite("min_area_m2", &ConflictInputs::min_area_m2);
  py::class_<LedgerInputs>(m, "LedgerInputs",
                           "Monitoring, standards, assignments and decision table of a check.")
      .def(py::init<>())
      .def_readwrite("monitoring", &LedgerInputs::monitoring)
      .def_readwrite("monitoring_layer", &LedgerInputs::monitoring_layer)
      .def_readwrite("standards", &LedgerInputs::standards)
      .def_readwrite("water_class", &LedgerInputs::water_class)
      .def_readwrite("discharge_level", &LedgerInputs::discharge_level)
      .def_readwrite("assignments", &LedgerInputs::assignments)
      .def_readwrite("actions", &LedgerInputs::actions)
      .def_readwrite("established_year", &LedgerInputs::established_year)
      .def_readwrite("include_outside", &LedgerInputs::include_outside);

  // Argument translation only: the check is the library's run_check (reserve/check.hpp).
  m.def(
      "check",
      [](const py::object& before, const py::object& after, const std::string& before_layer,
         const std::string& after_layer, const std::string& zone_field,
         const std::vector<std::string>& zone_maps, const std::string& encoding,
         const std::string& crs, const std::string& working_crs, const std::string& profile,
         const std::string& area_method, const std::string& title, const std::string& command_line,
         const ConflictInputs& conflicts, const FeatureSet* features, const LedgerInputs& ledger) {
        CheckRequest r;
        r.before = zoning_input(before, before_layer);
        r.after = zoning_input(after, after_layer);
        r.zone_field = zone_field;
        r.zone_maps = zone_maps;
        r.encoding = encoding;
        r.crs = crs;
        r.working_crs = working_crs;
        r.profile = profile;
        r.area_method = area_method_option(area_method);
        r.title = title;
        r.command_line = command_line;
        r.conflicts = conflicts;
        if (features) r.features = *features;
        r.ledger = ledger;
        py::gil_scoped_release release;
        return run_check(r);
      },
      py::arg("before"), py::arg("after"), py::arg("before_layer") = "",
      py::arg("after_layer") = "", py::arg("zone_field") = "",
      py::arg("zone_maps") = std::vector<std::string>{}, py::arg("encoding") = "",
      py::arg("crs") = "", py::arg("working_crs") = "", py::arg("profile") = "three-no",
      py::arg("area_method") = "", py::arg("title") = "", py::arg("command_line") = "",
      py::arg("conflicts") = ConflictInputs{}, py::arg("features") = nullptr,
      py::arg("ledger") = LedgerInputs{});
}

std::optional<ActionTable> profile_actions(const py::object& check) {
  if (check.is_none()) return std::nullopt;
  return profile_action_table(check.cast<const CheckResult&>().profile);
}

}  // namespace reserve::python
