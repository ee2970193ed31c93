// `reserve check`: compare a proposal with its baseline under a rule profile; print the verdicts
// and zone areas, write the reports (JSON, Markdown, HTML, evidence GeoPackage).
#include <fmt/format.h>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "arena_warmup.hpp"
#include "check_conflicts.hpp"  // conflicts module: --mining, --facilities, ledger
#include "commands.hpp"
#include "output_guard.hpp"
#include "progress.hpp"         // progress on stderr (terminal only)
#include "province_output.hpp"  // province mode: many reserves per layer
#include "report_map.hpp"
#include "reserve/area.hpp"
#include "reserve/check.hpp"
#include "reserve/province.hpp"
#include "reserve/report.hpp"
#include "reserve/result_store.hpp"
#include "store_options.hpp"

namespace reserve::cli {
namespace {

struct CheckArgs {
  ZoningArgs zoning;  // --before, --after, layers, zone field/maps, encoding, CRSs
  std::string profile = "three-no";
  std::string area_method;  // empty: the profile's
  std::string out = "reserve-out";
  std::string formats = "json,md,html,gpkg";
  bool json = false;
  bool no_reports = false;
  StoreArgs store;  // --out PG:…: --run-id, --reserve-name

  // --map PATH.svg|PATH.png: the comparison map, written there and embedded in report.html.
  std::string map;

