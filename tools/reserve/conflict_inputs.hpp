#pragma once
// Options and loading shared by `reserve overlay`, `reserve ledger` (and `reserve check` for its
// conflict layers): the two zonings, mining rights, facilities, monitoring samples, assignments.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "reserve/check.hpp"
#include "reserve/overlay.hpp"
#include "reserve/zoning.hpp"

namespace reserve::cli {

struct ZoningArgs {
  std::string before, after;
  std::string before_layer, after_layer;
  std::string zone_field;
  std::vector<std::string> zone_maps;
  std::string encoding;
  std::string crs;
  std::string working_crs;
  std::string area_method = "geodesic";
};

// The library's plain input values (reserve/check.hpp), filled from the command line.
using ConflictArgs = ConflictInputs;
using LedgerArgs = LedgerInputs;

// --before, --after (required unless `after_required` is false), layers, zone field/maps, ….
void add_zoning_options(CLI::App* cmd, ZoningArgs& a, bool after_required = true);
void add_conflict_options(CLI::App* cmd, ConflictArgs& a);
void add_ledger_options(CLI::App* cmd, LedgerArgs& a);

struct LoadedZonings {
  Zoning before;
  Zoning after;
};
// The zoning options as a CheckRequest (the library's one loading path, load_zoning_pair).
CheckRequest zoning_request(const ZoningArgs& a);
// Both zonings in one working CRS, with the check's CRS policy (reserve/check.hpp).
LoadedZonings load_zonings(const ZoningArgs& a);

OverlayOptions overlay_options(const ConflictArgs& a, const ZoningArgs& z);

// The overlay in the shape of `reserve overlay --json` (the library's overlay_json_text).
nlohmann::json overlay_json(const ConflictOverlay& c);
void print_overlay_text(const ConflictOverlay& c);

// Prints issues (skipped rows etc.) to stderr, one line each, and a count line.
void print_issues(const std::vector<Issue>& issues, const std::string& what);

}  // namespace reserve::cli
