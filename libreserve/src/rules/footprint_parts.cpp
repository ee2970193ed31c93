// The footprint's parts and the measures of a placed piece on them (see footprint_parts.hpp).
#include "rules/footprint_parts.hpp"

#include <cmath>
#include <optional>

#include "geom/vertex_count.hpp"

namespace reserve::rules::carve {

Footprint::Footprint(const GEOSGeometry* footprint, std::size_t grid_above) {
  auto* h = geom::context();
  const int n = GEOSGetNumGeometries_r(h, footprint);
  std::vector<Envelope> boxes;
  for (int i = 0; i < n; ++i) {
    const GEOSGeometry* part = GEOSGetGeometryN_r(h, footprint, i);
    if (GEOSGeomTypeId_r(h, part) != GEOS_POLYGON || geom::is_empty(part)) continue;
    Part p;
    p.geometry = part;
    p.prepared = geom::prepare(part);
    p.value = geom::polygons_from_geos(part);
    p.vertices = geom::vertex_count(p.value);
    p.area_m2 = geom::planar_area(part);
    const Envelope e = envelope_of(p.value);
    p.center = Point{(e.min_x + e.max_x) / 2, (e.min_y + e.max_y) / 2};
    p.radius_m = std::hypot(e.width(), e.height()) / 2;
    p.rings = oriented_rings(p.value, p.center);
    if (p.vertices > grid_above)
      p.grid = std::make_unique<GridShape>(oriented_rings(p.value, p.center), p.area_m2);
    boxes.push_back(e);
    parts_.push_back(std::move(p));
  }
  index_ = std::make_unique<geom::EnvelopeIndex>(boxes);
}

std::vector<Rings> Footprint::world_rings() const {
  std::vector<Rings> out;
  out.reserve(parts_.size());
  for (const Part& p : parts_) out.push_back(oriented_rings(p.value, Point{0.0, 0.0}));
  return out;
}

double Footprint::taken_in(const Piece& piece, const Motion& m) const {
  Envelope box;
  box.expand(Point{m.to.x - piece.radius_m, m.to.y - piece.radius_m});
  box.expand(Point{m.to.x + piece.radius_m, m.to.y + piece.radius_m});
  const std::vector<std::size_t> hits = index_->query(box);
  double area = 0.0;
  std::optional<MultiPolygon> placed;  // the piece in the world frame, made when first needed
  for (std::size_t i : hits) {
    const Part& part = parts_[i];
    if (part.vertices <= piece.vertices) {
      // A part whose bounding circle clears the piece's boundary lies wholly inside or wholly
      // outside it: one point test instead of building and intersecting the part.
      const Point c = moved_back(part.center, m);
      if (!piece.boundary.within(c, part.radius_m)) {
        if (contains(piece.prepared.get(), c)) area += part.area_m2;
        continue;
      }
      area += piece_overlap_m2(piece, moved_back(part.value, m), part.area_m2);
    } else {
      if (!placed) placed = moved(piece.shape, m.to, m.angle);
      area += overlap_m2(part.prepared.get(), part.geometry, *placed, piece.area_m2);
    }
  }
  return area;
}

double Footprint::drawn_in(const Piece& piece, const Motion& m) const {
  Envelope box;
  box.expand(Point{m.to.x - piece.radius_m, m.to.y - piece.radius_m});
  box.expand(Point{m.to.x + piece.radius_m, m.to.y + piece.radius_m});
  const double c = std::cos(m.angle), s = std::sin(m.angle);
  double area = 0.0;
  Rings moved_rings;
  // `rings` rotated by (cos, sin) and put at `at`, into moved_rings; returns their envelope.
  const auto place = [&](const Rings& rings, Point at, double cs, double sn) {
    moved_rings.resize(rings.size());
    Envelope e;
    for (std::size_t r = 0; r < rings.size(); ++r) {
      moved_rings[r].clear();
      for (const Point& p : rings[r]) {
        moved_rings[r].push_back({at.x + cs * p.x - sn * p.y, at.y + sn * p.x + cs * p.y});
        e.expand(moved_rings[r].back());
      }
    }
    return e;
  };
  const auto square = [](Point q, double r) {
    Envelope e;
    e.expand(Point{q.x - r, q.y - r});
    e.expand(Point{q.x + r, q.y + r});
    return e;
  };
  for (std::size_t i : index_->query(box)) {
    const Part& part = parts_[i];
    if (part.vertices <= piece.vertices) {
      const double dx = part.center.x - m.to.x, dy = part.center.y - m.to.y;
      const Point q{c * dx + s * dy, -s * dx + c * dy};  // the part's centre, piece frame
      const int where = piece.grid.locate(square(q, part.radius_m));
      if (where > 0) area += part.area_m2;
      if (where != 0) continue;
      const Envelope e = place(part.rings, q, c, -s);
      area += piece.grid.overlap_m2(moved_rings, e);
    } else {
      const Point q{m.to.x - part.center.x, m.to.y - part.center.y};  // piece, part frame
      const int where = part.grid->locate(square(q, piece.radius_m));
      if (where > 0) area += piece.area_m2;
      if (where != 0) continue;
      const Envelope e = place(piece.grid.rings(), q, c, s);
      area += part.grid->overlap_m2(moved_rings, e);
    }
  }
  return area;
}

}  // namespace reserve::rules::carve
