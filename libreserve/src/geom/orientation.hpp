#pragma once
// The exact orientation predicate the library's own geometry proofs and point tests rest on.
// Private to the library.
#include "reserve/geometry.hpp"

namespace reserve::geom {

// Sign of the orientation of p seen from the line a→b (+1 left, -1 right, 0 on it), exact:
// Shewchuk's floating-point filter (orient2d, error bound A) and, when the filter cannot decide,
// GEOS's double-double orientation index. A GEOS failure answers 0, which every caller treats
// as "not decided".
int orientation(const Point& a, const Point& b, const Point& p);

}  // namespace reserve::geom
