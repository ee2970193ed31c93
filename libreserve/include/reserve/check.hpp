#pragma once
// The whole check as one library call, run_check(CheckRequest) -> CheckResult: profile → load both
// zonings → compare → validate both sides → conflicts (overlay + ledger) → rules → audit (→ map).
// `reserve check` and Python's check() only translate their arguments into a CheckRequest and the
// CheckResult into output, so a number printed by the CLI and the same number in a notebook come
// from one function. Below it, the conflicts part (layers, monitoring, ledger, report section)
// as separate calls for `reserve overlay` and `reserve ledger`.
#include <functional>
#include <memory>
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
#include "reserve/render.hpp"
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
// user's decision table (inputs.actions) first; assignment issues go to `issues`. `rule` is the
// rule 不以调代改 as the profile sets it (decides the 以调代改 column).
RESERVE_API Ledger make_ledger(const ConflictOverlay& conflicts,
                               const std::vector<Exceedance>& exceedances,
                               const LedgerInputs& inputs, const ActionTable* profile_actions,
                               std::vector<Issue>& issues, const NoAdjustingOptions& rule = {});

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

// ledger.csv and ledger.xlsx written ahead of time into temporary files in `dir` (created when
// missing): commit() moves them into place and returns the two paths; destroyed uncommitted, the
// temporaries are removed. The writing (mostly compressing the workbook) can then run while a
// check's rules are still evaluated, and the files appear only beside finished reports.
class StagedLedgerFiles;
RESERVE_API StagedLedgerFiles stage_ledger_files(const Ledger& ledger, const std::string& dir);
class RESERVE_API StagedLedgerFiles {
 public:
  StagedLedgerFiles();
  StagedLedgerFiles(StagedLedgerFiles&&) noexcept;
  StagedLedgerFiles& operator=(StagedLedgerFiles&&) noexcept;
  ~StagedLedgerFiles();
  std::vector<std::string> commit();  // once; InputError naming the file when a move fails

 private:
  friend StagedLedgerFiles stage_ledger_files(const Ledger&, const std::string&);
  struct Files;
  std::unique_ptr<Files> files_;
};

// ---------------------------------------------------------------------------------------------
// The check as one call

// One side of a check: a zoning file (read with the request's zone options), or a zoning that is
// already loaded (from a GeoDataFrame, several files, …), used as it is.
struct CheckZoningInput {
  std::string path;
  std::string layer;             // empty: the only layer (or the one GDAL picks first)
  std::optional<Zoning> zoning;  // set: used instead of path and layer
  bool given() const noexcept { return zoning.has_value() || !path.empty(); }
};

// Everything a check needs, as plain values. Only `before` and `after` are required.
struct CheckRequest {
  CheckZoningInput before;
  CheckZoningInput after;

  // How zoning files are read (not applied to zonings already loaded).
  std::string zone_field;              // empty: detect
  std::vector<std::string> zone_maps;  // extra label mappings, e.g. "1=core,2=buffer"
  std::string encoding;                // text encoding of the zoning files, e.g. "GBK"
  std::string crs;                     // CRS assumed for zoning files without one
  // The CRS both sides are compared in. Empty: the baseline's (its projected CRS or the CGCS2000
  // Gauss–Krüger zone of its centre) — allowed only when both sources are in one CRS.
  std::string working_crs;

  // The rule profile: `profile_value` when set, else the shipped name or .toml path `profile`.
  std::string profile = "three-no";
  std::optional<Profile> profile_value;
  std::optional<AreaMethod> area_method;  // overrides the profile's

  ConflictInputs conflicts;  // mining-right and facility files (none: 不以调代改 not evaluated)
  // Conflict features already loaded (e.g. from GeoDataFrames), in any CRS equivalent to the
  // working CRS; used together with conflicts' files.
  std::optional<FeatureSet> features;
  LedgerInputs ledger;  // monitoring, standards, assignments, decision table, …

  // Draw the comparison map (svg or png) into CheckResult::report.map (nothing is written).
  std::optional<MapFormat> map_format;
  std::string title;         // report title; empty: the report's default
  std::string command_line;  // for the audit block

  // Called once with the finished ledger, on the thread that made it, while the rules may still
  // be evaluated on another (e.g. to stage the ledger files: stage_ledger_files). Not called
  // without conflict inputs, nor for the reserves of a province run.
  std::function<void(const Ledger&)> on_ledger;
};

struct CheckResult {
  Report report;  // verdicts, comparison, validations, audit, conflicts section, map
  Zoning before;  // the zonings that were compared (in the working CRS)
  Zoning after;
  Profile profile;                          // with the area-method override applied
  std::optional<CheckConflicts> conflicts;  // overlay + ledger; nullopt without conflict inputs
  std::vector<std::string> map_warnings;    // renderer warnings when a map was drawn
  // The overlay of the conflict layers, or nullptr (no conflict layers, or only monitoring).
  const ConflictOverlay* overlay() const noexcept {
    return conflicts && conflicts->has_conflict_layers ? &conflicts->overlay : nullptr;
  }
};

// Both zonings of a request in one working CRS; `after` is nullopt when the request has none.
struct ZoningPair {
  Zoning before;
  std::optional<Zoning> after;
};

// Loads (or takes) both sides: the baseline in request.working_crs (or its own), the proposal in
// the baseline's CRS. CRS policy: when the two sources are in different CRSs (or zonings already
// loaded are in different working CRSs), InputError unless request.working_crs names the CRS to
// compare in — a silent reprojection of one side would hide a wrong CRS. `area_method` measures
// the repairs (load_zoning). Shared by check, overlay, ledger and map.
RESERVE_API ZoningPair load_zoning_pair(const CheckRequest& request, AreaMethod area_method);

// The check. Throws UsageError for bad options (unknown profile, no proposal, map format other
// than svg/png), InputError for bad input (naming file, layer, feature), as the calls it makes.
// Thread safety: independent requests may run concurrently.
RESERVE_API CheckResult run_check(const CheckRequest& request);

// The comparison map of a check (baseline and proposal zones, the check's own change pieces —
// noise excluded by the same classification — and the conflict features) with the default style
// and the title 保护区功能区调整对比图; for report.map and `reserve check --map`.
RESERVE_API RenderedMap render_check_map(const CheckResult& result, MapFormat format);

}  // namespace reserve
