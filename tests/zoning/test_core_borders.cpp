// zoning::core_borders tells from the resolved zones' edges whether the core boundary is enclosed
// by other zones and whether it may touch the experimental zone; when it says "enclosed, no
// experimental", the core-enclosure check skips GEOS entirely. Each answer is compared here with
// the straightforward GEOS computation it replaces: the length of (core boundary − union of the
// other resolved zones) and of (core boundary ∩ experimental zone). A fast answer must never hide a
// length GEOS finds (the fast path is sound), and on the usual layouts it must answer (else the
// speed-up is gone). Lengths by hand (axis-parallel rectangles, metres) where named.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "analysis/zoning_fixtures.hpp"
#include "geom/geos.hpp"
#include "reserve/validate.hpp"
#include "reserve/validate_findings.hpp"
#include "reserve/zoning.hpp"
#include "zoning/core_borders.hpp"
#include "zoning/resolved_zones.hpp"

namespace reserve {
namespace {

using testing::kX0;
using testing::kY0;
using testing::make_zoning;
using testing::rect;
using testing::rect_ring_shape;

struct GeosTruth {
  double exposed_m = 0.0;   // length of core boundary − union of the other zones
  double touching_m = 0.0;  // length of core boundary ∩ experimental zone
};

double length_of(const GEOSGeometry* g) {
  double len = 0.0;
  GEOSLength_r(geom::context(), g, &len);
  return len;
}

GeosTruth geos_truth(const zoning::ResolvedLayout& layout) {
  auto* h = geom::context();
  const MultiPolygon* core = nullptr;
  const MultiPolygon* experimental = nullptr;
  std::vector<const MultiPolygon*> others;
  for (const auto& rz : layout.zones) {
    if (rz.geometry.empty()) continue;
    if (rz.zone == Zone::core)
      core = &rz.geometry;
    else
      others.push_back(&rz.geometry);
    if (rz.zone == Zone::experimental) experimental = &rz.geometry;
  }
  GeosTruth out;
  if (!core) return out;
  const geom::GeomPtr core_g = geom::to_geos(*core);
  const geom::GeomPtr boundary = geom::check(GEOSBoundary_r(h, core_g.get()), "boundary");
  if (others.empty()) {
    out.exposed_m = length_of(boundary.get());
  } else {
    const geom::GeomPtr rest = geom::to_geos(geom::unite(others));
    const geom::GeomPtr diff =
        geom::check(GEOSDifference_r(h, boundary.get(), rest.get()), "difference");
    out.exposed_m = length_of(diff.get());
  }
  if (experimental) {
    const geom::GeomPtr exp_g = geom::to_geos(*experimental);
    const geom::GeomPtr touch =
        geom::check(GEOSIntersection_r(h, boundary.get(), exp_g.get()), "intersection");
    out.touching_m = length_of(touch.get());
  }
  return out;
}

// The fast answer never contradicts GEOS; returns it for the case's own expectations.
zoning::CoreBorders expect_sound(const Zoning& z, GeosTruth* truth_out = nullptr) {
  const zoning::ResolvedLayout layout = zoning::resolve_layout(z, z.model);
  const zoning::CoreBorders fast = zoning::core_borders(layout);
  const GeosTruth truth = geos_truth(layout);
  if (fast.enclosed) EXPECT_EQ(truth.exposed_m, 0.0);
  if (!fast.may_touch_experimental) EXPECT_EQ(truth.touching_m, 0.0);
  if (truth_out) *truth_out = truth;
  return fast;
}

Ring ring(std::vector<std::pair<double, double>> xy) {
  Ring r;
  for (const auto& [x, y] : xy) r.push_back({kX0 + x, kY0 + y});
  r.push_back(r.front());
  return r;
}

std::vector<Issue> findings_of(const Zoning& z, IssueCode code) {
  static const AreaCalculator planar(testing::test_crs(), AreaMethod::planar);
  std::vector<Issue> out;
  for (auto& i : validate_zoning(z, {}, planar).issues)
    if (i.code == code) out.push_back(std::move(i));
  return out;
}

TEST(CoreBorders, NestedZonesAreEnclosedWithoutExperimental) {
  GeosTruth t;
  const auto fast = expect_sound(testing::nested_squares(), &t);
  EXPECT_TRUE(fast.enclosed);
  EXPECT_FALSE(fast.may_touch_experimental);
}

TEST(CoreBorders, CoreOnTheReserveBoundaryGoesToGeos) {
  // Core [0,100]², buffer to its right, experimental [0,200]×[100,150] on top: left + bottom
  // (200 m) lie on the reserve's boundary, the top 100 m borders experimental.
  const Zoning z = make_zoning("z", {{Zone::core, rect(0, 0, 100, 100)},
                                     {Zone::buffer, rect(100, 0, 200, 100)},
                                     {Zone::experimental, rect(0, 100, 200, 150)}});
  GeosTruth t;
  const auto fast = expect_sound(z, &t);
  EXPECT_FALSE(fast.enclosed);
  EXPECT_TRUE(fast.may_touch_experimental);
  EXPECT_NEAR(t.exposed_m, 200.0, 1e-9);
  EXPECT_NEAR(t.touching_m, 100.0, 1e-9);
  EXPECT_EQ(findings_of(z, IssueCode::core_not_enclosed).size(), 1u);
  EXPECT_EQ(findings_of(z, IssueCode::core_adjacent_experimental).size(), 1u);
}

TEST(CoreBorders, CoreBesideExperimentalInsideBufferIsEnclosedButTouches) {
  // Core [0,1000]² and experimental [1000,2000]×[0,1000] side by side in a buffer frame to
  // [-500,2500]×[-500,1500]; the frame's hole holds the corners (1000,0) and (1000,1000), so
  // every border is shared bit for bit. The core's right side (1000 m) borders experimental.
  MultiPolygon frame = rect(-500, -500, 2500, 1500);
  Ring hole = ring({{0, 0}, {0, 1000}, {1000, 1000}, {2000, 1000}, {2000, 0}, {1000, 0}});
  frame.polygons[0].holes.push_back(hole);
  const Zoning z = make_zoning("z", {{Zone::core, rect(0, 0, 1000, 1000)},
                                     {Zone::buffer, frame},
                                     {Zone::experimental, rect(1000, 0, 2000, 1000)}});
  GeosTruth t;
  const auto fast = expect_sound(z, &t);
  EXPECT_TRUE(fast.enclosed);
  EXPECT_TRUE(fast.may_touch_experimental);
  EXPECT_EQ(t.exposed_m, 0.0);
  EXPECT_NEAR(t.touching_m, 1000.0, 1e-9);
  EXPECT_TRUE(findings_of(z, IssueCode::core_not_enclosed).empty());
  const auto adjacent = findings_of(z, IssueCode::core_adjacent_experimental);
  ASSERT_EQ(adjacent.size(), 1u);
  EXPECT_NE(adjacent[0].message.find("1000.00 m"), std::string::npos) << adjacent[0].message;
}

TEST(CoreBorders, BordersWithOtherVerticesOnTheTwoSidesGoToGeos) {
  // The buffer frame's hole is the core's square, but its lower side holds an extra collinear
  // vertex (500, 0) (as a lon/lat edge densified on one side only): no bit-for-bit twin for the
  // core's lower edge, so the fast path does not answer; GEOS finds nothing exposed.
  MultiPolygon frame = rect(-500, -500, 1500, 1500);
  frame.polygons[0].holes.push_back(ring({{0, 0}, {0, 1000}, {1000, 1000}, {1000, 0}, {500, 0}}));
  const Zoning z = make_zoning("z", {{Zone::core, rect(0, 0, 1000, 1000)}, {Zone::buffer, frame}});
  GeosTruth t;
  const auto fast = expect_sound(z, &t);
  EXPECT_FALSE(fast.enclosed);
  EXPECT_EQ(t.exposed_m, 0.0);
  EXPECT_TRUE(findings_of(z, IssueCode::core_not_enclosed).empty());

  // The extra vertex 0.1 mm off the line: an exact difference of about 1000 m, all of it within
  // the enclosure slack (1 mm) of the buffer, so still no finding (the GEOS path's slack holds).
  MultiPolygon off = rect(-500, -500, 1500, 1500);
  off.polygons[0].holes.push_back(ring({{0, 0}, {0, 1000}, {1000, 1000}, {1000, 0}, {500, -1e-4}}));
  const Zoning z2 = make_zoning("z2", {{Zone::core, rect(0, 0, 1000, 1000)}, {Zone::buffer, off}});
  const auto fast2 = expect_sound(z2, &t);
  EXPECT_FALSE(fast2.enclosed);
  EXPECT_GT(t.exposed_m, 999.0);
  EXPECT_TRUE(findings_of(z2, IssueCode::core_not_enclosed).empty());
}

TEST(CoreBorders, CoreWithHoles) {
  // A core square with a 200 m hole holding a buffer island, in a buffer frame: enclosed.
  const MultiPolygon core = rect_ring_shape(0, 0, 1000, 1000, 400, 400, 600, 600);
  const MultiPolygon frame = rect_ring_shape(-500, -500, 1500, 1500, 0, 0, 1000, 1000);
  const Zoning filled = make_zoning(
      "z", {{Zone::core, core}, {Zone::buffer, rect(400, 400, 600, 600)}, {Zone::buffer, frame}});
  EXPECT_TRUE(expect_sound(filled).enclosed);
  EXPECT_TRUE(findings_of(filled, IssueCode::core_not_enclosed).empty());
  // The hole left empty (an enclave): its 800 m perimeter is core boundary next to no zone.
  const Zoning empty_hole = make_zoning("z", {{Zone::core, core}, {Zone::buffer, frame}});
  GeosTruth t;
  EXPECT_FALSE(expect_sound(empty_hole, &t).enclosed);
  EXPECT_NEAR(t.exposed_m, 800.0, 1e-9);
  const auto exposed = findings_of(empty_hole, IssueCode::core_not_enclosed);
  ASSERT_EQ(exposed.size(), 1u);
  EXPECT_NE(exposed[0].message.find("800.00 m"), std::string::npos) << exposed[0].message;
}

TEST(CoreBorders, MultipolygonCores) {
  // Two core squares, each in its own buffer frame: enclosed. Without the second frame, the
  // second square's 4 × 100 m lie on the reserve's boundary.
  const Zoning both =
      make_zoning("z", {{Zone::core, rect(0, 0, 100, 100)},
                        {Zone::core, rect(1000, 0, 1100, 100)},
                        {Zone::buffer, rect_ring_shape(-50, -50, 150, 150, 0, 0, 100, 100)},
                        {Zone::buffer, rect_ring_shape(950, -50, 1150, 150, 1000, 0, 1100, 100)}});
  EXPECT_TRUE(expect_sound(both).enclosed);
  const Zoning one =
      make_zoning("z", {{Zone::core, rect(0, 0, 100, 100)},
                        {Zone::core, rect(1000, 0, 1100, 100)},
                        {Zone::buffer, rect_ring_shape(-50, -50, 150, 150, 0, 0, 100, 100)}});
  GeosTruth t;
  EXPECT_FALSE(expect_sound(one, &t).enclosed);
  EXPECT_NEAR(t.exposed_m, 400.0, 1e-9);
}

TEST(CoreBorders, OverlappingZonesAreResolvedFirst) {
  // A buffer square over the whole core and an experimental strip over part of both: the
  // resolved zones are cut by GEOS; whatever the fast path says must agree with GEOS.
  const Zoning z = make_zoning("z", {{Zone::core, rect(0, 0, 1000, 1000)},
                                     {Zone::buffer, rect(-500, -500, 1500, 1500)},
                                     {Zone::experimental, rect(-1000, 800, 2000, 2000)}});
  GeosTruth t;
  const auto fast = expect_sound(z, &t);
  EXPECT_TRUE(fast.may_touch_experimental);  // zones not proven disjoint
  EXPECT_EQ(t.exposed_m, 0.0);
  EXPECT_TRUE(findings_of(z, IssueCode::core_not_enclosed).empty());
}

TEST(CoreBorders, RandomGridsAgreeWithGeos) {
  // 6 × 6 grids of 100 m cells, each cell a part of a random zone or left empty; the cells share
  // their corners bit for bit. Every fast answer is checked against GEOS; the fast path must
  // answer "enclosed" on some grids (those whose core cells are all surrounded).
  std::mt19937 rng(20261201);
  int enclosed = 0, no_experimental = 0;
  for (int trial = 0; trial < 300; ++trial) {
    SCOPED_TRACE(trial);
    std::vector<std::pair<Zone, MultiPolygon>> parts;
    const bool dense = trial % 2 == 0;  // every cell zoned: cores are often enclosed
    for (int i = 0; i < 6; ++i)
      for (int j = 0; j < 6; ++j) {
        const int pick = static_cast<int>(rng() % (dense ? 10 : 12));
        const bool rim = i == 0 || j == 0 || i == 5 || j == 5;
        Zone zone = pick < 2 && !rim ? Zone::core : pick < 8 ? Zone::buffer : Zone::experimental;
        if (pick >= 10) continue;  // an empty cell
        parts.emplace_back(zone, rect(i * 100.0, j * 100.0, (i + 1) * 100.0, (j + 1) * 100.0));
      }
    const Zoning z = make_zoning("grid", std::move(parts));
    const auto fast = expect_sound(z);
    enclosed += fast.enclosed;
    no_experimental += !fast.may_touch_experimental;
  }
  EXPECT_GT(enclosed, 10);
  EXPECT_GT(no_experimental, 5);
}

}  // namespace
}  // namespace reserve
