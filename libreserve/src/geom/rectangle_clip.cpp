#include "geom/rectangle_clip.hpp"

namespace reserve::geom {

GeomPtr land_only(GeomPtr g) {
  if (!g || is_empty(g.get())) return nullptr;
  const int type = GEOSGeomTypeId_r(context(), g.get());
  if (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON) {
    const MultiPolygon land = polygons_from_geos(g.get());
    return land.empty() ? nullptr : to_geos(land);
  }
  return g;
}

namespace {

bool vertex_on_a_side(const MultiPolygon& mp, const Envelope& box) {
  auto on = [&](const Ring& r) {
    for (const Point& p : r)
      if (p.x == box.min_x || p.x == box.max_x || p.y == box.min_y || p.y == box.max_y) return true;
    return false;
  };
  for (const auto& poly : mp.polygons) {
    if (on(poly.outer)) return true;
    for (const auto& hole : poly.holes)
      if (on(hole)) return true;
  }
  return false;
}

}  // namespace

GeomPtr land_in_rectangle(const GEOSGeometry* g, const MultiPolygon& plain, const Envelope& box) {
  if (!g) return nullptr;
  auto* h = context();
  if (!vertex_on_a_side(plain, box))
    if (GeomPtr cut{GEOSClipByRect_r(h, g, box.min_x, box.min_y, box.max_x, box.max_y)})
      return land_only(std::move(cut));
  const GeomPtr rect =
      check(GEOSGeom_createRectangle_r(h, box.min_x, box.min_y, box.max_x, box.max_y), "rectangle");
  return land_only(check(GEOSIntersection_r(h, g, rect.get()), "intersection"));
}

}  // namespace reserve::geom
