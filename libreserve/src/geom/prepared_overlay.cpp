// Why the short-cuts return what the overlay returns: OverlayNG's result is built from the noded
// edges of both operands. When the large operand's boundary neither crosses nor touches the small
// geometry g (g lies in its interior, or apart from it), no edge of it meets g: the noded edges of
// g are g's own, and the result is g rebuilt (or nothing). Overlaying g with a rectangle in the
// same relation — around g, or apart from it — rebuilds g through the same steps; only the
// labelling of g's edges (inside or outside the other operand) is looked up in a four-vertex
// rectangle instead of a 50,000-vertex outline. The reports of the benchmark workloads and the
// sample are byte-identical with and without the short-cuts.
//
// Where g crosses the operand's boundary, the operand is first cut to a rectangle around g
// (clip_around): OverlayNG clips its operands to the "safe" intersection of their envelopes too,
// but only after walking all of the large operand's vertices, and it indexes all of them for
// point location. The cut is made so that OverlayNG then sees the same edges near g as without
// it, and so computes the same intersection points (the regression test compares the two):
// - the rectangle is widened until no edge that meets the first rectangle (g's envelope with a
//   margin well beyond OverlayNG's) crosses it, so every edge near g is kept whole, with its
//   original vertices, and the cut's new edges lie away from g;
// - two small squares are added at the corners of the operand's envelope, apart from the
//   rectangle, so the cut has the operand's envelope: OverlayNG's clipping box (and so the
//   clipping of g's own edges) is the same as with the whole operand. They touch neither g nor
//   the rest of the cut, so they add nothing to g ∩ operand or take anything from g − operand.
#include "geom/prepared_overlay.hpp"

#include "geom/orientation.hpp"

#include <algorithm>
#include <vector>

namespace reserve::geom {
namespace {

struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

Box envelope_of(const GEOSGeometry* g) {
  auto* h = context();
  Box b;
  GEOSGeom_getXMin_r(h, g, &b.x0);
  GEOSGeom_getYMin_r(h, g, &b.y0);
  GEOSGeom_getXMax_r(h, g, &b.x1);
  GEOSGeom_getYMax_r(h, g, &b.y1);
  return b;
}

// A margin well beyond the one OverlayNG clips the operands to (a tenth of the envelope's size).
double margin(const Box& b) { return std::max(b.x1 - b.x0, b.y1 - b.y0) + 1.0; }

// A rectangle holding g's envelope with a wide margin.
GeomPtr rectangle_around(const GEOSGeometry* g) {
  const Box b = envelope_of(g);
  const double m = margin(b);
  return check(GEOSGeom_createRectangle_r(context(), b.x0 - m, b.y0 - m, b.x1 + m, b.y1 + m),
               "rectangle");
}

// A rectangle apart from g's envelope by a wide margin.
GeomPtr rectangle_apart(const GEOSGeometry* g) {
  const Box b = envelope_of(g);
  const double m = margin(b);
  return check(
      GEOSGeom_createRectangle_r(context(), b.x1 + m, b.y1 + m, b.x1 + 2 * m, b.y1 + 2 * m),
      "rectangle");
}

// Operands with fewer vertices than this are overlaid whole: the cut would save little.
constexpr int kClipMinVertices = 256;

bool meets(const Box& a, double x0, double y0, double x1, double y1) {
  return !(x1 < a.x0 || x0 > a.x1 || y1 < a.y0 || y0 > a.y1);
}

// g's envelope with the margin of rectangle_around: far beyond OverlayNG's safe envelope (a
// tenth of the envelope's smaller side).
Box around(const Box& b) {
  const double m = margin(b);
  return Box{b.x0 - m, b.y0 - m, b.x1 + m, b.y1 + m};
}

// `r` grown to hold every edge of the operand's rings that meets `r`.
Box widened(const GEOSGeometry* operand, const Box& r) {
  auto* h = context();
  Box out = r;
  std::vector<double> xy;
  auto scan = [&](const GEOSGeometry* ring) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
    unsigned n = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &n) || n < 2) return;
    xy.resize(2 * static_cast<std::size_t>(n));
    GEOSCoordSeq_copyToBuffer_r(h, seq, xy.data(), 0, 0);
    for (unsigned i = 1; i < n; ++i) {
      const double ax = xy[2 * i - 2], ay = xy[2 * i - 1], bx = xy[2 * i], by = xy[2 * i + 1];
      const double x0 = std::min(ax, bx), x1 = std::max(ax, bx);
      const double y0 = std::min(ay, by), y1 = std::max(ay, by);
      if (!meets(r, x0, y0, x1, y1)) continue;
      out.x0 = std::min(out.x0, x0);
      out.y0 = std::min(out.y0, y0);
      out.x1 = std::max(out.x1, x1);
      out.y1 = std::max(out.y1, y1);
    }
  };
  const int parts = GEOSGetNumGeometries_r(h, operand);
  for (int i = 0; i < parts; ++i) {
    const GEOSGeometry* poly = GEOSGetGeometryN_r(h, operand, i);
    if (GEOSGeomTypeId_r(h, poly) != GEOS_POLYGON || GEOSisEmpty_r(h, poly) == 1) continue;
    scan(GEOSGetExteriorRing_r(h, poly));
    const int holes = GEOSGetNumInteriorRings_r(h, poly);
    for (int k = 0; k < holes; ++k) scan(GEOSGetInteriorRingN_r(h, poly, k));
  }
  // Slightly beyond the kept edges, so none of them lies on the rectangle's boundary.
  const double pad = 1e-6 * std::max(out.x1 - out.x0, out.y1 - out.y0);
  return Box{out.x0 - pad, out.y0 - pad, out.x1 + pad, out.y1 + pad};
}

}  // namespace

