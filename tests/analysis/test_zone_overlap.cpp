// Issue 10.4: each zoning is measured on its own. Where zones of one zoning overlap, the stricter
// zone wins, once per zoning: the zoning's figures do not depend on the proposal it is compared
// with, a zoning compared with itself changes nothing, and the total is the area of the union.
// Rectangles in EPSG:4544 with the planar method, so every expected area is width × height.
#include <gtest/gtest.h>

#include "analysis/zoning_fixtures.hpp"
#include "reserve/compare.hpp"
#include "reserve/overlay.hpp"
#include "reserve/validate.hpp"

namespace reserve::testing {
namespace {

// Core [0,1000]×[0,1000] and buffer [800,2000]×[0,1000] overlap on [800,1000]×[0,1000]
// (200 000 m²); experimental [0,2000]×[1000,1500] touches both. Union 2000 × 1500 = 3e6 m²;
// resolved: core 1e6, buffer 1.2e6 − 0.2e6 = 1e6, experimental 1e6 m².
Zoning overlapping(std::string name = "baseline") {
  return make_zoning(std::move(name), {{Zone::core, rect(0, 0, 1000, 1000)},
                                       {Zone::buffer, rect(800, 0, 2000, 1000)},
                                       {Zone::experimental, rect(0, 1000, 2000, 1500)}});
}

CompareOptions planar() {
  CompareOptions o;
  o.area_method = AreaMethod::planar;
  return o;
}

TEST(ZoneOverlap, AZoningComparedWithItselfChangesNothingExactly) {
  const Zoning z = overlapping();
  const Comparison c = compare(z, z, planar());
  for (const ChangeSet* set : {&c.removed, &c.added, &c.downgraded, &c.upgraded}) {
    EXPECT_EQ(set->area_m2, 0.0);
    EXPECT_TRUE(set->pieces.empty());
  }
  for (const auto& cell : c.matrix) {
    if (cell.from != cell.to) {
      EXPECT_EQ(cell.area_m2, 0.0) << to_string(cell.from) << "→" << to_string(cell.to);
    }
  }
  EXPECT_NEAR(c.before.total_m2, 3.0e6, 1e-6);  // m²: the union, not union + overlap
  EXPECT_NEAR(c.before.outline_m2, 3.0e6, 1e-6);
  EXPECT_NEAR(c.before.area_m2(Zone::core), 1.0e6, 1e-6);
  EXPECT_NEAR(c.before.area_m2(Zone::buffer), 1.0e6, 1e-6);
  EXPECT_NEAR(c.before.area_m2(Zone::experimental), 1.0e6, 1e-6);
  EXPECT_NEAR(c.before.zones[1].measured_m2, 1.0e6, 1e-6);  // buffer measured directly agrees
}

TEST(ZoneOverlap, ABaselinesFiguresDoNotDependOnTheProposal) {
  const Zoning b = overlapping();
  const std::vector<Zoning> proposals = {
      overlapping("same"),
      make_zoning(
          "cut", {{Zone::core, rect(0, 0, 1000, 1000)}, {Zone::buffer, rect(1000, 0, 2000, 1000)}}),
      make_zoning("core-grows", {{Zone::core, rect(0, 0, 1500, 1000)},
                                 {Zone::buffer, rect(1500, 0, 2000, 1000)},
                                 {Zone::experimental, rect(0, 1000, 2000, 1500)}}),
      make_zoning("buffer-first", {{Zone::buffer, rect(800, 0, 2000, 1000)},
                                   {Zone::experimental, rect(0, 1000, 2000, 1500)},
                                   {Zone::core, rect(0, 0, 900, 1000)}})};
  for (const auto& p : proposals) {
    const Comparison c = compare(b, p, planar());
    EXPECT_NEAR(c.before.area_m2(Zone::core), 1.0e6, 1e-6) << p.name;
    EXPECT_NEAR(c.before.area_m2(Zone::buffer), 1.0e6, 1e-6) << p.name;
    EXPECT_NEAR(c.before.total_m2, 3.0e6, 1e-6) << p.name;
  }
  // "cut": the experimental zone (1e6 m²) is removed, nothing is downgraded: the overlap's
  // core land stays core.
  const Comparison cut = compare(b, proposals[1], planar());
  EXPECT_NEAR(cut.removed.area_m2, 1.0e6, 1e-6);
  EXPECT_NEAR(cut.downgraded.area_m2, 0.0, 1e-6);
}

TEST(ZoneOverlap, TheOverlapIsAFindingWithAreaAndLocation) {
  const Zoning z = overlapping();
  const ValidationReport r =
      validate_zoning(z, TopologyOptions{}, AreaCalculator(z.crs, AreaMethod::planar));
  const Issue* overlap = nullptr;
  for (const auto& i : r.issues)
    if (i.code == IssueCode::zone_overlap) overlap = &i;
  ASSERT_NE(overlap, nullptr);
  ASSERT_TRUE(overlap->area_m2.has_value());
  EXPECT_NEAR(*overlap->area_m2, 2.0e5, 1e-6);  // m², 200 × 1000
  ASSERT_TRUE(overlap->location.has_value());
  EXPECT_GE(overlap->location->x, kX0 + 800);
  EXPECT_LE(overlap->location->x, kX0 + 1000);
}

TEST(ZoneOverlap, TheOverlayCountsOverlappingLandOnceInTheStricterZone) {
  const Zoning z = overlapping();
  FeatureSet fs;
  fs.crs = z.crs;
  ConflictFeature f;
  f.id = "in-overlap";
  f.category = FeatureCategory::mining_right;
  f.geometry.kind = GeometryKind::polygon;
  f.geometry.polygons = rect(850, 100, 950, 200);  // 100 × 100 m inside the overlap
  fs.features.push_back(f);
  OverlayOptions o;
  o.area_method = AreaMethod::planar;
  const Overlay ov = overlay_features(fs, z, z, o);
  ASSERT_EQ(ov.rows.size(), 1u);
  EXPECT_EQ(ov.rows[0].before.zone, Zone::core);
  EXPECT_NEAR(ov.rows[0].before.inside_area_m2, 1.0e4, 1e-6);  // once, not twice
  ASSERT_EQ(ov.rows[0].before.areas.size(), 2u);               // core, then outside (0)
  EXPECT_EQ(ov.rows[0].before.areas[0].zone, Zone::core);
}

}  // namespace
}  // namespace reserve::testing
