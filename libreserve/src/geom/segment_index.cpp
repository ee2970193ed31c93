#include "geom/segment_index.hpp"

#include <algorithm>
#include <cmath>
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

// `with_points`: a point is added as a segment of length zero (the measured side of a distance).
void collect(GEOSContextHandle_t h, const GEOSGeometry* g, std::vector<SegmentIndex::Segment>& out,
             bool with_points = false) {
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
      for (int i = 0; i < n; ++i) collect(h, GEOSGetGeometryN_r(h, g, i), out, with_points);
      break;
    }
    case GEOS_POINT:
    case GEOS_MULTIPOINT: {
      if (!with_points) break;  // points have no segments
      const int n = GEOSGetNumGeometries_r(h, g);
      for (int i = 0; i < n; ++i) {
        double x = 0, y = 0;
        const GEOSGeometry* pt = GEOSGetGeometryN_r(h, g, i);
        if (GEOSisEmpty_r(h, pt) == 1 || !GEOSGeomGetX_r(h, pt, &x) || !GEOSGeomGetY_r(h, pt, &y))
          continue;
        out.emplace_back(SegmentIndex::BPoint(x, y), SegmentIndex::BPoint(x, y));
      }
      break;
    }
    default: break;
  }
}

// The arithmetic of GEOS's algorithm::Distance (point–segment by the projection parameter r and
// the signed area s, segment–segment as 0 when they meet), so that the least value over a
// boundary is the one GEOSDistance returns, bit for bit where the same pair is the nearest.
struct XY {
  double x, y;
};

double point_distance(XY p, XY a) {
  return std::sqrt((p.x - a.x) * (p.x - a.x) + (p.y - a.y) * (p.y - a.y));
}

