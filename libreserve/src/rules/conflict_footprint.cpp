// The conflict footprint by connected components (see conflict_footprint.hpp).
#include "rules/conflict_footprint.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>

#include "geom/envelope_index.hpp"
#include "geom/ring_chunks.hpp"
#include "reserve/error.hpp"

namespace reserve::rules {
namespace {

Envelope envelope_of(const GEOSGeometry* g) {
  auto* h = geom::context();
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  GEOSGeom_getXMin_r(h, g, &x0);
  GEOSGeom_getYMin_r(h, g, &y0);
  GEOSGeom_getXMax_r(h, g, &x1);
  GEOSGeom_getYMax_r(h, g, &y1);
  Envelope e;
  e.expand(Point{x0, y0});
  e.expand(Point{x1, y1});
  return e;
}

// Disjoint-set forest over shape indices (path halving, union by index: deterministic roots).
struct Components {
  std::vector<std::size_t> parent;
  explicit Components(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t root(std::size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  }
  void join(std::size_t a, std::size_t b) {
    a = root(a);
    b = root(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

// The distance from p to the segment ab.
double segment_distance(Point p, Point a, Point b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0.0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0;
  t = std::clamp(t, 0.0, 1.0);
  return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

// Whether the whole circle of `disc` lies in the interior of `shape`: its centre is inside (even-
// odd over every ring) and farther than the radius from every edge. The 64-gon inscribed in the
// circle then lies there too, and adds no land and no edge to a union with `shape`.
bool disc_strictly_inside(const Disc& disc, const MultiPolygon& shape) {
  const Point c = disc.centre;
  // Far above the rounding of the edges' and the disc's coordinates.
  const double need = disc.radius + 1e-9 * (disc.radius + std::abs(c.x) + std::abs(c.y));
  bool inside = false;
  const auto walk = [&](const Ring& ring) {
    for (std::size_t i = 1; i < ring.size(); ++i) {
      const Point a = ring[i - 1], b = ring[i];
      if (segment_distance(c, a, b) <= need) return false;
      if ((a.y > c.y) != (b.y > c.y) && c.x < a.x + (c.y - a.y) * (b.x - a.x) / (b.y - a.y))
        inside = !inside;
    }
    return true;
  };
  for (const Polygon& p : shape.polygons) {
    if (!walk(p.outer)) return false;
    for (const Ring& h : p.holes)
      if (!walk(h)) return false;
  }
  return inside;
}

// Whether `disc` (GEOS's 64-gon) meets `shape`, settled without GEOS where the circle decides:
// the shape's boundary comes within the 64-gon's inner circle (they meet), the centre lies in the
// shape farther than that from its boundary (they meet), or the boundary lies beyond the circle
// and the centre outside (apart: the shape cannot lie inside the circle either, its boundary
// would be nearer). Nullopt in between. The centre's side is decided by even-odd crossings only
// when it lies about a radius from every edge, far above their rounding.
std::optional<bool> disc_meets(const Disc& disc, const MultiPolygon& shape, double inner) {
  const Point c = disc.centre;
  const double slack = 1e-9 * (disc.radius + std::abs(c.x) + std::abs(c.y));
  double least = std::numeric_limits<double>::infinity();
  bool inside = false;
  const auto walk = [&](const Ring& ring) {
    for (std::size_t i = 1; i < ring.size(); ++i) {
      const Point a = ring[i - 1], b = ring[i];
      least = std::min(least, segment_distance(c, a, b));
      if ((a.y > c.y) != (b.y > c.y) && c.x < a.x + (c.y - a.y) * (b.x - a.x) / (b.y - a.y))
        inside = !inside;
    }
  };
  for (const Polygon& p : shape.polygons) {
    walk(p.outer);
    for (const Ring& h : p.holes) walk(h);
  }
  if (least < disc.radius * inner - slack) return true;
  if (inside) return true;
  if (least > disc.radius + slack) return false;
  return std::nullopt;
}

// Leaves out of a component's members the discs wholly inside another (not disc) member: a
// facility inside its mining right's buffer. The union is the same land, with fewer overlays.
// `rings` caches the polygons' rings by shape index.
void drop_discs_inside(std::vector<std::size_t>& members, const std::vector<geom::GeomPtr>& shapes,
                       const std::vector<std::optional<Disc>>& disc,
                       std::vector<std::optional<MultiPolygon>>& rings) {
  if (members.size() < 2) return;
  std::vector<const MultiPolygon*> others;  // the members that are not discs, as rings
  for (std::size_t i : members) {
    if (disc[i]) continue;
    if (!rings[i]) rings[i] = geom::polygons_from_geos(shapes[i].get());
    others.push_back(&*rings[i]);
  }
  if (others.empty() || others.size() == members.size()) return;
  std::erase_if(members, [&](std::size_t i) {
    if (!disc[i]) return false;
    for (const MultiPolygon* o : others)
      if (disc_strictly_inside(*disc[i], *o)) return true;
    return false;
  });
}

geom::GeomPtr empty_polygon() {
  return geom::check(GEOSGeom_createEmptyPolygon_r(geom::context()), "empty polygon");
}

}  // namespace

std::vector<geom::GeomPtr> union_by_component(std::vector<geom::GeomPtr> shapes,
                                              const std::vector<std::optional<Disc>>& discs) {
  auto* h = geom::context();
  if (!discs.empty() && discs.size() != shapes.size())
    throw InternalError("conflict footprint: one disc entry per shape expected");
  std::vector<std::optional<Disc>> disc(shapes.size());
  if (!discs.empty()) disc = discs;
  // Empty shapes are left out, with their disc entries.
  std::size_t kept = 0;
  for (std::size_t i = 0; i < shapes.size(); ++i) {
    if (!shapes[i] || geom::is_empty(shapes[i].get())) continue;
    shapes[kept] = std::move(shapes[i]);
    disc[kept] = disc[i];
    ++kept;
  }
  shapes.resize(kept);
  disc.resize(kept);
  std::vector<Envelope> boxes;
  boxes.reserve(shapes.size());
  for (const auto& g : shapes) boxes.push_back(envelope_of(g.get()));
  Components c(shapes.size());
  // cos(π/64): the inner circle's radius of a 64-gon over its outer one.
  const double inner = std::cos(3.14159265358979323846 / 64.0);
  std::vector<std::optional<MultiPolygon>> rings(shapes.size());  // of polygons met by discs
  // Envelopes first; the exact test only for pairs not already in one component.
  for (const auto& [i, j] : geom::intersecting_envelope_pairs(boxes)) {
    if (c.root(i) == c.root(j)) continue;
    if (disc[i].has_value() != disc[j].has_value()) {  // a disc and a polygon
      const std::size_t d = disc[i] ? i : j, other = disc[i] ? j : i;
      if (!rings[other]) rings[other] = geom::polygons_from_geos(shapes[other].get());
      if (const auto meets = disc_meets(*disc[d], *rings[other], inner)) {
        if (*meets) c.join(i, j);
        continue;
      }
    } else if (disc[i] && disc[j]) {
      const Disc& a = *disc[i];
      const Disc& b = *disc[j];
      const double dist = std::hypot(a.centre.x - b.centre.x, a.centre.y - b.centre.y);
      const double sum = a.radius + b.radius;
      // Far above the rounding of GEOS's vertices (cos, sin of coordinates up to ~1e7).
      const double slack = 1e-9 * (sum + std::abs(a.centre.x) + std::abs(a.centre.y));
      if (dist > sum + slack) continue;
      if (dist < sum * inner - slack) {
        c.join(i, j);
        continue;
      }
    }
    if (GEOSIntersects_r(h, shapes[i].get(), shapes[j].get()) == 1) c.join(i, j);
  }
  std::vector<std::vector<std::size_t>> members(shapes.size());
  for (std::size_t i = 0; i < shapes.size(); ++i) members[c.root(i)].push_back(i);
  std::vector<geom::GeomPtr> out;
  for (auto& m : members) {
    if (m.empty()) continue;
    drop_discs_inside(m, shapes, disc, rings);
    // A lone shape is its own union when valid (a buffer always is; a disc is convex); anything
    // else goes through GEOS's union, as the global union did.
    if (m.size() == 1 && (disc[m.front()] || GEOSisValid_r(h, shapes[m.front()].get()) == 1)) {
      out.push_back(std::move(shapes[m.front()]));
      continue;
    }
    std::vector<geom::GeomPtr> group;
    for (std::size_t i : m) group.push_back(std::move(shapes[i]));
    out.push_back(geom::unite_all(std::move(group)));
  }
  return out;
}

LargeOperand::LargeOperand(const GEOSGeometry* operand) : LargeOperand(operand, true) {}

LargeOperand::LargeOperand(const GEOSGeometry* operand, bool fast_paths)
    : operand_(operand), fast_paths_(fast_paths) {
  if (operand_ && !geom::is_empty(operand_)) prepared_ = geom::prepare(operand_);
  tiled_ = fast_paths && prepared_ &&
           GEOSGetNumCoordinates_r(geom::context(), operand_) >= kTiledVertices;
}

const geom::RingChunks* LargeOperand::rings() const {
  if (!rings_) rings_ = std::make_unique<geom::RingChunks>(operand_);
  return rings_->usable() ? rings_.get() : nullptr;
}

const GEOSGeometry* LargeOperand::source_for(double x0, double y0, double x1, double y1) const {
  if (!tiled_) return operand_;
  auto* h = geom::context();
  if (!tiles_built_) {
    tiles_built_ = true;
    const Envelope e = envelope_of(operand_);
    const int n = GEOSGetNumCoordinates_r(h, operand_);
    // About 1,000 vertices per cell: a tile (4 cells) is a few thousand, the grid at most 16².
    k_ = std::clamp(static_cast<int>(std::ceil(std::sqrt(n / 1000.0))), 3, 16);
    gx0_ = e.min_x;
    gy0_ = e.min_y;
    cw_ = e.width() / k_;
    ch_ = e.height() / k_;
    if (!(cw_ > 0.0) || !(ch_ > 0.0)) {
      tiled_ = false;
      return operand_;
    }
    // Outer tiles reach an envelope's size beyond it: rectangles round polygons near the edge.
    const double far_x = e.width() + 1.0, far_y = e.height() + 1.0;
    for (int j = 0; j + 1 < k_; ++j)
      for (int i = 0; i + 1 < k_; ++i) {
        Tile t;
        t.x0 = i == 0 ? e.min_x - far_x : gx0_ + i * cw_;
        t.y0 = j == 0 ? e.min_y - far_y : gy0_ + j * ch_;
        t.x1 = i + 2 == k_ ? e.max_x + far_x : gx0_ + (i + 2) * cw_;
        t.y1 = j + 2 == k_ ? e.max_y + far_y : gy0_ + (j + 2) * ch_;
        tiles_.push_back(std::move(t));
      }
  }
  const auto cell = [](double v, double origin, double size, int k) {
    return std::clamp(static_cast<int>(std::floor((v - origin) / size)), 0, k - 2);
  };
  Tile& t = tiles_[static_cast<std::size_t>(cell(y0, gy0_, ch_, k_)) * (k_ - 1) +
                   static_cast<std::size_t>(cell(x0, gx0_, cw_, k_))];
  if (!(x0 > t.x0 && y0 > t.y0 && x1 < t.x1 && y1 < t.y1)) return operand_;
  // Cut when first needed. Its validity is not checked (that would cost a walk of every tile):
  // inside the rectangle the tile's edges are the operand's, and the rectangle's cut of it is
  // checked as the operand's was.
  if (!t.built) {
    t.built = true;
    t.geometry.reset(GEOSClipByRect_r(h, operand_, t.x0, t.y0, t.x1, t.y1));
  }
  if (!t.geometry) return operand_;
  ++cuts_from_tiles_;
  return t.geometry.get();
}

LargeOperand::Side LargeOperand::side_of(const GEOSGeometry* g) const {
  auto* h = geom::context();
  if (!prepared_ || geom::is_empty(g)) return Side::outside;
  // The operand's rings decide (geom::side_against: exact, indexed), without the prepared
  // predicates, whose first use builds GEOS's indexes of the whole operand.
  if (const geom::RingChunks* r = fast_paths_ ? rings() : nullptr) {
    switch (geom::side_against(*r, g)) {
      case geom::RingSide::inside: ++settled_clear_; return Side::inside;
      case geom::RingSide::apart: ++settled_clear_; return Side::outside;
      case geom::RingSide::crossing: return Side::crossing;
      case geom::RingSide::unknown: break;
    }
  }
  if (GEOSPreparedIntersects_r(h, prepared_.get(), g) != 1) return Side::outside;
  if (GEOSPreparedContainsProperly_r(h, prepared_.get(), g) == 1) return Side::inside;
  return Side::crossing;
}

geom::GeomPtr LargeOperand::crossing_intersection(const GEOSGeometry* g) const {
  auto* h = geom::context();
  const Envelope e = envelope_of(g);
  // The rectangle lies a margin beyond g's envelope, so g ∩ operand = g ∩ (operand ∩ rectangle)
  // and none of the rectangle's edges reaches the result.
  const double m = std::max(e.width(), e.height()) * 0.1 + 1.0;
  const double x0 = e.min_x - m, y0 = e.min_y - m, x1 = e.max_x + m, y1 = e.max_y + m;
  geom::GeomPtr cut(GEOSClipByRect_r(h, source_for(x0, y0, x1, y1), x0, y0, x1, y1));
  if (cut && GEOSisValid_r(h, cut.get()) == 1) {
    if (GEOSGeometry* both = GEOSIntersection_r(h, g, cut.get())) return geom::GeomPtr(both);
  }
  return geom::check(GEOSIntersection_r(h, g, operand_), "intersection with a large operand");
}

geom::GeomPtr LargeOperand::intersection(const GEOSGeometry* g) const {
  switch (side_of(g)) {
    case Side::inside: return geom::check(GEOSGeom_clone_r(geom::context(), g), "clone");
    case Side::outside: return empty_polygon();
    case Side::crossing: break;
  }
  return crossing_intersection(g);
}

geom::GeomPtr LargeOperand::intersection(geom::GeomPtr g) const {
  switch (side_of(g.get())) {
    case Side::inside: return g;
    case Side::outside: return empty_polygon();
    case Side::crossing: break;
  }
  return crossing_intersection(g.get());
}

namespace {

// Appends the non-empty polygons of `part` (polygonal), copied.
void append_polygon_copies(const GEOSGeometry* part, std::vector<GEOSGeometry*>& polygons) {
  auto* h = geom::context();
  const int n = GEOSGetNumGeometries_r(h, part);
  for (int i = 0; i < n; ++i) {
    const GEOSGeometry* p = GEOSGetGeometryN_r(h, part, i);
    if (GEOSGeomTypeId_r(h, p) == GEOS_MULTIPOLYGON || GEOSGeomTypeId_r(h, p) == GEOS_POLYGON) {
      const int k = GEOSGetNumGeometries_r(h, p);
      for (int j = 0; j < k; ++j) {
        const GEOSGeometry* q = GEOSGetGeometryN_r(h, p, j);
        if (!geom::is_empty(q)) polygons.push_back(GEOSGeom_clone_r(h, q));
      }
    }
  }
}

// The collection takes ownership of `polygons` (also when GEOS fails: it frees them then).
geom::GeomPtr multipolygon_of(std::vector<GEOSGeometry*>& polygons) {
  return geom::check(
      GEOSGeom_createCollection_r(geom::context(), GEOS_MULTIPOLYGON, polygons.data(),
                                  static_cast<unsigned>(polygons.size())),
      "footprint");
}

}  // namespace

geom::GeomPtr collect_polygons(const std::vector<geom::GeomPtr>& parts) {
  std::vector<GEOSGeometry*> polygons;
  for (const auto& part : parts) append_polygon_copies(part.get(), polygons);
  return multipolygon_of(polygons);
}

geom::GeomPtr collect_polygons(std::vector<geom::GeomPtr>&& parts) {
  auto* h = geom::context();
  std::vector<GEOSGeometry*> polygons;
  for (auto& part : parts) {
    if (GEOSGeomTypeId_r(h, part.get()) == GEOS_POLYGON) {
      if (!geom::is_empty(part.get())) polygons.push_back(part.release());
      continue;
    }
    append_polygon_copies(part.get(), polygons);
  }
  parts.clear();
  return multipolygon_of(polygons);
}

geom::GeomPtr footprint_in(std::vector<geom::GeomPtr> shapes, const GEOSGeometry* reserve,
                           const std::vector<std::optional<Disc>>& discs) {
  const LargeOperand within(reserve);
  std::vector<geom::GeomPtr> parts;
  for (auto& component : union_by_component(std::move(shapes), discs))
    parts.push_back(within.intersection(std::move(component)));
  return collect_polygons(std::move(parts));
}

}  // namespace reserve::rules
