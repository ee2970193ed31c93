// The permutation test's pieces and their GEOS measure (see carve_out_pieces.hpp).
#include "rules/carve_out_pieces.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "geom/point_in_area.hpp"
#include "geom/ring_validity.hpp"
#include "geom/validity.hpp"
#include "geom/vertex_count.hpp"
#include "reserve/error.hpp"

namespace reserve::rules::carve {
namespace {

// Area of a ∩ b where a is prepared; b built from `b_value`. A rigid motion's rounding can make a
// valid but nearly touching ring invalid, which GEOS refuses to intersect; the statistic needs the
// area only, so the valid form of b (the same area) is measured then.
double overlap_m2(const GEOSPreparedGeometry* a_prepared, const GEOSGeometry* a,
                  const GEOSGeometry* b, const MultiPolygon& b_value, double b_area_m2) {
  auto* h = geom::context();
  if (GEOSPreparedIntersects_r(h, a_prepared, b) != 1) return 0.0;
  if (GEOSPreparedContains_r(h, a_prepared, b) == 1) return b_area_m2;
  geom::GeomPtr both(GEOSIntersection_r(h, a, b));
  if (!both) {
    const geom::GeomPtr valid = geom::to_geos(geom::make_valid_polygons(b_value));
    both = geom::check(GEOSIntersection_r(h, a, valid.get()), "piece ∩ footprint");
  }
  return geom::planar_area(both.get());
}

// Cuts a piece of more than 256 vertices into a grid of about vertices / 64 tiles.
void tile(Piece& p) {
  if (p.vertices <= 256) return;
  auto* h = geom::context();
  const int g =
      std::min(32, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(p.vertices) / 64.0))));
  const Envelope e = envelope_of(p.shape);
  std::vector<Envelope> boxes;
  for (int ix = 0; ix < g; ++ix) {
    for (int iy = 0; iy < g; ++iy) {
      const double x0 = e.min_x + e.width() * ix / g, x1 = e.min_x + e.width() * (ix + 1) / g;
      const double y0 = e.min_y + e.height() * iy / g, y1 = e.min_y + e.height() * (iy + 1) / g;
      geom::GeomPtr clip(GEOSClipByRect_r(h, p.local.get(), x0, y0, x1, y1));
      if (!clip) return;  // GEOS could not clip: measure against the whole piece
      if (!(geom::planar_area(clip.get()) > 0.0)) continue;
      Envelope box;
      box.expand(Point{x0, y0});
      box.expand(Point{x1, y1});
      boxes.push_back(box);
      Piece::Tile t;
      t.prepared = geom::prepare(clip.get());
      t.geometry = std::move(clip);
      p.tiles.push_back(std::move(t));
    }
  }
  p.tile_index = std::make_unique<geom::EnvelopeIndex>(boxes);
}

Point centroid_of(const GEOSGeometry* g) {
  auto* h = geom::context();
  auto c = geom::check(GEOSGetCentroid_r(h, g), "centroid");
  Point p;
  GEOSGeomGetX_r(h, c.get(), &p.x);
  GEOSGeomGetY_r(h, c.get(), &p.y);
  return p;
}

}  // namespace

MultiPolygon moved(const MultiPolygon& shape, Point to, double angle) {
  const double c = std::cos(angle), s = std::sin(angle);
  auto move_ring = [&](const Ring& r) {
    Ring out;
    out.reserve(r.size());
    for (const Point& p : r) out.push_back({to.x + c * p.x - s * p.y, to.y + s * p.x + c * p.y});
    return out;
  };
  MultiPolygon out;
  for (const Polygon& poly : shape.polygons) {
    Polygon m{move_ring(poly.outer), {}};
    for (const Ring& h : poly.holes) m.holes.push_back(move_ring(h));
    out.polygons.push_back(std::move(m));
  }
  return out;
}

// `mp` moved back by the inverse of `m` (into the frame of a piece centred on the origin).
MultiPolygon moved_back(const MultiPolygon& mp, const Motion& m) {
  MultiPolygon shifted = moved(mp, Point{-m.to.x, -m.to.y}, 0.0);
  return moved(shifted, Point{0.0, 0.0}, -m.angle);
}

Point moved_back(Point p, const Motion& m) {
  const double c = std::cos(m.angle), s = std::sin(m.angle);
  const double dx = p.x - m.to.x, dy = p.y - m.to.y;
  return {c * dx + s * dy, -s * dx + c * dy};
}

