#pragma once
// make_conflict_overlay() with the zonings' resolved layouts computed once by the caller
// (run_check). Private to the library.
#include "reserve/overlay.hpp"
#include "zoning/resolved_zones.hpp"

namespace reserve::rules {

// As make_conflict_overlay(features, before, after, changes, options, search_distance_m).
ConflictOverlay make_conflict_overlay_resolved(FeatureSet features, const Zoning& before,
                                               const Zoning& after, const Comparison& changes,
                                               const OverlayOptions& options,
                                               double search_distance_m,
                                               zoning::LayoutPair layouts);

}  // namespace reserve::rules
