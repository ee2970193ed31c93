// The check: profile → compare → validate both sides → rules → report, the same library calls
// as `reserve check`, so the JSON of a CheckResult equals the CLI's report.json (except the
// time stamp and the command line in the audit block). Heavy work runs with the GIL released.
#include <memory>

#include "bindings.hpp"
#include "reserve/check.hpp"
#include "reserve/compare.hpp"
#include "reserve/ledger.hpp"
#include "reserve/map_layers.hpp"
#include "reserve/overlay.hpp"
#include "reserve/render.hpp"
#include "reserve/report.hpp"
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

// Everything a check needs besides the zonings.
struct CheckOptions {
  std::string profile = "three-no";
  std::string area_method;  // empty: the profile's
  std::string title;
  std::string command_line;
};

}  // namespace

// A check's report plus the conflict overlay it was given (for the ledger and the map).
struct CheckOutcome {
  Report report;
  std::optional<ConflictOverlay> conflicts;
  Zoning before;  // kept for maps
  Zoning after;
  Profile profile;  // its [[conflicts.decisions]] go first in ledger(result)
};

// Renders the comparison map into report.map (once) for the HTML report.
void embed_map(CheckOutcome& c);

namespace {

// With conflict features, the overlay, ledger and report section are made by the library calls
// `reserve check` uses (reserve/check.hpp).
CheckOutcome run_check(const Zoning& before, const Zoning& after, const CheckOptions& o,
                       const FeatureSet* features, double boundary_tolerance_m,
                       double min_area_m2) {
  Profile profile = load_profile(o.profile);
  if (!o.area_method.empty()) profile.area_method = area_method_from_string(o.area_method);
  std::optional<CheckConflicts> conflicts;
  if (features)
    conflicts = make_check_conflicts(*features, true, before, after, profile, boundary_tolerance_m,
                                     min_area_m2, LedgerInputs{}, features->issues);
  Report report;
  report.title = o.title;
  report.comparison = compare(before, after, compare_options(profile));
  TopologyOptions topo;
  report.before_validation =
      validate_zoning(before, topo, AreaCalculator(before.crs, profile.area_method));
  report.after_validation =
      validate_zoning(after, topo, AreaCalculator(after.crs, profile.area_method));
  RuleContext ctx{report.comparison, profile, &*report.before_validation, &*report.after_validation,
                  conflicts ? conflicts->rule_input() : nullptr};
  report.verdicts = evaluate_rules(ctx, RuleRegistry::standard());
  report.overall = overall_status(report.verdicts);
  report.audit = make_audit(before, after, profile, o.command_line);
  std::optional<ConflictOverlay> overlay;
  if (conflicts) {
    report.sections.push_back(conflicts_section(*conflicts));
    overlay = std::move(conflicts->overlay);
  }
  return CheckOutcome{std::move(report), std::move(overlay), before, after, std::move(profile)};
}

}  // namespace

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

  py::class_<CheckOutcome>(
      m, "CheckResult",
      "The result of check(): verdicts, the comparison, both validations and the "
      "audit block. Displays as the verdict table in Jupyter.")
      .def_property_readonly("title", [](const CheckOutcome& c) { return c.report.title; })
      .def_property_readonly(
          "overall", [](const CheckOutcome& c) { return std::string(to_string(c.report.overall)); })
      .def_property_readonly(
          "rules", [](const CheckOutcome& c) { return c.report.verdicts; },
          "The verdicts, in profile order.")
      .def_property_readonly(
          "comparison",
          [](const CheckOutcome& c) -> const Comparison& { return c.report.comparison; },
          py::return_value_policy::reference_internal)
      .def_readonly("before", &CheckOutcome::before, "The baseline zoning that was checked.")
      .def_readonly("after", &CheckOutcome::after, "The proposal that was checked.")
      .def_property_readonly("before_validation",
                             [](const CheckOutcome& c) { return c.report.before_validation; })
      .def_property_readonly("after_validation",
                             [](const CheckOutcome& c) { return c.report.after_validation; })
      .def_property_readonly(
          "overlay",
          [](const CheckOutcome& c) -> const ConflictOverlay* {
            return c.conflicts ? &*c.conflicts : nullptr;
          },
          py::return_value_policy::reference_internal,
          "The conflict overlay the check used (None without mining/facilities).")
      .def_property_readonly("profile",
                             [](const CheckOutcome& c) {
                               return c.report.audit.profile_name + " v" +
                                      c.report.audit.profile_version;
                             })
      .def(
          "verdict",
          [](const CheckOutcome& c, const std::string& rule_id) -> const Verdict& {
            for (const auto& v : c.report.verdicts)
              if (v.rule_id == rule_id) return v;
            std::string ids;
            for (const auto& v : c.report.verdicts) ids += (ids.empty() ? "" : ", ") + v.rule_id;
            throw UsageError("no rule '" + rule_id + "' in this result; rules are " + ids);
          },
          py::arg("rule_id"), py::return_value_policy::reference_internal)
      .def(
          "to_json",
          [](const CheckOutcome& c) {
            std::string out;
            {
              py::gil_scoped_release release;
              out = report_json(c.report);
            }
            return out;
          },
          "The JSON report (schema docs/report-schema.json), as `reserve check --json` prints.")
      .def("to_markdown", [](const CheckOutcome& c) { return report_markdown(c.report); })
      .def(
          "to_html",
          [](CheckOutcome& c, bool map) {
            py::gil_scoped_release release;
            if (map) embed_map(c);
            return report_html(c.report);
          },
          py::arg("map") = false,
          "The self-contained HTML report, as report.html; map=True embeds the comparison map "
          "(zones, changes and the conflict features of this check) as `reserve check --map`.")
      .def(
          "write",
          [](CheckOutcome& c, const std::string& directory, const std::string& formats, bool map) {
            const auto fmts = parse_report_formats(formats);
            py::gil_scoped_release release;
            if (map) embed_map(c);
            return write_reports(c.report, directory, fmts);
          },
          py::arg("directory"), py::arg("formats") = "json,md,html,gpkg", py::arg("map") = false,
          "Writes report.json / report.md / report.html / evidence.gpkg into `directory` "
          "(atomically) and returns the paths; map=True embeds the map in report.html.")
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
      .def("__repr__", [](const CheckOutcome& c) {
        std::string s = "<CheckResult " + std::string(to_string(c.report.overall)) + ":";
        for (const auto& v : c.report.verdicts) s += " " + v.rule_id + "=" + to_string(v.status);
        return s + ">";
      });

  m.def(
      "check",
      [](const Zoning& before, const Zoning& after, const std::string& profile,
         const std::string& area_method, const std::string& title, const std::string& command_line,
         const FeatureSet* features, double boundary_tolerance_m, double min_area_m2) {
        CheckOptions o{profile, area_method, title, command_line};
        py::gil_scoped_release release;
        return run_check(before, after, o, features, boundary_tolerance_m, min_area_m2);
      },
      py::arg("before"), py::arg("after"), py::arg("profile") = "three-no",
      py::arg("area_method") = "", py::arg("title") = "", py::arg("command_line") = "",
      py::arg("features") = nullptr, py::arg("boundary_tolerance_m") = 1.0,
      py::arg("min_area_m2") = 1.0);
}

void embed_map(CheckOutcome& c) {
  if (!c.report.map.empty()) return;
  const FeatureSet* features = c.conflicts ? &c.conflicts->features : nullptr;
  const MapLayers layers = comparison_map_layers(c.before, c.after, c.report.comparison, features);
  MapStyle style = default_map_style();
  style.title = "保护区功能区调整对比图";
  const RenderedMap rendered = render_map_bytes(layers, style, MapFormat::png);
  c.report.map.png.assign(rendered.bytes.begin(), rendered.bytes.end());
  c.report.map.caption = "调整前后功能区对比（" + rendered.summary.crs_note + "）";
}

std::optional<ActionTable> profile_actions(const py::object& check) {
  if (check.is_none()) return std::nullopt;
  return profile_action_table(check.cast<const CheckOutcome&>().profile);
}

}  // namespace reserve::python
