// shared_land_between (province/outlines.hpp): the area a baseline outline shares with each
// proposal outline, confined to the rectangles around the edges that differ, equals the plain
// intersection's area. Every expected area is by hand (axis-parallel shapes, planar, m²), on
// EPSG:4544 coordinates (offsets 500000 / 3700000, so rounding is that of real data).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "province/outlines.hpp"

namespace reserve::province {
namespace {

constexpr double kX = 500000.0, kY = 3700000.0;

// A closed ring through the corners (local metres, counter-clockwise), with a vertex every 10 m
// along each edge: real outlines share long runs of vertices.
Ring ring(const std::vector<Point>& corners) {
  Ring r;
  for (std::size_t k = 0; k + 1 < corners.size(); ++k) {
    const Point a = corners[k], b = corners[k + 1];
    const double length = std::hypot(b.x - a.x, b.y - a.y);
    const int steps = std::max(1, static_cast<int>(length / 10.0));
    for (int s = 0; s < steps; ++s) {
      const double t = static_cast<double>(s) / steps;
      r.push_back({kX + a.x + t * (b.x - a.x), kY + a.y + t * (b.y - a.y)});
    }
  }
  r.push_back(r.front());
  return r;
}

Ring box(double x0, double y0, double x1, double y1) {
  return ring({{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}});
}

Outline outline(const std::string& name, std::vector<Polygon> polygons) {
  Outline o;
  o.name = name;
  o.shape.polygons = std::move(polygons);
  o.box = envelope_of(o.shape);
  o.area_m2 = AreaCalculator(Crs::from_epsg(4544), AreaMethod::planar).area_m2(o.shape);
  return o;
}

std::map<std::pair<std::size_t, std::size_t>, double> shared(const std::vector<Outline>& a,
                                                             const std::vector<Outline>& b) {
  std::map<std::pair<std::size_t, std::size_t>, double> out;
  for (const auto& s : shared_land_between(a, b, Crs::from_epsg(4544), AreaMethod::planar, 2))
    out[{s.a, s.b}] = s.area_m2;
  return out;
}

TEST(SharedLandBetween, ConfinedAreaEqualsTheIntersection) {
  const std::vector<Outline> before = {
      outline("square", {{box(0, 0, 100, 100), {}}}),
      outline("with hole", {{box(1000, 0, 1100, 100), {box(1040, 40, 1060, 60)}}})};
  const std::vector<Outline> after = {
      outline("same", {{box(0, 0, 100, 100), {}}}),
      // the square less a 20 × 20 notch at its lower right corner: 10000 − 400
      outline("notched",
              {{ring({{0, 0}, {80, 0}, {80, 20}, {100, 20}, {100, 100}, {0, 100}, {0, 0}}), {}}}),
      // the square plus 20 × 50 of land to its right: shares all of the square
      outline("grown",
              {{ring({{0, 0}, {120, 0}, {120, 50}, {100, 50}, {100, 100}, {0, 100}, {0, 0}}), {}}}),
      // an unrelated reserve over the square's upper right quarter: 50 × 50
      outline("unrelated", {{box(50, 50, 150, 150), {}}}),
      // an L around the square: its box meets the square's, the land does not
      outline("around", {{ring({{110, -10},
                                {200, -10},
                                {200, 200},
                                {-10, 200},
                                {-10, 110},
                                {110, 110},
                                {110, -10}}),
                          {}}}),
      // the holed square with its hole grown to 30 × 20: 10000 − 600
      outline("hole grown", {{box(1000, 0, 1100, 100), {box(1040, 40, 1070, 60)}}})};
  const auto got = shared(before, after);
  const std::map<std::pair<std::size_t, std::size_t>, double> want = {
      {{0, 0}, 10000.0}, {{0, 1}, 9600.0}, {{0, 2}, 10000.0}, {{0, 3}, 2500.0}, {{1, 5}, 9400.0}};
  ASSERT_EQ(got.size(), want.size());
  for (const auto& [key, area] : want) {
    ASSERT_TRUE(got.count(key)) << key.first << "," << key.second;
    EXPECT_NEAR(got.at(key), area, 1e-6) << key.first << "," << key.second;  // m²
  }
}

}  // namespace
}  // namespace reserve::province
