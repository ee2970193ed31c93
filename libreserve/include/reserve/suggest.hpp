#pragma once
// What it would take to pass: given a failing proposal and layers of candidate land, the parcels
// to add and the zone upgrades inside the proposal that restore 不瘦身 (total area), 核心区和缓冲区
// 占比不降低 (core + buffer share) and, when the profile has it, 核心区、缓冲区面积不缩小 — with
// the least added area (or cost), keeping every conflict feature and a buffer around it out of the
// reserve and the new land contiguous with it. Exact integer programming (GLPK) up to
// SuggestOptions::max_exact_candidates, a greedy with the LP relaxation as a stated lower bound
// beyond (or when the time limit is hit). The formulation and its limits: docs/suggest.md.
#include <optional>
#include <string>
#include <vector>

#include "reserve/check.hpp"
#include "reserve/export.hpp"
#include "reserve/geometry.hpp"
#include "reserve/report.hpp"
#include "reserve/zone.hpp"
#include "reserve/zoning.hpp"

namespace reserve {

// The zone added land enters as: the model's least strict zone (实验区 / 一般控制区), the strict
// zone next to it (缓冲区 / 核心保护区), or the solver's choice per parcel (default; adding as
// 缓冲区 raises the core + buffer share and may need less land).
enum class AddedZonePolicy { least_strict, strict, choose };
RESERVE_API const char* to_string(
    AddedZonePolicy p) noexcept;  // "experimental", "buffer", "choose"
// "experimental" (also "general_control", "least-strict"), "buffer" (also "core_protection",
// "strict"), "choose". UsageError otherwise.
RESERVE_API AddedZonePolicy added_zone_policy_from_string(const std::string& text);

struct SuggestOptions {
  std::vector<std::string> candidates;  // candidate-land layers (any polygons), in priority order
  std::string candidates_layer;         // layer name in each file; empty: the only layer
  // Attribute with a cost (or priority) per parcel, a number ≥ 0; the parcel's share of it is
  // proportional to its area. Empty: cost = area (m²). A parcel without a value is an input error.
  std::string cost_field;
  std::string candidates_crs;  // CRS assumed for candidate files without one
  // Land within this distance of a conflict feature stays out (and is never upgraded). nullopt:
  // the profile's [conflicts] buffer_distance_m (100 m in three-no). Metres, ≥ 0.
  std::optional<double> conflict_buffer_m;
  // New land is contiguous when it touches the reserve (or a chosen parcel that is) or comes
  // within this gap of it. Metres, ≥ 0; 0: touching only.
  double max_gap_m = 0.0;
  // Parcels (after subtracting the reserve and the conflict buffers) smaller than this, or that
  // the profile's noise tolerance would class as noise, are dropped. m².
  double min_parcel_m2 = 100.0;
  AddedZonePolicy added_zone = AddedZonePolicy::choose;
  bool upgrades = true;  // allow 实验区 → 缓冲区 (一般控制区 → 核心保护区) inside the proposal
  // Exact ILP up to this many parcels + upgrade pieces; the greedy beyond.
  std::size_t max_exact_candidates = 3000;
  double time_limit_s = 60.0;  // GLPK's limit; on timeout the greedy's answer is used if better
};

struct SuggestRequest {
  CheckRequest check;  // the failing check: before, after, profile, conflict layers, …
  SuggestOptions options;
};

enum class SuggestionAction { add, upgrade };
RESERVE_API const char* to_string(SuggestionAction a) noexcept;  // "add", "upgrade"

// One suggested parcel: land to add (zone_before = outside) or a piece of the proposal to upgrade.
struct SuggestedParcel {
  std::string id;  // "add-1", "upgrade-1", …
  SuggestionAction action = SuggestionAction::add;
  Zone zone_before = Zone::outside;  // in the proposal
  Zone zone_after = Zone::experimental;
  double area_m2 = 0.0;   // with the profile's area method
  double cost = 0.0;      // the objective's unit: m² or the cost field's unit
  std::string source;     // "candidates.gpkg:parcels FID 7" or "downgraded-2" (a downgraded piece)
  std::string reason;     // why, e.g. "adds 12.30 ha (不瘦身); touches the reserve"
  MultiPolygon geometry;  // working CRS
};

// A rule the suggestion sets out to restore, with its deficit in the proposal.
struct SuggestTarget {
  std::string rule_id;  // "no-slimming", "core-buffer-share", "core-buffer-area"
  std::string title_zh;
  double before = 0.0;  // total m², share (fraction) or strict m² of the baseline
  double after = 0.0;   // of the proposal
  MeasureUnit unit = MeasureUnit::m2;
};

enum class SuggestStatus {
  not_needed,  // the rules it can restore already pass
  solved,      // a suggestion that restores every target
  infeasible,  // no combination of candidates restores them all: see SuggestResult::unmet
};
RESERVE_API const char* to_string(SuggestStatus s) noexcept;  // "not_needed", "solved", …

struct SuggestResult {
  SuggestStatus status = SuggestStatus::not_needed;
  std::vector<SuggestTarget> targets;
  std::vector<std::string> not_addressed;  // failing rules suggest cannot restore (ids)
  std::vector<SuggestedParcel> parcels;
  // One sentence per rule that cannot be met, with the figures, e.g. "不瘦身 cannot be met:
  // candidates add at most 120.50 ha of the 326.30 ha needed".
  std::vector<std::string> unmet;

