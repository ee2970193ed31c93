#pragma once
// Loading the conflict layers of a check with the far features dropped per layer. Private to the
// library (load_check_conflicts uses it; the public load_conflict_features keeps every feature).
#include <functional>
#include <vector>

#include "reserve/check.hpp"
#include "zoning/resolved_zones.hpp"

namespace reserve {

// How each conflict layer of `inputs` is read: the mining layers first (category mining_right
// unless a category field says otherwise), then the facility layers, in the order given.
std::vector<FeatureOptions> conflict_feature_options(const ConflictInputs& inputs);

// As load_conflict_features, into the zonings' working CRS, but each layer's features farther
// than `search_distance_m` from the reserve (before and after; see make_conflict_overlay) are
// dropped as soon as the layer is read and counted in `far`, so that a province's layers are
// never held whole in the combined set.
FeatureSet load_conflict_features_near(const ConflictInputs& inputs, const Zoning& before,
                                       const Zoning& after, double search_distance_m,
                                       FarFeatures& far);

// What a check does with its conflicts once the overlay is made, beside the ledger: `beside` (the
// rules) reads only the overlay and runs on a second thread when the budget allows
// (check/stage_threads.hpp); `after_ledger` (the report section) runs on the ledger's thread once
// the ledger is made. Either may be empty.
struct LedgerCompanions {
  std::function<void(const CheckConflicts& overlaid)> beside;
  std::function<void(const CheckConflicts& complete)> after_ledger;
};

// make_check_conflicts / load_check_conflicts with the zonings' resolved layouts computed once by
// the caller (run_check shares them with the comparison and the validation; null: resolved here).
// `read_far`: the features were already dropped by the far filter at this check's search distance
// while they were read (load_conflict_features_near), so the overlay does not test them again;
// these are the counts of the dropped ones. `companions` run once the overlay is made.
CheckConflicts make_check_conflicts_resolved(
    FeatureSet features, bool has_conflict_layers, const Zoning& before, const Zoning& after,
    const Profile& profile, double boundary_tolerance_m, double min_area_m2,
    const LedgerInputs& ledger, std::vector<Issue> issues, const Comparison* comparison,
    zoning::LayoutPair layouts, const FarFeatures* read_far = nullptr,
    const LedgerCompanions& companions = {});
// load_check_conflicts_resolved in two steps, so that the files can be read while the
// comparison is computed: the features near the reserve with the count of the far ones, then the
// overlay and ledger made of them.
struct NearConflictFeatures {
  FeatureSet features;
  FarFeatures far;
};
NearConflictFeatures read_conflicts_near(const ConflictInputs& conflicts, const Zoning& before,
                                         const Zoning& after, const Profile& profile);
std::optional<CheckConflicts> check_conflicts_near(
    NearConflictFeatures near, const ConflictInputs& conflicts, const LedgerInputs& ledger,
    const Zoning& before, const Zoning& after, const Profile& profile, const Comparison* comparison,
    zoning::LayoutPair layouts, const LedgerCompanions& companions = {});
std::optional<CheckConflicts> load_check_conflicts_resolved(
    const ConflictInputs& conflicts, const LedgerInputs& ledger, const Zoning& before,
    const Zoning& after, const Profile& profile, const Comparison* comparison,
    zoning::LayoutPair layouts, const LedgerCompanions& companions = {});

}  // namespace reserve
