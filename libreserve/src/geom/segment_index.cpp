#include "geom/segment_index.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace reserve::geom {
namespace {

namespace bg = boost::geometry;

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

// Calls on_line(line) for every ring (of polygons) and line of g, and on_point(x, y) for every
// point, through multi-geometries and collections.
template <class OnLine, class OnPoint>
void for_each_part(GEOSContextHandle_t h, const GEOSGeometry* g, OnLine&& on_line,
                   OnPoint&& on_point) {
  if (!g || GEOSisEmpty_r(h, g) == 1) return;
  switch (GEOSGeomTypeId_r(h, g)) {
    case GEOS_LINESTRING:
    case GEOS_LINEARRING: on_line(g); break;
    case GEOS_POLYGON: {
      on_line(GEOSGetExteriorRing_r(h, g));
      const int holes = GEOSGetNumInteriorRings_r(h, g);
      for (int i = 0; i < holes; ++i) on_line(GEOSGetInteriorRingN_r(h, g, i));
      break;
    }
    case GEOS_MULTILINESTRING:
    case GEOS_MULTIPOLYGON:
    case GEOS_GEOMETRYCOLLECTION: {
      const int n = GEOSGetNumGeometries_r(h, g);
      for (int i = 0; i < n; ++i) for_each_part(h, GEOSGetGeometryN_r(h, g, i), on_line, on_point);
      break;
    }
    case GEOS_POINT:
    case GEOS_MULTIPOINT: {
      const int n = GEOSGetNumGeometries_r(h, g);
      for (int i = 0; i < n; ++i) {
        double x = 0, y = 0;
        const GEOSGeometry* pt = GEOSGetGeometryN_r(h, g, i);
        if (GEOSisEmpty_r(h, pt) == 1 || !GEOSGeomGetX_r(h, pt, &x) || !GEOSGeomGetY_r(h, pt, &y))
          continue;
        on_point(x, y);
      }
      break;
    }
    default: break;
  }
}

// `with_points`: a point is added as a segment of length zero (the measured side of a distance).
void collect(GEOSContextHandle_t h, const GEOSGeometry* g, std::vector<SegmentIndex::Segment>& out,
             bool with_points = false) {
  for_each_part(
      h, g, [&](const GEOSGeometry* line) { add_ring(h, line, out); },
      [&](double x, double y) {
        if (with_points) out.emplace_back(SegmentIndex::BPoint(x, y), SegmentIndex::BPoint(x, y));
      });
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

// Consecutive segments of a ring share their endpoints, and runs of them are compact: the tree
// holds one box per run of up to kChunk segments instead of one entry per segment. Bulk loading
// then sorts an eighth of the entries (the tree of single segments took ~6 % of a province
// check's CPU to build), and a query reads the segments of a run from one array. Every answer is
// still a minimum over the segments themselves: a run's box only bounds its segments' distances
// from below.
constexpr std::uint32_t kChunk = 8;

// The points of every ring (polygons) or line of g, in order, and their runs of segments (points
// have no segments).
void collect_runs(GEOSContextHandle_t h, const GEOSGeometry* g,
                  std::vector<SegmentIndex::BPoint>& points,
                  std::vector<SegmentIndex::Chunk>& chunks) {
  const auto add_line = [&](const GEOSGeometry* line) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, line);
    unsigned int n = 0;
    if (!seq || GEOSCoordSeq_getSize_r(h, seq, &n) != 1 || n < 2) return;
    const auto base = static_cast<std::uint32_t>(points.size());
    for (unsigned int i = 0; i < n; ++i) {
      double x = 0, y = 0;
      GEOSCoordSeq_getXY_r(h, seq, i, &x, &y);
      points.emplace_back(x, y);
    }
    for (std::uint32_t i = 0; i + 1 < n; i += kChunk)
      chunks.push_back({base + i, std::min<std::uint32_t>(kChunk, n - 1 - i)});
  };
  for_each_part(h, g, add_line, [](double, double) {});
}

