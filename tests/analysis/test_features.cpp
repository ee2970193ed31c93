// Conflict features: category labels, attributes of mining rights, and bad rows (missing or
// out-of-range coordinates, empty polygons) reported per row and left out while the good rows are
// kept; unknown categories kept as "other", invalid polygons repaired. Inputs are real files (CSV
// text, GeoPackage via GDAL).
#include <gtest/gtest.h>

#include "ledger/fixture_files.hpp"
#include "reserve/error.hpp"
#include "reserve/features.hpp"

namespace reserve {
namespace {

using testing::fresh_dir;
using testing::GpkgRow;
using testing::rect_wkt;
using testing::write_gpkg;
using testing::write_text;

TEST(FeatureCategories, DefaultLabelsChineseAndEnglish) {
  const CategoryMap m = CategoryMap::defaults();
  const std::pair<const char*, FeatureCategory> cases[] = {
      {"采矿权", FeatureCategory::mining_right},
      {"探矿权", FeatureCategory::exploration_right},
      {"矿山", FeatureCategory::mine},
      {"采石场", FeatureCategory::mine},
      {"采砂", FeatureCategory::mine},
      {"选矿厂", FeatureCategory::concentrator},
      {"冶炼厂", FeatureCategory::smelter},
      {"渣场", FeatureCategory::slag_yard},
      {"废渣堆场", FeatureCategory::slag_yard},
      {"尾矿库", FeatureCategory::tailings_pond},
      {"工业企业", FeatureCategory::industrial},
      {"水电站", FeatureCategory::hydropower},
      {"小水电", FeatureCategory::hydropower},
      {"光伏", FeatureCategory::other_energy},
      {"风电", FeatureCategory::other_energy},
      {"火电", FeatureCategory::other_energy},
      {"旅游", FeatureCategory::tourism},
      {"交通", FeatureCategory::transport},
      {"养殖", FeatureCategory::aquaculture},
      {"居民点", FeatureCategory::settlement},
      {"村庄", FeatureCategory::settlement},
      {"其他", FeatureCategory::other},
      {"Tailings Pond", FeatureCategory::tailings_pond},
      {" smelter ", FeatureCategory::smelter},
      {"Concentrator", FeatureCategory::concentrator},
      {"hydropower", FeatureCategory::hydropower},
      // Compound names: the label ending last (the head noun) decides.
      {"某某铅锌冶炼厂", FeatureCategory::smelter},
      {"锌冶炼渣场", FeatureCategory::slag_yard},
      {"小水电站", FeatureCategory::hydropower},
      {"铅锌矿尾矿库", FeatureCategory::tailings_pond},
  };
  for (const auto& [label, want] : cases) {
    const auto got = m.lookup(label);
    ASSERT_TRUE(got.has_value()) << label;
    EXPECT_EQ(*got, want) << label << " → " << to_string(*got);
  }
  EXPECT_EQ(m.lookup("化工厂"), FeatureCategory::industrial);  // contains 工厂 (factory)
  EXPECT_FALSE(m.lookup("加油站").has_value());
  EXPECT_FALSE(m.lookup("").has_value());
}

TEST(FeatureCategories, UserMappingWinsAndBadMappingsAreUsageErrors) {
  CategoryMap m = CategoryMap::defaults();
  m.add_mapping("加油站=transport, 砖窑=industrial");
  EXPECT_EQ(m.lookup("加油站"), FeatureCategory::transport);
  EXPECT_EQ(m.lookup("砖窑"), FeatureCategory::industrial);
  m.add_mapping("水电站=other");  // user mapping beats the default
  EXPECT_EQ(m.lookup("水电站"), FeatureCategory::other);
  EXPECT_THROW(m.add_mapping("化工厂"), UsageError);
  EXPECT_THROW(m.add_mapping("化工厂=chemical"), UsageError);
  EXPECT_EQ(category_from_string("tailings-pond"), FeatureCategory::tailings_pond);
}

TEST(FeatureLoading, FacilityCsvBadRowsAreReportedAndGoodRowsKept) {
  const auto dir = fresh_dir("features-csv");
  // Rows 2…7 (header is row 1): good, missing latitude, latitude out of range, unknown category,
  // good, not a number.
  write_text(dir / "facilities.csv",
             "编号,名称,类型,经度,纬度,建成年份,整改方式\n"
             "F1,某选矿厂,选矿厂,105.01,36.01,2003年,搬迁\n"
             "F2,某冶炼厂,冶炼厂,105.02,,2005,\n"
             "F3,某渣场,渣场,105.03,95.0,2005,\n"
             "F4,某加油站,加油站,105.04,36.04,2008,\n"
             "F5,某尾矿库,尾矿库,\"105°03'00\"\"\",\"36°03'00\"\"\",1999,等待调整\n"
             "F6,某水电站,水电站,abc,36.06,,\n");
  FeatureOptions o;
  o.path = (dir / "facilities.csv").string();
  const Crs working = Crs::from_epsg(4544);
  const FeatureSet set = load_features(o, working);
  ASSERT_EQ(set.features.size(), 3u);  // F1, F4 (加油站 kept as "other"), F5
  EXPECT_EQ(set.features[0].id, "F1");
  EXPECT_EQ(set.features[0].category, FeatureCategory::concentrator);
  EXPECT_EQ(set.features[0].name, "某选矿厂");
  EXPECT_EQ(set.features[0].built_year, 2003);
  EXPECT_EQ(set.features[0].treatment, "搬迁");
  EXPECT_TRUE(set.features[0].is_point());
  // Reprojected to EPSG:4544 (CM 105°E): 105.01°E is east of the central meridian, ~4e6 m north.
  EXPECT_GT(set.features[0].geometry.points[0].x, 500000.0);
  EXPECT_GT(set.features[0].geometry.points[0].y, 3.9e6);
  EXPECT_EQ(set.features[1].id, "F4");
  EXPECT_EQ(set.features[1].category, FeatureCategory::other);
  EXPECT_EQ(set.features[2].id, "F5");  // 度分秒 coordinates parsed
  EXPECT_EQ(set.features[2].category, FeatureCategory::tailings_pond);
  EXPECT_EQ(set.features[2].treatment, "等待调整");
  EXPECT_EQ(set.skipped_count, 3u);
  ASSERT_EQ(set.sources.size(), 1u);
  EXPECT_EQ(set.sources[0].features_read, 6u);  // six data rows, by hand
  EXPECT_EQ(set.sources[0].features_kept, 3u);
  EXPECT_EQ(set.sources[0].other_category, 1u);

  auto has = [&](IssueCode code, const std::string& row) {
    for (const auto& i : set.issues)
      if (i.code == code && i.where.feature.find(row) != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(has(IssueCode::missing_coordinate, "3"));
  EXPECT_TRUE(has(IssueCode::coordinate_out_of_range, "4"));
  EXPECT_TRUE(has(IssueCode::unknown_category, "5"));
  EXPECT_TRUE(has(IssueCode::bad_coordinate, "7"));
  for (const auto& i : set.issues)
    if (i.code == IssueCode::unknown_category) {
      EXPECT_NE(i.message.find("加油站"), std::string::npos);
      EXPECT_NE(i.message.find("--category-map"), std::string::npos);
    }

  // Mapped, the filling station is a transport facility.
  o.categories.add_mapping("加油站=transport");
  const FeatureSet mapped = load_features(o, working);
  ASSERT_EQ(mapped.features.size(), 3u);
  EXPECT_EQ(mapped.features[1].category, FeatureCategory::transport);
  EXPECT_EQ(mapped.skipped_count, 3u);
  EXPECT_EQ(mapped.sources[0].other_category, 0u);
}

TEST(FeatureLoading, MiningPolygonsInvalidAreRepairedAndEmptyAreLeftOutWithMessages) {
  const auto dir = fresh_dir("features-mining");
  const std::vector<std::string> fields = {"许可证号", "矿山名称", "权利人", "类型", "有效期止"};
  write_gpkg(dir / "mining.gpkg", 4544, fields,
             {GpkgRow{{"C5300002010", "甲铅锌矿", "甲公司", "采矿权", "2025-12-31"},
                      rect_wkt(0, 0, 200, 200)},
              // A bow tie: self-intersecting.
              GpkgRow{{"C5300002011", "乙矿", "乙公司", "采矿权", ""},
                      "POLYGON ((500000 4000000, 500100 4000100, 500100 4000000, 500000 "
                      "4000100, 500000 4000000))"},
              GpkgRow{{"T5300002012", "丙勘查", "丙公司", "探矿权", ""}, ""},
              GpkgRow{{"C5300002013", "丁矿", "丁公司", "金矿", ""}, rect_wkt(300, 0, 400, 100)}},
             wkbPolygon);
  FeatureOptions o;
  o.path = (dir / "mining.gpkg").string();
  o.category = FeatureCategory::mining_right;
  const FeatureSet set = load_features(o, Crs::from_epsg(4544));
  ASSERT_EQ(set.features.size(), 3u);  // the bow tie is repaired, not dropped
  const ConflictFeature& a = set.features[0];
  EXPECT_EQ(a.name, "甲铅锌矿");
  EXPECT_EQ(a.category, FeatureCategory::mining_right);
  ASSERT_TRUE(a.mining_right.has_value());
  EXPECT_EQ(a.mining_right->licence_number, "C5300002010");
  EXPECT_EQ(a.mining_right->holder, "甲公司");
  EXPECT_EQ(a.mining_right->valid_to, "2025-12-31");
  // "金矿" in the type column is not a category: the layer's category (mining right) applies.
  EXPECT_EQ(set.features[1].name, "乙矿");
  EXPECT_EQ(set.features[2].name, "丁矿");
  EXPECT_EQ(set.features[2].category, FeatureCategory::mining_right);
  EXPECT_EQ(set.skipped_count, 1u);
  ASSERT_EQ(set.repairs.size(), 1u);
  bool invalid = false, empty = false;
  for (const auto& i : set.issues) {
    invalid = invalid || (i.code == IssueCode::invalid_geometry_repaired &&
                          i.message.find("Self-intersection") != std::string::npos);
    empty = empty || i.code == IssueCode::empty_geometry || i.code == IssueCode::null_geometry ||
            i.message.find("no geometry") != std::string::npos;
  }
  EXPECT_TRUE(invalid);
  EXPECT_TRUE(empty);
}

TEST(FeatureLoading, LayerWithoutCategoryNeedsOne) {
  Layer layer;
  layer.path = "x.gpkg";
  layer.fields = {"名称"};
  FeatureOptions o;
  EXPECT_THROW(features_from_layer(layer, o, Crs::from_epsg(4544)), UsageError);
}

}  // namespace
}  // namespace reserve
