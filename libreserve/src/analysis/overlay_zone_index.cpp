#include "analysis/overlay_zone_index.hpp"

#include <algorithm>

#include "zoning/resolved_zones.hpp"

#include "reserve/error.hpp"

namespace reserve::analysis {
namespace {

Envelope envelope_of_geos(const GEOSGeometry* g) {
  auto* h = geom::context();
  Envelope e;
  if (geom::is_empty(g)) return e;
  GEOSGeom_getXMin_r(h, g, &e.min_x);
  GEOSGeom_getYMin_r(h, g, &e.min_y);
  GEOSGeom_getXMax_r(h, g, &e.max_x);
  GEOSGeom_getYMax_r(h, g, &e.max_y);
  e.valid = true;
  return e;
}

bool areal(const GEOSGeometry* g) {
  const int t = GEOSGeomTypeId_r(geom::context(), g);
  return t == GEOS_POLYGON || t == GEOS_MULTIPOLYGON;
}

// Whether a point of g lies in the shape (rings and prepared form), tried on one vertex of each
// component of g (point or polygon): where g's boundary meets none of the shape's, that decides
// whether they meet.
bool some_component_in(const geom::RingChunks& rings, const GEOSPreparedGeometry* shape,
                       const GEOSGeometry* g) {
  auto* h = geom::context();
  const int n = GEOSGetNumGeometries_r(h, g);
  for (int i = 0; i < n; ++i) {
    const GEOSGeometry* part = GEOSGetGeometryN_r(h, g, i);
    if (GEOSisEmpty_r(h, part) == 1) continue;
    const GEOSGeometry* carrier =
        GEOSGeomTypeId_r(h, part) == GEOS_POLYGON ? GEOSGetExteriorRing_r(h, part) : part;
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, carrier);
    Point p;
    if (!seq || !GEOSCoordSeq_getXY_r(h, seq, 0, &p.x, &p.y)) continue;
    if (geom::area_covers(rings, shape, p)) return true;
  }
  return false;
}

// Whether some ring of the shape lies in areal g, tried on the first vertex of each ring whose
// envelope lies within g's. Where no boundary of g meets the shape's, each ring of the shape lies
// wholly inside g or wholly outside it; one inside (a shell or a hole) has the shape's interior
// next to it inside g too. Exact (GEOS's point-in-polygon; the vertex is not on g's boundary).
bool some_ring_in(const geom::RingChunks& rings, const GEOSGeometry* g, const Envelope& box) {
  auto* h = geom::context();
  for (std::size_t r : rings.rings_within(box)) {
    const geom::GeomPtr vertex = geom::to_geos(rings.ring(r).front());
    if (GEOSIntersects_r(h, g, vertex.get()) == 1) return true;
  }
  return false;
}

double geos_distance(const GEOSPreparedGeometry* shape, const GEOSGeometry* g) {
  double d = 0.0;
  if (GEOSPreparedDistance_r(geom::context(), shape, g, &d) != 1)
    throw InternalError("GEOS could not measure a distance");
  return d;
}

// The distance from polygonal `shape` with boundary segments `s` to g; GEOS measures it when the
// indexes cannot tell (see the header).
double indexed_distance(const geom::SegmentIndex& s, const geom::RingChunks& rings,
                        const GEOSPreparedGeometry* shape, const GEOSGeometry* g) {
  const double d = s.facet_distance_m(g);
  if (d == 0.0) return 0.0;
  // No boundary of g meets the shape's: g meets the shape only by lying in it, or holding a ring.
  if (some_component_in(rings, shape, g)) return 0.0;
  // Nor a ring of the shape inside g (the areas are then apart, and their distance is the
  // boundaries'). GEOS's prepared distance, which answered this before, builds an index of the
  // whole zone on first use: 3 % of the province benchmark's CPU.
  if (areal(g)) {
    const Envelope box = envelope_of_geos(g);
    if (!s.meets(box)) return d;
    if (!rings.usable()) return geos_distance(shape, g);
    return some_ring_in(rings, g, box) ? 0.0 : d;
  }
  return d;
}

}  // namespace