GeomPtr clip_around(const GEOSGeometry* operand, const GEOSGeometry* g) {
  auto* h = context();
  if (is_empty(g) || is_empty(operand)) return nullptr;
  if (GEOSGetNumCoordinates_r(h, operand) < kClipMinVertices) return nullptr;
  const Box o = envelope_of(operand);
  const Box r = widened(operand, around(envelope_of(g)));
  const double gap_low = std::max(r.x0 - o.x0, r.y0 - o.y0);
  const double gap_high = std::max(o.x1 - r.x1, o.y1 - r.y1);
  if (!(gap_low > 0.0 && gap_high > 0.0)) return nullptr;  // the cut would keep o's corners
  GeomPtr cut(GEOSClipByRect_r(h, operand, r.x0, r.y0, r.x1, r.y1));
  if (!cut) return nullptr;
  const double side = std::min({gap_low, gap_high, o.x1 - o.x0, o.y1 - o.y0}) / 4.0;
  std::vector<GEOSGeometry*> parts;
  const int n = GEOSGetNumGeometries_r(h, cut.get());
  for (int i = 0; i < n; ++i) {
    const GEOSGeometry* part = GEOSGetGeometryN_r(h, cut.get(), i);
    if (GEOSGeomTypeId_r(h, part) != GEOS_POLYGON) continue;  // lines left on the rectangle
    if (GEOSisEmpty_r(h, part) == 1) continue;
    parts.push_back(GEOSGeom_clone_r(h, part));
  }
  parts.push_back(GEOSGeom_createRectangle_r(h, o.x0, o.y0, o.x0 + side, o.y0 + side));
  parts.push_back(GEOSGeom_createRectangle_r(h, o.x1 - side, o.y1 - side, o.x1, o.y1));
  for (GEOSGeometry* p : parts)
    if (!p) {
      for (GEOSGeometry* q : parts) GEOSGeom_destroy_r(h, q);
      return nullptr;
    }
  return GeomPtr(GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, parts.data(),
                                             static_cast<unsigned>(parts.size())));
}

