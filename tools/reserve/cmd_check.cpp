// `reserve check`: compare a proposal with its baseline under a rule profile; print the verdicts
// and zone areas, write the reports (JSON, Markdown, HTML, evidence GeoPackage).
#include <fmt/format.h>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "check_conflicts.hpp"  // conflicts module: --mining, --facilities, ledger
#include "commands.hpp"
#include "report_map.hpp"
#include "reserve/area.hpp"
#include "reserve/check.hpp"
#include "reserve/compare.hpp"
#include "reserve/error.hpp"
#include "reserve/report.hpp"
#include "reserve/rules.hpp"
#include "reserve/validate.hpp"
#include "reserve/zoning.hpp"

namespace reserve::cli {
namespace {

struct CheckArgs {
  std::string before;
  std::string after;
  std::string before_layer;
  std::string after_layer;
  std::string zone_field;
  std::vector<std::string> zone_maps;
  std::string encoding;
  std::string crs;
  std::string working_crs;
  std::string profile = "three-no";
  std::string area_method;  // empty: the profile's
  std::string out = "reserve-out";
  std::string formats = "json,md,html,gpkg";
  bool json = false;
  bool no_reports = false;

  // EXTENSION POINTS (wired by the conflicts and maps modules):
  // --mining PATH / --facilities PATH: conflict layers for the overlay; when given, the overlay
  // result goes into RuleContext::conflicts and a ReportSection "conflicts" into the report.
  std::vector<std::string> mining;
  std::vector<std::string> facilities;
  // --map PATH.svg|PATH.png: render the map and embed it in the HTML report (Report::map).
  std::string map;
};

std::string quoted(const std::string& s) {
  if (!s.empty() && s.find_first_of(" \t'\"\\$`") == std::string::npos) return s;
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The command line as reconstructed from the parsed options (for the audit block).
std::string command_line(const CheckArgs& a) {
  std::string s = "reserve check --before " + quoted(a.before) + " --after " + quoted(a.after);
  auto opt = [&s](const char* name, const std::string& v) {
    if (!v.empty()) s += std::string(" ") + name + " " + quoted(v);
  };
  opt("--before-layer", a.before_layer);
  opt("--after-layer", a.after_layer);
  opt("--zone-field", a.zone_field);
  for (const auto& m : a.zone_maps) opt("--zone-map", m);
  opt("--encoding", a.encoding);
  opt("--crs", a.crs);
  opt("--working-crs", a.working_crs);
  opt("--profile", a.profile);
  opt("--area-method", a.area_method);
  opt("--out", a.out);
  opt("--format", a.formats);
  if (a.json) s += " --json";
  return s;
}

ZoningOptions zoning_options(const CheckArgs& a, const std::string& name, const std::string& path,
                             const std::string& layer, const std::string& working_crs,
                             AreaMethod method) {
  ZoningOptions o;
  o.name = name;
  for (const auto& spec : a.zone_maps) o.scheme.add_mapping(spec);
  ZoningSource s;
  s.path = path;
  s.read.layer = layer;
  s.read.encoding = a.encoding;
  s.read.assume_crs = a.crs;
  s.zone_field = a.zone_field;
  o.sources.push_back(std::move(s));
  o.working_crs = working_crs;
  o.area_method = method;
  return o;
}

std::string crs_text(const Crs& c) { return c.epsg ? "EPSG:" + std::to_string(*c.epsg) : c.wkt; }

std::string fixed(double v, int decimals) {
  std::string s = fmt::format("{:.{}f}", v, decimals);
  if (s.rfind("-0.", 0) == 0 && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}

const char* status_word(VerdictStatus s) {
  switch (s) {
    case VerdictStatus::pass: return "PASS";
    case VerdictStatus::fail: return "FAIL";
    case VerdictStatus::warn: return "WARN";
    case VerdictStatus::not_evaluated: return "NOT EVALUATED";
  }
  return "NOT EVALUATED";
}

void print_summary(const Report& r, const std::vector<std::string>& written) {
  const Comparison& c = r.comparison;
  std::printf("Profile %s (version %s), area method %s, working CRS %s, %s model\n",
              r.audit.profile_name.c_str(), r.audit.profile_version.c_str(),
              to_string(c.area_method), r.audit.working_crs.c_str(), to_string(c.model));
  std::printf("\nZone areas (ha)          before     share        after     share       change\n");
  for (const auto& b : c.before.zones) {
    const double a = c.after.area_m2(b.zone);
    std::printf("  %-17s %12s %8s %% %12s %8s %% %12s\n", to_string(b.zone),
                fixed(to_ha(b.area_m2), 2).c_str(), fixed(b.share * 100, 2).c_str(),
                fixed(to_ha(a), 2).c_str(), fixed(c.after.share(b.zone) * 100, 2).c_str(),
                fixed(to_ha(a - b.area_m2), 2).c_str());
  }
  std::printf(
      "  %-17s %12s %8s %% %12s %8s %% %12s\n",
      c.model == ZoneModel::two_zone ? "core_protection" : "core+buffer",
      fixed(to_ha(c.before.strict_m2), 2).c_str(), fixed(c.before.strict_share * 100, 2).c_str(),
      fixed(to_ha(c.after.strict_m2), 2).c_str(), fixed(c.after.strict_share * 100, 2).c_str(),
      fixed(to_ha(c.after.strict_m2 - c.before.strict_m2), 2).c_str());
  std::printf(
      "  %-17s %12s %10s %12s %10s %12s\n", "total", fixed(to_ha(c.before.total_m2), 2).c_str(), "",
      fixed(to_ha(c.after.total_m2), 2).c_str(), "", fixed(to_ha(c.net_change_m2()), 2).c_str());
  std::printf(
      "  gross removed %s ha, added %s ha, downgraded %s ha, upgraded %s ha "
      "(noise excluded; noise pieces: %zu)\n",
      fixed(to_ha(c.removed.significant_m2()), 2).c_str(),
      fixed(to_ha(c.added.significant_m2()), 2).c_str(),
      fixed(to_ha(c.downgraded.significant_m2()), 2).c_str(),
      fixed(to_ha(c.upgraded.significant_m2()), 2).c_str(), c.noise_pieces().size());

  std::printf("\nRule                                  Result\n");
  for (const auto& v : r.verdicts) {
    std::printf("  %-36s %s\n", v.rule_id.c_str(), status_word(v.status));
    std::printf("      %s\n", v.explanation_en.c_str());
  }
  std::printf("\nOverall: %s\n", status_word(r.overall));
  for (const auto& p : written) std::printf("wrote %s\n", p.c_str());
  std::fflush(stdout);
}

void run_check(const CheckArgs& a, const CheckConflictArgs& ca) {
  const std::vector<ReportFormat> formats = parse_report_formats(a.formats);
  Profile profile = load_profile(a.profile);
  if (!a.area_method.empty()) profile.area_method = area_method_from_string(a.area_method);

  const Zoning before = load_zoning(
      zoning_options(a, "baseline", a.before, a.before_layer, a.working_crs, profile.area_method));
  // The proposal goes into the baseline's working CRS — but only silently when both sources
  // share a CRS or the user chose the working CRS.
  const Zoning after = load_zoning(zoning_options(a, "proposal", a.after, a.after_layer,
                                                  crs_text(before.crs), profile.area_method));
  if (a.working_crs.empty() && !before.sources.empty() && !after.sources.empty()) {
    const Crs& sb = before.sources.front().source_crs;
    const Crs& sa = after.sources.front().source_crs;
    if (!sb.empty() && !sa.empty() && !equivalent(sb, sa)) {
      throw InputError("the baseline is in " + sb.label() + " and the proposal in " + sa.label() +
                       "; give --working-crs (e.g. --working-crs " + before.crs.label() +
                       ") to compare them in one CRS");
    }
  }

  Report report;
  report.comparison = compare(before, after, compare_options(profile));
  TopologyOptions topo;
  report.before_validation =
      validate_zoning(before, topo, AreaCalculator(before.crs, profile.area_method));
  report.after_validation =
      validate_zoning(after, topo, AreaCalculator(after.crs, profile.area_method));
  // Conflicts module: overlay of the conflict layers, handed to the rule engine.
  const std::optional<CheckConflicts> conflicts =
      load_check_conflicts(ca.conflicts, ca.ledger, before, after, profile);
  if (conflicts) print_issues(conflicts->issues, "the conflict and monitoring inputs");
  // Maps module: the comparison map (with the conflict features) for the HTML report.
  if (!a.map.empty()) {
    report.map = write_report_map(before, after, report.comparison,
                                  conflicts ? &conflicts->overlay.features : nullptr, a.map);
  }
  RuleContext ctx{report.comparison, profile, &*report.before_validation, &*report.after_validation,
                  conflicts ? conflicts->rule_input() : nullptr};
  report.verdicts = evaluate_rules(ctx, RuleRegistry::standard());
  report.overall = overall_status(report.verdicts);
  report.audit = make_audit(before, after, profile, command_line(a));

  if (conflicts) report.sections.push_back(conflicts_section(*conflicts));

  std::vector<std::string> written;
  if (!a.no_reports) written = write_reports(report, a.out, formats);
  if (conflicts && !a.no_reports)
    for (const auto& p : write_ledger_files(conflicts->ledger, a.out)) written.push_back(p);
  if (a.json) {
    std::cout << report_json(report);
  } else {
    print_summary(report, written);
  }
  command_exit_code() = report.overall == VerdictStatus::fail ? 1 : 0;
}

}  // namespace

void add_check_command(CLI::App& app) {
  auto args = std::make_shared<CheckArgs>();
  auto conflict_args = std::make_shared<CheckConflictArgs>();
  CLI::App* cmd = app.add_subcommand(
      "check",
      "Check a proposal against its baseline under a rule profile (default: three-no):\n"
      "no slimming, core+buffer share not reduced, zoning sanity, …. Prints the verdicts and\n"
      "zone areas, writes report.json, report.md, report.html and evidence.gpkg to --out.\n"
      "Exit 0 all rules pass (or warn), 1 a rule fails, 2 usage error, 3 input error.");
  cmd->add_option("--before", args->before, "Baseline zoning (the approved one)")->required();
  cmd->add_option("--after", args->after, "Proposed zoning")->required();
  cmd->add_option("--before-layer", args->before_layer, "Layer of the baseline file");
  cmd->add_option("--after-layer", args->after_layer, "Layer of the proposal file");
  cmd->add_option("--zone-field", args->zone_field,
                  "Attribute holding the zone labels (default: detect)");
  cmd->add_option("--zone-map", args->zone_maps,
                  "Extra label mapping, e.g. '1=core,2=buffer,3=experimental'; repeat")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--encoding", args->encoding, "Text encoding of the sources (e.g. GBK)");
  cmd->add_option("--crs", args->crs, "CRS to assume when a source has none (e.g. EPSG:4544)");
  cmd->add_option("--working-crs", args->working_crs,
                  "Working CRS for both sides (default: the baseline's projected CRS or its "
                  "CGCS2000 GK zone)");
  cmd->add_option("--profile", args->profile,
                  "Rule profile: a shipped name (three-no, national-2013, guangdong-2023) or a "
                  "path to a .toml file");
  cmd->add_option("--area-method", args->area_method, "geodesic or planar (default: the profile's)")
      ->check(CLI::IsMember({"geodesic", "planar"}));
  cmd->add_option("--out", args->out, "Output directory for the reports (default ./reserve-out)");
  cmd->add_option("--format", args->formats, "Report formats: json,md,html,gpkg (default all)");
  cmd->add_flag("--json", args->json, "Print the JSON report to stdout instead of the summary");
  cmd->add_flag("--no-reports", args->no_reports, "Write no report files");
  cmd->add_option("--map", args->map,
                  "Also draw the comparison map to this .svg or .png and embed it in the HTML "
                  "report");                        // maps module
  add_check_conflict_options(cmd, *conflict_args);  // conflicts module
  cmd->callback([args, conflict_args] { run_check(*args, *conflict_args); });
}

}  // namespace reserve::cli
