// The geodesic ring area's short-edge formula (geom/geodesic_area.hpp) against Karney's
// geod_polygon (PROJ's GeographicLib port, the method it replaces for short edges) on seeded
// random rings from metres to hundreds of kilometres, and against an independent reference on
// rings of a few metres, where Karney's own rounding (~1e-5 m² per edge) exceeds 1e-9 relative.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>

#include "geom/geodesic_area.hpp"
#include "reserve/area.hpp"

namespace reserve {
namespace {

constexpr double kA = 6378137.0;  // GRS80 = CGCS2000
constexpr double kF = 1.0 / 298.257222101;

// Karney's rounding per edge: his S12 terms are differences of numbers of order e²a² ≈ 2.7e11 m²
// (measured: up to 3e-5 m² against the same edge cut into 64 pieces); 1e-4 m² per edge allows it.
constexpr double kKarneyNoisePerEdgeM2 = 1e-4;

// A star-shaped (simple) ring of n vertices around (lon0, lat0), radii in [r/2, 3r/2] metres,
// vertices placed by Karney's direct problem; counter-clockwise when ccw.
Ring star_ring(const geod_geodesic& g, double lon0, double lat0, double r_m, int n, bool ccw,
               std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0.5, 1.5);
  Ring ring;
  for (int i = 0; i < n; ++i) {
    const double azimuth = (ccw ? -360.0 : 360.0) * i / n;
    double lat = 0.0, lon = 0.0;
    geod_direct(&g, lat0, lon0, azimuth, r_m * u(rng), &lat, &lon, nullptr);
    ring.push_back({lon, lat});
  }
  ring.push_back(ring.front());
  return ring;
}

std::uint64_t printed_seed(const char* test) {
  const std::uint64_t seed = std::random_device{}();
  std::printf("%s seed %llu\n", test, static_cast<unsigned long long>(seed));
  return seed;
}

TEST(GeodesicArea, RandomRingsAgreeWithKarneyToOneInABillion) {
  const auto ell = geom::geodesic_area_ellipsoid(kA, kF);
  const std::uint64_t seed = printed_seed("GeodesicArea.RandomRings");
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> lat(-84.0, 84.0), lon(-180.0, 180.0), coin(0.0, 1.0);
  int fast_checked = 0;
  for (double r_m : {3.0, 30.0, 300.0, 3000.0, 30000.0, 300000.0}) {
    for (int n : {3, 4, 16, 100, 1000}) {
      for (int k = 0; k < 8; ++k) {
        // Every other ring near the antimeridian, so that some cross it.
        const double lon0 = k % 2 ? 179.9 + 0.2 * coin(rng) - 0.1 : lon(rng);
        const double lat0 = lat(rng);
        const Ring ring = star_ring(ell.geod, lon0, lat0, r_m, n, coin(rng) < 0.5, rng);
        const double karney = geom::signed_karney_ring_area_m2(ell.geod, ring);
        const double fast = geom::signed_geodesic_ring_area_m2(ell, ring);
        SCOPED_TRACE("r " + std::to_string(r_m) + " m, n " + std::to_string(n) + " at (" +
                     std::to_string(lon0) + ", " + std::to_string(lat0) + ")");
        // 1e-9 relative, plus Karney's own rounding (which only matters below ~1e6 m²).
        EXPECT_NEAR(fast, karney, 1e-9 * std::abs(karney) + kKarneyNoisePerEdgeM2 * std::sqrt(n));
        if (std::abs(karney) >= 1e6 && n <= 100) {
          EXPECT_NEAR(fast, karney, 1e-9 * std::abs(karney));
          ++fast_checked;
        }
      }
    }
  }
  EXPECT_GE(fast_checked, 80);  // most rings of r ≥ 3 km
}

TEST(GeodesicArea, DenseRingsWithLongEdgesAgreeWithKarney) {
  // A reserve-like ring: 20,000 edges of ~5 m along a wavy southern side, closed by three long
  // straight edges of 10–80 km (measured by Karney inside the same sum). 1e-9 relative.
  const auto ell = geom::geodesic_area_ellipsoid(kA, kF);
  for (double lat0 : {18.0, 35.0, 53.0, -40.0}) {
    Ring ring;
    for (int i = 0; i <= 20000; ++i) {
      const double t = i / 20000.0;
      ring.push_back({105.0 + 0.9 * t, lat0 + 0.002 * std::sin(40.0 * t)});
    }
    ring.push_back({105.9, lat0 + 0.5});
    ring.push_back({105.0, lat0 + 0.7});
    ring.push_back(ring.front());
    const double karney = geom::signed_karney_ring_area_m2(ell.geod, ring);
    EXPECT_NEAR(geom::signed_geodesic_ring_area_m2(ell, ring), karney, 1e-9 * std::abs(karney))
        << "at latitude " << lat0;
  }
}

TEST(GeodesicArea, SmallRingsMatchAnIndependentEqualAreaShoelace) {
  // Expected: pyproj 3.4, the ring's vertices projected to +proj=laea centred on its first
  // vertex (+ellps=GRS80) and summed by the shoelace formula, run once
  // (a geodesic of ≤ 50 m is straight there to far below a nanometre). Tolerance 1e-9 relative;
  // Karney's geod_polygon gives 63.10484128, 1270.54200684 and 8.10941288 m² (4e-8, 1e-8 and
  // 4e-7 relative off).
  const auto ell = geom::geodesic_area_ellipsoid(kA, kF);
  const Ring quad = {{110.0, 30.0}, {110.0001, 30.0}, {110.0001, 30.00006}, {110.00002, 30.00007}};
  EXPECT_NEAR(geom::signed_geodesic_ring_area_m2(ell, quad), 63.10484408787691,
              63.10484408787691 * 1e-9);
  const Ring pentagon = {
      {87.5, 45.0}, {87.5004, 45.0001}, {87.5005, 45.0003}, {87.5002, 45.0004}, {87.4999, 45.0002}};
  EXPECT_NEAR(geom::signed_geodesic_ring_area_m2(ell, pentagon), 1270.542019057324,
              1270.542019057324 * 1e-9);
  const Ring triangle = {{-47.3, -20.0}, {-47.29996, -20.00001}, {-47.29998, -20.00004}};
  EXPECT_NEAR(geom::signed_geodesic_ring_area_m2(ell, triangle), -8.109416303287817,
              8.109416303287817 * 1e-9);
}

TEST(GeodesicArea, PolarAndPoleEncirclingRingsAreKarneysExactly) {
  // Beyond 85° of latitude, or around a pole, the ring is Karney's geod_polygon unchanged.
  const auto ell = geom::geodesic_area_ellipsoid(kA, kF);
  const Ring near_pole = {{10.0, 86.0}, {10.01, 86.0}, {10.01, 86.01}, {10.0, 86.0}};
  EXPECT_EQ(geom::signed_geodesic_ring_area_m2(ell, near_pole),
            geom::signed_karney_ring_area_m2(ell.geod, near_pole));
  const Ring around = {{0.0, 80.0}, {90.0, 80.0}, {180.0, 80.0}, {270.0, 80.0}, {0.0, 80.0}};
  EXPECT_EQ(geom::signed_geodesic_ring_area_m2(ell, around),
            geom::signed_karney_ring_area_m2(ell.geod, around));
}

TEST(GeodesicArea, SphereAgreesWithKarney) {
  // f = 0: the authalic latitude is the latitude. A 2 km ring of 64 vertices at 40° N.
  const auto ell = geom::geodesic_area_ellipsoid(6371000.0, 0.0);
  std::mt19937_64 rng(20261201);
  const Ring ring = star_ring(ell.geod, 116.0, 40.0, 2000.0, 64, true, rng);
  const double karney = geom::signed_karney_ring_area_m2(ell.geod, ring);
  EXPECT_GT(karney, 0.0);
  EXPECT_NEAR(geom::signed_geodesic_ring_area_m2(ell, ring), karney, 1e-9 * karney);
}

}  // namespace
}  // namespace reserve
