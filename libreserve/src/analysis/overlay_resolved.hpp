#pragma once
// overlay_features() with the zonings' resolved layouts computed once by the caller (run_check
// shares them with the comparison and the validation). Private to the library.
#include "reserve/overlay.hpp"
#include "zoning/resolved_zones.hpp"

namespace reserve::analysis {

// As overlay_features(features, before, after, changes, options); a null layout, or one in
// another model than the zoning's parts, is resolved here.
Overlay overlay_features_resolved(const FeatureSet& features, const Zoning& before,
                                  const Zoning& after, const Comparison& changes,
                                  const OverlayOptions& options, zoning::LayoutPair layouts);

}  // namespace reserve::analysis
