#include "geom/overlap_area.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <utility>
#include <vector>

namespace reserve::geom {
namespace {

struct XY {
  double x = 0, y = 0;
};

// One edge of an oriented ring (shells counter-clockwise, holes clockwise, so that the polygon's
// interior lies on the left of every edge), with where the other boundary crosses it.
struct Edge {
  XY a, b;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;         // its box
  std::vector<std::pair<double, XY>> crossings;  // parameter along a→b, point
};

// A closed ring, or a run of consecutive edges of one (a large polygon's edges near g).
struct Ring {
  std::size_t first = 0, last = 0;  // its edges [first, last) in the side's edge list
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool closed = true;
};

struct Side {
  std::vector<Edge> edges;
  std::vector<Ring> rings;
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  double area = 0.0;  // shoelace area of the oriented rings
  // Whether the edges are all of the polygon's (else only those near g, and a vertex outside
  // their box may still lie inside the polygon).
  bool complete = true;
};

// Near-degenerate cases are left to GEOS: an orientation smaller than this, relative to the
// product of the two lengths it is made of, counts as "on the line" (a point 1e-9 of a 100 m edge,
// 0.1 µm, from it). Rounding in the determinant is ~1e-16 relative, so nothing degenerate passes.
constexpr double kOnLine = 1e-9;
// Two crossings on one edge closer than this (as parameters) cannot be ordered with confidence.
constexpr double kSameParameter = 1e-12;
// Beyond this many edge pairs the GEOS overlay (indexed noding) is the better choice.
constexpr std::size_t kMaxPairs = 400000;

double cross(XY p, XY q) { return p.x * q.y - q.x * p.y; }

double orientation(XY p, XY q, XY r) {
  return (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
}

// Whether r lies on or near the line through p and q, in kOnLine's sense.
bool near_line(double o, XY p, XY q, XY r) {
  const double scale =
      (std::fabs(q.x - p.x) + std::fabs(q.y - p.y)) * (std::fabs(r.x - p.x) + std::fabs(r.y - p.y));
  return std::fabs(o) <= kOnLine * scale;
}

bool boxes_meet(const Edge& e, const Edge& f) {
  return !(e.x1 < f.x0 || f.x1 < e.x0 || e.y1 < f.y0 || f.y1 < e.y0);
}

// Adds the edges between the n points (moved already) as one ring or run of `side`.
void add_edges(const XY* pts, std::size_t n, bool closed, Side& side) {
  Ring r{side.edges.size(), 0, INFINITY, INFINITY, -INFINITY, -INFINITY, closed};
  for (std::size_t i = 0; i + 1 < n; ++i) {
    Edge e;
    e.a = pts[i];
    e.b = pts[i + 1];
    e.x0 = std::min(e.a.x, e.b.x);
    e.x1 = std::max(e.a.x, e.b.x);
    e.y0 = std::min(e.a.y, e.b.y);
    e.y1 = std::max(e.a.y, e.b.y);
    r.x0 = std::min(r.x0, e.x0);
    r.y0 = std::min(r.y0, e.y0);
    r.x1 = std::max(r.x1, e.x1);
    r.y1 = std::max(r.y1, e.y1);
    side.edges.push_back(std::move(e));
  }
  r.last = side.edges.size();
  side.rings.push_back(r);
  side.x0 = std::min(side.x0, r.x0);
  side.y0 = std::min(side.y0, r.y0);
  side.x1 = std::max(side.x1, r.x1);
  side.y1 = std::max(side.y1, r.y1);
}

// The rings of a Polygon or MultiPolygon, moved by -origin (exact for coordinates near the
// origin) and oriented. False for another type or a ring without area.
bool read_side(GEOSContextHandle_t h, const GEOSGeometry* g, XY origin, Side& out) {
  const int type = GEOSGeomTypeId_r(h, g);
  if (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON) return false;
  std::vector<double> xy;
  std::vector<XY> pts;
  auto add_ring = [&](const GEOSGeometry* ring, bool hole) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
    unsigned n = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &n) || n < 4) return false;
    xy.resize(2 * static_cast<std::size_t>(n));
    if (!GEOSCoordSeq_copyToBuffer_r(h, seq, xy.data(), 0, 0)) return false;
    pts.resize(n);
    for (unsigned i = 0; i < n; ++i) pts[i] = XY{xy[2 * i] - origin.x, xy[2 * i + 1] - origin.y};
    double twice = 0.0;
    for (unsigned i = 0; i + 1 < n; ++i) twice += cross(pts[i], pts[i + 1]);
    if (!(twice != 0.0) || !std::isfinite(twice)) return false;
    if ((twice < 0.0) != hole) {
      std::reverse(pts.begin(), pts.end());
      twice = -twice;
    }
    out.area += twice / 2.0;
    add_edges(pts.data(), pts.size(), true, out);
    return true;
  };
  const int parts = GEOSGetNumGeometries_r(h, g);
  for (int i = 0; i < parts; ++i) {
    const GEOSGeometry* poly = GEOSGetGeometryN_r(h, g, i);
    if (GEOSisEmpty_r(h, poly) == 1) continue;
    if (!add_ring(GEOSGetExteriorRing_r(h, poly), false)) return false;
    const int holes = GEOSGetNumInteriorRings_r(h, poly);
    for (int k = 0; k < holes; ++k)
      if (!add_ring(GEOSGetInteriorRingN_r(h, poly, k), true)) return false;
  }
  return !out.rings.empty();
}

