#pragma once
// Whether a point lies in a polygonal area, by the winding number of the area's rings
// (geom/ring_chunks.hpp): exact, and built in one pass over the rings, where GEOS's prepared
// predicates build a point locator of the whole area on their first use (for every zone and
// outline of every reserve of a province). GEOS's prepared predicate answers instead when the
// rings are not usable (a ring without area). Private to the library.
#include "geom/geos.hpp"
#include "geom/ring_chunks.hpp"
#include "reserve/geometry.hpp"

namespace reserve::geom {

// p in the interior or on the boundary (GEOSPreparedCovers / Intersects of a point), and p in
// the interior (GEOSPreparedContains), with `prepared` (may be null: then false) as the fallback.
bool area_covers(const RingChunks& rings, const GEOSPreparedGeometry* prepared, Point p);
bool area_contains(const RingChunks& rings, const GEOSPreparedGeometry* prepared, Point p);

// An area's rings, with its prepared form made only if they are not usable.
class PointInArea {
 public:
  explicit PointInArea(const GEOSGeometry* area);
  bool covers(Point p) const { return area_covers(rings_, prepared_.get(), p); }
  bool contains(Point p) const { return area_contains(rings_, prepared_.get(), p); }

 private:
  RingChunks rings_;
  PreparedPtr prepared_;  // only when rings_ is not usable
};

}  // namespace reserve::geom