GeomPtr clipped_intersection(const GEOSGeometry* g, const GEOSGeometry* operand) {
  auto* h = context();
  if (GeomPtr cut = clip_around(operand, g))
    if (GEOSGeometry* r = GEOSIntersection_r(h, g, cut.get())) return GeomPtr(r);
  return check(GEOSIntersection_r(h, g, operand), "intersection");
}

GeomPtr clipped_difference(const GEOSGeometry* g, const GEOSGeometry* operand) {
  auto* h = context();
  if (GeomPtr cut = clip_around(operand, g))
    if (GEOSGeometry* r = GEOSDifference_r(h, g, cut.get())) return GeomPtr(r);
  return check(GEOSDifference_r(h, g, operand), "difference");
}

GeomPtr prepared_intersection(const GEOSGeometry* g, const GEOSGeometry* operand,
                              const GEOSPreparedGeometry* prepared) {
  auto* h = context();
  if (prepared && !is_empty(g)) {
    if (GEOSPreparedIntersects_r(h, prepared, g) != 1)
      return check(GEOSGeom_createEmptyPolygon_r(h), "empty");
    if (GEOSPreparedContainsProperly_r(h, prepared, g) == 1)
      return check(GEOSIntersection_r(h, g, rectangle_around(g).get()), "intersection");
  }
  return clipped_intersection(g, operand);
}

GeomPtr prepared_difference(const GEOSGeometry* g, const GEOSGeometry* operand,
                            const GEOSPreparedGeometry* prepared) {
  auto* h = context();
  if (prepared && !is_empty(g)) {
    if (GEOSPreparedContainsProperly_r(h, prepared, g) == 1)
      return check(GEOSGeom_createEmptyPolygon_r(h), "empty");
    if (GEOSPreparedIntersects_r(h, prepared, g) != 1)
      return check(GEOSDifference_r(h, g, rectangle_apart(g).get()), "difference");
  }
  return clipped_difference(g, operand);
}

PreparedOperand::PreparedOperand(GeomPtr g) : geometry_(std::move(g)) {
  if (geometry_ && !is_empty(geometry_.get())) {
    prepared_ = prepare(geometry_.get());
    rings_ = RingChunks(geometry_.get());
  }
}

namespace {

// Whether the closed segments pq and ab have a point in common, or may have (collinear: not
// decided here); exact orientations (geom/orientation.hpp), 0 also when undecided.
bool segments_may_meet(const Point& p, const Point& q, const Point& a, const Point& b) {
  const int o1 = orientation(p, q, a), o2 = orientation(p, q, b);
  if (o1 * o2 > 0) return false;
  const int o3 = orientation(a, b, p), o4 = orientation(a, b, q);
  return o3 * o4 <= 0;
}

// The rings of polygonal g as points (empty when a coordinate sequence cannot be read).
std::vector<std::vector<Point>> rings_of(const GEOSGeometry* g) {
  auto* h = context();
  std::vector<std::vector<Point>> out;
  const auto add = [&](const GEOSGeometry* ring) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
    unsigned n = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &n)) return false;
    std::vector<Point> pts(n);
    for (unsigned i = 0; i < n; ++i)
      if (!GEOSCoordSeq_getXY_r(h, seq, i, &pts[i].x, &pts[i].y)) return false;
    out.push_back(std::move(pts));
    return true;
  };
  const int parts = GEOSGetNumGeometries_r(h, g);
  for (int i = 0; i < parts; ++i) {
    const GEOSGeometry* poly = GEOSGetGeometryN_r(h, g, i);
    if (is_empty(poly)) continue;
    if (!add(GEOSGetExteriorRing_r(h, poly))) return {};
    for (int k = 0; k < GEOSGetNumInteriorRings_r(h, poly); ++k)
      if (!add(GEOSGetInteriorRingN_r(h, poly, k))) return {};
  }
  return out;
}

