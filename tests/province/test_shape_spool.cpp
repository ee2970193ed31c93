// ShapeSpool (province/shape_spool.hpp): the overview map's outlines leave memory during the
// checks and must come back bit for bit. The expectation is the shape that was put: multipolygons
// with holes, an empty shape, coordinates whose decimal text would not round-trip (1/3, -0.0,
// subnormal, huge), shapes stored out of order and shapes never stored (empty).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "province/shape_spool.hpp"

namespace reserve::province {
namespace {

Ring square(double x0, double y0, double side) {
  return {{x0, y0}, {x0 + side, y0}, {x0 + side, y0 + side}, {x0, y0 + side}, {x0, y0}};
}

// Equal as bytes, so that -0.0 and 0.0 (equal as doubles) count as different.
void expect_same_bits(const MultiPolygon& got, const MultiPolygon& want) {
  ASSERT_EQ(got.polygons.size(), want.polygons.size());
  auto same_ring = [](const Ring& a, const Ring& b) {
    ASSERT_EQ(a.size(), b.size());
    EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size() * sizeof(Point)), 0);
  };
  for (std::size_t i = 0; i < want.polygons.size(); ++i) {
    same_ring(got.polygons[i].outer, want.polygons[i].outer);
    ASSERT_EQ(got.polygons[i].holes.size(), want.polygons[i].holes.size());
    for (std::size_t h = 0; h < want.polygons[i].holes.size(); ++h)
      same_ring(got.polygons[i].holes[h], want.polygons[i].holes[h]);
  }
}

TEST(ShapeSpool, ShapesComeBackBitForBit) {
  MultiPolygon two;  // two polygons, the first with two holes
  two.polygons.push_back({square(0, 0, 100), {square(10, 10, 5), square(50, 50, 5)}});
  two.polygons.push_back({square(500000.0 / 3.0, 3700000.0 / 7.0, 1.0 / 3.0), {}});
  MultiPolygon odd;  // values a decimal round trip could change
  odd.polygons.push_back({{{-0.0, 0.0},
                           {std::numeric_limits<double>::denorm_min(), 1e300},
                           {std::nextafter(1.0, 2.0), -1e-300},
                           {-0.0, 0.0}},
                          {}});
  MultiPolygon big;  // a ring of many points
  big.polygons.resize(1);
  for (int k = 0; k <= 100000; ++k)
    big.polygons[0].outer.push_back({std::cos(k * 1e-4), std::sin(k)});
  const MultiPolygon empty;

  ShapeSpool spool;
  spool.put(3, odd);  // out of order, with gaps (1 and 5 are never stored)
  spool.put(0, two);
  spool.put(2, empty);
  spool.put(4, big);
  expect_same_bits(spool.get(0), two);
  expect_same_bits(spool.get(3), odd);
  expect_same_bits(spool.get(4), big);
  EXPECT_TRUE(spool.get(2).polygons.empty());
  EXPECT_TRUE(spool.get(1).polygons.empty());
  EXPECT_TRUE(spool.get(5).polygons.empty());
  expect_same_bits(spool.get(0), two);  // read twice: the same
}

}  // namespace
}  // namespace reserve::province
