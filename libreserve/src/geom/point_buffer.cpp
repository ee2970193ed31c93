// A point's buffer as GEOS builds it (see point_buffer.hpp).
#include "geom/point_buffer.hpp"

#include <cmath>
#include <numbers>
#include <vector>

#include "reserve/error.hpp"

namespace reserve::geom {

GeomPtr point_buffer(Point centre, double radius, int quadrant_segments) {
  if (!(radius > 0.0) || quadrant_segments < 1)
    throw InternalError("point buffer: a positive radius and quadrant segments expected");
  // OffsetSegmentGenerator: the fillet's angle quantum, its segment count and increment.
  const double quantum = std::numbers::pi / 2.0 / quadrant_segments;
  const double total = std::fabs(0.0 - 2.0 * std::numbers::pi);
  const int segments = static_cast<int>(total / quantum + 0.5);
  const double increment = total / segments;
  std::vector<double> xy;
  xy.reserve(2 * static_cast<std::size_t>(segments + 1));
  for (int i = 0; i < segments; ++i) {
    const double angle = 0.0 + (-1 * i) * increment;  // clockwise from the east
    xy.push_back(centre.x + radius * std::cos(angle));
    xy.push_back(centre.y + radius * std::sin(angle));
  }
  xy.push_back(xy[0]);  // closed
  xy.push_back(xy[1]);
  auto* h = context();
  GEOSCoordSequence* seq = GEOSCoordSeq_copyFromBuffer_r(
      h, xy.data(), static_cast<unsigned>(xy.size() / 2), /*hasZ=*/0, /*hasM=*/0);
  if (!seq) throw InternalError("point buffer: GEOS could not make the ring");
  GEOSGeometry* ring = GEOSGeom_createLinearRing_r(h, seq);
  if (!ring) throw InternalError("point buffer: GEOS could not make the ring");
  return check(GEOSGeom_createPolygon_r(h, ring, nullptr, 0), "point buffer");
}

}  // namespace reserve::geom
