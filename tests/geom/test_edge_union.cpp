// The union by cancelling shared edges (geom/edge_union.hpp) against the GEOS overlay: where it
// answers, the same point set (GEOSEquals, no symmetric difference, the same area to 1e-12
// relative); where it cannot be sure (zones meeting at a point, borders drawn with other
// vertices, overlaps) it declines and unite_bordering gives the overlay's answer. Expected areas
// are width × height of the rectangles (by hand) or Shapely 1.8 (named where used).
#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <utility>
#include <vector>

#include "analysis/zoning_fixtures.hpp"
#include "geom/edge_union.hpp"
#include "geom/geos.hpp"
#include "zoning/resolved_zones.hpp"

namespace reserve {
namespace {

using testing::rect;
using testing::rect_ring_shape;

// Checks the fast union (when `fast` says it must answer) and unite_bordering against
// geom::unite; returns the united area (CRS units²).
double united_area(const std::vector<const MultiPolygon*>& parts, bool fast) {
  const auto by_edges = geom::unite_by_edges(parts);
  EXPECT_EQ(by_edges.has_value(), fast);
  const auto overlay = geom::to_geos(geom::unite(parts));
  const double expected = geom::planar_area(overlay.get());
  std::vector<MultiPolygon> answers{geom::unite_bordering(parts)};
  if (by_edges) answers.push_back(*by_edges);
  for (const MultiPolygon& got : answers) {
    const auto g = geom::to_geos(got);
    EXPECT_EQ(geom::invalid_reason(g.get()), "");
    EXPECT_EQ(GEOSEquals_r(geom::context(), g.get(), overlay.get()), 1);
    const geom::GeomPtr sym =
        geom::check(GEOSSymDifference_r(geom::context(), g.get(), overlay.get()), "symdiff");
    EXPECT_EQ(geom::planar_area(sym.get()), 0.0);
    EXPECT_NEAR(geom::planar_area(g.get()), expected, 1e-12 * expected);
  }
  return expected;
}

TEST(EdgeUnion, NestedZonesBecomeOneSquare) {
  const MultiPolygon core = rect(0, 0, 1000, 1000);
  const MultiPolygon buffer = rect_ring_shape(-500, -500, 1500, 1500, 0, 0, 1000, 1000);
  const MultiPolygon outer = rect_ring_shape(-1000, -1000, 2000, 2000, -500, -500, 1500, 1500);
  // 3000 m × 3000 m.
  EXPECT_NEAR(united_area({&core, &buffer, &outer}, true), 9.0e6, 1e-6);
  const auto u = geom::unite_by_edges({&core, &buffer, &outer});
  ASSERT_TRUE(u);
  ASSERT_EQ(u->polygons.size(), 1u);
  EXPECT_TRUE(u->polygons[0].holes.empty());
  EXPECT_EQ(u->polygons[0].outer.size(), 5u);  // four corners, closed
}

TEST(EdgeUnion, HolesAndIslandsInThem) {
  // Two rings without the core: a 1000 m hole; an unrelated island of 200 m × 200 m in it.
  const MultiPolygon buffer = rect_ring_shape(-500, -500, 1500, 1500, 0, 0, 1000, 1000);
  const MultiPolygon outer = rect_ring_shape(-1000, -1000, 2000, 2000, -500, -500, 1500, 1500);
  const MultiPolygon island = rect(200, 200, 400, 400);
  // 3000² − 1000² = 8e6 m²; with the island 8e6 + 4e4 m².
  EXPECT_NEAR(united_area({&buffer, &outer}, true), 8.0e6, 1e-6);
  EXPECT_NEAR(united_area({&buffer, &island, &outer}, true), 8.04e6, 1e-6);
  const auto u = geom::unite_by_edges({&buffer, &island, &outer});
  ASSERT_TRUE(u);
  ASSERT_EQ(u->polygons.size(), 2u);
  EXPECT_EQ(u->polygons[0].holes.size() + u->polygons[1].holes.size(), 1u);
  // The hole goes to the big shell, not to the island (whose box does not hold it).
  for (const auto& p : u->polygons)
    EXPECT_EQ(p.holes.size(), reserve::planar_area(p) > 1e6 ? 1u : 0u);
}

TEST(EdgeUnion, MultiPolygonsAndFourSquaresAroundAPoint) {
  // Two squares in one part, a neighbour sharing an edge with the first: 3 × 100 m².
  MultiPolygon two = rect(0, 0, 10, 10);
  two.polygons.push_back(rect(100, 0, 110, 10).polygons[0]);
  const MultiPolygon next = rect(10, 0, 20, 10);
  EXPECT_NEAR(united_area({&two, &next}, true), 300.0, 1e-9);
  // A 2 × 2 board of 10 m squares, diagonal ones in one part: every inner edge cancels and the
  // centre keeps no edge: one 20 m square, 400 m².
  MultiPolygon diag1 = rect(0, 0, 10, 10), diag2 = rect(10, 0, 20, 10);
  diag1.polygons.push_back(rect(10, 10, 20, 20).polygons[0]);
  diag2.polygons.push_back(rect(0, 10, 10, 20).polygons[0]);
  EXPECT_NEAR(united_area({&diag1, &diag2}, true), 400.0, 1e-9);
}

TEST(EdgeUnion, ZonesMeetingAtAPoint) {
  // Corner to corner at (10, 10): that vertex starts two outer edges; two polygons touching at a
  // point (valid). 2 × 100 m².
  const MultiPolygon a = rect(0, 0, 10, 10), b = rect(10, 10, 20, 20);
  EXPECT_NEAR(united_area({&a, &b}, true), 200.0, 1e-9);
  // A hole touching its shell at a vertex, (20, 10): the left part's edge x = 10 cancels, and the
  // outline is a shell and a hole sharing that vertex. 20 × 20 − the triangle (10 × 5 / 2 = 25)
  // = 375 m².
  const auto ring = [](std::initializer_list<std::pair<double, double>> xy) {
    Ring r;
    for (auto [x, y] : xy) r.push_back({testing::kX0 + x, testing::kY0 + y});
    return r;
  };
  const MultiPolygon left = rect(0, 0, 10, 20);
  const MultiPolygon right{{Polygon{ring({{10, 0}, {20, 0}, {20, 10}, {20, 20}, {10, 20}, {10, 0}}),
                                    {ring({{20, 10}, {15, 15}, {15, 5}, {20, 10}})}}}};
  ASSERT_EQ(geom::invalid_reason(geom::to_geos(right).get()), "");
  EXPECT_NEAR(united_area({&left, &right}, true), 375.0, 1e-9);
}

TEST(EdgeUnion, CheckerboardWithAHoleTouchingANotch) {
  // A 3 × 3 board of 10 m squares in two parts by colour, without the centre and the top right
  // square: the centre's hole touches the notch at (20, 20), where the outline's shell and hole
  // both start an edge, so the walk that links the edges meets that vertex twice. By hand:
  // 900 − 100 − 100 = 700 m².
  MultiPolygon dark, light;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) {
      if ((i == 1 && j == 1) || (i == 2 && j == 2)) continue;
      MultiPolygon& part = (i + j) % 2 == 0 ? dark : light;
      part.polygons.push_back(rect(10.0 * i, 10.0 * j, 10.0 * i + 10, 10.0 * j + 10).polygons[0]);
    }
  EXPECT_NEAR(united_area({&dark, &light}, true), 700.0, 1e-9);
  EXPECT_NEAR(united_area({&light, &dark}, true), 700.0, 1e-9);
  // Every ring is stored at its exact size, the closing point included (no spare capacity).
  const auto u = geom::unite_by_edges({&dark, &light});
  ASSERT_TRUE(u);
  std::size_t rings = 0;
  for (const auto& p : u->polygons) {
    EXPECT_EQ(p.outer.capacity(), p.outer.size());
    for (const auto& h : p.holes) EXPECT_EQ(h.capacity(), h.size());
    rings += 1 + p.holes.size();
  }
  EXPECT_EQ(rings, 2u);  // the shell round the notch and the centre's hole
}

TEST(EdgeUnion, BordersDrawnWithOtherVerticesFallBack) {
  // The shared border has an extra vertex (10, 5) on the right side only: 2 × 100 m².
  const MultiPolygon left = rect(0, 0, 10, 10);
  MultiPolygon right = rect(10, 0, 20, 10);
  Ring& r = right.polygons.front().outer;  // (10,0) (20,0) (20,10) (10,10) (10,0)
  r.insert(r.end() - 1, {testing::kX0 + 10, testing::kY0 + 5});
  EXPECT_NEAR(united_area({&left, &right}, false), 200.0, 1e-9);
  // Part of a border: two shells touching along a segment would be an invalid result.
  // 100 + 10 × 6 = 160 m².
  const MultiPolygon half = rect(10, 2, 20, 8);
  EXPECT_NEAR(united_area({&left, &half}, false), 160.0, 1e-9);
}

TEST(EdgeUnion, OverlapsFallBack) {
  const MultiPolygon a = rect(0, 0, 10, 10);
  const MultiPolygon b = rect(5, 5, 15, 15), inner = rect(2, 2, 4, 4);
  EXPECT_NEAR(united_area({&a, &b}, false), 175.0, 1e-9);      // 100 + 100 − 25
  EXPECT_NEAR(united_area({&a, &inner}, false), 100.0, 1e-9);  // nested: winding 2 inside
  EXPECT_NEAR(united_area({&a, &a}, false), 100.0, 1e-9);      // the same square twice
  // A core overlapping its buffer ring by a 100 m × 100 m corner, sharing no edge.
  const MultiPolygon core = rect(0, 0, 1000, 1000);
  const MultiPolygon buffer = rect_ring_shape(-500, -500, 1500, 1500, 100, 100, 1000, 1000);
  // The core fills the 900 m hole and overlaps the ring: the union is the 2000 m square, 4e6 m².
  EXPECT_NEAR(united_area({&core, &buffer}, false), 4.0e6, 1e-6);
}

TEST(EdgeUnion, LonLatCoordinates) {
  // Degrees with no exact binary value; the experimental strip shares the buffer's east edge.
  const Ring core_ring = {
      {113.1, 23.1}, {113.2, 23.1}, {113.2, 23.2}, {113.1, 23.2}, {113.1, 23.1}};
  const MultiPolygon core{{Polygon{core_ring, {}}}};
  Ring hole(core_ring.rbegin(), core_ring.rend());
  const MultiPolygon buffer{{Polygon{
      {{113.05, 23.05}, {113.25, 23.05}, {113.25, 23.25}, {113.05, 23.25}, {113.05, 23.05}},
      {hole}}}};
  const MultiPolygon strip{{Polygon{
      {{113.25, 23.05}, {113.3, 23.05}, {113.3, 23.25}, {113.25, 23.25}, {113.25, 23.05}}, {}}}};
  // Shapely 1.8: unary_union([core, buffer, strip]).area = 0.04999999999999982 deg², a Polygon
  // without holes.
  EXPECT_NEAR(united_area({&core, &buffer, &strip}, true), 0.04999999999999982, 1e-15);
  const auto u = geom::unite_by_edges({&core, &buffer, &strip});
  ASSERT_TRUE(u);
  ASSERT_EQ(u->polygons.size(), 1u);
  EXPECT_TRUE(u->polygons[0].holes.empty());
}

TEST(EdgeUnion, ResolvedLayoutOutlineIsTheUnionOfTheParts) {
  // Nested squares with a second core square cut out of the buffer (the overlay's vertices):
  // the outline, by edges or by the fallback, is the union of all parts: the 3000 m square,
  // 9e6 m² (zoning_fixtures: nested squares of 1, 3 and 5 km²).
  Zoning z = testing::nested_squares();
  z.parts[0].geometry.polygons.push_back(rect(1200, 0, 1400, 300).polygons.front());
  const auto layout = zoning::resolve_layout(z, ZoneModel::three_zone);
  std::vector<const MultiPolygon*> parts;
  for (const auto& p : z.parts) parts.push_back(&p.geometry);
  const auto all = geom::to_geos(geom::unite(parts));
  const auto outline = geom::to_geos(layout.outline);
  EXPECT_EQ(GEOSEquals_r(geom::context(), outline.get(), all.get()), 1);
  EXPECT_NEAR(geom::planar_area(outline.get()), 9.0e6, 1e-3);
}

}  // namespace
}  // namespace reserve
