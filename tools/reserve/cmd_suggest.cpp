// `reserve suggest`: what it would take to pass — the parcels to add and the zone upgrades that
// restore 不瘦身 and the core + buffer rules (the library's suggest(), reserve/suggest.hpp).
#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "check_conflicts.hpp"
#include "commands.hpp"
#include "reserve/area.hpp"
#include "reserve/suggest.hpp"

namespace reserve::cli {
namespace {

struct SuggestArgs {
  ZoningArgs zoning;
  std::string profile = "three-no";
  std::string out = "reserve-suggest";
  std::string formats = "json,md,html";
  std::string added_zone = "choose";
  std::optional<double> conflict_buffer_m;
  bool no_map = false;
  SuggestOptions options;
};

void print_result(const SuggestResult& r, const std::vector<std::string>& written) {
  std::printf("Suggestion: %s\n", to_string(r.status));
  for (const auto& t : r.targets)
    std::printf("  restores %s (%s)\n", t.rule_id.c_str(), t.title_zh.c_str());
  for (const auto& id : r.not_addressed)
    std::printf("  cannot restore %s (not an area rule)\n", id.c_str());
  for (const auto& u : r.unmet) std::printf("  %s\n", u.c_str());
  if (r.status == SuggestStatus::solved) {
    std::printf("Method %s (%s): objective %.2f, lower bound %.2f, gap %.2f %%, %.3f s\n",
                r.method.c_str(), r.method_reason.c_str(), r.objective, r.lower_bound,
                r.gap * 100.0, r.solve_seconds);
    for (const auto& p : r.parcels)
      std::printf("  %-10s %-7s %s → %s %10.2f ha  %s\n", p.id.c_str(), to_string(p.action),
                  chinese_name(p.zone_before), chinese_name(p.zone_after), to_ha(p.area_m2),
                  p.reason.c_str());
    if (r.recheck) {
      std::printf("Checked again with the suggestion applied:");
      for (const auto& v : r.recheck->report.verdicts)
        std::printf(" %s %s;", v.rule_id.c_str(), to_string(v.status));
      std::printf("\n");
    }
  }
  for (const auto& p : written) std::printf("wrote %s\n", p.c_str());
  std::fflush(stdout);
}

void run_suggest_command(SuggestArgs a, const CheckConflictArgs& ca) {
  SuggestRequest req;
  req.check = zoning_request(a.zoning);
  req.check.profile = a.profile;
  if (!a.zoning.area_method.empty())
    req.check.area_method = area_method_from_string(a.zoning.area_method);
  req.check.conflicts = ca.conflicts;
  req.check.ledger = ca.ledger;
  req.check.command_line = "reserve suggest";
  a.options.added_zone = added_zone_policy_from_string(a.added_zone);
  a.options.conflict_buffer_m = a.conflict_buffer_m;
  req.options = a.options;
  const std::vector<ReportFormat> formats = parse_report_formats(a.formats);
  const SuggestResult r = suggest(req);
  print_issues(r.issues, "the candidate layers");
  const std::vector<std::string> written = write_suggestion(r, a.out, formats, !a.no_map);
  print_result(r, written);
  command_exit_code() = exit_code_for(r);
}

}  // namespace

void add_suggest_command(CLI::App& app) {
  auto args = std::make_shared<SuggestArgs>();
  auto conflict_args = std::make_shared<CheckConflictArgs>();
  CLI::App* cmd = app.add_subcommand(
      "suggest",
      "What it would take to pass: the candidate parcels to add and the zone upgrades inside the\n"
      "proposal that restore 不瘦身 and the core + buffer share with the least added area (or\n"
      "cost), conflict features and their buffer kept out, new land contiguous with the reserve.\n"
      "Writes suggestion.gpkg, proposal_suggested.gpkg, report.{json,md,html} and\n"
      "suggestion_map.svg to --out. Exit 0 a suggestion (or none needed), 1 no candidate set can\n"
      "pass (the rule and by how much are printed), 2 usage, 3 input error.");
  args->zoning.area_method.clear();  // empty: the profile's
  add_zoning_options(cmd, args->zoning);
  cmd->add_option("--candidates", args->options.candidates,
                  "Candidate land (any polygons); repeat, in priority order")
      ->required();
  cmd->add_option("--candidates-layer", args->options.candidates_layer,
                  "Layer of the candidate files");
  cmd->add_option("--candidates-crs", args->options.candidates_crs,
                  "CRS to assume for candidate files without one");
  cmd->add_option("--cost-field", args->options.cost_field,
                  "Attribute with each parcel's cost or priority (default: area)");
  cmd->add_option("--added-zone", args->added_zone,
                  "Zone of added land: experimental, buffer or choose (default: the solver's "
                  "choice per parcel)")
      ->check(CLI::IsMember({"experimental", "buffer", "choose"}));
  cmd->add_flag("!--no-upgrades", args->options.upgrades,
                "Do not upgrade 实验区 to 缓冲区 inside the proposal");
  cmd->add_option("--conflict-buffer", args->conflict_buffer_m,
                  "Metres kept free around each conflict feature (default: the profile's "
                  "[conflicts] buffer_distance_m)");
  cmd->add_option("--max-gap", args->options.max_gap_m,
                  "Largest gap (m) between new land and the reserve that still counts as "
                  "contiguous (default 0: touching)");
  cmd->add_option("--min-parcel", args->options.min_parcel_m2,
                  "Drop candidate pieces smaller than this, m² (default 100)");
  cmd->add_option("--max-exact", args->options.max_exact_candidates,
                  "Solve exactly up to this many pieces, greedily beyond (default 3000)");
  cmd->add_option("--time-limit", args->options.time_limit_s, "Solver time limit, s (default 60)");
  cmd->add_option("--profile", args->profile, "Rule profile (default three-no)");
  cmd->add_option("--out", args->out, "Output directory (default ./reserve-suggest)");
  cmd->add_option("--format", args->formats, "Report formats: json,md,html (default all three)");
  cmd->add_flag("--no-map", args->no_map, "Do not draw suggestion_map.svg");
  add_check_conflict_options(cmd, *conflict_args);
  cmd->callback([args, conflict_args] { run_suggest_command(*args, *conflict_args); });
}

}  // namespace reserve::cli
