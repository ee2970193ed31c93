// Area methods checked against published GeographicLib values, pyproj and hand-computed figures.
#include <gtest/gtest.h>

#include <cmath>

#include "reserve/area.hpp"
#include "reserve/crs.hpp"
#include "reserve/error.hpp"

namespace reserve {
namespace {

constexpr double kWgs84A = 6378137.0;
constexpr double kWgs84F = 1.0 / 298.257223563;

// (lat, lon) pairs as GeographicLib's tests list them → a lon/lat ring.
Ring latlon_ring(std::initializer_list<std::pair<double, double>> latlon) {
  Ring r;
  for (const auto& [lat, lon] : latlon) r.push_back({lon, lat});
  return r;
}

Polygon rect(double x0, double y0, double x1, double y1) {
  return Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}, {}};
}

Ring reversed(Ring r) { return Ring(r.rbegin(), r.rend()); }

// Reference values: GeographicLib's C test suite geodtest.c, function Planimeter0/Planimeter13
// (shipped in PROJ as src/tests/geodtest.cpp; seen as OSGeo/gdal proj4/src/geodtest.c), WGS84.
// The published figures carry a tolerance of 1 m², i.e. < 1e-10 relative here; we check 1e-9.
TEST(GeodesicRingArea, MatchesGeographicLibPlanimeterReferenceValues) {
  const Ring pole_square = latlon_ring({{89, 0}, {89, 90}, {89, 180}, {89, 270}});
  EXPECT_NEAR(geodesic_ring_area_m2(pole_square, kWgs84A, kWgs84F), 24952305678.0,
              24952305678.0 * 1e-9);

  const Ring diamond = latlon_ring({{0, -1}, {-1, 0}, {0, 1}, {1, 0}});
  EXPECT_NEAR(geodesic_ring_area_m2(diamond, kWgs84A, kWgs84F), 24619419146.0,
              24619419146.0 * 1e-9);

  const Ring octant = latlon_ring({{90, 0}, {0, 0}, {0, 90}});
  EXPECT_NEAR(geodesic_ring_area_m2(octant, kWgs84A, kWgs84F), 63758202715511.0,
              63758202715511.0 * 1e-9);

  // Planimeter13: encircling the pole twice.
  const Ring twice =
      latlon_ring({{89, -360}, {89, -240}, {89, -120}, {89, 0}, {89, 120}, {89, 240}});
  EXPECT_NEAR(geodesic_ring_area_m2(twice, kWgs84A, kWgs84F), 32415230256.0, 32415230256.0 * 1e-9);
}

TEST(GeodesicRingArea, IsNonNegativeAndIgnoresClosingPointAndOrientation) {
  // 1°×1° at the equator on WGS84: 12308778361.469452 m² (GeographicLib's documented example,
  // also pyproj Geod(ellps='WGS84').polygon_area_perimeter([0,1,1,0],[0,0,1,1])). 1e-9 relative.
  const Ring ccw = {{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}};
  const double expected = 12308778361.469452;
  EXPECT_NEAR(geodesic_ring_area_m2(ccw, kWgs84A, kWgs84F), expected, expected * 1e-9);
  EXPECT_NEAR(geodesic_ring_area_m2(reversed(ccw), kWgs84A, kWgs84F), expected, expected * 1e-9);
  const Ring open = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
  EXPECT_NEAR(geodesic_ring_area_m2(open, kWgs84A, kWgs84F), expected, expected * 1e-9);
  EXPECT_EQ(geodesic_ring_area_m2({{0, 0}, {1, 1}}, kWgs84A, kWgs84F), 0.0);
}

