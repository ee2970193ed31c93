// Overlaps between the reserves of one layer, found through the envelope index over outlines.
#include "province/overlaps.hpp"

#include <algorithm>
#include <tuple>

#include "geom/geos.hpp"

namespace reserve::province {
namespace {

Point centroid_of(const MultiPolygon& mp) {
  auto* h = geom::context();
  const geom::GeomPtr g = geom::to_geos(mp);
  const geom::GeomPtr c = geom::check(GEOSGetCentroid_r(h, g.get()), "centroid");
  double x = 0.0, y = 0.0;
  GEOSGeomGetX_r(h, c.get(), &x);
  GEOSGeomGetY_r(h, c.get(), &y);
  return Point{x, y};
}

}  // namespace

std::vector<ReserveOverlap> cross_reserve_overlaps(const std::vector<Outline>& outlines,
                                                   const Crs& crs, AreaMethod method,
                                                   double min_area_m2, unsigned jobs) {
  std::vector<ReserveOverlap> out;
  const Transformer to_lonlat(crs, Crs::from_epsg(4490));
  for (auto& land : shared_land_within(outlines, crs, method, jobs)) {
    if (land.area_m2 < min_area_m2) continue;
    ReserveOverlap o;
    o.reserve_a = outlines[land.a].name;
    o.reserve_b = outlines[land.b].name;
    if (o.reserve_b < o.reserve_a) std::swap(o.reserve_a, o.reserve_b);
    o.area_m2 = land.area_m2;
    o.centroid = centroid_of(land.geometry);
    const Point ll = to_lonlat.apply(o.centroid);
    o.lon_deg = ll.x;
    o.lat_deg = ll.y;
    o.geometry = std::move(land.geometry);
    out.push_back(std::move(o));
  }
  std::sort(out.begin(), out.end(), [](const ReserveOverlap& x, const ReserveOverlap& y) {
    return std::tie(x.reserve_a, x.reserve_b) < std::tie(y.reserve_a, y.reserve_b);
  });
  return out;
}

}  // namespace reserve::province
