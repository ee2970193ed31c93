#pragma once
// A cheap, exact certificate that two polygonal sets share no area, for the overlays that are
// usually empty: two zones of one zoning, or two parts of it, that only border each other.
// Private to the library.
#include "geom/geos.hpp"

namespace reserve::geom {

// False only when the interiors of `a` and `b` certainly do not meet (so a ∩ b has no area and
// a ∖ b is a as a point set); true when they may. `pa`/`pb` are a and b prepared.
//
// Why: the boundary of any component of the common interior runs along edges of a inside b and
// edges of b inside a. An edge that the other polygon holds reversed, bit for bit (a shared
// border, each polygon on its own side), bounds no common land. So when the remaining edges of a
// stay clear of b and those of b clear of a, there is no common land. Edges that merely touch the
// other polygon (at a junction of three zones, along a border drawn with other vertices) give
// "may meet": the caller then overlays as before.
bool interiors_may_meet(const MultiPolygon& a, const GEOSPreparedGeometry* pa,
                        const MultiPolygon& b, const GEOSPreparedGeometry* pb);

}  // namespace reserve::geom
