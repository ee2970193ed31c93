#pragma once
// Hand-built zonings for the comparison, rule and report tests: axis-parallel rectangles and
// rectangular rings in EPSG:4544 (CGCS2000 / 3-degree GK CM 105E), whose areas are computed by
// hand (width × height).
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "reserve/crs.hpp"
#include "reserve/geometry.hpp"
#include "reserve/zoning.hpp"

namespace reserve::testing {

// A working-CRS origin inside CM 105E's domain (easting 500 km, northing 4000 km).
inline constexpr double kX0 = 500000.0;
inline constexpr double kY0 = 4000000.0;

inline Ring rect_ring(double x0, double y0, double x1, double y1) {
  return {{kX0 + x0, kY0 + y0},
          {kX0 + x1, kY0 + y0},
          {kX0 + x1, kY0 + y1},
          {kX0 + x0, kY0 + y1},
          {kX0 + x0, kY0 + y0}};
}

// Rectangle [x0,x1]×[y0,y1] in metres from the origin.
inline MultiPolygon rect(double x0, double y0, double x1, double y1) {
  MultiPolygon mp;
  mp.polygons.push_back(Polygon{rect_ring(x0, y0, x1, y1), {}});
  return mp;
}

// Rectangle with a rectangular hole.
inline MultiPolygon rect_ring_shape(double x0, double y0, double x1, double y1, double hx0,
                                    double hy0, double hx1, double hy1) {
  MultiPolygon mp;
  Ring hole = rect_ring(hx0, hy0, hx1, hy1);
  std::reverse(hole.begin(), hole.end());
  mp.polygons.push_back(Polygon{rect_ring(x0, y0, x1, y1), {hole}});
  return mp;
}

inline Crs test_crs() {
  static const Crs crs = Crs::from_epsg(4544);
  return crs;
}

inline Zoning make_zoning(std::string name, std::vector<std::pair<Zone, MultiPolygon>> parts) {
  Zoning z;
  z.name = std::move(name);
  z.crs = test_crs();
  z.model = parts.empty() ? ZoneModel::three_zone : model_of(parts.front().first);
  int i = 0;
  for (auto& [zone, mp] : parts) {
    ZonePart p;
    p.feature_id = std::to_string(++i);
    p.label = to_string(zone);
    p.zone = zone;
    p.geometry = std::move(mp);
    p.where = SourceRef{z.name + ".gpkg", "zones", p.feature_id};
    z.parts.push_back(std::move(p));
  }
  return z;
}

// Three nested squares centred on (500, 500): core 1000 m, buffer ring to 2000 m, experimental
// ring to 3000 m. Areas: core 1.0e6 m², buffer 3.0e6 m², experimental 5.0e6 m² (total 9.0e6).
inline Zoning nested_squares(std::string name = "baseline") {
  return make_zoning(
      std::move(name),
      {{Zone::core, rect(0, 0, 1000, 1000)},
       {Zone::buffer, rect_ring_shape(-500, -500, 1500, 1500, 0, 0, 1000, 1000)},
       {Zone::experimental, rect_ring_shape(-1000, -1000, 2000, 2000, -500, -500, 1500, 1500)}});
}

// Core 1000 m × 1000 m beside a 2000 m × 1000 m experimental zone; the proposal cuts a
// 200 m × 200 m hole (x 2450–2650 m, y 50–250 m) out of the experimental zone.
inline std::pair<Zoning, Zoning> carved_experimental() {
  Zoning before = make_zoning("baseline", {{Zone::core, rect(0, 0, 1000, 1000)},
                                           {Zone::experimental, rect(1000, 0, 3000, 1000)}});
  Zoning after = make_zoning(
      "proposal",
      {{Zone::core, rect(0, 0, 1000, 1000)},
       {Zone::experimental, rect_ring_shape(1000, 0, 3000, 1000, 2450, 50, 2650, 250)}});
  return {std::move(before), std::move(after)};
}

}  // namespace reserve::testing