// Records the proper crossing of e and f on both; false when they meet in any other way (touch,
// overlap, a vertex on or near the other's line while their boxes meet).
bool cross_edges(Edge& e, Edge& f) {
  if (!boxes_meet(e, f)) return true;
  const double o1 = orientation(f.a, f.b, e.a), o2 = orientation(f.a, f.b, e.b);
  const double o3 = orientation(e.a, e.b, f.a), o4 = orientation(e.a, e.b, f.b);
  if (near_line(o1, f.a, f.b, e.a) || near_line(o2, f.a, f.b, e.b) ||
      near_line(o3, e.a, e.b, f.a) || near_line(o4, e.a, e.b, f.b))
    return false;
  if ((o1 > 0) == (o2 > 0) || (o3 > 0) == (o4 > 0)) return true;  // apart
  const double te = o1 / (o1 - o2), tf = o3 / (o3 - o4);
  const XY p{e.a.x + te * (e.b.x - e.a.x), e.a.y + te * (e.b.y - e.a.y)};
  e.crossings.emplace_back(te, p);
  f.crossings.emplace_back(tf, p);
  return true;
}

// Whether p lies inside `side` (crossing number of a ray towards +x); nullopt when p lies on or
// near one of its edges.
// One edge a→b seen by the ray from p towards +x: flips `in` when the ray crosses it (half-open
// in y, so a vertex on the ray counts once); false when p lies on or near the edge.
bool ray_step(XY a, XY b, XY p, bool& in) {
  const bool straddles = (a.y > p.y) != (b.y > p.y);
  const double x0 = std::min(a.x, b.x), x1 = std::max(a.x, b.x);
  if (!straddles) {
    if (p.y < std::min(a.y, b.y) || p.y > std::max(a.y, b.y) || p.x < x0 || p.x > x1) return true;
  } else if (p.x < x0) {  // wholly right of p: the ray crosses it
    in = !in;
    return true;
  } else if (p.x > x1) {
    return true;
  }
  const double o = orientation(a, b, p);
  if (near_line(o, a, b, p)) return false;
  // The ray crosses the edge when p lies on its left for an upward edge, right for downward.
  if (straddles && (b.y > a.y) == (o > 0)) in = !in;
  return true;
}

std::optional<bool> inside(XY p, const Side& side) {
  if (p.x < side.x0 || p.x > side.x1 || p.y < side.y0 || p.y > side.y1) return false;
  bool in = false;
  for (const Edge& e : side.edges)
    if (!ray_step(e.a, e.b, p, in)) return std::nullopt;
  return in;
}

// The same for a point (in absolute coordinates) against a large polygon: only the edges in the
// chunks the ray passes through can cross it.
std::optional<bool> inside(XY p, const RingChunks& b) {
  const Envelope& all = b.envelope();
  if (!all.contains(Point{p.x, p.y})) return false;
  bool in = false;
  for (const RingChunks::Run& run : b.runs_near(Envelope{p.x, p.y, all.max_x, p.y, true})) {
    const std::vector<Point>& ring = b.ring(run.ring);
    for (std::size_t i = run.first; i < run.last; ++i)
      if (!ray_step(XY{ring[i].x, ring[i].y}, XY{ring[i + 1].x, ring[i + 1].y}, p, in))
        return std::nullopt;
  }
  return in;
}

// Whether a vertex of `walked` lies inside `other`: nullopt when it lies on or near its boundary.
using Locate = std::function<std::optional<bool>(XY)>;