PreparedShape make_prepared(geom::GeomPtr g) {
  PreparedShape s;
  s.geometry = std::move(g);
  if (s.geometry && !geom::is_empty(s.geometry.get())) s.prepared = geom::prepare(s.geometry.get());
  return s;
}

ZoneIndex::ZoneIndex(const Zoning& zoning, const zoning::ResolvedLayout* layout)
    : model_(zoning.model) {
  auto* h = geom::context();
  // Zones resolved once per zoning (the stricter wins where zones overlap), as compare() sees them.
  std::vector<Envelope> boxes;
  const ZoneModel parts_model =
      zoning.parts.empty() ? zoning.model : model_of(zoning.parts[0].zone);
  const zoning::ResolvedLayout resolved = zoning::layout_for(zoning, parts_model, layout);
  for (const auto& rz : resolved.zones) {
    if (rz.geometry.empty()) continue;
    const Zone zone = rz.zone;
    zones_.push_back(zone);
    geom::GeomPtr u = geom::to_geos(rz.geometry);
    // Each polygon of the zone's union goes into the R-tree on its own.
    const int n = GEOSGetNumGeometries_r(h, u.get());
    for (int i = 0; i < n; ++i) {
      const GEOSGeometry* part = GEOSGetGeometryN_r(h, u.get(), i);
      if (GEOSisEmpty_r(h, part) == 1) continue;
      IndexedPolygon ip;
      ip.zone = zone;
      ip.geometry = geom::check(GEOSGeom_clone_r(h, part), "clone zone polygon");
      ip.prepared = geom::prepare(ip.geometry.get());
      ip.segments = geom::SegmentIndex(ip.geometry.get());
      ip.chunks = geom::RingChunks(ip.geometry.get());
      double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
      GEOSGeom_getXMin_r(h, part, &x0);
      GEOSGeom_getYMin_r(h, part, &y0);
      GEOSGeom_getXMax_r(h, part, &x1);
      GEOSGeom_getYMax_r(h, part, &y1);
      ip.box = Envelope{x0, y0, x1, y1, true};
      boxes.push_back(ip.box);
      polygons_.push_back(std::move(ip));
    }
    zone_shapes_[zone] = make_prepared(std::move(u));
  }
  tree_ = geom::EnvelopeIndex(boxes);
  std::sort(zones_.begin(), zones_.end(),
            [](Zone a, Zone b) { return strictness(a) > strictness(b); });

  // The union of the zones, strictest first (the layout's outline).
  outline_ = make_prepared(geom::to_geos(resolved.outline));
  if (!outline_.empty()) {
    boundary_ = make_prepared(geom::check(GEOSBoundary_r(h, outline_.geometry.get()), "boundary"));
    boundary_segments_ = geom::SegmentIndex(outline_.geometry.get());
    outline_chunks_ = geom::RingChunks(outline_.geometry.get());
  }
}

const PreparedShape& ZoneIndex::zone_shape(Zone z) const {
  auto it = zone_shapes_.find(z);
  return it == zone_shapes_.end() ? empty_ : it->second;
}

std::vector<std::size_t> ZoneIndex::candidates(double min_x, double min_y, double max_x,
                                               double max_y) const {
  return tree_.query(Envelope{min_x, min_y, max_x, max_y, true});  // ascending indices
}

}  // namespace reserve::analysis

namespace reserve::analysis {

double ZoneIndex::boundary_distance_m(const GEOSGeometry* g) const {
  // GEOS 3.11 measures a prepared line's distance between facets only (a ring of the outline
  // inside g does not make it 0), which is the facet distance itself.
  if (boundary_.empty()) return 0.0;
  return boundary_segments_.facet_distance_m(g);
}

double ZoneIndex::outline_distance_m(const GEOSGeometry* g) const {
  if (outline_.empty()) return 0.0;
  return indexed_distance(boundary_segments_, outline_chunks_, outline_.prepared.get(), g);
}

double ZoneIndex::polygon_distance_m(std::size_t i, const GEOSGeometry* g) const {
  const IndexedPolygon& p = polygons_.at(i);
  return indexed_distance(p.segments, p.chunks, p.prepared.get(), g);
}

}  // namespace reserve::analysis
