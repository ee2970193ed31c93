#pragma once
// Where two layouts of labelled land (each a set of pairwise disjoint areas, e.g. a zoning's
// resolved zones before and after a revision) can differ. A proposal usually keeps most of its
// boundary bit-identical to the baseline; land whose label changes is then enclosed by the edges
// that are not shared with the same label on the same side, so overlays between the layouts can
// be confined to rectangles around those edges. Private to the library.
#include <algorithm>
#include <vector>

#include "reserve/geometry.hpp"

namespace reserve::geom {

struct LabelledArea {
  int label = 0;
  const MultiPolygon* geometry = nullptr;  // valid; disjoint from the other areas of its layout
};

// Pairwise disjoint rectangles whose interiors hold every point labelled differently in `a` and
// `b` (a point in no area is labelled "none"), at least `margin` inside their edges. Empty when
// the layouts have the same edges with the same labels on the same sides.
//
// Why it holds: let D be the open set where the labels differ and x a point of D's boundary in
// the middle of an edge. On one side of x the labels agree, on the other they are W in `a` and
// W' ≠ W in `b`; whichever of the two is an area has an edge through x with itself on that side,
// and the other layout has no such edge (it has another label there): a changed edge. So the
// boundary of every component of D lies on changed edges, its outer boundary on one connected
// set of them, and the component inside that set's bounding box. Boxes of changed edges that
// come closer than 2·margin are merged until the rectangles are apart.
std::vector<Envelope> changed_regions(const std::vector<LabelledArea>& a,
                                      const std::vector<LabelledArea>& b, double margin);

// The margin for changed_regions over land whose envelope is `extent`: far above rounding, far
// below the size of a reserve.
inline double changed_region_margin(const Envelope& extent) {
  return 1e-3 * std::max({extent.width(), extent.height(), 1e-9});
}

// True when `box` lies wholly inside `region` (both valid): an overlay confined to the region
// then covers everything of the shape the box bounds.
inline bool envelope_inside(const Envelope& box, const Envelope& region) {
  return box.valid && region.valid && box.min_x >= region.min_x && box.max_x <= region.max_x &&
         box.min_y >= region.min_y && box.max_y <= region.max_y;
}

}  // namespace reserve::geom
