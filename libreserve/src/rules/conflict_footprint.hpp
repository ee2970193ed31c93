#pragma once
// The conflict footprint of 不以调代改's targeting statistic: the union of the counted features'
// buffers, inside the baseline reserve. Private to the library (rule_no_adjusting_overlay.cpp).
//
// Why not one global union: the buffers of a province's mines and facilities are thousands of
// mostly disjoint shapes, and a cascaded union of all of them, then two overlays of the whole
// result with a 50,000-vertex outline, cost seconds. The same land is the union of the connected
// components of overlapping buffers, each unioned on its own (most hold one buffer), each
// intersected with the operand cut to a rectangle around it.
#include <vector>

#include "geom/geos.hpp"

namespace reserve::rules {

// The unions of the connected components of `shapes` (polygons; two meet when they intersect,
// touching included), in the order of each component's first shape. Components are disjoint
// (no two have a point in common), so their polygons together form a valid MultiPolygon.
std::vector<geom::GeomPtr> union_by_component(std::vector<geom::GeomPtr> shapes);

// A large polygonal operand (a reserve outline, the changed land), prepared once, intersected
// with many small polygons: a polygon inside it is returned as it is, one apart from it gives
// nothing, and one crossing its boundary is intersected with the operand cut to a rectangle a
// margin beyond the polygon's envelope (the same land; the cut is checked for validity and the
// whole operand is used when GEOS's rectangle clip leaves it invalid).
class LargeOperand {
 public:
  explicit LargeOperand(const GEOSGeometry* operand);
  geom::GeomPtr intersection(const GEOSGeometry* g) const;

 private:
  const GEOSGeometry* operand_;
  geom::PreparedPtr prepared_;  // null when the operand is empty
};

// The polygons of `parts` (each polygonal, pairwise disjoint) as one MultiPolygon.
geom::GeomPtr collect_polygons(const std::vector<geom::GeomPtr>& parts);

// ∪ shapes ∩ reserve, as the disjoint components' intersections with the reserve.
geom::GeomPtr footprint_in(std::vector<geom::GeomPtr> shapes, const GEOSGeometry* reserve);

}  // namespace reserve::rules