  // How it was solved: "ilp" (GLPK branch and cut, optimal within the gap), "greedy" (with the
  // LP relaxation's value as the lower bound), or "none" (not needed / infeasible).
  std::string method = "none";
  std::string method_reason;  // e.g. "4 812 pieces > 3 000", "GLPK time limit 60 s"
  double objective = 0.0;     // cost of the suggestion
  double lower_bound = 0.0;   // proven lower bound on the optimum
  double gap = 0.0;           // (objective − lower_bound) / objective; 0 when proven optimal
  double solve_seconds = 0.0;

  // What went into the model: parcels after preprocessing, how many are reachable (contiguous
  // through other parcels), upgrade pieces, and what preprocessing removed.
  std::size_t candidate_features = 0;
  std::size_t parcels_considered = 0;
  std::size_t parcels_reachable = 0;
  std::size_t upgrade_pieces = 0;
  std::size_t slivers_dropped = 0;
  double conflict_excluded_m2 = 0.0;  // candidate land left out for conflicts and their buffer
  double conflict_buffer_m = 0.0;     // the buffer used
  AddedZonePolicy added_zone = AddedZonePolicy::choose;
  std::vector<Issue> issues;  // candidate rows skipped or repaired

  CheckResult check;                   // the check of the proposal as given
  std::optional<Zoning> suggested;     // the proposal with the suggestion applied
  std::optional<CheckResult> recheck;  // the check of `suggested` (status solved)
};

// Runs the check, then builds and solves the problem. Throws UsageError for bad options (no
// candidate layer, negative distances), InputError for unreadable candidates or a missing or
// non-numeric cost value (naming file, layer, feature).
RESERVE_API SuggestResult suggest(const SuggestRequest& request);

// The report section "suggestion" (JSON, Markdown, HTML): what, where, how much, why each parcel;
// the method, gap and time; the rules that cannot be met and by how much.
RESERVE_API ReportSection suggestion_section(const SuggestResult& result);

// Writes into `dir` (created when missing): suggestion.gpkg (layer "suggestion": every parcel
// with action, zone_before, zone_after, area_m2, area_ha, cost, source, reason; working CRS),
// proposal_suggested.gpkg (when solved: the proposal with the suggestion applied — the
// proposal's own layer, fields, zone labels and CRS when it came from one file, see
// docs/suggest.md), the reports of the check with the suggestion section (`formats`), and
// suggestion_map.svg (the comparison map with the suggestion drawn) unless `map` is false.
// Returns the paths written.
RESERVE_API std::vector<std::string> write_suggestion(const SuggestResult& result,
                                                      const std::string& dir,
                                                      const std::vector<ReportFormat>& formats,
                                                      bool map = true);

// The exit code of `reserve suggest`: 0 solved or not needed, 1 no candidate set can pass.
RESERVE_API int exit_code_for(const SuggestResult& result) noexcept;

}  // namespace reserve