  // Province mode (layers holding many reserves): see province_output.hpp.
  std::string reserve_field;  // empty: detect
  unsigned jobs = 0;          // 0: all cores
  bool quiet = false;
  bool per_reserve_reports = false;
  bool formats_given = false;
};

std::string quoted(const std::string& s) {
  if (!s.empty() && s.find_first_of(" \t'\"\\$`") == std::string::npos) return s;
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The command line as reconstructed from the parsed options (for the audit block).
std::string command_line(const CheckArgs& a) {
  std::string s =
      "reserve check --before " + quoted(a.zoning.before) + " --after " + quoted(a.zoning.after);
  auto opt = [&s](const char* name, const std::string& v) {
    if (!v.empty()) s += std::string(" ") + name + " " + quoted(v);
  };
  opt("--before-layer", a.zoning.before_layer);
  opt("--after-layer", a.zoning.after_layer);
  opt("--zone-field", a.zoning.zone_field);
  for (const auto& m : a.zoning.zone_maps) opt("--zone-map", m);
  opt("--encoding", a.zoning.encoding);
  opt("--crs", a.zoning.crs);
  opt("--working-crs", a.zoning.working_crs);
  opt("--reserve-field", a.reserve_field);
  opt("--profile", a.profile);
  opt("--area-method", a.area_method);
  opt("--out", a.out);
  opt("--run-id", a.store.run_id);
  opt("--reserve-name", a.store.reserve_name);
  opt("--format", a.formats);
  if (a.json) s += " --json";
  return s;
}

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
    case VerdictStatus::incomplete: return "INCOMPLETE";
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

// The command line as a CheckRequest (reserve/check.hpp): the library does the rest.
CheckRequest check_request(const CheckArgs& a, const CheckConflictArgs& ca) {
  CheckRequest r = zoning_request(a.zoning);
  r.profile = a.profile;
  if (!a.area_method.empty()) r.area_method = area_method_from_string(a.area_method);
  r.conflicts = ca.conflicts;
  r.ledger = ca.ledger;
  if (!a.map.empty()) r.map_format = report_map_format(a.map);
  r.command_line = command_line(a);
  return r;
}

// The files this run may write (before any work, so that a bad --out fails at once).
std::vector<std::string> planned_outputs(const CheckArgs& a, const CheckConflictArgs& ca) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  if (!a.map.empty()) out.push_back(a.map);
  if (a.no_reports || is_database_destination(a.out)) return out;
  std::vector<std::string> names = {"province.json", "province.csv",     "province.xlsx",
                                    "province.html", "province_map.png", "province_map.pdf"};
  try {
    for (ReportFormat f : parse_report_formats(a.formats))
      names.push_back(f == ReportFormat::json       ? "report.json"
                      : f == ReportFormat::markdown ? "report.md"
                      : f == ReportFormat::html     ? "report.html"
                                                    : "evidence.gpkg");
  } catch (const UsageError&) {  // province-only formats (csv, xlsx, map): any report file
    for (const char* n : {"report.json", "report.md", "report.html", "evidence.gpkg"})
      names.push_back(n);
  }
  if (!ca.conflicts.mining.empty() || !ca.conflicts.facilities.empty() ||
      !ca.ledger.monitoring.empty())
    for (const char* n :
         {"ledger.csv", "ledger.xlsx", "province_ledger.csv", "province_ledger.xlsx"})
      names.push_back(n);
  for (const std::string& n : names) out.push_back((fs::path(a.out) / n).string());
  return out;
}

// The ledger files of a single check, staged while its rules are still evaluated (the
// CheckRequest's on_ledger hook, on the ledger's thread) and moved into place with the reports;
// an error in staging is kept and said after the reports' own.
struct EarlyLedger {
  std::optional<StagedLedgerFiles> files;
  std::exception_ptr error;
};

// One reserve: the reports and summary of the single check.
void finish_single(const CheckArgs& a, const CheckResult& result, EarlyLedger& early) {
  const std::vector<ReportFormat> formats = parse_report_formats(a.formats);
  if (result.conflicts)
    print_issues(result.conflicts->issues, "the conflict and monitoring inputs");
  for (const auto& w : result.map_warnings) std::cerr << "reserve check: map: " << w << "\n";
  // The map file holds the same bytes as the report's map.
  if (!a.map.empty()) write_report_map(result.report.map, a.map);

  std::vector<std::string> written;
  std::string run_id;
  if (!a.no_reports && is_database_destination(a.out)) {
    // A database: the results as tables, in one transaction (reserve/result_store.hpp).
    std::string reserve = result.report.title;
    if (reserve.empty() && !result.report.audit.inputs.empty())
      reserve = result.report.audit.inputs.front().layer;  // the baseline's layer name
    const RunStamp stamp = run_stamp(a.store, reserve);
    written = write_check_results(
        result.report, result.conflicts ? &result.conflicts->ledger : nullptr, a.out, stamp);
    run_id = stamp.run_id;
  } else if (!a.no_reports) {
    // The ledger files were staged during the check (on_ledger); they go into place after the
    // reports, so a report's error still comes first. A check whose conflicts maker did not
    // call the hook writes them here.
    written = write_reports(result.report, a.out, formats);
    if (early.error) std::rethrow_exception(early.error);
    std::vector<std::string> ledger_paths;
    if (early.files)
      ledger_paths = early.files->commit();
    else if (result.conflicts)
      ledger_paths = write_ledger_files(result.conflicts->ledger, a.out);
    written.insert(written.end(), ledger_paths.begin(), ledger_paths.end());
  }
  if (a.json) {
    std::cout << report_json(result.report);
  } else if (!a.quiet) {
    print_summary(result.report, written);
    if (!run_id.empty()) std::printf("run id %s\n", run_id.c_str());
  }
  command_exit_code() = exit_code_for(result.report.overall);
}

// The layers decide: one reserve → the single check as always; several (or --reserve-field) →
// province mode.
void run_check_command(const CheckArgs& a, const CheckConflictArgs& ca) {
  // Faulted in on the core the opening of the inputs leaves idle (arena_warmup.cpp).
  const ArenaWarmup warmup(warmup_bytes({a.zoning.before, a.zoning.after}));
  std::vector<std::string> inputs = input_files(a.zoning, ca.conflicts, &ca.ledger);
  inputs.push_back(a.profile);
  guard_outputs(planned_outputs(a, ca), inputs);
  ProvinceRequest request;
  request.check = check_request(a, ca);
  request.reserve_field = a.reserve_field;
  request.jobs = a.jobs;
  // The reserve folders and a database need every reserve's full result; the province files
  // only the spooled report texts and the slim rows (memory follows the largest reserve).
  request.keep_results = a.per_reserve_reports || is_database_destination(a.out);
  EarlyLedger early;
  if (!a.no_reports && !is_database_destination(a.out))
    request.check.on_ledger = [&early, &a](const Ledger& ledger) {
      try {
        early.files = stage_ledger_files(ledger, a.out);
      } catch (...) {
        early.error = std::current_exception();
      }
    };
  ProvinceResult province;
  {
    Progress progress(!a.quiet && !a.json);  // its line ends before anything else is printed
    request.progress = progress.callback();
    province = run_province_check(request);
  }
  if (!province.province_mode) return finish_single(a, *province.reserves.front().result, early);
  finish_province(province, ProvinceOutputArgs{a.out, a.formats, a.formats_given, a.json, a.quiet,
                                               a.no_reports, a.per_reserve_reports, a.store});
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
      "Exit 0 all rules pass (or warn), 1 a rule fails, 2 usage error, 3 input error, 5 "
      "incomplete\n"
      "(no rule fails, but a rule's input was partly left out).");
  cmd->add_option("--before", args->zoning.before, "Baseline zoning (the approved one)")
      ->required();
  cmd->add_option("--after", args->zoning.after, "Proposed zoning")->required();
  cmd->add_option("--before-layer", args->zoning.before_layer, "Layer of the baseline file");
  cmd->add_option("--after-layer", args->zoning.after_layer, "Layer of the proposal file");
  cmd->add_option("--zone-field", args->zoning.zone_field,
                  "Attribute holding the zone labels (default: detect)");
  cmd->add_option("--zone-map", args->zoning.zone_maps,
                  "Extra label mapping, e.g. '1=core,2=buffer,3=experimental'; repeat")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--encoding", args->zoning.encoding, "Text encoding of the sources (e.g. GBK)");
  cmd->add_option("--crs", args->zoning.crs,
                  "CRS to assume when a source has none (e.g. EPSG:4544)");
  cmd->add_option("--working-crs", args->zoning.working_crs,
                  "Working CRS for both sides (default: the baseline's projected CRS or its "
                  "CGCS2000 GK zone)");
  cmd->add_option("--profile", args->profile,
                  "Rule profile: a shipped name (three-no, national-2013, guangdong-2023) or a "
                  "path to a .toml file");
  cmd->add_option("--area-method", args->area_method,
                  "geodesic, planar or survey (default: the profile's)")
      ->check(CLI::IsMember({"geodesic", "planar", "survey"}));
  cmd->add_option("--out", args->out,
                  "Output directory for the reports (default ./reserve-out), or a database "
                  "connection 'PG:dbname=… host=…' to write the results as tables");
  add_store_options(cmd, args->store);
  CLI::Option* format_option = cmd->add_option(
      "--format", args->formats,
      "Report formats: json,md,html,gpkg (default all); province mode also csv,xlsx,map");
  cmd->add_flag("--json", args->json, "Print the JSON report to stdout instead of the summary");
  cmd->add_flag("--no-reports", args->no_reports, "Write no report files");
  cmd->add_option("--map", args->map,
                  "Also draw the comparison map to this .svg or .png and embed it in the HTML "
                  "report");                        // maps module
  add_check_conflict_options(cmd, *conflict_args);  // conflicts module
  // Province mode (README "Province mode").
  cmd->add_option("--reserve-field", args->reserve_field,
                  "Attribute naming each feature's reserve; layers with several reserves are "
                  "checked reserve by reserve (default: detect 保护区名称, 保护地名称, 名称, "
                  "NAME, reserve_id, …)");
  cmd->add_option("--jobs", args->jobs,
                  "Threads: reserves checked in parallel, or one reserve's two zonings prepared at "
                  "once (default: all cores)");
  cmd->add_flag("--quiet", args->quiet, "No progress and no summary on the terminal");
  cmd->add_flag("--per-reserve-reports", args->per_reserve_reports,
                "Province mode: also write each reserve's reports to OUT/reserves/<name>/");
  cmd->callback([args, conflict_args, format_option] {
    args->formats_given = format_option->count() > 0;
    run_check_command(*args, *conflict_args);
  });
}

}  // namespace reserve::cli
