// geom/local_inverse: a small ring taken to (lon, lat) through the checked biquadratic fit must
// land where PROJ puts each vertex (the reference: reserve::Transformer, PROJ vertex by vertex),
// and the geodesic areas built on it must be Karney's (geodesic.h's geod_polygon on the vertices
// PROJ projected one by one), in the CRSs where the fit is hardest: far from a transverse
// Mercator's central meridian, at a UTM zone's edge, and in Web Mercator at 60°N.
#include <geodesic.h>
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "geom/local_inverse.hpp"
#include "reserve/area.hpp"
#include "reserve/crs.hpp"

namespace reserve {
namespace {

struct Case {
  int projected, geographic;  // EPSG codes
  Point centre;               // projected
  double a, f;                // the geographic CRS's ellipsoid
};
constexpr double kGrs80F = 1.0 / 298.257222101, kWgs84F = 1.0 / 298.257223563;
const Case kCases[] = {
    {4544, 4490, {650000.0, 3736000.0}, 6378137.0, kGrs80F},   // GK CM 105E, 150 km east of it
    {32650, 4326, {790000.0, 4400000.0}, 6378137.0, kWgs84F},  // UTM 50N, at the zone's edge
    {3857, 4326, {1.2e7, 8.4e6}, 6378137.0, kWgs84F},          // Web Mercator, ≈ 60°N
};

Ring disc(Point c, double r, int n) {
  Ring ring;
  for (int i = 0; i <= n; ++i) {
    const double t = 2.0 * M_PI * (i % n) / n;
    ring.push_back({c.x + r * std::cos(t), c.y + r * std::sin(t)});
  }
  return ring;
}

// A star-shaped ring of n vertices at random radii up to r (a mining right's irregular outline).
Ring random_ring(Point c, double r, int n, unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<double> radius(0.3 * r, r);
  Ring ring;
  for (int i = 0; i < n; ++i) {
    const double t = 2.0 * M_PI * i / n;
    const double q = radius(gen);
    ring.push_back({c.x + q * std::cos(t), c.y + q * std::sin(t)});
  }
  ring.push_back(ring.front());
  return ring;
}

Envelope envelope(const Ring& r) {
  Envelope e;
  for (const Point& p : r) e.expand(p);
  return e;
}

std::optional<Ring> fit(const Ring& ring, const Transformer& inverse) {
  const Envelope e = envelope(ring);
  geom::LocalFitNodes nodes = geom::local_fit_nodes(e);
  for (Point& p : nodes) p = inverse.apply(p);
  return geom::fitted_lonlat(ring, e, nodes);
}

double karney_area_m2(const Ring& lonlat, double a, double f) {
  geod_geodesic g;
  geod_init(&g, a, f);
  geod_polygon poly;
  geod_polygon_init(&poly, 0);
  for (std::size_t i = 0; i + 1 < lonlat.size(); ++i)
    geod_polygon_addpoint(&g, &poly, lonlat[i].y, lonlat[i].x);
  double area = 0.0;
  geod_polygon_compute(&g, &poly, 0, 1, &area, nullptr);
  return std::abs(area);
}

TEST(LocalInverse, TheFitPutsEveryVertexWherePROJDoes) {
  for (const Case& c : kCases) {
    const Transformer inverse(Crs::from_epsg(c.projected), Crs::from_epsg(c.geographic));
    for (const Ring& ring : {disc(c.centre, 100.0, 64), random_ring(c.centre, 150.0, 40, 7)}) {
      const auto fitted = fit(ring, inverse);
      ASSERT_TRUE(fitted) << "EPSG:" << c.projected;
      ASSERT_EQ(fitted->size(), ring.size());
      for (std::size_t i = 0; i < ring.size(); ++i) {
        const Point exact = inverse.apply(ring[i]);
        EXPECT_NEAR((*fitted)[i].x, exact.x, geom::kLocalFitToleranceDeg) << "EPSG:" << c.projected;
        EXPECT_NEAR((*fitted)[i].y, exact.y, geom::kLocalFitToleranceDeg) << "EPSG:" << c.projected;
      }
    }
  }
}

TEST(LocalInverse, AnEnvelopeTooLargeForTheToleranceIsRefused) {
  // 20 km across: the fit's error (h³/R², about 3e-5 m) is far above 1e-12° (1e-7 m).
  const Transformer inverse(Crs::from_epsg(4544), Crs::from_epsg(4490));
  EXPECT_FALSE(fit(disc({650000.0, 3736000.0}, 10000.0, 64), inverse));
}

TEST(LocalInverse, AFlatEnvelopeIsLeftToPROJ) {
  const Transformer inverse(Crs::from_epsg(4544), Crs::from_epsg(4490));
  Ring line;
  for (int i = 0; i < 30; ++i) line.push_back({650000.0 + i, 3736000.0});
  EXPECT_FALSE(fit(line, inverse));
}

TEST(LocalInverse, GeodesicAreasOfSmallRingsAreKarneysOnPROJsVertices) {
  for (const Case& c : kCases) {
    const Transformer inverse(Crs::from_epsg(c.projected), Crs::from_epsg(c.geographic));
    const AreaCalculator calc(Crs::from_epsg(c.projected), AreaMethod::geodesic);
    for (const Ring& ring : {disc(c.centre, 100.0, 64), random_ring(c.centre, 150.0, 40, 11)}) {
      Ring lonlat = ring;
      for (Point& p : lonlat) p = inverse.apply(p);
      const double expected = karney_area_m2(lonlat, c.a, c.f);
      // Karney's own rounding on a ring of this size is ~1e-5 m² (geom/geodesic_area.hpp).
      EXPECT_NEAR(calc.area_m2(Polygon{ring, {}}), expected, 1e-4) << "EPSG:" << c.projected;
    }
  }
}

}  // namespace
}  // namespace reserve
