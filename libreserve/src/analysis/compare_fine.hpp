#pragma once
// The fine transition matrix of the comparison: cells between the sides' original resolved zones
// (a ∩ b, a ∖ after outline, b ∖ before outline). Private to the library.
#include <optional>
#include <vector>

#include "reserve/area.hpp"
#include "reserve/geometry.hpp"
#include "reserve/zone.hpp"

namespace reserve::analysis {

// One side's resolved zones (original model), their envelopes and the outline.
struct Side {
  ZoneModel model = ZoneModel::three_zone;
  std::vector<Zone> zones;  // zones_of(model)
  std::vector<MultiPolygon> geometry;
  std::vector<Envelope> envelope;
  MultiPolygon outline;
};

struct FineCell {
  Zone from;
  Zone to;
  MultiPolygon geometry;
  // The cell's area when known: set by fine_matrix_regional where the geometry is not carried (an
  // unchanged cell z → z measured without building it), and by compare for every cell it measures.
  std::optional<double> area_m2;
};

// Every cell by one GEOS overlay per pair of zones (and per zone against the other outline).
std::vector<FineCell> fine_matrix_pairwise(const Side& before, const Side& after);

// The same cells when both sides are in one model, with the overlays confined to the rectangles
// around the edges that changed (geom/changed_regions.hpp): a changed cell's land lies inside them,
// so its pieces come out as the pairwise overlay's. Unchanged cells (z → z) carry their geometry
// from one whole overlay when `unchanged_geometry`; otherwise only their area, as the zone's area
// less the part inside the rectangles plus the overlay inside them; `before_zone_m2` holds the
// before zones' areas as measured by `area` (the caller has them: measured once, not twice).
std::vector<FineCell> fine_matrix_regional(const Side& before, const Side& after,
                                           const AreaCalculator& area, bool unchanged_geometry,
                                           const std::vector<double>& before_zone_m2);

}  // namespace reserve::analysis