double point_segment(XY p, XY a, XY b) {
  if (a.x == b.x && a.y == b.y) return point_distance(p, a);
  const double len2 = (b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y);
  const double r = ((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / len2;
  if (r <= 0.0) return point_distance(p, a);
  if (r >= 1.0) return point_distance(p, b);
  const double s = ((a.y - p.y) * (b.x - a.x) - (a.x - p.x) * (b.y - a.y)) / len2;
  return std::fabs(s) * std::sqrt(len2);
}

bool boxes_meet(XY a, XY b, XY c, XY d) {
  return std::max(c.x, d.x) >= std::min(a.x, b.x) && std::min(c.x, d.x) <= std::max(a.x, b.x) &&
         std::max(c.y, d.y) >= std::min(a.y, b.y) && std::min(c.y, d.y) <= std::max(a.y, b.y);
}

double segment_segment(XY a, XY b, XY c, XY d) {
  if (a.x == b.x && a.y == b.y) return point_segment(a, c, d);
  if (c.x == d.x && c.y == d.y) return point_segment(d, a, b);
  if (boxes_meet(a, b, c, d)) {
    const double denom = (b.x - a.x) * (d.y - c.y) - (b.y - a.y) * (d.x - c.x);
    if (denom != 0) {
      const double r = ((a.y - c.y) * (d.x - c.x) - (a.x - c.x) * (d.y - c.y)) / denom;
      const double s = ((a.y - c.y) * (b.x - a.x) - (a.x - c.x) * (b.y - a.y)) / denom;
      if (r >= 0 && r <= 1 && s >= 0 && s <= 1) return 0.0;  // they meet
    }
  }
  return std::min({point_segment(a, c, d), point_segment(b, c, d), point_segment(c, a, b),
                   point_segment(d, a, b)});
}

// Whether some indexed segment's box meets the box of a–b grown by more than `reach`: when none
// does, every indexed segment is farther than `reach` from a–b by any of the distance formulas
// here or Boost's (each at least the gap between the boxes, up to rounding; the growth is twice
// the reach plus 1e-9 of the coordinates' magnitude, far beyond that rounding).
template <class Tree>
bool any_in_reach(const Tree& tree, XY a, XY b, double reach) {
  const double pad = 2.0 * reach + 1e-9 * std::max({1.0, std::fabs(a.x), std::fabs(a.y),
                                                    std::fabs(b.x), std::fabs(b.y)});
  const bg::model::box<SegmentIndex::BPoint> box(
      SegmentIndex::BPoint(std::min(a.x, b.x) - pad, std::min(a.y, b.y) - pad),
      SegmentIndex::BPoint(std::max(a.x, b.x) + pad, std::max(a.y, b.y) + pad));
  return tree.qbegin(bgi::intersects(box)) != tree.qend();
}

XY first(const SegmentIndex::Segment& s) { return {bg::get<0, 0>(s), bg::get<0, 1>(s)}; }
XY second(const SegmentIndex::Segment& s) { return {bg::get<1, 0>(s), bg::get<1, 1>(s)}; }

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

bool SegmentIndex::within(Point p, double d_m) const {
  // Nothing indexed near the point: the nearest segment is farther than d_m, found without the
  // nearest-first walk (which queues nodes even when nothing is near).
  if (d_m >= 0.0 && std::isfinite(d_m) && !any_in_reach(tree_, XY{p.x, p.y}, XY{p.x, p.y}, d_m))
    return false;
  return distance_m(p) <= d_m;
}

}  // namespace reserve::geom

namespace reserve::geom {

// The indexed segments come nearest first by Boost's own distance, which agrees with GEOS's
// formula to rounding; the walk stops past the least GEOS value found with a small pad, so a
// near tie measured differently by the two formulas is still measured by GEOS's. A few nearest
// are asked for (a bounded query prunes the tree); in the rare case that all of them tie, every
// segment within reach is measured.
namespace {

constexpr double kTiePad = 1e-9;
constexpr double kAbsPad = 1e-12;
constexpr unsigned kNearest = 4;

// The least GEOS distance from the segment a–b (a point when a == b) to the indexed segments when
// it is ≤ `bound` (up to the pad), else some value > `bound` (+infinity); `bound` only prunes.
// `query` is a–b as Boost's nearest-first walk takes it: a point for a point, whose box distances
// cost a fraction of a segment's.
template <class Tree, class Query>
double nearest_to(const Tree& tree, const Query& query, XY a, XY b, double bound) {
  // The two formulas differ by rounding relative to the coordinates' magnitude (large against a
  // short distance in degrees), hence an absolute part of the pad too.
  const double slack =
      kAbsPad * std::max({std::fabs(a.x), std::fabs(a.y), std::fabs(b.x), std::fabs(b.y)});
  auto reach_of = [&](double best) { return std::min(best, bound) * (1.0 + kTiePad) + slack; };
  double best = std::numeric_limits<double>::infinity();
  // A finite bound and nothing within reach of it: the walk below would stop at its first segment
  // and return +infinity; a box query tells that sooner.
  if (bound < best && !any_in_reach(tree, a, b, reach_of(best))) return best;
  unsigned n = 0;
  for (auto it = tree.qbegin(bgi::nearest(query, kNearest)); it != tree.qend(); ++it, ++n) {
    if (bg::distance(query, *it) > reach_of(best)) return best;
    best = std::min(best, segment_segment(a, b, first(*it), second(*it)));
  }
  if (n < kNearest || best == 0.0) return best;
  // All of them tie: measure every segment within reach.
  const double reach = reach_of(best);
  const bg::model::box<SegmentIndex::BPoint> box(
      SegmentIndex::BPoint(std::min(a.x, b.x) - reach, std::min(a.y, b.y) - reach),
      SegmentIndex::BPoint(std::max(a.x, b.x) + reach, std::max(a.y, b.y) + reach));
  for (auto it = tree.qbegin(bgi::intersects(box)); it != tree.qend(); ++it)
    best = std::min(best, segment_segment(a, b, first(*it), second(*it)));
  return best;
}

template <class Tree>
double nearest_to(const Tree& tree, const SegmentIndex::Segment& s, double bound) {
  const XY a = first(s), b = second(s);
  if (a.x == b.x && a.y == b.y)
    return nearest_to(tree, SegmentIndex::BPoint(a.x, a.y), a, b, bound);
  return nearest_to(tree, s, a, b, bound);
}

}  // namespace

double SegmentIndex::facet_distance_m(const GEOSGeometry* g) const {
  std::vector<Segment> mine;
  collect(context(), g, mine, true);
  double best = std::numeric_limits<double>::infinity();
  if (tree_.empty()) return best;
  for (const Segment& s : mine) {
    best = std::min(best, nearest_to(tree_, s, best));
    if (best == 0.0) break;
  }
  return best;
}

double SegmentIndex::facet_distance_m(Point p) const {
  if (tree_.empty()) return std::numeric_limits<double>::infinity();
  const Segment s(BPoint(p.x, p.y), BPoint(p.x, p.y));
  return nearest_to(tree_, s, std::numeric_limits<double>::infinity());
}

bool SegmentIndex::facet_within(const GEOSGeometry* g, double d_m) const {
  std::vector<Segment> mine;
  collect(context(), g, mine, true);
  if (!(d_m >= 0.0) || tree_.empty()) return false;
  for (const Segment& s : mine)
    if (nearest_to(tree_, s, d_m) <= d_m) return true;
  return false;
}

bool SegmentIndex::meets(const Envelope& box) const {
  if (!box.valid) return false;
  const bg::model::box<BPoint> b(BPoint(box.min_x, box.min_y), BPoint(box.max_x, box.max_y));
  return tree_.qbegin(bgi::intersects(b)) != tree_.qend();
}

}  // namespace reserve::geom
