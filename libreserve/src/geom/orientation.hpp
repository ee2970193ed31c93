#pragma once
// The exact orientation predicate the library's own geometry proofs and point tests rest on.
// Private to the library.
#include <optional>

#include "reserve/geometry.hpp"

namespace reserve::geom {

// Sign of the orientation of p seen from the line a→b (+1 left, -1 right, 0 on it), exact:
// Shewchuk's floating-point filter (orient2d, error bound A) and, when the filter cannot decide,
// GEOS's double-double orientation index. A GEOS failure answers 0, which every caller treats
// as "not decided".
int orientation(const Point& a, const Point& b, const Point& p);

// How the edge a→b crosses the ray from p to the right (+x), by the half-open rule (an edge
// counts where it leaves or reaches p's height from below, so a vertex at that height is counted
// once): +1 going up, -1 going down, 0 not at all; nullopt when p lies on the edge (its start
// included). Summed over a ring: its winding number around p; their parity: inside or out.
std::optional<int> ray_crossing(const Point& a, const Point& b, const Point& p);

}  // namespace reserve::geom
