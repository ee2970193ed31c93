// The rule 不以调代改 (no adjusting instead of rectifying): a proposal removing land away from any
// conflict passes; one removing exactly a mine's footprint fails, with the mine listed as freed and
// a targeting ratio computed by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "analysis/zoning_fixtures.hpp"
#include "reserve/compare.hpp"
#include "reserve/overlay.hpp"
#include "reserve/rules.hpp"

namespace reserve {
namespace {

using testing::make_zoning;
using testing::rect;
using testing::rect_ring_shape;

// Baseline: core [0,1000]×[0,1000], experimental [1000,3000]×[0,1000]; 3.0e6 m² in all.
Zoning baseline() {
  return make_zoning("baseline", {{Zone::core, rect(0, 0, 1000, 1000)},
                                  {Zone::experimental, rect(1000, 0, 3000, 1000)}});
}

FeatureSet features() {
  FeatureSet set;
  set.crs = testing::test_crs();
  ConflictFeature mine;
  mine.id = "M1";
  mine.name = "某铅锌矿";
  mine.category = FeatureCategory::mining_right;
  mine.geometry = Geometry::from(rect(2000, 400, 2200, 600));  // 200 × 200 m
  set.features.push_back(mine);
  ConflictFeature pond;
  pond.id = "T1";
  pond.name = "某尾矿库";
  pond.category = FeatureCategory::tailings_pond;
  pond.treatment = "等待调整";
  pond.geometry = Geometry::from(rect(2500, 100, 2600, 200));
  set.features.push_back(pond);
  ConflictFeature village;  // not a conflict category for the rule
  village.id = "V1";
  village.category = FeatureCategory::settlement;
  village.geometry = Geometry::from(Point{testing::kX0 + 2900, testing::kY0 + 900});
  set.features.push_back(village);
  return set;
}

CompareOptions planar() {
  CompareOptions o;
  o.area_method = AreaMethod::planar;
  return o;
}

OverlayOptions planar_overlay() {
  OverlayOptions o;
  o.area_method = AreaMethod::planar;
  return o;
}

TEST(NoAdjustingRule, RemovingLandAwayFromConflictsPasses) {
  const Zoning before = baseline();
  // Removes the strip x 2800–3000 (holds only the village, not a conflict category); the
  // nearest conflict (the pond, x ≤ 2600) is 200 m away, beyond d = 100 m.
  const Zoning after = make_zoning("proposal", {{Zone::core, rect(0, 0, 1000, 1000)},
                                                {Zone::experimental, rect(1000, 0, 2800, 1000)}});
  const Comparison c = compare(before, after, planar());
  const ConflictOverlay co = make_conflict_overlay(features(), before, after, planar_overlay());
  NoAdjustingOptions o;
  o.distance_m = 100.0;
  const NoAdjustingResult r = evaluate_no_adjusting(c, co, o);
  EXPECT_EQ(r.status, VerdictStatus::pass);
  EXPECT_TRUE(r.changes.empty());
  EXPECT_TRUE(r.freed.empty());
  ASSERT_TRUE(r.targeting.ratio.has_value());
  EXPECT_NEAR(*r.targeting.ratio, 0.0, 1e-12);
  EXPECT_NEAR(r.targeting.changed_area_m2, 200000.0, 1e-6);  // 200 × 1000, hand
}

TEST(NoAdjustingRule, RemovingExactlyAMineFootprintFails) {
  const Zoning before = baseline();
  // The proposal cuts a hole exactly where the mine is.
  const Zoning after = make_zoning(
      "proposal",
      {{Zone::core, rect(0, 0, 1000, 1000)},
       {Zone::experimental, rect_ring_shape(1000, 0, 3000, 1000, 2000, 400, 2200, 600)}});
  const Comparison c = compare(before, after, planar());
  const ConflictOverlay co = make_conflict_overlay(features(), before, after, planar_overlay());
  NoAdjustingOptions o;
  o.distance_m = 100.0;
  const NoAdjustingResult r = evaluate_no_adjusting(c, co, o);
  EXPECT_EQ(r.status, VerdictStatus::fail);
  ASSERT_EQ(r.freed.size(), 1u);
  EXPECT_EQ(r.freed[0].feature_id, "M1");
  EXPECT_EQ(r.freed[0].change, StatusChange::freed);
  EXPECT_NEAR(r.freed[0].freed_area_m2, 40000.0, 1e-6);  // 200 × 200, hand
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].kind, "removed");
  EXPECT_NEAR(r.changes[0].overlap_area_m2, 40000.0, 1e-6);
  EXPECT_DOUBLE_EQ(r.changes[0].min_distance_m, 0.0);

