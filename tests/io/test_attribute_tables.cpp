// Tables that GDAL opens without geometry — an Excel sheet of facility coordinates, an Excel
// corner-point table, a GeoPackage attribute table — read like the same table saved as CSV.
// Before the fix every one stopped with "the layer has no geometry column (an attribute table);
// choose a spatial layer with --layer", though the sheet has no other layer.
#include <gtest/gtest.h>

#include "reserve/error.hpp"
#include "reserve/geometry.hpp"
#include "reserve/io.hpp"
#include "support/gdal_writer.hpp"
#include "support/temp_dir.hpp"

namespace reserve {
namespace {

using test::LayerSpec;
using test::TempDir;

LayerSpec sheet(const std::string& name, const std::vector<test::FieldSpec>& fields,
                const std::vector<std::vector<std::string>>& rows) {
  LayerSpec spec;
  spec.driver = "XLSX";
  spec.layer = name;
  spec.geometry_type = "None";
  spec.fields = fields;
  for (const auto& r : rows) spec.features.push_back({"", r});
  return spec;
}

TEST(AttributeTables, ExcelSheetOfLonLatPointsReadsLikeItsCsv) {
  TempDir dir;
  const std::string path = dir.file("facilities.xlsx");
  // Numeric coordinate cells (Excel numbers, not text), as a bureau's sheet has them.
  test::write_layer(path, sheet("设施", {{"名称"}, {"类别"}, {"经度", "real"}, {"纬度", "real"}},
                                {{"选矿厂A", "选矿厂", "105.0083", "33.4083"},
                                 {"尾矿库B", "尾矿库", "105.0125", "33.4041"}}));
  const Layer layer = read_layer(path);
  EXPECT_EQ(layer.name, "设施");
  EXPECT_EQ(layer.driver, "XLSX");
  ASSERT_EQ(layer.features.size(), 2u);
  // The values as typed (exact: the cells hold these doubles); lon/lat as for a CSV: CGCS2000.
  EXPECT_EQ(layer.features[0].geometry.points.at(0), (Point{105.0083, 33.4083}));
  EXPECT_EQ(layer.features[1].geometry.points.at(0), (Point{105.0125, 33.4041}));
  EXPECT_EQ(layer.crs.epsg, 4490);
  // Feature ids are the rows Excel shows (header in row 1).
  EXPECT_EQ(layer.features[0].id, "2");
  EXPECT_EQ(layer.features[1].id, "3");
  ASSERT_NE(layer.features[1].attribute("类别"), nullptr);
  EXPECT_EQ(*layer.features[1].attribute("类别"), "尾矿库");
  EXPECT_EQ(layer.sha256, sha256_file(path));
}

TEST(AttributeTables, ExcelSheetWithATitleRowFindsItsHeader) {
  TempDir dir;
  const std::string path = dir.file("title.xlsx");
  // Every cell is text, so GDAL sees no header (fields Field1…Field4, the writer's names A–D
  // in row 1); the title is in row 2, the header in row 3 and the data in row 4.
  test::write_layer(path, sheet("Sheet1", {{"A"}, {"B"}, {"C"}, {"D"}},
                                {{"某保护区周边设施统计表", "", "", ""},
                                 {"名称", "类别", "经度", "纬度"},
                                 {"冶炼厂", "冶炼厂", "105°0′30″", "33°24′30″"}}));
  const Layer layer = read_layer(path);
  ASSERT_EQ(layer.features.size(), 1u);
  // 105°0′30″ = 105 + 30/3600 and 33°24′30″ = 33 + 24/60 + 30/3600, by hand.
  EXPECT_NEAR(layer.features[0].geometry.points.at(0).x, 105.0 + 30.0 / 3600.0, 1e-12);
  EXPECT_NEAR(layer.features[0].geometry.points.at(0).y, 33.0 + 24.0 / 60.0 + 30.0 / 3600.0, 1e-12);
  EXPECT_EQ(layer.features[0].id, "4");
}

TEST(AttributeTables, ExcelCornerPointTableGivesTheRightsPolygon) {
  TempDir dir;
  const std::string path = dir.file("corners.xlsx");
  // One right, a 100 m square in CGCS2000 3° zone 35 with the zone prefix on Y (the easting).
  test::write_layer(path,
                    sheet("拐点", {{"矿权编号"}, {"点号", "integer"}, {"X", "real"}, {"Y", "real"}},
                          {{"C001", "1", "3700100", "35500100"},
                           {"C001", "2", "3700100", "35500200"},
                           {"C001", "3", "3700200", "35500200"},
                           {"C001", "4", "3700200", "35500100"}}));
  const Layer layer = read_layer(path);
  ASSERT_EQ(layer.features.size(), 1u);
  EXPECT_EQ(layer.features[0].id, "C001");
  EXPECT_EQ(layer.crs.epsg, 4523);  // zone 35 with prefix
  EXPECT_EQ(layer.driver, "XLSX (corner points)");
  ASSERT_EQ(layer.features[0].geometry.kind, GeometryKind::polygon);
  // 100 m × 100 m = 10000 m², by hand; exact in doubles (integer coordinates).
  EXPECT_EQ(planar_area(layer.features[0].geometry.polygons), 10000.0);
  bool noted = false;
  for (const auto& i : layer.issues) noted = noted || i.code == IssueCode::corner_point_table;
  EXPECT_TRUE(noted);
}

TEST(AttributeTables, GeoPackageAttributeTableOfPointsIsRead) {
  TempDir dir;
  const std::string path = dir.file("facilities.gpkg");
  LayerSpec spec;
  spec.driver = "GPKG";
  spec.layer = "设施表";
  spec.geometry_type = "None";
  spec.fields = {{"名称"}, {"lon", "real"}, {"lat", "real"}};
  spec.features = {{"", {"选矿厂", "105.5", "33.25"}}};
  test::write_layer(path, spec);
  const Layer layer = read_layer(path);
  ASSERT_EQ(layer.features.size(), 1u);
  EXPECT_EQ(layer.features[0].geometry.points.at(0), (Point{105.5, 33.25}));
  EXPECT_EQ(layer.name, "设施表");
  // A --where filter works on the table as on any GDAL layer.
  ReadOptions o;
  o.where = "名称 = '没有'";
  EXPECT_TRUE(read_layer(path, o).features.empty());
}

TEST(AttributeTables, ASheetWithoutCoordinatesSaysWhatItLacks) {
  TempDir dir;
  const std::string path = dir.file("ledger.xlsx");
  // A number in the data row lets GDAL see the header row (an all-text sheet gets Field1, …).
  test::write_layer(path, sheet("台账", {{"问题"}, {"数量", "integer"}}, {{"尾矿库渗漏", "2"}}));
  try {
    read_layer(path);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().layer, "台账");
    const std::string m = e.message();
    EXPECT_NE(m.find("no coordinate columns among '问题', '数量'"), std::string::npos) << m;
    EXPECT_NE(m.find("--x-field"), std::string::npos) << m;
  }
}

}  // namespace
}  // namespace reserve
