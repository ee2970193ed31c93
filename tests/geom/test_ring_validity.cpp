// geom::proven_valid (the cheap validity proof inside geom::unite_by_edges) against GEOSisValid:
// whatever it proves GEOS must find valid, and it must refuse every invalid case. Expected
// validity of each case: Shapely 1.8.5 `is_valid` (/usr/bin/python3, run for this test), which
// agreed with GEOS here; whether the proof answers is by hand from its rules (touches only at
// vertices of both rings, no crossing there, no cycle of touches, nesting).
#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

#include "geom/edge_union.hpp"
#include "geom/geos.hpp"
#include "geom/ring_validity.hpp"

namespace reserve {
namespace {

Ring closed(std::initializer_list<Point> pts) {
  Ring r(pts);
  r.push_back(r.front());
  return r;
}

Ring square(double x0, double y0, double x1, double y1) {
  return closed({{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}});
}

bool geos_valid(const MultiPolygon& mp) {
  return GEOSisValid_r(geom::context(), geom::to_geos(mp).get()) == 1;
}

struct Case {
  std::string name;
  MultiPolygon mp;
  bool valid;   // Shapely 1.8.5 is_valid
  bool proven;  // by hand: does the proof answer?
};

std::vector<Case> cases() {
  std::vector<Case> out;
  const auto add = [&](std::string name, std::vector<Polygon> polys, bool valid, bool proven) {
    out.push_back(Case{std::move(name), MultiPolygon{std::move(polys)}, valid, proven});
  };
  add("hole", {Polygon{square(0, 0, 10, 10), {square(2, 2, 4, 4)}}}, true, true);
  add("hole touching the shell at a common vertex",
      {Polygon{square(0, 0, 10, 10), {closed({{0, 0}, {4, 2}, {2, 4}})}}}, true, true);
  add("hole touching the shell at two vertices (interior cut)",
      {Polygon{square(0, 0, 10, 10), {closed({{0, 0}, {10, 0}, {5, 5}})}}}, false, false);
  add("squares sharing an edge", {Polygon{square(0, 0, 1, 1), {}}, Polygon{square(1, 0, 2, 1), {}}},
      false, false);
  add("squares touching at a corner",
      {Polygon{square(0, 0, 1, 1), {}}, Polygon{square(1, 1, 2, 2), {}}}, true, true);
  add("overlapping squares (edges cross)",
      {Polygon{square(0, 0, 2, 2), {}}, Polygon{square(1, 1, 3, 3), {}}}, false, false);
  add("shell inside a shell", {Polygon{square(0, 0, 10, 10), {}}, Polygon{square(2, 2, 4, 4), {}}},
      false, false);
  add("shell inside a hole",
      {Polygon{square(0, 0, 10, 10), {square(2, 2, 8, 8)}}, Polygon{square(4, 4, 6, 6), {}}}, true,
      true);
  add("hole inside a hole",
      {Polygon{square(0, 0, 10, 10), {square(1, 1, 9, 9), square(2, 2, 4, 4)}}}, false, false);
  add("hole vertex on a shell edge (valid, not proven)",
      {Polygon{square(0, 0, 10, 10), {closed({{5, 0}, {7, 2}, {3, 2}})}}}, true, false);
  add("rings crossing each other at two common vertices",
      {Polygon{square(0, 0, 2, 2), {}}, Polygon{closed({{2, 2}, {1, 1}, {2, 0}, {3, 1}}), {}}},
      false, false);
  add("hole vertex 1e-13 off a shell edge (exact orientation decides)",
      {Polygon{square(0, 0, 10, 10), {closed({{5, 1e-13}, {7, 2}, {3, 2}})}}}, true, true);
  add("ring folding back on itself", {Polygon{closed({{0, 0}, {2, 0}, {1, 0}, {1, 1}}), {}}}, false,
      false);
  add("holes touching each other and the shell's edges",
      {Polygon{square(0, 0, 10, 10),
               {closed({{0, 5}, {5, 5}, {3, 7}}), closed({{5, 5}, {10, 5}, {7, 7}})}}},
      false, false);
  add("holes touching each other once",
      {Polygon{square(0, 0, 10, 10),
               {closed({{1, 5}, {5, 5}, {3, 7}}), closed({{5, 5}, {9, 5}, {7, 7}})}}},
      true, true);
  return out;
}

TEST(RingValidity, AgreesWithGeosAndAnswersWhereExpected) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(geos_valid(c.mp), c.valid);
    const bool proven = geom::proven_valid(c.mp);
    EXPECT_EQ(proven, c.proven);
    if (proven) EXPECT_TRUE(c.valid);
  }
}

TEST(RingValidity, ProofDoesNotDependOnRingOrientation) {
  for (Case c : cases()) {
    SCOPED_TRACE(c.name);
    for (auto& p : c.mp.polygons) {
      std::reverse(p.outer.begin(), p.outer.end());
      for (auto& h : p.holes) std::reverse(h.begin(), h.end());
    }
    EXPECT_EQ(geom::proven_valid(c.mp), c.proven);
  }
}

// Zones meeting at a point: the linked rings touch at a vertex, which the proof accepts; the
// union (two unit squares, 2 m² by hand) must still equal the overlay's.
TEST(RingValidity, UnionByEdgesAnswersForZonesMeetingAtAPoint) {
  const MultiPolygon a{{Polygon{square(0, 0, 1, 1), {}}}};
  const MultiPolygon b{{Polygon{square(1, 1, 2, 2), {}}}};
  const auto u = geom::unite_by_edges({&a, &b});
  ASSERT_TRUE(u);
  ASSERT_EQ(u->polygons.size(), 2u);
  const auto g = geom::to_geos(*u);
  EXPECT_NEAR(geom::planar_area(g.get()), 2.0, 1e-12);
  const auto overlay = geom::to_geos(geom::unite({&a, &b}));
  EXPECT_EQ(GEOSEquals_r(geom::context(), g.get(), overlay.get()), 1);
}

}  // namespace
}  // namespace reserve
