// The conflict footprint by connected components (see conflict_footprint.hpp).
#include "rules/conflict_footprint.hpp"

#include <algorithm>
#include <numeric>

#include "geom/envelope_index.hpp"

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

geom::GeomPtr empty_polygon() {
  return geom::check(GEOSGeom_createEmptyPolygon_r(geom::context()), "empty polygon");
}

}  // namespace

std::vector<geom::GeomPtr> union_by_component(std::vector<geom::GeomPtr> shapes) {
  auto* h = geom::context();
  std::erase_if(shapes, [](const geom::GeomPtr& g) { return !g || geom::is_empty(g.get()); });
  std::vector<Envelope> boxes;
  boxes.reserve(shapes.size());
  for (const auto& g : shapes) boxes.push_back(envelope_of(g.get()));
  Components c(shapes.size());
  // Envelopes first; the exact test only for pairs not already in one component.
  for (const auto& [i, j] : geom::intersecting_envelope_pairs(boxes)) {
    if (c.root(i) == c.root(j)) continue;
    if (GEOSIntersects_r(h, shapes[i].get(), shapes[j].get()) == 1) c.join(i, j);
  }
  std::vector<std::vector<geom::GeomPtr>> members(shapes.size());
  for (std::size_t i = 0; i < shapes.size(); ++i)
    members[c.root(i)].push_back(std::move(shapes[i]));
  std::vector<geom::GeomPtr> out;
  for (auto& m : members) {
    if (m.empty()) continue;
    // A lone shape is its own union when valid (a buffer always is); anything else goes through
    // GEOS's union, as the global union did.
    if (m.size() == 1 && GEOSisValid_r(h, m.front().get()) == 1)
      out.push_back(std::move(m.front()));
    else
      out.push_back(geom::unite_all(std::move(m)));
  }
  return out;
}

LargeOperand::LargeOperand(const GEOSGeometry* operand) : operand_(operand) {
  if (operand_ && !geom::is_empty(operand_)) prepared_ = geom::prepare(operand_);
}

geom::GeomPtr LargeOperand::intersection(const GEOSGeometry* g) const {
  auto* h = geom::context();
  if (!prepared_ || geom::is_empty(g) || GEOSPreparedIntersects_r(h, prepared_.get(), g) != 1)
    return empty_polygon();
  if (GEOSPreparedContainsProperly_r(h, prepared_.get(), g) == 1)
    return geom::check(GEOSGeom_clone_r(h, g), "clone");
  // The rectangle lies a margin beyond g's envelope, so g ∩ operand = g ∩ (operand ∩ rectangle)
  // and none of the rectangle's edges reaches the result.
  const Envelope e = envelope_of(g);
  const double m = std::max(e.width(), e.height()) * 0.1 + 1.0;
  geom::GeomPtr cut(
      GEOSClipByRect_r(h, operand_, e.min_x - m, e.min_y - m, e.max_x + m, e.max_y + m));
  if (cut && GEOSisValid_r(h, cut.get()) == 1) {
    if (GEOSGeometry* both = GEOSIntersection_r(h, g, cut.get())) return geom::GeomPtr(both);
  }
  return geom::check(GEOSIntersection_r(h, g, operand_), "intersection with a large operand");
}

geom::GeomPtr collect_polygons(const std::vector<geom::GeomPtr>& parts) {
  auto* h = geom::context();
  std::vector<GEOSGeometry*> polygons;
  for (const auto& part : parts) {
    const int n = GEOSGetNumGeometries_r(h, part.get());
    for (int i = 0; i < n; ++i) {
      const GEOSGeometry* p = GEOSGetGeometryN_r(h, part.get(), i);
      if (GEOSGeomTypeId_r(h, p) == GEOS_MULTIPOLYGON || GEOSGeomTypeId_r(h, p) == GEOS_POLYGON) {
        const int k = GEOSGetNumGeometries_r(h, p);
        for (int j = 0; j < k; ++j) {
          const GEOSGeometry* q = GEOSGetGeometryN_r(h, p, j);
          if (!geom::is_empty(q)) polygons.push_back(GEOSGeom_clone_r(h, q));
        }
      }
    }
  }
  return geom::check(GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, polygons.data(),
                                                 static_cast<unsigned>(polygons.size())),
                     "footprint");
}

geom::GeomPtr footprint_in(std::vector<geom::GeomPtr> shapes, const GEOSGeometry* reserve) {
  const LargeOperand within(reserve);
  std::vector<geom::GeomPtr> parts;
  for (const auto& component : union_by_component(std::move(shapes)))
    parts.push_back(within.intersection(component.get()));
  return collect_polygons(parts);
}

}  // namespace reserve::rules