XY xy(const SegmentIndex::BPoint& p) { return {bg::get<0>(p), bg::get<1>(p)}; }
XY first(const SegmentIndex::Segment& s) { return {bg::get<0, 0>(s), bg::get<0, 1>(s)}; }
XY second(const SegmentIndex::Segment& s) { return {bg::get<1, 0>(s), bg::get<1, 1>(s)}; }

// The box query that stands for "some segment within `reach` of a–b": a–b's box grown by twice
// the reach plus 1e-9 of the coordinates' magnitude, far beyond the rounding of any distance
// formula here or Boost's.
SegmentIndex::Box reach_box(XY a, XY b, double reach) {
  const double pad = 2.0 * reach + 1e-9 * std::max({1.0, std::fabs(a.x), std::fabs(a.y),
                                                    std::fabs(b.x), std::fabs(b.y)});
  return SegmentIndex::Box(
      SegmentIndex::BPoint(std::min(a.x, b.x) - pad, std::min(a.y, b.y) - pad),
      SegmentIndex::BPoint(std::max(a.x, b.x) + pad, std::max(a.y, b.y) + pad));
}

// The least of distance(start, end) over the segments of one run.
template <class Distance>
double least_in_run(const std::vector<SegmentIndex::BPoint>& points, SegmentIndex::Chunk run,
                    Distance&& distance) {
  double d = std::numeric_limits<double>::infinity();
  for (std::uint32_t k = 0; k < run.segments; ++k)
    d = std::min(d, distance(points[run.first + k], points[run.first + k + 1]));
  return d;
}

// Visits the runs nearest first by their boxes' distance to `query` until a box is farther than
// reach(best), best being the least measure(run) so far, and returns best. A box's distance bounds
// its segments' from below, so no run left unvisited holds a nearer segment (PackedBoxTree's
// nearest_first prunes by the reach in force).
template <class Query, class Reach, class Measure>
double walk_nearest(const PackedBoxTree& tree, const Query& query, Reach&& reach,
                    Measure&& measure) {
  double best = std::numeric_limits<double>::infinity();
  tree.nearest_first(
      reach(best),
      [&](const PackedBox& b) {
        return bg::distance(query, SegmentIndex::Box(SegmentIndex::BPoint(b.min_x, b.min_y),
                                                     SegmentIndex::BPoint(b.max_x, b.max_y)));
      },
      [&](std::uint32_t run, double) {
        best = std::min(best, measure(run));
        return best == 0.0 ? -1.0 : reach(best);
      });
  return best;
}

PackedBox packed(const SegmentIndex::Box& b) {
  return PackedBox{bg::get<bg::min_corner, 0>(b), bg::get<bg::min_corner, 1>(b),
                   bg::get<bg::max_corner, 0>(b), bg::get<bg::max_corner, 1>(b)};
}

// The pad that keeps a box's distance from p a lower bound of its segments' distances despite the
// different rounding of the formulas: relative to the distance and to the coordinates' magnitude.
double box_slack(double d, XY p) {
  return d * 1e-12 + 1e-12 * std::max({1.0, std::fabs(p.x), std::fabs(p.y)});
}

}  // namespace

SegmentIndex::SegmentIndex(const GEOSGeometry* g) {
  collect_runs(context(), g, points_, chunks_);
  std::vector<PackedBox> boxes;
  boxes.reserve(chunks_.size());
  for (const Chunk& run : chunks_) {
    segment_count_ += run.segments;
    Box box(points_[run.first], points_[run.first]);
    for (std::uint32_t k = 1; k <= run.segments; ++k) bg::expand(box, points_[run.first + k]);
    boxes.push_back(packed(box));
  }
  tree_ = PackedBoxTree(boxes);
}

bool SegmentIndex::any_chunk_meets(const Box& box) const {
  return tree_.for_each_meeting(packed(box), [](std::uint32_t) { return true; });
}

double SegmentIndex::distance_m(Point p) const {
  const BPoint q(p.x, p.y);
  const XY at{p.x, p.y};
  return walk_nearest(
      tree_, q, [&](double best) { return best + box_slack(best, at); },
      [&](std::uint32_t c) {
        return least_in_run(points_, chunks_[c], [&](const BPoint& a, const BPoint& b) {
          return bg::distance(q, Segment(a, b));
        });
      });
}

