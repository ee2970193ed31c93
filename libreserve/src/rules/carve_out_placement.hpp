#pragma once
// Where the permutation test puts a piece (rules/carve_out_permutation.hpp): uniform numbers from
// the engine, points along the baseline reserve's boundary and inside it. Private to the library.
#include <random>
#include <vector>

#include "geom/geos.hpp"
#include "geom/point_in_area.hpp"
#include "reserve/geometry.hpp"

namespace reserve::rules::carve {

// Uniform in [0, 1) from the top 53 bits of one engine output. std::mt19937_64's output sequence
// is fixed by the C++ standard, but std::uniform_real_distribution (and every other std::
// distribution) is not: libstdc++, libc++ and MSVC turn the same engine output into different
// numbers, and have changed it between versions. Doing the conversion by hand keeps a seed's
// p-value the same on every build.
double unit_interval(std::mt19937_64& rng);

struct BoundarySegment {
  Point a, b;
  double end = 0.0;  // cumulative length at b; the reserve lies to the left of a → b
};

// The reserve's rings as segments weighted by length, the reserve to the left of each. The rings
// are walked canonically (from their least vertex, the reserve on the left) in the order of their
// least vertices, so that the walk, and with it every draw, depends on the outline's point set and
// not on how its rings are written down (start vertex, orientation, ring order, vertices along
// edges).
std::vector<BoundarySegment> boundary_segments(const MultiPolygon& reserve);

// A point of the boundary at arc length u·total, moved `depth` towards the reserve's inside.
Point boundary_point(const std::vector<BoundarySegment>& segs, double u, double depth);

// A uniform point of the reserve's interior by rejection from its envelope `box`; InternalError
// after 100,000 attempts (a reserve filling 1e-3 of its envelope fails with probability ≈ 4e-44).
Point interior_point(std::mt19937_64& rng, const Envelope& box, const geom::PointInArea& reserve);

}  // namespace reserve::rules::carve