TEST(AreaCalculator, GeodesicOnCgcs2000GeographicMatchesPyproj) {
  // 1°×1° cell 105–106°E, 33–34°N on CGCS2000 (GRS80 ellipsoid: a = 6378137, 1/f =
  // 298.257222101). Expected: pyproj 3.4 Geod(ellps='GRS80').polygon_area_perimeter(
  // [105,106,106,105], [33,33,34,34]) → 10306245947.330933 m², run once. Tolerance 1e-9 relative.
  const AreaCalculator calc(Crs::from_epsg(4490), AreaMethod::geodesic);
  EXPECT_NEAR(calc.ellipsoid_a_m(), 6378137.0, 1e-9);
  EXPECT_NEAR(1.0 / calc.ellipsoid_f(), 298.257222101, 1e-9);
  const double expected = 10306245947.330933;
  EXPECT_NEAR(calc.area_m2(rect(105, 33, 106, 34)), expected, expected * 1e-9);
}

TEST(AreaCalculator, GeodesicHolesAreSubtractedAndPartsAdded) {
  // pyproj 3.4 Geod(ellps='GRS80').polygon_area_perimeter, run once:
  //   cell 105–106°E × 33–34°N                   10306245947.330933 m²
  //   hole 105.25–105.75°E × 33.25–33.75°N        2576581769.129883 m²
  //   cell 106–107°E × 33–34°N (same latitudes)  10306245947.330933 m²
  // Expected: cell − hole + second cell. Tolerance 1e-9 relative.
  const AreaCalculator calc(Crs::from_epsg(4490), AreaMethod::geodesic);
  MultiPolygon mp;
  mp.polygons.push_back(rect(105, 33, 106, 34));
  mp.polygons[0].holes.push_back(reversed(rect(105.25, 33.25, 105.75, 33.75).outer));
  mp.polygons.push_back(rect(106, 33, 107, 34));
  const double expected = 10306245947.330933 - 2576581769.129883 + 10306245947.330933;
  EXPECT_NEAR(calc.area_m2(mp), expected, expected * 1e-9);
}

TEST(AreaCalculator, GeodesicInGaussKrugerMatchesPyproj) {
  // A 1 km square in EPSG:4544 (CGCS2000 / 3° GK CM 105E) at E 565000, N 3736000 (≈105.7°E,
  // 33.75°N). Expected: pyproj Transformer 4544→4490 (always_xy) of the corners, then
  // Geod(ellps='GRS80').polygon_area_perimeter → 999894.2733676657 m². Tolerance 1e-9 relative.
  const AreaCalculator calc(Crs::from_epsg(4544), AreaMethod::geodesic);
  const Polygon square = rect(565000, 3736000, 566000, 3737000);
  const double expected = 999894.2733676657;
  EXPECT_NEAR(calc.area_m2(square), expected, expected * 1e-9);
}

TEST(AreaCalculator, GeodesicAndPlanarDifferByTheGaussKrugerScaleFactor) {
  // Transverse Mercator scale k ≈ 1 + x²/(2R²) at distance x from the central meridian, so plane
  // area exceeds ellipsoidal area by k² − 1 ≈ x²/R². Here x ≈ 65.5 km (easting − 500 km) and
  // R ≈ 6.37e6 m give ≈ 1.06e-4: positive, below the 0.05 % the brief quotes for whole zones, and
  // within 10 % of the first-order formula.
  const Crs crs = Crs::from_epsg(4544);
  const AreaCalculator geodesic(crs, AreaMethod::geodesic);
  const AreaCalculator planar(crs, AreaMethod::planar);
  const Polygon square = rect(565000, 3736000, 566000, 3737000);
  const double g = geodesic.area_m2(square);
  const double p = planar.area_m2(square);
  EXPECT_DOUBLE_EQ(p, 1.0e6);  // hand-computed: 1000 m × 1000 m
  const double excess = p / g - 1.0;
  const double x = 565500.0 - 500000.0, r = 6.371e6;
  EXPECT_GT(excess, 0.0);
  EXPECT_LT(excess, 5e-4);
  EXPECT_NEAR(excess, x * x / (r * r), 0.1 * x * x / (r * r));
}

