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

// The section's JSON is printed partly as text (the feature rows, the ledger's rows): it must be
// the very bytes nlohmann-json prints for the document overlay_json_text builds (the reference),
// on points and polygons, mining rights, optional fields, and text that needs escapes or looks
// like the placeholders the section uses.
void expect_section_as_document(const CheckConflicts& c) {
  const ReportSection s = conflicts_section(c);
  auto j = nlohmann::json::parse(s.json);
  EXPECT_EQ(j.dump(), s.json);  // printed as dump() prints it
  j.erase("ledger");
  EXPECT_EQ(j, nlohmann::json::parse(overlay_json_text(c.overlay)));  // the same document
}

ConflictFeature point_feature(std::string id, std::string name, Point at) {
  ConflictFeature f;
  f.id = std::move(id);
  f.name = std::move(name);
  f.category = FeatureCategory::transport;
  f.geometry = Geometry::from(at);
  return f;
}

TEST(CheckConflicts, SectionTextIsTheBytesOfTheDocument) {
  const auto [before, after] = testing::carved_experimental();
  Profile profile = load_profile("three-no");
  profile.area_method = AreaMethod::planar;
  for (const char* odd : {"plain", "引号\"与\\反斜杠\n\t\x01", "\x01reserve-feature-rows\x01",
                          "\x01reserve-ledger-rows\x01"}) {
    SCOPED_TRACE(odd);
    FeatureSet set;
    set.crs = testing::test_crs();
    ConflictFeature pond;
    pond.id = "T1";
    pond.name = std::string("尾矿库 ") + odd;
    pond.category = FeatureCategory::tailings_pond;
    pond.treatment = "等待调整";
    pond.built_year = 2009;
    pond.where = {"ponds.gpkg", odd, "7"};
    pond.geometry = Geometry::from(rect(2500, 100, 2600, 200));
    set.features.push_back(pond);
    ConflictFeature mine;
    mine.id = "C53";
    mine.name = odd;
    mine.category = FeatureCategory::mining_right;
    mine.mining_right = MiningRightInfo{"C5300002010", odd, "采矿权", "2010-01-01", "2030-12-31"};
    mine.geometry = Geometry::from(rect(900, -100, 1100, 1100));  // across both zones
    set.features.push_back(mine);
    set.features.push_back(
        point_feature("P1", "井", Point{testing::kX0 + 500, testing::kY0 + 500}));
    // 50 m outside the reserve.
    set.features.push_back(point_feature("P2", "", Point{testing::kX0 + 3050, testing::kY0 + 500}));
    const CheckConflicts c =
        make_check_conflicts(set, true, before, after, profile, 1.0, 1.0, LedgerInputs{}, {});
    ASSERT_EQ(c.overlay.overlay.rows.size(), 4u);
    expect_section_as_document(c);
  }
}

}  // namespace
}  // namespace reserve