// Walks each ring or run of `walked`, its edges cut at the crossings, adding each piece's
// shoelace term to `in` or `out` by whether it lies inside `other`. False when a ring's walk does
// not close, a run does not end where its last vertex lies (a crossing missed or doubled), two
// crossings cannot be ordered, or a vertex cannot be located.
bool walk(Side& walked, const Side& other, const Locate& locate, double& in, double& out) {
  for (const Ring& r : walked.rings) {
    const bool meets_other = !other.complete || !(r.x1 < other.x0 || other.x1 < r.x0 ||
                                                  r.y1 < other.y0 || other.y1 < r.y0);
    const std::optional<bool> start = meets_other ? locate(walked.edges[r.first].a) : false;
    if (!start) return false;
    bool now = *start;
    for (std::size_t i = r.first; i < r.last; ++i) {
      Edge& e = walked.edges[i];
      auto& cs = e.crossings;
      std::sort(cs.begin(), cs.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      XY from = e.a;
      for (std::size_t k = 0; k < cs.size(); ++k) {
        if (k > 0 && cs[k].first - cs[k - 1].first <= kSameParameter) return false;
        (now ? in : out) += cross(from, cs[k].second);
        from = cs[k].second;
        now = !now;
      }
      (now ? in : out) += cross(from, e.b);
    }
    const std::optional<bool> end =
        r.closed ? start : (meets_other ? locate(walked.edges[r.last - 1].b) : false);
    if (!end || now != *end) return false;
  }
  return true;
}

// The crossings of g's edges with b's, then the two walks. `locate_in_b` places g's vertices.
std::optional<OverlapAreas> measure(Side& sg, Side& sb, const Locate& locate_in_b) {
  // Only b's edges that reach g's box can cross g's.
  std::vector<std::size_t> near;
  for (std::size_t j = 0; j < sb.edges.size(); ++j) {
    const Edge& f = sb.edges[j];
    if (!(f.x1 < sg.x0 || sg.x1 < f.x0 || f.y1 < sg.y0 || sg.y1 < f.y0)) near.push_back(j);
  }
  if (sg.edges.size() * near.size() > kMaxPairs) return std::nullopt;
  for (Edge& e : sg.edges)
    for (std::size_t j : near)
      if (!cross_edges(e, sb.edges[j])) return std::nullopt;

  // ∂(g ∩ b) = g's boundary inside b + b's boundary inside g; ∂(g − b) = g's boundary outside b
  // + b's boundary inside g, reversed.
  bool crossed = false;
  for (const Edge& e : sg.edges) crossed = crossed || !e.crossings.empty();
  double g_in = 0, g_out = 0, b_in = 0, b_out = 0;
  const Locate locate_in_g = [&sg](XY p) { return inside(p, sg); };
  if (!walk(sg, sb, locate_in_b, g_in, g_out) || !walk(sb, sg, locate_in_g, b_in, b_out))
    return std::nullopt;
  OverlapAreas r{(g_in + b_in) / 2.0, (g_out - b_in) / 2.0, crossed || b_in != 0.0};
  // The two parts make up g: a check that nothing was mislabelled, with room for rounding only.
  const double slack = 1e-9 * sg.area;
  if (r.inside < -slack || r.outside < -slack || std::fabs(r.inside + r.outside - sg.area) > slack)
    return std::nullopt;
  r.inside = std::max(r.inside, 0.0);
  r.outside = std::max(r.outside, 0.0);
  return r;
}

// g's rings, moved so that its envelope's lower-left corner is the origin.
std::optional<Side> read_feature(GEOSContextHandle_t h, const GEOSGeometry* g, XY& origin) {
  if (!g || is_empty(g) || !GEOSGeom_getXMin_r(h, g, &origin.x) ||
      !GEOSGeom_getYMin_r(h, g, &origin.y))
    return std::nullopt;
  Side sg;
  if (!read_side(h, g, origin, sg)) return std::nullopt;
  return sg;
}

}  // namespace

std::optional<OverlapAreas> overlap_areas(const GEOSGeometry* g, const GEOSGeometry* b) {
  auto* h = context();
  XY origin;
  std::optional<Side> sg = read_feature(h, g, origin);
  if (!sg || !b) return std::nullopt;
  if (is_empty(b)) return OverlapAreas{0.0, sg->area};
  Side sb;
  if (!read_side(h, b, origin, sb)) return std::nullopt;
  return measure(*sg, sb, [&sb](XY p) { return inside(p, sb); });
}

std::optional<OverlapAreas> overlap_areas(const GEOSGeometry* g, const RingChunks& b) {
  auto* h = context();
  XY origin;
  std::optional<Side> sg = read_feature(h, g, origin);
  if (!sg || !b.usable()) return std::nullopt;
  Side sb;
  sb.complete = false;
  std::vector<XY> pts;
  const Envelope box{sg->x0 + origin.x, sg->y0 + origin.y, sg->x1 + origin.x, sg->y1 + origin.y,
                     true};
  for (const RingChunks::Run& run : b.runs_near(box)) {
    const std::vector<Point>& ring = b.ring(run.ring);
    pts.clear();
    for (std::size_t i = run.first; i <= run.last; ++i)
      pts.push_back(XY{ring[i].x - origin.x, ring[i].y - origin.y});
    add_edges(pts.data(), pts.size(), false, sb);
  }
  // g's vertices against the whole of b (its edges far away decide too), by a ray through b's
  // chunks; a vertex on or near b's boundary is left to the overlay.
  const Locate locate_in_b = [&b, origin](XY p) {
    return inside(XY{p.x + origin.x, p.y + origin.y}, b);
  };
  return measure(*sg, sb, locate_in_b);
}

}  // namespace reserve::geom
