#pragma once
// The union of polygons that only border each other, built from their edges instead of a GEOS
// overlay: a zoning's zones share their borders bit for bit (a buffer ring's hole is the core's
// shell, reversed), and on a 50,000-vertex reserve each overlay costs tenths of a second.
// Private to the library.
#include <optional>
#include <vector>

#include "reserve/geometry.hpp"

namespace reserve::geom {

// The union of valid `parts` by cancelling edges: every directed edge (interior on its left)
// whose exact reverse is also present is an inner border and dropped; the rest is linked into
// rings (counter-clockwise ones are shells, clockwise ones holes, each hole given to the
// smallest shell around it). Rings come out as GEOS writes them (shells clockwise, holes
// counter-clockwise, closed).
//
// Why it is exact when it answers: the remaining edges are the sum of the parts' boundaries as
// chains, so their winding number at any point is the number of parts covering it. A valid
// result has winding 0 or 1 everywhere, so then the parts overlap nowhere and the result is
// their union as a point set. Nullopt (use the overlay) when an edge occurs twice, the edges do
// not close into rings, or the result is not valid (borders drawn with other vertices on the two
// sides, overlapping parts, rings paired at a common vertex in a way GEOS refuses).
//
// prove = false skips the validity check: the result's edges are still the sum of the parts'
// boundaries, but it is a union only once a later union built from it is proven (the caller's
// duty; zoning::resolve_layout proves only its last union).
std::optional<MultiPolygon> unite_by_edges(const std::vector<const MultiPolygon*>& parts,
                                           bool prove = true);

// unite_by_edges when it answers, else geom::unite (the GEOS overlay).
MultiPolygon unite_bordering(const std::vector<const MultiPolygon*>& parts);

}  // namespace reserve::geom
