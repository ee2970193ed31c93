#pragma once
// make_conflict_overlay() with the zonings' resolved layouts computed once by the caller
// (run_check). Private to the library.
#include "reserve/overlay.hpp"
#include "zoning/resolved_zones.hpp"

namespace reserve::rules {

// As make_conflict_overlay(features, before, after, changes, options, search_distance_m).
// `features_near`: every feature is known to lie within search_distance_m of the reserve (the
// caller filtered them with analysis::drop_far_features at that distance), so none is tested
// again: the far count is 0 of all, as the filter would find.
ConflictOverlay make_conflict_overlay_resolved(FeatureSet features, const Zoning& before,
                                               const Zoning& after, const Comparison& changes,
                                               const OverlayOptions& options,
                                               double search_distance_m, zoning::LayoutPair layouts,
                                               bool features_near = false);

}  // namespace reserve::rules
