// `reserve overlay`: where each mining right and facility lies before and after the proposal,
// with areas per zone, boundary distances and the status change.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "conflict_inputs.hpp"
#include "output_guard.hpp"
#include "province_options.hpp"
#include "reserve/error.hpp"
#include "reserve/report.hpp"

namespace reserve::cli {
namespace {

struct OverlayArgs {
  ZoningArgs zoning;
  ConflictArgs conflicts;
  bool json = false;
  std::string out_dir;
  ProvinceArgs province;  // --reserve-field: each reserve's overlay
};

// Exit 1 when a conflict feature (the rule's default categories) is freed or downgraded.
bool any_conflict_freed(const ConflictOverlay& c) {
  const auto counted = default_conflict_categories();
  for (const auto& row : c.overlay.rows) {
    const bool conflict = std::find(counted.begin(), counted.end(), row.category) != counted.end();
    if (conflict &&
        (row.change == StatusChange::freed || row.change == StatusChange::partly_freed ||
         row.change == StatusChange::downgraded))
      return true;
  }
  return false;
}

void write_overlay_json(const std::string& dir, const nlohmann::json& j) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw UsageError("cannot create the output directory " + dir);
  write_file_atomic((std::filesystem::path(dir) / "overlay.json").string(), j.dump(2) + "\n");
}

// Province mode: each checked reserve's overlay as its check made it (the check's own noise
// classification of the change), {"reserves": [{"reserve", "match", "overlay"}]}.
void run_province_overlay(const OverlayArgs& a) {
  CheckRequest r = zoning_request(a.zoning);
  r.conflicts = a.conflicts;
  if (!a.zoning.area_method.empty()) r.area_method = area_method_from_string(a.zoning.area_method);
  const ProvinceResult result = run_province(std::move(r), a.province);
  nlohmann::json j;
  j["reserve_field"] = result.reserve_field;
  j["reserves"] = nlohmann::json::array();
  bool freed = false, left_out = false;
  for (const auto& row : result.reserves) {
    const ConflictOverlay* c = row.result ? row.result->overlay() : nullptr;
    if (!c) continue;
    j["reserves"].push_back(
        {{"reserve", row.reserve}, {"match", to_string(row.match)}, {"overlay", overlay_json(*c)}});
    if (!a.json) {
      std::cout << "== " << row.reserve << " (" << to_string(row.match) << ") ==\n";
      print_overlay_text(*c);
    }
    freed = freed || any_conflict_freed(*c);
    left_out = left_out || !c->features.left_out.empty();
  }
  if (a.json) std::cout << j.dump(2) << "\n";
  if (!a.out_dir.empty()) write_overlay_json(a.out_dir, j);
  command_exit_code() = freed ? 1 : left_out ? kExitIncomplete : 0;
}

void run_overlay(const OverlayArgs& a) {
  if (a.conflicts.mining.empty() && a.conflicts.facilities.empty())
    throw UsageError("give at least one conflict layer: --mining FILE or --facilities FILE");
  if (!a.out_dir.empty())
    guard_outputs({(std::filesystem::path(a.out_dir) / "overlay.json").string()},
                  input_files(a.zoning, a.conflicts));
  if (use_province_mode(zoning_request(a.zoning), a.province)) return run_province_overlay(a);
  const LoadedZonings z = load_zonings(a.zoning);
  FeatureSet features = load_conflict_features(a.conflicts, z.before.crs);
  print_issues(features.issues, "the conflict layers");
  const ConflictOverlay c = make_conflict_overlay(std::move(features), z.before, z.after,
                                                  overlay_options(a.conflicts, a.zoning));
  const nlohmann::json j = overlay_json(c);
  if (a.json)
    std::cout << j.dump(2) << "\n";
  else
    print_overlay_text(c);
  if (!a.out_dir.empty()) write_overlay_json(a.out_dir, j);
  command_exit_code() = any_conflict_freed(c)          ? 1
                        : !c.features.left_out.empty() ? kExitIncomplete
                                                       : 0;
}

}  // namespace

void add_overlay_command(CLI::App& app) {
  auto args = std::make_shared<OverlayArgs>();
  CLI::App* cmd = app.add_subcommand(
      "overlay",
      "Overlay mining rights and facilities on the baseline and proposed zonings: zone before\n"
      "and after, area per zone (polygons), inside / on-boundary / outside (points, with a\n"
      "tolerance), distances to the reserve boundary and the nearest stricter zone, and the\n"
      "status change (freed, downgraded, newly included, …).\n"
      "Exit 0 ok, 1 a conflict feature is freed or downgraded, 2 usage error, 3 input error, 5\n"
      "incomplete (rows left out, nothing freed).");
  add_zoning_options(cmd, args->zoning);
  add_conflict_options(cmd, args->conflicts);
  cmd->add_flag("--json", args->json, "Print the overlay as JSON");
  cmd->add_option("--out", args->out_dir, "Also write overlay.json into this directory");
  add_province_options(cmd, args->province);
  cmd->callback([args] { run_overlay(*args); });
}

}  // namespace reserve::cli
