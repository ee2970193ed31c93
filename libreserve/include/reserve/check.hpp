#pragma once
// The conflicts part of a check, shared by `reserve check` and Python's check(): the conflict
// layers (mining rights, facilities) overlaid on both zonings, monitoring exceedances, the
// rectification ledger, and the "conflicts" section of the reports. Plain values in, so both
// faces (CLI, Python) are thin wrappers around the same calls.
#include <optional>
#include <string>
#include <vector>

#include "reserve/crs.hpp"
#include "reserve/export.hpp"
#include "reserve/features.hpp"
#include "reserve/issue.hpp"
#include "reserve/ledger.hpp"
#include "reserve/monitoring.hpp"
#include "reserve/overlay.hpp"
#include "reserve/report.hpp"
#include "reserve/rules.hpp"
#include "reserve/zoning.hpp"

namespace reserve {

// Where the conflict layers come from and how to read them.
struct ConflictInputs {
  std::vector<std::string> mining;      // mining-right layers
  std::vector<std::string> facilities;  // facility layers
  std::string mining_layer, facilities_layer;
  std::string category_field;
  std::vector<std::string> category_maps;  // e.g. "化工厂=industrial"
  std::string feature_encoding;
  std::string feature_crs;  // CRS to assume for feature files without one (CSV: EPSG:4490)
  std::string x_field, y_field, id_field;
  double boundary_tolerance_m = 1.0;
  double min_area_m2 = 1.0;
  bool has_layers() const noexcept { return !mining.empty() || !facilities.empty(); }
};

// Monitoring, standards, assignments and decision tables for the ledger.
struct LedgerInputs {
  std::string monitoring;
  std::string monitoring_layer;
  std::string standards;  // user standards CSV (overrides)
  std::string water_class = "I";
  std::string discharge_level = "new";
  std::string assignments;
  std::string actions;                  // user decision table (TOML) tried before the defaults
  std::optional<int> established_year;  // year the reserve was established
  bool include_outside = false;
};

// Mining rights (category mining_right unless a category field says otherwise) and facilities,
// in the working CRS. Skipped rows are issues in the result.
RESERVE_API FeatureSet load_conflict_features(const ConflictInputs& inputs, const Crs& working_crs);

// Monitoring exceedances (empty when no monitoring file is given); issues go to `issues`.
RESERVE_API std::vector<Exceedance> load_exceedances(const LedgerInputs& inputs,
                                                     const Crs& working_crs,
                                                     std::vector<Issue>& issues);

// The profile's [[conflicts.decisions]] rows as a decision table; nullopt when it has none.
RESERVE_API std::optional<ActionTable> profile_action_table(const Profile& profile);

// The ledger with the default actions, `profile_actions` (may be null) before them and the
// user's decision table (inputs.actions) first; assignment issues go to `issues`.
RESERVE_API Ledger make_ledger(const ConflictOverlay& conflicts,
                               const std::vector<Exceedance>& exceedances,
                               const LedgerInputs& inputs, const ActionTable* profile_actions,
                               std::vector<Issue>& issues);

// Overlay options as a check uses them: areas with the profile's method, three-zone land
// compared through the profile's legacy map.
RESERVE_API OverlayOptions check_overlay_options(double boundary_tolerance_m, double min_area_m2,
                                                 const Profile& profile);

struct CheckConflicts {
  ConflictOverlay overlay;
  Ledger ledger;
  std::vector<Issue> issues;
  bool has_conflict_layers = false;  // false: only monitoring was given
  // What the rule engine gets: the overlay, or nullptr without conflict layers (the rule is then
  // not evaluated rather than passing on an empty feature set).
  const ConflictOverlay* rule_input() const noexcept {
    return has_conflict_layers ? &overlay : nullptr;
  }
};

// The overlay of `features` on both zonings and the ledger (profile decisions, then the user's
// table, before the defaults). `issues` are the loading issues so far; more are appended.
// Per-feature change comes from the significant pieces of `comparison` (the check's
// compare(before, after, compare_options(profile)); computed here when null), so the feature
// statuses use the noise classification of the area rules.
RESERVE_API CheckConflicts make_check_conflicts(FeatureSet features, bool has_conflict_layers,
                                                const Zoning& before, const Zoning& after,
                                                const Profile& profile, double boundary_tolerance_m,
                                                double min_area_m2, const LedgerInputs& ledger,
                                                std::vector<Issue> issues,
                                                const Comparison* comparison = nullptr);

// Loads the conflict layers and monitoring into the zonings' working CRS, overlays and builds
// the ledger. nullopt when no conflict layer or monitoring file is given.
RESERVE_API std::optional<CheckConflicts> load_check_conflicts(
    const ConflictInputs& conflicts, const LedgerInputs& ledger, const Zoning& before,
    const Zoning& after, const Profile& profile, const Comparison* comparison = nullptr);

// The overlay as JSON text (the shape of `reserve overlay --json`).
RESERVE_API std::string overlay_json_text(const ConflictOverlay& conflicts);

// The "conflicts" section of the reports: the overlay and ledger (JSON), a feature table and the
// ledger summary (Markdown, HTML).
RESERVE_API ReportSection conflicts_section(const CheckConflicts& c);

// Writes ledger.csv and ledger.xlsx into `dir` (created when missing); returns the two paths.
RESERVE_API std::vector<std::string> write_ledger_files(const Ledger& ledger,
                                                        const std::string& dir);

}  // namespace reserve
