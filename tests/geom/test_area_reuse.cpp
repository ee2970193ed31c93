// AreaCalculator keeps what a CRS and method fix (PROJ's inverse projection, per thread) and the
// areas of large rings it has measured (geom/area.cpp): a ring measured again, by the same or by
// another calculator, gets the same area, bit for bit, as the first time, and a ring that differs
// in one vertex is measured anew. Expected values: pyproj 3 (Transformer EPSG:4544 → its
// geodetic CRS, always_xy; Geod.polygon_area_perimeter on the CRS's ellipsoid), run by hand:
//   10 km square at (500000, 4000000), a vertex every 25 m (1,600 vertices): 99999917.89325123 m²
//   the same with vertex 200 (5000, 0) moved to (5000, -10):               100000167.89308132 m²
// (the moved vertex adds a 50 m × 10 m / 2 = 250 m² triangle in the plane, by hand).
#include <gtest/gtest.h>

#include <thread>

#include "reserve/area.hpp"
#include "reserve/crs.hpp"

namespace reserve {
namespace {

Ring dense_square(bool bump) {
  const double x0 = 500000.0, y0 = 4000000.0;
  Ring r;
  for (int i = 0; i < 400; ++i) r.push_back({x0 + i * 25.0, y0});
  for (int i = 0; i < 400; ++i) r.push_back({x0 + 10000.0, y0 + i * 25.0});
  for (int i = 0; i < 400; ++i) r.push_back({x0 + 10000.0 - i * 25.0, y0 + 10000.0});
  for (int i = 0; i < 400; ++i) r.push_back({x0, y0 + 10000.0 - i * 25.0});
  if (bump) r[200].y = y0 - 10.0;
  r.push_back(r.front());
  return r;
}

TEST(AreaCalculatorReuse, RingMeasuredAgainGetsTheSameAreaAndAChangedRingANewOne) {
  const Crs crs = Crs::from_epsg(4544);
  const Polygon square{dense_square(false), {}};
  const Polygon bumped{dense_square(true), {}};
  const double tol = 1e-9 * 1e8;  // 1e-9 relative, m²
  const AreaCalculator first(crs, AreaMethod::geodesic);
  const double a1 = first.area_m2(square);
  EXPECT_NEAR(a1, 99999917.89325123, tol);  // pyproj
  EXPECT_EQ(first.area_m2(square), a1);     // measured again: kept
  const AreaCalculator second(crs, AreaMethod::geodesic);
  EXPECT_EQ(second.area_m2(square), a1);  // another calculator on this thread
  const double b = second.area_m2(bumped);
  EXPECT_NEAR(b, 100000167.89308132, tol);  // pyproj: one vertex moved, measured anew
  EXPECT_NEAR(b - a1, 250.0, 1e-3);         // hand: the triangle (scale ≈ 1 − 8e-7 here)
  // Another thread builds its own PROJ objects: the same figures.
  double other = 0.0, other_b = 0.0;
  std::thread t([&] {
    const AreaCalculator c(crs, AreaMethod::geodesic);
    other = c.area_m2(square);
    other_b = c.area_m2(bumped);
  });
  t.join();
  EXPECT_EQ(other, a1);
  EXPECT_EQ(other_b, b);
  // Planar and survey are kept apart from geodesic (planar: the shoelace, 1e8 m² by hand).
  EXPECT_NEAR(AreaCalculator(crs, AreaMethod::planar).area_m2(square), 1e8, 1e-6);
  EXPECT_NE(AreaCalculator(crs, AreaMethod::survey).area_m2(square), a1);
}

}  // namespace
}  // namespace reserve