  // Targeting, by hand: the footprint is each conflict feature buffered by 100 m with GEOS's 16
  // segments per quarter circle: a w × h rectangle gives w·h + 2·(w + h)·100 + a 64-gon of
  // radius 100 (32·100²·sin(2π/64)). Mine 200 × 200 and pond 100 × 100, disjoint buffers, all
  // inside the baseline reserve (3.0e6 m²); the changed land (40000 m²) is all footprint.
  const double gon64 = 32.0 * 100.0 * 100.0 * std::sin(2.0 * M_PI / 64.0);
  const double footprint = (40000.0 + 80000.0 + gon64) + (10000.0 + 40000.0 + gon64);
  EXPECT_NEAR(r.targeting.footprint_area_m2, footprint, 1e-6);
  EXPECT_NEAR(r.targeting.share_in_changed, 1.0, 1e-12);
  ASSERT_TRUE(r.targeting.ratio.has_value());
  EXPECT_NEAR(*r.targeting.ratio, 3.0e6 / footprint, 1e-9);  // ≈ 12.89
}

TEST(NoAdjustingRule, AFreedTailingsPondWaitingForTheAdjustmentIsFlagged) {
  const Zoning before = baseline();
  const Zoning after = make_zoning(
      "proposal",
      {{Zone::core, rect(0, 0, 1000, 1000)},
       {Zone::experimental, rect_ring_shape(1000, 0, 3000, 1000, 2450, 50, 2650, 250)}});
  const Comparison c = compare(before, after, planar());
  const ConflictOverlay co = make_conflict_overlay(features(), before, after, planar_overlay());
  const NoAdjustingResult r = evaluate_no_adjusting(c, co, {});
  EXPECT_EQ(r.status, VerdictStatus::fail);
  ASSERT_EQ(r.freed.size(), 1u);
  EXPECT_EQ(r.freed[0].feature_id, "T1");
  EXPECT_TRUE(r.freed[0].waiting_for_adjustment);
  EXPECT_TRUE(is_wait_for_adjustment("等待调整"));
  EXPECT_TRUE(is_wait_for_adjustment("wait-for-adjustment"));
  EXPECT_FALSE(is_wait_for_adjustment("搬迁"));
}

TEST(NoAdjustingRule, RunsInTheRuleEngineAndIsNotEvaluatedWithoutConflictLayers) {
  const Zoning before = baseline();
  const Zoning after = make_zoning(
      "proposal",
      {{Zone::core, rect(0, 0, 1000, 1000)},
       {Zone::experimental, rect_ring_shape(1000, 0, 3000, 1000, 2000, 400, 2200, 600)}});
  const Comparison c = compare(before, after, planar());
  const ConflictOverlay co = make_conflict_overlay(features(), before, after, planar_overlay());
  const Profile p = parse_profile(R"(
name = "test"
version = "1"
[[rules]]
id = "no-adjusting-instead-of-rectifying"
[rules.params]
distance_m = 100.0
max_targeting_ratio = 5.0
categories = ["mining_right", "tailings_pond"]
)",
                                  "test.toml");
  const RuleRegistry registry = RuleRegistry::standard();
  const auto with = evaluate_rules(RuleContext{c, p, nullptr, nullptr, &co}, registry);
  ASSERT_EQ(with.size(), 1u);
  EXPECT_EQ(with[0].rule_id, "no-adjusting-instead-of-rectifying");
  EXPECT_EQ(with[0].status, VerdictStatus::fail);
  bool mine_listed = false;
  for (const auto& e : with[0].evidence) mine_listed = mine_listed || e.id == "M1";
  EXPECT_TRUE(mine_listed);

  const auto without = evaluate_rules(RuleContext{c, p, nullptr, nullptr, nullptr}, registry);
  EXPECT_EQ(without[0].status, VerdictStatus::not_evaluated);
}

}  // namespace
}  // namespace reserve
