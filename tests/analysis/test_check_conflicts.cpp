// The library's conflicts part of a check (reserve/check.hpp), which `reserve check` and Python's
// check() both call: nothing to do without inputs; the overlay, ledger and report section of a
// hand-built case whose areas are width × height.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "analysis/zoning_fixtures.hpp"
#include "reserve/check.hpp"

namespace reserve {
namespace {

using testing::rect;

TEST(CheckConflicts, NothingToDoWithoutLayersOrMonitoring) {
  const Zoning z = testing::nested_squares();
  EXPECT_FALSE(load_check_conflicts({}, {}, z, z, load_profile("three-no")).has_value());
}

TEST(CheckConflicts, CarvedOutPondIsFreedAndReportedInTheSection) {
  // The proposal cuts a 200 m × 200 m hole out of the experimental zone around a 100 m × 100 m
  // tailings pond that waits for the adjustment: the whole pond (1.0e4 m², by hand) is freed, which
  // the ledger flags as adjusting instead of rectifying.
  const auto [before, after] = testing::carved_experimental();
  FeatureSet set;
  set.crs = testing::test_crs();
  ConflictFeature pond;
  pond.id = "T1";
  pond.name = "尾矿库";
  pond.category = FeatureCategory::tailings_pond;
  pond.treatment = "等待调整";  // waits for the adjustment: freed by it → 以调代改
  pond.geometry = Geometry::from(rect(2500, 100, 2600, 200));
  set.features.push_back(pond);
  Profile profile = load_profile("three-no");
  profile.area_method = AreaMethod::planar;

  const CheckConflicts c =
      make_check_conflicts(set, true, before, after, profile, 1.0, 1.0, LedgerInputs{}, {});
  ASSERT_NE(c.rule_input(), nullptr);
  ASSERT_EQ(c.overlay.overlay.rows.size(), 1u);
  EXPECT_EQ(c.overlay.overlay.rows[0].change, StatusChange::freed);
  EXPECT_NEAR(c.overlay.overlay.rows[0].freed_area_m2, 1.0e4, 1e-6);  // m², planar
  ASSERT_EQ(c.ledger.rows.size(), 1u);
  EXPECT_TRUE(c.ledger.rows[0].adjusting_instead_of_rectifying);

  const ReportSection s = conflicts_section(c);
  EXPECT_EQ(s.id, "conflicts");
  const auto j = nlohmann::json::parse(s.json);
  EXPECT_EQ(j["features"].size(), 1u);
  EXPECT_EQ(j["features"][0]["id"], "T1");
  EXPECT_EQ(j["features"][0]["change"], "freed");
  EXPECT_NEAR(j["features"][0]["area_m2"].get<double>(), 1.0e4, 1e-6);  // m², planar
  EXPECT_EQ(j["ledger"].size(), 1u);
  // The section's overlay is overlay_json_text (the shape of `reserve overlay --json`).
  auto overlay_only = j;
  overlay_only.erase("ledger");
  EXPECT_EQ(overlay_only, nlohmann::json::parse(overlay_json_text(c.overlay)));
  EXPECT_NE(s.markdown.find("| T1 | 尾矿库 |"), std::string::npos);
  EXPECT_NE(s.markdown.find("1 problem(s), 1 adjusting instead of rectifying"), std::string::npos);
}

}  // namespace
}  // namespace reserve
