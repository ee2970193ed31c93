#pragma once
// Options and loading shared by `reserve overlay`, `reserve ledger` (and `reserve check` for its
// conflict layers): the two zonings, mining rights, facilities, monitoring samples, assignments.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "reserve/features.hpp"
#include "reserve/ledger.hpp"
#include "reserve/monitoring.hpp"
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

struct ConflictArgs {
  std::vector<std::string> mining;      // mining-right layers
  std::vector<std::string> facilities;  // facility layers
  std::string mining_layer, facilities_layer;
  std::string category_field;
  std::vector<std::string> category_maps;
  std::string feature_encoding;
  std::string feature_crs;  // CRS to assume for feature files without one (CSV: EPSG:4490)
  std::string x_field, y_field, id_field;
  double boundary_tolerance_m = 1.0;
  double min_area_m2 = 1.0;
};

struct LedgerArgs {
  std::string monitoring;
  std::string monitoring_layer;
  std::string standards;  // user standards CSV (overrides)
  std::string water_class = "I";
  std::string discharge_level = "new";
  std::string assignments;
  std::string actions;  // user decision table (TOML) tried before the defaults
  int established_year = 0;
};

void add_zoning_options(CLI::App* cmd, ZoningArgs& a);
void add_conflict_options(CLI::App* cmd, ConflictArgs& a);
void add_ledger_options(CLI::App* cmd, LedgerArgs& a);

struct LoadedZonings {
  Zoning before;
  Zoning after;
};
LoadedZonings load_zonings(const ZoningArgs& a);

// Mining rights (category mining_right unless a category field says otherwise) and facilities,
// in the zonings' working CRS. Skipped rows are issues in the result.
FeatureSet load_conflict_features(const ConflictArgs& a, const Crs& working_crs);

OverlayOptions overlay_options(const ConflictArgs& a, const ZoningArgs& z);

// Monitoring exceedances (empty when no monitoring file is given); issues go to `issues`.
std::vector<Exceedance> load_exceedances(const LedgerArgs& a, const Crs& working_crs,
                                         std::vector<Issue>& issues);

Ledger make_ledger(const ConflictOverlay& conflicts, const std::vector<Exceedance>& exceedances,
                   const LedgerArgs& a, std::vector<Issue>& issues);

// Writes ledger.csv and ledger.xlsx into `dir` (created when missing); returns the two paths.
std::vector<std::string> write_ledger_files(const Ledger& ledger, const std::string& dir);

nlohmann::json overlay_json(const ConflictOverlay& c);
void print_overlay_text(const ConflictOverlay& c);

// Prints issues (skipped rows etc.) to stderr, one line each, and a count line.
void print_issues(const std::vector<Issue>& issues, const std::string& what);

}  // namespace reserve::cli
