// geom::point_buffer against GEOSBuffer_r itself: for seeded random points (local metres, Gauss–
// Krüger eastings and northings with and without the zone prefix, lon/lat degrees) and radii from
// a centimetre to tens of kilometres, and for 1, 8 and 16 segments per quarter circle, the ring
// must be GEOS's buffer vertex for vertex, bit for bit (the targeting statistic's footprint and
// its disc short-cuts depend on it being the same polygon).
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <vector>

#include "geom/geos.hpp"
#include "geom/point_buffer.hpp"

namespace reserve {
namespace {

std::vector<double> ring_xy(const GEOSGeometry* polygon) {
  auto* h = geom::context();
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, GEOSGetExteriorRing_r(h, polygon));
  unsigned n = 0;
  GEOSCoordSeq_getSize_r(h, seq, &n);
  std::vector<double> xy(2 * static_cast<std::size_t>(n));
  GEOSCoordSeq_copyToBuffer_r(h, seq, xy.data(), 0, 0);
  return xy;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

TEST(PointBuffer, IsGeosBufferOfThePointBitForBit) {
  auto* h = geom::context();
  std::mt19937_64 rng(20261203);
  struct Frame {
    double x0, x1, y0, y1;
  };
  const Frame frames[] = {{-1e4, 1e4, -1e4, 1e4},          // local metres
                          {3.0e5, 7.0e5, 2.0e6, 5.9e6},    // EPSG:4544-like
                          {3.53e7, 3.57e7, 2.0e6, 5.9e6},  // zone-prefixed eastings
                          {73.0, 135.0, 3.0, 54.0}};       // lon/lat degrees
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::uniform_real_distribution<double> log_radius(-2.0, 4.5);  // 1 cm … 30 km
  int compared = 0;
  for (const Frame& f : frames)
    for (int quadrant_segments : {1, 8, 16})
      for (int k = 0; k < 200; ++k) {
        const Point p{f.x0 + (f.x1 - f.x0) * unit(rng), f.y0 + (f.y1 - f.y0) * unit(rng)};
        const double r = f.x1 < 1000.0 ? std::pow(10.0, log_radius(rng)) * 1e-5
                                       : std::pow(10.0, log_radius(rng));
        const geom::GeomPtr point = geom::to_geos(p);
        const geom::GeomPtr expected(GEOSBuffer_r(h, point.get(), r, quadrant_segments));
        ASSERT_TRUE(expected);
        const geom::GeomPtr got = geom::point_buffer(p, r, quadrant_segments);
        ASSERT_EQ(GEOSGetNumInteriorRings_r(h, expected.get()), 0);
        EXPECT_TRUE(same_bits(ring_xy(got.get()), ring_xy(expected.get())))
            << "point (" << p.x << ", " << p.y << "), radius " << r << ", " << quadrant_segments
            << " segments per quarter";
        ++compared;
      }
  EXPECT_EQ(compared, 4 * 3 * 200);
}

TEST(PointBuffer, RingIsARegularPolygonOfFourSegmentsPerQuarterTimesFour) {
  // By hand: 16 segments per quarter circle → a 64-gon, 65 stored vertices, first (x + r, y),
  // clockwise (the second vertex lies below the first), inscribed in the circle.
  const geom::GeomPtr disc = geom::point_buffer(Point{10.0, 20.0}, 2.0, 16);
  const std::vector<double> xy = ring_xy(disc.get());
  ASSERT_EQ(xy.size(), 2u * 65u);
  EXPECT_EQ(xy[0], 12.0);
  EXPECT_EQ(xy[1], 20.0);
  EXPECT_LT(xy[3], 20.0);
  for (std::size_t i = 0; i < xy.size(); i += 2)
    EXPECT_NEAR(std::hypot(xy[i] - 10.0, xy[i + 1] - 20.0), 2.0, 1e-12);
}

}  // namespace
}  // namespace reserve