bool SegmentIndex::within(Point p, double d_m) const {
  // Nothing indexed near the point: the nearest segment is farther than d_m, found without the
  // nearest-first walk (which queues nodes even when nothing is near).
  if (d_m >= 0.0 && std::isfinite(d_m)) {
    const XY at{p.x, p.y};
    if (!any_chunk_meets(reach_box(at, at, d_m))) return false;
  }
  return distance_m(p) <= d_m;
}

// The runs come nearest first by Boost's box distance; the walk stops past the least GEOS value
// found with a small pad, so a near tie measured differently by the two formulas is still
// measured by GEOS's, and the value returned is the least over every segment within reach.
namespace {

constexpr double kTiePad = 1e-9;
constexpr double kAbsPad = 1e-12;

}  // namespace

template <class Query>
double SegmentIndex::least_distance(const Query& query, const Segment& s, double bound) const {
  const XY a = first(s), b = second(s);
  // The two formulas differ by rounding relative to the coordinates' magnitude (large against a
  // short distance in degrees), hence an absolute part of the pad too.
  const double slack =
      kAbsPad * std::max({std::fabs(a.x), std::fabs(a.y), std::fabs(b.x), std::fabs(b.y)});
  auto reach_of = [&](double best) { return std::min(best, bound) * (1.0 + kTiePad) + slack; };
  double best = std::numeric_limits<double>::infinity();
  // A finite bound and nothing within reach of it: the walk below would stop at its first run and
  // return +infinity; a box query tells that sooner.
  if (bound < best && !any_chunk_meets(reach_box(a, b, reach_of(best)))) return best;
  return walk_nearest(tree_, query, reach_of, [&](std::uint32_t c) {
    return least_in_run(points_, chunks_[c], [&](const BPoint& c0, const BPoint& c1) {
      return segment_segment(a, b, xy(c0), xy(c1));
    });
  });
}

namespace {

// A point's own segment: the walk takes it as a point, whose box distances cost a fraction of a
// segment's.
template <class F>
double by_kind(const SegmentIndex::Segment& s, F&& f) {
  const XY a = first(s), b = second(s);
  if (a.x == b.x && a.y == b.y) return f(SegmentIndex::BPoint(a.x, a.y));
  return f(s);
}

}  // namespace

double SegmentIndex::facet_distance_m(const GEOSGeometry* g) const {
  std::vector<Segment> mine;
  collect(context(), g, mine, true);
  double best = std::numeric_limits<double>::infinity();
  if (empty()) return best;
  for (const Segment& s : mine) {
    best = std::min(best, by_kind(s, [&](const auto& q) { return least_distance(q, s, best); }));
    if (best == 0.0) break;
  }
  return best;
}

double SegmentIndex::facet_distance_m(Point p) const {
  if (empty()) return std::numeric_limits<double>::infinity();
  const Segment s(BPoint(p.x, p.y), BPoint(p.x, p.y));
  return least_distance(BPoint(p.x, p.y), s, std::numeric_limits<double>::infinity());
}

bool SegmentIndex::facet_within(const GEOSGeometry* g, double d_m) const {
  std::vector<Segment> mine;
  collect(context(), g, mine, true);
  if (!(d_m >= 0.0) || empty()) return false;
  for (const Segment& s : mine)
    if (by_kind(s, [&](const auto& q) { return least_distance(q, s, d_m); }) <= d_m) return true;
  return false;
}

bool SegmentIndex::meets(const Envelope& box) const {
  if (!box.valid) return false;
  const Box b(BPoint(box.min_x, box.min_y), BPoint(box.max_x, box.max_y));
  return tree_.for_each_meeting(packed(b), [&](std::uint32_t c) {
    const Chunk& run = chunks_[c];
    for (std::uint32_t k = 0; k < run.segments; ++k)
      if (bg::intersects(Segment(points_[run.first + k], points_[run.first + k + 1]), b))
        return true;
    return false;
  });
}

}  // namespace reserve::geom
