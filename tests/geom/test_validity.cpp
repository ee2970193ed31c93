// Validity and repair on a catalogue of degenerate polygons. Expected areas are hand-computed;
// the repair must be GEOS MakeValid (STRUCTURE, collapsed parts dropped), never buffer(0).
#include <gtest/gtest.h>

#include <string>

#include "geom/validity.hpp"
#include "reserve/geometry.hpp"

namespace reserve {
namespace {

struct Case {
  const char* name;
  const char* wkt;
  bool valid;
  const char* reason;  // substring of GEOS's reason when invalid
  double area_after;   // planar area after repair (or of the valid input), units²
};

class DegeneratePolygons : public ::testing::TestWithParam<Case> {};

TEST_P(DegeneratePolygons, AreCheckedAndRepairedAsExpected) {
  const Case& c = GetParam();
  const MultiPolygon mp = geometry_from_wkt(c.wkt).polygons;
  const auto invalid = geom::find_invalidity(mp);
  EXPECT_EQ(!invalid.has_value(), c.valid) << (invalid ? invalid->reason : "");
  if (invalid) {
    EXPECT_NE(invalid->reason.find(c.reason), std::string::npos) << invalid->reason;
    const MultiPolygon fixed = geom::make_valid_polygons(mp);
    EXPECT_FALSE(geom::find_invalidity(fixed).has_value());
    EXPECT_NEAR(planar_area(fixed), c.area_after, 1e-9);  // tolerance 1e-9 units²
    for (const auto& p : fixed.polygons) {
      EXPECT_GT(signed_ring_area(p.outer), 0.0);  // outer counter-clockwise
      for (const auto& h : p.holes) EXPECT_LT(signed_ring_area(h), 0.0);
    }
  } else {
    EXPECT_NEAR(planar_area(mp), c.area_after, 1e-9);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Catalogue, DegeneratePolygons,
    ::testing::Values(
        Case{"square", "POLYGON((0 0,10 0,10 10,0 10,0 0))", true, "", 100.0},
        Case{"duplicate_vertices", "POLYGON((0 0,0 0,10 0,10 10,10 10,0 10,0 0))", true, "", 100.0},
        // A hole touching the shell at one point is valid (OGC): 100 − triangle 5×4/2 = 90.
        Case{"hole_touching_shell", "POLYGON((0 0,10 0,10 10,0 10,0 0),(0 5,5 3,5 7,0 5))", true,
             "", 90.0},
        Case{"sliver", "POLYGON((0 0,1000 0,1000 0.000001,0 0))", true, "", 0.0005},
        // Bow tie: two triangles of 25 each; buffer(0) would keep one of them only.
        Case{"bow_tie", "POLYGON((0 0,10 10,10 0,0 10,0 0))", false, "Self-intersection", 50.0},
        // A zero-width spike on the top edge collapses and is dropped: the 10×10 square remains.
        Case{"spike", "POLYGON((0 0,10 0,10 10,5 10,5 15,5 10,0 10,0 0))", false, "", 100.0},
        // Hole outside the shell. Observed with GEOS 3.11.1: STRUCTURE keeps the stray ring as an
        // area of its own (100 + 1 = 101), not dropped; the zoning's repair check reports the
        // +1 change and refuses it beyond the tolerance, so this cannot slip through unseen.
        Case{"hole_outside_shell",
             "POLYGON((0 0,10 0,10 10,0 10,0 0),(20 20,20 21,21 21,21 20,20 20))", false,
             "Hole lies outside shell", 101.0},
        // Two overlapping squares in one multipolygon: their union, 100 + 100 − 50 = 150.
        Case{"overlapping_parts",
             "MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0)),((5 0,15 0,15 10,5 10,5 0)))", false,
             "Self-intersection", 150.0},
        // A shell inside another shell: the union is the outer square.
        Case{"nested_shells", "MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0)),((2 2,4 2,4 4,2 4,2 2)))",
             false, "Nested shells", 100.0}),
    [](const ::testing::TestParamInfo<Case>& p) { return std::string(p.param.name); });

TEST(Validity, RingWithTooFewPointsIsInvalidAndDropped) {
  // GEOS cannot even build a ring of three points; we report it rather than crash.
  MultiPolygon mp;
  mp.polygons.push_back(Polygon{{{0, 0}, {1, 1}, {0, 0}}, {}});
  mp.polygons.push_back(Polygon{{{5, 5}, {6, 5}, {6, 6}, {5, 6}, {5, 5}}, {}});
  const auto invalid = geom::find_invalidity(mp);
  ASSERT_TRUE(invalid.has_value());
  EXPECT_EQ(invalid->reason, "Too few points in ring");
  const MultiPolygon fixed = geom::make_valid_polygons(mp);
  ASSERT_EQ(fixed.polygons.size(), 1u);
  EXPECT_NEAR(planar_area(fixed), 1.0, 1e-12);
}

TEST(Validity, LocationOfASelfIntersectionIsReported) {
  // The bow tie's edges cross at (5, 5) (hand-computed).
  const auto invalid =
      geom::find_invalidity(geometry_from_wkt("POLYGON((0 0,10 10,10 0,0 10,0 0))").polygons);
  ASSERT_TRUE(invalid && invalid->location);
  EXPECT_NEAR(invalid->location->x, 5.0, 1e-12);
  EXPECT_NEAR(invalid->location->y, 5.0, 1e-12);
}

}  // namespace
}  // namespace reserve
