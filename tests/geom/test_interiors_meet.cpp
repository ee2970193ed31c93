// The certificate that two polygonal sets share no area (geom/interiors_meet.hpp): "false" must
// only ever be said of sets whose GEOS intersection has no area; the resolved zones built with it
// keep the hand-computed areas (planar rectangles, width × height).
#include <gtest/gtest.h>

#include <algorithm>

#include "analysis/zoning_fixtures.hpp"
#include "geom/geos.hpp"
#include "geom/interiors_meet.hpp"
#include "zoning/resolved_zones.hpp"

namespace reserve {
namespace {

using testing::rect;
using testing::rect_ring_shape;

bool may_meet(const MultiPolygon& a, const MultiPolygon& b) {
  auto ga = geom::to_geos(a), gb = geom::to_geos(b);
  auto pa = geom::prepare(ga.get()), pb = geom::prepare(gb.get());
  const bool answer = geom::interiors_may_meet(a, pa.get(), b, pb.get());
  // The claim checked against GEOS: "no" only where the intersection has no area.
  if (!answer) EXPECT_EQ(geom::planar_area(geom::to_geos(geom::intersect(a, b)).get()), 0.0);
  return answer;
}

TEST(InteriorsMeet, NestedRingsSharingTheirEdgesDoNot) {
  const MultiPolygon core = rect(0, 0, 1000, 1000);
  const MultiPolygon buffer = rect_ring_shape(-500, -500, 1500, 1500, 0, 0, 1000, 1000);
  const MultiPolygon outer = rect_ring_shape(-1000, -1000, 2000, 2000, -500, -500, 1500, 1500);
  EXPECT_FALSE(may_meet(core, buffer));
  EXPECT_FALSE(may_meet(buffer, outer));
  EXPECT_FALSE(may_meet(core, outer));
  // Side by side along one shared edge: the other edges touch the neighbour at the border's
  // ends, which the certificate cannot tell from an overlap: "may" (the caller overlays).
  EXPECT_TRUE(may_meet(rect(0, 0, 10, 10), rect(10, 0, 20, 10)));
}

TEST(InteriorsMeet, OverlapsAndUncertainBordersMay) {
  EXPECT_TRUE(may_meet(rect(0, 0, 10, 10), rect(5, 5, 15, 15)));  // overlap
  EXPECT_TRUE(may_meet(rect(0, 0, 10, 10), rect(2, 2, 4, 4)));    // island, no contact
  EXPECT_TRUE(may_meet(rect(0, 0, 10, 10), rect(0, 0, 10, 10)));  // the same square
  EXPECT_TRUE(may_meet(rect(0, 0, 10, 10), rect(10, 2, 20, 8)));  // partial border
  // A border drawn with an extra vertex on one side only: not bit-identical, so "may".
  MultiPolygon right = rect(10, 0, 20, 10);
  Ring& r = right.polygons.front().outer;  // (10,0) (20,0) (20,10) (10,10) (10,0)
  r.insert(r.end() - 1, {testing::kX0 + 10, testing::kY0 + 5});
  EXPECT_TRUE(may_meet(rect(0, 0, 10, 10), right));
}

TEST(InteriorsMeet, ResolvedZonesKeepTheirAreas) {
  // Nested squares (borders only) and a second core square overlapping the buffer by
  // [1200,1400]×[0,300] (6e4 m², resolved to core).
  Zoning z = testing::nested_squares();
  const auto plain = zoning::resolved_zones(z, ZoneModel::three_zone);
  ASSERT_EQ(plain.size(), 3u);
  EXPECT_NEAR(geom::planar_area(geom::to_geos(plain[0].geometry).get()), 1.0e6, 1e-3);
  EXPECT_NEAR(geom::planar_area(geom::to_geos(plain[1].geometry).get()), 3.0e6, 1e-3);
  EXPECT_NEAR(geom::planar_area(geom::to_geos(plain[2].geometry).get()), 5.0e6, 1e-3);
  z.parts[0].geometry.polygons.push_back(rect(1200, 0, 1400, 300).polygons.front());
  const auto overlapping = zoning::resolved_zones(z, ZoneModel::three_zone);
  // Hand: core 1e6 + 200·300 = 1.06e6; buffer 3e6 − 6e4 = 2.94e6; experimental 5e6.
  EXPECT_NEAR(geom::planar_area(geom::to_geos(overlapping[0].geometry).get()), 1.06e6, 1e-3);
  EXPECT_NEAR(geom::planar_area(geom::to_geos(overlapping[1].geometry).get()), 2.94e6, 1e-3);
  EXPECT_NEAR(geom::planar_area(geom::to_geos(overlapping[2].geometry).get()), 5.0e6, 1e-3);
}

}  // namespace
}  // namespace reserve