TEST(AreaCalculator, PlanarAreasOfHandBuiltPolygonsAreExact) {
  const AreaCalculator calc(Crs::from_epsg(4544), AreaMethod::planar);
  // 200 m × 150 m = 30000 m², given clockwise: areas are never negative.
  Polygon p = rect(500000, 3700000, 500200, 3700150);
  EXPECT_DOUBLE_EQ(calc.area_m2(p), 30000.0);
  p.outer = reversed(p.outer);
  EXPECT_DOUBLE_EQ(calc.area_m2(p), 30000.0);
  // Ring with a 50 m × 40 m hole: 30000 − 2000 = 28000 m².
  Polygon with_hole = rect(500000, 3700000, 500200, 3700150);
  with_hole.holes.push_back(rect(500010, 3700010, 500060, 3700050).outer);
  EXPECT_DOUBLE_EQ(calc.area_m2(with_hole), 28000.0);
  // Two disjoint squares of 100 m: 20000 m².
  MultiPolygon mp;
  mp.polygons = {rect(500000, 3700000, 500100, 3700100), rect(501000, 3700000, 501100, 3700100)};
  EXPECT_DOUBLE_EQ(calc.area_m2(mp), 20000.0);
  // Bow tie (0,0)(100,100)(100,0)(0,100): the two lobes of 2500 m² cancel in the shoelace sum.
  Polygon bowtie{{{500000, 3700000},
                  {500100, 3700100},
                  {500100, 3700000},
                  {500000, 3700100},
                  {500000, 3700000}},
                 {}};
  EXPECT_DOUBLE_EQ(calc.area_m2(bowtie), 0.0);
  // Lengths: a 3-4-5 triangle leg pair: 300 + 400 m.
  EXPECT_DOUBLE_EQ(calc.length_m({{500000, 3700000}, {500300, 3700000}, {500300, 3700400}}), 700.0);
}

TEST(AreaCalculator, GeodesicLengthOfOneKilometreEastingLineIsNearOneKilometre) {
  // A 1000 m grid line at 65.5 km from the central meridian is 1000/k ≈ 999.947 m on the
  // ellipsoid (k − 1 ≈ x²/2R² ≈ 5.3e-5); check within 1 cm of that first-order value.
  const AreaCalculator calc(Crs::from_epsg(4544), AreaMethod::geodesic);
  const double x = 565500.0 - 500000.0, r = 6.371e6;
  EXPECT_NEAR(calc.length_m({{565000, 3736000}, {566000, 3736000}}),
              1000.0 / (1.0 + x * x / (2 * r * r)), 0.01);
}

TEST(AreaCalculator, RefusesPlanarAreaOnDegrees) {
  EXPECT_THROW(AreaCalculator(Crs::from_epsg(4490), AreaMethod::planar), UsageError);
  EXPECT_THROW(AreaCalculator(Crs{}, AreaMethod::geodesic), UsageError);
  EXPECT_THROW(area_method_from_string("land"), UsageError);
  EXPECT_EQ(area_method_from_string("planar"), AreaMethod::planar);
  EXPECT_STREQ(to_string(AreaMethod::geodesic), "geodesic");
}

TEST(AreaCalculator, NamesTheVertexThatCannotBeTakenToGeographic) {
  // Vertex 3 lies at E = 1e30 m, where the inverse Gauss–Krüger projection has no answer (pyproj
  // 4544→4490 gives inf there); vertices 1, 2 and 4 are ordinary. The message must name vertex 3
  // and its coordinates, not the ring's first vertex (issue 13.5).
  const AreaCalculator calc(Crs::from_epsg(4544), AreaMethod::geodesic);
  Polygon p;
  p.outer = {
      {565000, 3736000}, {566000, 3736000}, {1e30, 3737000}, {565000, 3737000}, {565000, 3736000}};
  try {
    (void)calc.area_m2(p);
    FAIL() << "no error";
  } catch (const InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("vertex 3"), std::string::npos) << m;
    EXPECT_NE(m.find("3737000"), std::string::npos) << m;
    EXPECT_EQ(m.find("3736000"), std::string::npos) << m;  // not the first vertex
  }
}

}  // namespace
}  // namespace reserve