bool contains(const GEOSPreparedGeometry* area, Point p) {
  const geom::GeomPtr g = geom::to_geos(p);
  return GEOSPreparedContains_r(geom::context(), area, g.get()) == 1;
}

double overlap_m2(const GEOSPreparedGeometry* a_prepared, const GEOSGeometry* a,
                  const MultiPolygon& b_value, double b_area_m2) {
  const geom::GeomPtr b = geom::to_geos(b_value);
  return overlap_m2(a_prepared, a, b.get(), b_value, b_area_m2);
}

// Area of piece ∩ b, both in the piece's frame: tile by tile for a tiled piece (the tiles are
// disjoint, so their overlaps add up).
double piece_overlap_m2(const Piece& piece, const MultiPolygon& b_value, double b_area_m2) {
  if (!piece.tile_index)
    return overlap_m2(piece.prepared.get(), piece.local.get(), b_value, b_area_m2);
  const geom::GeomPtr b = geom::to_geos(b_value);
  double area = 0.0;
  for (std::size_t i : piece.tile_index->query(envelope_of(b_value))) {
    const Piece::Tile& t = piece.tiles[i];
    area += overlap_m2(t.prepared.get(), t.geometry.get(), b.get(), b_value, b_area_m2);
  }
  return area;
}

std::vector<Piece> pieces_of(const Comparison& comparison, const GEOSGeometry* reserve) {
  auto* h = geom::context();
  auto boundary = geom::check(GEOSBoundary_r(h, reserve), "reserve boundary");
  const geom::PointInArea reserve_area(reserve);
  std::vector<Piece> out;
  for (const ChangeSet* set : {&comparison.removed, &comparison.downgraded}) {
    for (const ChangePiece& cp : set->pieces) {
      if (cp.noise) continue;
      auto g = geom::to_geos(cp.geometry);
      Piece p;
      p.on_boundary = set == &comparison.removed;
      p.centroid = centroid_of(g.get());
      MultiPolygon shape;
      shape.polygons.push_back(cp.geometry);
      // Overlay pieces can carry rings that touch themselves; GEOS refuses to intersect those.
      // The exact proof first (geom/ring_validity.hpp): GEOS's check only for what it leaves.
      if (!geom::proven_valid(shape) && !geom::invalid_reason(g.get()).empty())
        shape = geom::make_valid_polygons(shape);
      p.shape = moved(shape, Point{-p.centroid.x, -p.centroid.y}, 0.0);
      p.local = geom::to_geos(p.shape);
      p.prepared = geom::prepare(p.local.get());
      p.boundary = geom::SegmentIndex(p.local.get());
      p.vertices = geom::vertex_count(p.shape);
      p.area_m2 = planar_area(p.shape);
      for (const Polygon& poly : p.shape.polygons)
        for (const Point& q : poly.outer) p.radius_m = std::max(p.radius_m, std::hypot(q.x, q.y));
      tile(p);
      p.grid = GridShape(oriented_rings(p.shape, Point{0.0, 0.0}), p.area_m2);
      if (p.on_boundary) {
        auto c = geom::to_geos(p.centroid);
        double dist = 0.0;
        GEOSDistance_r(h, c.get(), boundary.get(), &dist);
        const bool inside = reserve_area.contains(p.centroid);
        p.depth = inside ? dist : -dist;
      }
      out.push_back(std::move(p));
    }
  }
  return out;
}

std::vector<Point> convex_hull(const MultiPolygon& shape) {
  std::vector<Point> pts;
  for (const Polygon& poly : shape.polygons)
    pts.insert(pts.end(), poly.outer.begin(), poly.outer.end());
  std::sort(pts.begin(), pts.end(),
            [](Point a, Point b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
  if (pts.size() < 3) return pts;
  std::vector<Point> h(2 * pts.size());
  std::size_t k = 0;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    while (k >= 2 && orient(h[k - 2], h[k - 1], pts[i]) <= 0.0) --k;
    h[k++] = pts[i];
  }
  for (std::size_t i = pts.size() - 1, t = k + 1; i-- > 0;) {
    while (k >= t && orient(h[k - 2], h[k - 1], pts[i]) <= 0.0) --k;
    h[k++] = pts[i];
  }
  h.resize(k - 1);
  return h;
}

}  // namespace reserve::rules::carve
