// The conflicts part of a check: overlay of the conflict layers on both zonings and the ledger,
// as `reserve check` and Python's check() both make it.
#include "check/conflict_loading.hpp"
#include "check/stage_threads.hpp"
#include "reserve/check.hpp"
#include "rules/conflict_overlay_resolved.hpp"

#include <optional>

namespace reserve {

OverlayOptions check_overlay_options(double boundary_tolerance_m, double min_area_m2,
                                     const Profile& profile) {
  OverlayOptions o;
  o.boundary_tolerance_m = boundary_tolerance_m;
  o.min_area_m2 = min_area_m2;
  o.area_method = profile.area_method;
  o.legacy_map = profile.legacy_map;
  return o;
}

CheckConflicts make_check_conflicts(FeatureSet features, bool has_conflict_layers,
                                    const Zoning& before, const Zoning& after,
                                    const Profile& profile, double boundary_tolerance_m,
                                    double min_area_m2, const LedgerInputs& ledger,
                                    std::vector<Issue> issues, const Comparison* comparison) {
  return make_check_conflicts_resolved(std::move(features), has_conflict_layers, before, after,
                                       profile, boundary_tolerance_m, min_area_m2, ledger,
                                       std::move(issues), comparison, {});
}

CheckConflicts make_check_conflicts_resolved(
    FeatureSet features, bool has_conflict_layers, const Zoning& before, const Zoning& after,
    const Profile& profile, double boundary_tolerance_m, double min_area_m2,
    const LedgerInputs& ledger, std::vector<Issue> issues, const Comparison* comparison,
    zoning::LayoutPair layouts, const FarFeatures* read_far, const LedgerCompanions& companions) {
  CheckConflicts c;
  c.has_conflict_layers = has_conflict_layers;
  c.issues = std::move(issues);
  // One noise classification: the features' change is the comparison's significant pieces.
  // Features farther than every distance the profile uses are counted, not overlaid.
  std::optional<Comparison> own;
  if (!comparison) comparison = &own.emplace(compare(before, after, compare_options(profile)));
  c.overlay = rules::make_conflict_overlay_resolved(
      std::move(features), before, after, *comparison,
      check_overlay_options(boundary_tolerance_m, min_area_m2, profile),
      conflict_search_distance_m(profile, boundary_tolerance_m), layouts, read_far != nullptr);
  if (read_far) {
    c.overlay.far.count += read_far->count;
    c.overlay.far.total = read_far->total;
  }
  const auto exceedances = load_exceedances(ledger, before.crs, c.issues);
  const std::optional<ActionTable> profile_actions = profile_action_table(profile);
  // The ledger writes c.ledger and c.issues; the companion beside it reads only c.overlay.
  auto make_ledger_part = [&] {
    c.ledger =
        make_ledger(c.overlay, exceedances, ledger, profile_actions ? &*profile_actions : nullptr,
                    c.issues, no_adjusting_options(profile));
    if (companions.after_ledger) companions.after_ledger(c);
  };
  if (companions.beside)  // the rules keep the calling thread and its budget (they split again)
    check::run_both_caller_later(make_ledger_part, [&] { companions.beside(c); });
  else
    make_ledger_part();
  return c;
}

std::optional<CheckConflicts> load_check_conflicts(const ConflictInputs& conflicts,
                                                   const LedgerInputs& ledger, const Zoning& before,
                                                   const Zoning& after, const Profile& profile,
                                                   const Comparison* comparison) {
  return load_check_conflicts_resolved(conflicts, ledger, before, after, profile, comparison, {});
}

NearConflictFeatures read_conflicts_near(const ConflictInputs& conflicts, const Zoning& before,
                                         const Zoning& after, const Profile& profile) {
  NearConflictFeatures near;
  near.features = load_conflict_features_near(
      conflicts, before, after, conflict_search_distance_m(profile, conflicts.boundary_tolerance_m),
      near.far);
  return near;
}

std::optional<CheckConflicts> check_conflicts_near(
    NearConflictFeatures near, const ConflictInputs& conflicts, const LedgerInputs& ledger,
    const Zoning& before, const Zoning& after, const Profile& profile, const Comparison* comparison,
    zoning::LayoutPair layouts, const LedgerCompanions& companions) {
  if (!conflicts.has_layers() && ledger.monitoring.empty()) return std::nullopt;
  std::vector<Issue> issues = near.features.issues;
  return make_check_conflicts_resolved(std::move(near.features), conflicts.has_layers(), before,
                                       after, profile, conflicts.boundary_tolerance_m,
                                       conflicts.min_area_m2, ledger, std::move(issues), comparison,
                                       layouts, &near.far, companions);
}

std::optional<CheckConflicts> load_check_conflicts_resolved(
    const ConflictInputs& conflicts, const LedgerInputs& ledger, const Zoning& before,
    const Zoning& after, const Profile& profile, const Comparison* comparison,
    zoning::LayoutPair layouts, const LedgerCompanions& companions) {
  if (!conflicts.has_layers() && ledger.monitoring.empty()) return std::nullopt;
  // Far features are dropped per layer while loading (memory follows the reserve); the overlay
  // does not filter them again (it would find none left) and the counts are carried over.
  return check_conflicts_near(read_conflicts_near(conflicts, before, after, profile), conflicts,
                              ledger, before, after, profile, comparison, layouts, companions);
}

}  // namespace reserve
