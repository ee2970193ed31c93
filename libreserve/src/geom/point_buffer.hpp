#pragma once
// A point's round buffer built directly, as GEOSBuffer_r(point, radius, quadrant_segments) builds
// it. Private to the library.
//
// Why: GEOS 3.11 makes a point's buffer ring in OffsetSegmentGenerator::createCircle — the point
// (x + r, y), then x + r·cos(a), y + r·sin(a) for a = −i·Δ, Δ = 2π / (4 · quadrant_segments),
// clockwise, closed — and then sends it through the buffer builder's noding and polygon building,
// which return the same ring: about 25 µs a point, for a province's thousands of facilities in
// the targeting statistic. The same arithmetic (no FMA: -ffp-contract=off) gives the same
// coordinates bit for bit; tests/geom/test_point_buffer.cpp compares them with GEOSBuffer_r.
#include "geom/geos.hpp"
#include "reserve/geometry.hpp"

namespace reserve::geom {

// radius > 0 and quadrant_segments ≥ 1, else InternalError (the callers check their input).
GeomPtr point_buffer(Point centre, double radius, int quadrant_segments);

}  // namespace reserve::geom