// Whether some edge of `rings` meets (or may meet) an edge of g's rings.
bool boundaries_may_meet(const RingChunks& rings, const std::vector<std::vector<Point>>& g) {
  for (const auto& ring : g)
    for (std::size_t i = 1; i < ring.size(); ++i) {
      const Point p = ring[i - 1], q = ring[i];
      const Envelope edge{std::min(p.x, q.x), std::min(p.y, q.y), std::max(p.x, q.x),
                          std::max(p.y, q.y), true};
      for (const RingChunks::Run& run : rings.runs_near(edge)) {
        const std::vector<Point>& r = rings.ring(run.ring);
        for (std::size_t k = run.first; k < run.last; ++k)
          if (segments_may_meet(p, q, r[k], r[k + 1])) return true;
      }
    }
  return false;
}

}  // namespace

RingSide side_against(const RingChunks& rings, const GEOSGeometry* g) {
  auto* h = context();
  if (!rings.usable() || !g || is_empty(g)) return RingSide::unknown;
  const int type = GEOSGeomTypeId_r(h, g);
  if (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON) return RingSide::unknown;
  const Box b = envelope_of(g);
  const Envelope box{b.x0, b.y0, b.x1, b.y1, true};
  if (rings.runs_near(box).empty()) {  // no edge of theirs near: g is on one side
    const std::optional<Point> p = first_shell_vertex(g);
    if (!p) return RingSide::unknown;
    const auto w = rings.winding_number(*p);
    if (!w) return RingSide::unknown;
    return *w > 0 ? RingSide::inside : RingSide::apart;
  }
  const std::vector<std::vector<Point>> edges = rings_of(g);
  if (edges.empty()) return RingSide::unknown;
  if (boundaries_may_meet(rings, edges)) return RingSide::crossing;
  // No boundary contact: a ring of theirs within g's envelope lies wholly inside g or wholly
  // outside it; one inside (a hole in g, or a whole part) leaves it to the predicates. Else each
  // part of g lies on the side of its first vertex.
  for (std::size_t r : rings.rings_within(box)) {
    const GeomPtr vertex = to_geos(rings.ring(r).front());
    if (GEOSIntersects_r(h, g, vertex.get()) != 0) return RingSide::unknown;
  }
  int inside = 0, apart = 0;
  for (int i = 0; i < GEOSGetNumGeometries_r(h, g); ++i) {
    const std::optional<Point> p = first_shell_vertex(GEOSGetGeometryN_r(h, g, i));
    if (!p) continue;  // an empty part
    const auto w = rings.winding_number(*p);
    if (!w) return RingSide::unknown;
    ++(*w > 0 ? inside : apart);
  }
  if (inside > 0 && apart > 0) return RingSide::crossing;
  if (inside == 0 && apart == 0) return RingSide::unknown;
  return inside > 0 ? RingSide::inside : RingSide::apart;
}

RingSide PreparedOperand::side_of(const GEOSGeometry* g) const {
  const RingSide side = side_against(rings_, g);
  if (side == RingSide::inside || side == RingSide::apart) ++settled_;
  if (side == RingSide::crossing) ++crossing_;
  return side;
}

GeomPtr PreparedOperand::intersection(const GEOSGeometry* g) const {
  switch (side_of(g)) {
    case RingSide::inside:
      return check(GEOSIntersection_r(context(), g, rectangle_around(g).get()), "intersection");
    case RingSide::apart: return check(GEOSGeom_createEmptyPolygon_r(context()), "empty");
    case RingSide::crossing: return clipped_intersection(g, geometry_.get());
    case RingSide::unknown: break;
  }
  return prepared_intersection(g, geometry_.get(), prepared_.get());
}

GeomPtr PreparedOperand::difference(const GEOSGeometry* g) const {
  switch (side_of(g)) {
    case RingSide::inside: return check(GEOSGeom_createEmptyPolygon_r(context()), "empty");
    case RingSide::apart:
      return check(GEOSDifference_r(context(), g, rectangle_apart(g).get()), "difference");
    case RingSide::crossing: return clipped_difference(g, geometry_.get());
    case RingSide::unknown: break;
  }
  return prepared_difference(g, geometry_.get(), prepared_.get());
}

}  // namespace reserve::geom
