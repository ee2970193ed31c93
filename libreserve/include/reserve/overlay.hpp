#pragma once
// Conflict features × zones, before and after a proposal: which zone each feature is in, how much
// of a polygon lies in each zone and outside, where a point lies relative to the reserve boundary
// (with an explicit tolerance), distances to the reserve boundary and to the nearest stricter
// zone, and how the feature's status changes (freed, downgraded, newly included, …).
//
// Both zonings and the features must be in the same working CRS (projected, metres). Areas are
// measured with one method for every piece, so a polygon's areas per zone plus outside add up to
// its area (to rounding, ~1e-12 relative; zones that overlap each other are counted in each).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "reserve/area.hpp"
#include "reserve/export.hpp"
#include "reserve/features.hpp"
#include "reserve/geometry.hpp"
#include "reserve/zone.hpp"
#include "reserve/zoning.hpp"

namespace reserve {

// Where a point lies relative to the reserve's outer boundary: inside, outside, or within the
// boundary tolerance of it (then it is "on the boundary" whichever side it falls).
enum class PointLocation { inside, on_boundary, outside };
RESERVE_API const char* to_string(PointLocation l) noexcept;     // "inside", "on-boundary", …
RESERVE_API const char* chinese_name(PointLocation l) noexcept;  // "区内", "边界上", "区外"

enum class StatusChange {
  unchanged,       // same zone (or outside both times)
  freed,           // inside the reserve before, entirely outside after
  partly_freed,    // some of its area left the reserve, some stays
  downgraded,      // moved to a less strict zone (and none of it left the reserve)
  newly_included,  // outside before, inside after
  upgraded,        // moved to a stricter zone
};
RESERVE_API const char* to_string(StatusChange s) noexcept;     // "freed", "partly-freed", …
RESERVE_API const char* chinese_name(StatusChange s) noexcept;  // "调出保护区", …
RESERVE_API const char* english_name(StatusChange s) noexcept;  // "freed from the reserve", …

struct ZoneArea {
  Zone zone = Zone::outside;  // outside = the part of the feature outside the reserve
  double area_m2 = 0.0;
  double share = 0.0;  // area_m2 / feature area
};

// One side (before or after) of a feature's overlay.
struct FeaturePlacement {
  // Points: the zone whose polygon covers the point (the strictest when several do; points
  // exactly on a shared zone boundary are covered by both). Polygons: the strictest zone holding
  // more than OverlayOptions::min_area_m2 of it. outside when none.
  Zone zone = Zone::outside;
  std::vector<ZoneArea> areas;  // polygons: each zone with area > 0, then outside (always last)
  double inside_area_m2 = 0.0;  // polygons: area inside the reserve
  PointLocation location = PointLocation::outside;  // points: vs the reserve outline; polygons:
                                                    // inside if any area inside
  // Every zone (and outside) within the boundary tolerance of a point, strictest first.
  std::vector<Zone> zones_within_tolerance;
  // Distance to the reserve's outer boundary (0 when a polygon crosses it), metres.
  double distance_to_reserve_boundary_m = 0.0;
  // Distance to the nearest zone stricter than `zone` (outside: to the reserve), metres; nullopt
  // when no stricter zone exists.
  std::optional<double> distance_to_stricter_zone_m;
};

struct FeatureOverlay {
  std::size_t feature_index = 0;  // into FeatureSet::features
  std::string feature_id;
  FeatureCategory category = FeatureCategory::other;
  bool is_point = false;
  double area_m2 = 0.0;  // polygons only
  FeaturePlacement before;
  FeaturePlacement after;
  StatusChange change = StatusChange::unchanged;
  double freed_area_m2 = 0.0;       // inside before, outside after
  double downgraded_area_m2 = 0.0;  // inside both times, in a less strict zone after
};

struct OverlayOptions {
  // Points within this distance of a boundary are on it (reserve: PointLocation::on_boundary;
  // zones: listed in zones_within_tolerance). Metres, ≥ 0.
  double boundary_tolerance_m = 1.0;
  // Polygon pieces smaller than this do not decide a feature's zone (slivers from digitising).
  double min_area_m2 = 1.0;
  AreaMethod area_method = AreaMethod::planar;
  // How three-zone baseline zones compare with a two-zone proposal's zones.
  LegacyToTwoZoneMap legacy_map;
};

struct Overlay {
  std::vector<FeatureOverlay> rows;  // one per feature, in FeatureSet order
  double boundary_tolerance_m = 0.0;
  AreaMethod area_method = AreaMethod::planar;
  std::size_t count(StatusChange s) const noexcept;
};

// Overlays every feature on both zonings. Uses an R-tree over the zone polygons and prepared
// geometries (about O(log n) candidate tests per feature). Throws UsageError when the CRSs
// differ or a tolerance is negative.
RESERVE_API Overlay overlay_features(const FeatureSet& features, const Zoning& before,
                                     const Zoning& after, const OverlayOptions& options = {});

// The strictness of `zone` on the scale of `model` (three-zone zones mapped with `map` when the
// model is two-zone). Used to compare a baseline zone with a proposal zone.
RESERVE_API int comparable_strictness(Zone zone, ZoneModel model, const LegacyToTwoZoneMap& map);

}  // namespace reserve
