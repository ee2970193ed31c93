#pragma once
// The first step of a conflict overlay on province-wide layers: features that lie farther from the
// reserve than every distance the check uses are counted and set aside before any geometry work
// (buffer, union, overlay, placement). Private to the library.
#include <memory>

#include "reserve/features.hpp"
#include "reserve/overlay.hpp"
#include "reserve/zoning.hpp"

namespace reserve::analysis {

class ReserveShape;

// True when the boxes come within d_m of each other (closed: touching counts); an invalid (empty)
// box counts as near, having nothing to judge by. The cheap first test of every far-feature filter.
bool boxes_within(const Envelope& a, const Envelope& b, double d_m);

// Removes from `features` every feature farther than `distance_m` from the reserve both before
// and after (the union of each zoning's zones), keeping the order of the rest, and counts them.
//
// Conservative: a feature is kept when its distance is ≤ distance_m + 1 mm (the millimetre absorbs
// the rounding of overlay pieces, whose vertices may sit ~1e-9 m off the zones' boundaries), so
// any computation limited to distance_m gives the same result on the kept features as on all.
// Fast: an envelope test against the reserve's envelope grown by the distance decides most
// features; the rest get an exact distance (points through an R-tree of the zones' segments,
// polygons through prepared zone geometries).
// distance_m = +infinity, or zonings without zones: nothing is removed.
FarFeatures drop_far_features(FeatureSet& features, const Zoning& before, const Zoning& after,
                              double distance_m);

// drop_far_features for several feature sets (one per conflict layer) around one reserve: the
// zones are converted, prepared and their segments indexed once, on the first set that needs
// them, not once per set. Not thread-safe (GEOS prepares lazily); the zonings must outlive it.
class FarFeatureFilter {
 public:
  FarFeatureFilter(const Zoning& before, const Zoning& after, double distance_m);
  ~FarFeatureFilter();
  FarFeatureFilter(const FarFeatureFilter&) = delete;
  FarFeatureFilter& operator=(const FarFeatureFilter&) = delete;
  // As drop_far_features(features, before, after, distance_m).
  FarFeatures drop_far(FeatureSet& features);

 private:
  const Zoning& before_;
  const Zoning& after_;
  double distance_m_;
  std::unique_ptr<ReserveShape> shape_;  // built on first need
};

}  // namespace reserve::analysis
