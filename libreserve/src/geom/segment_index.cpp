#include "geom/segment_index.hpp"

#include <limits>

namespace reserve::geom {
namespace {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

void add_ring(GEOSContextHandle_t h, const GEOSGeometry* line,
              std::vector<SegmentIndex::Segment>& out) {
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, line);
  unsigned int n = 0;
  if (!seq || GEOSCoordSeq_getSize_r(h, seq, &n) != 1 || n < 2) return;
  double px = 0, py = 0;
  GEOSCoordSeq_getXY_r(h, seq, 0, &px, &py);
  for (unsigned int i = 1; i < n; ++i) {
    double x = 0, y = 0;
    GEOSCoordSeq_getXY_r(h, seq, i, &x, &y);
    out.emplace_back(SegmentIndex::BPoint(px, py), SegmentIndex::BPoint(x, y));
    px = x;
    py = y;
  }
}

void collect(GEOSContextHandle_t h, const GEOSGeometry* g,
             std::vector<SegmentIndex::Segment>& out) {
  if (!g || GEOSisEmpty_r(h, g) == 1) return;
  switch (GEOSGeomTypeId_r(h, g)) {
    case GEOS_LINESTRING:
    case GEOS_LINEARRING: add_ring(h, g, out); break;
    case GEOS_POLYGON: {
      add_ring(h, GEOSGetExteriorRing_r(h, g), out);
      const int holes = GEOSGetNumInteriorRings_r(h, g);
      for (int i = 0; i < holes; ++i) add_ring(h, GEOSGetInteriorRingN_r(h, g, i), out);
      break;
    }
    case GEOS_MULTILINESTRING:
    case GEOS_MULTIPOLYGON:
    case GEOS_GEOMETRYCOLLECTION: {
      const int n = GEOSGetNumGeometries_r(h, g);
      for (int i = 0; i < n; ++i) collect(h, GEOSGetGeometryN_r(h, g, i), out);
      break;
    }
    default: break;  // points have no segments
  }
}

}  // namespace

SegmentIndex::SegmentIndex(const GEOSGeometry* g) {
  std::vector<Segment> segments;
  collect(context(), g, segments);
  // The range constructor packs the tree (STR-like bulk loading): better queries than inserting.
  tree_ = decltype(tree_)(segments.begin(), segments.end());
}

double SegmentIndex::distance_m(Point p) const {
  const BPoint q(p.x, p.y);
  // The R-tree orders candidates by comparable (squared) distance, so the first value returned is
  // a nearest segment; its exact distance is then measured once.
  for (auto it = tree_.qbegin(bgi::nearest(q, 1)); it != tree_.qend(); ++it)
    return bg::distance(q, *it);
  return std::numeric_limits<double>::infinity();
}

bool SegmentIndex::within(Point p, double d_m) const { return distance_m(p) <= d_m; }

}  // namespace reserve::geom
