// CSV tables of points: column detection, decimal degrees and 度分秒, bad rows, encodings, and
// plane coordinates in the Chinese surveying convention.
#include <gtest/gtest.h>

#include "reserve/error.hpp"
#include "reserve/io.hpp"
#include "support/temp_dir.hpp"

namespace reserve {
namespace {

const Issue* find_issue(const Layer& layer, IssueCode code) {
  for (const auto& i : layer.issues)
    if (i.code == code) return &i;
  return nullptr;
}

TEST(CsvPointsTest, DecimalDegreesWithBomAndChineseHeaders) {
  test::TempDir dir;
  const std::string path = dir.file("facilities.csv");
  test::write_file(path,
                   "\xEF\xBB\xBF名称,经度,纬度,类型\n"
                   "选矿厂,105.7,33.75,选矿\n"
                   "\"尾矿库, 一号\",105.71,33.76,尾矿库\r\n");
  const Layer layer = read_layer(path);
  EXPECT_EQ(layer.crs.epsg, 4490);
  ASSERT_NE(find_issue(layer, IssueCode::csv_default_crs), nullptr);
  ASSERT_EQ(layer.features.size(), 2u);
  EXPECT_EQ(layer.features[0].geometry.points.at(0), (Point{105.7, 33.75}));
  EXPECT_EQ(*layer.features[1].attribute("名称"), "尾矿库, 一号");
  EXPECT_EQ(layer.features[1].id, "3");  // spreadsheet row number (header is row 1)

  const DatasetInfo info = inspect_dataset(path);
  ASSERT_EQ(info.layers.size(), 1u);
  EXPECT_EQ(info.layers[0].feature_count, 2);
  EXPECT_EQ(info.layers[0].encoding_source, "bom");
}

// Coordinates typed with a Chinese input method in full-width mode: "１０５．７" (U+FF11 …, U+FF0E)
// and an ideographic space (U+3000) before 度分秒. Before the fix every such row was skipped as
// "not an angle". Expected: the ASCII values 105.7 / 33.75, and 105°42'30" = 105 + 42/60 + 30/3600
// = 105.708333… by hand.
TEST(CsvPointsTest, FullWidthDigitsAreRead) {
  test::TempDir dir;
  const std::string path = dir.file("full_width.csv");
  test::write_file(path,
                   "名称,经度,纬度\n"
                   "甲,１０５．７,３３．７５\n"
                   "乙,\xE3\x80\x80"
                   "105°42'30\",33°45'00\"\n");
  const Layer layer = read_layer(path);
  ASSERT_EQ(layer.features.size(), 2u);
  EXPECT_EQ(layer.features[0].geometry.points.at(0), (Point{105.7, 33.75}));
  EXPECT_NEAR(layer.features[1].geometry.points.at(0).x, 105.0 + 42.0 / 60 + 30.0 / 3600, 1e-12);
  EXPECT_NEAR(layer.features[1].geometry.points.at(0).y, 33.75, 1e-12);
  EXPECT_EQ(*layer.features[0].attribute("经度"), "１０５．７");  // attributes keep the text
}

// A table exported from Excel with a title line above the header (and empty trailing cells).
// Before the fix: exit 3, "cannot find the coordinate columns among '…统计表', '', ''", with no
// option to get past it. Expected: row 2 is the header, the data row is spreadsheet row 3.
TEST(CsvPointsTest, TitleLineAboveTheHeaderIsSkipped) {
  test::TempDir dir;
  const std::string path = dir.file("titled.csv");
  test::write_file(path,
                   "青岚山保护区周边工矿设施统计表,,,\n"
                   "编号,名称,经度,纬度\n"
                   "F1,选矿厂,105.7,33.75\n");
  const Layer layer = read_layer(path);
  ASSERT_EQ(layer.features.size(), 1u);
  EXPECT_EQ(layer.features[0].geometry.points.at(0), (Point{105.7, 33.75}));
  EXPECT_EQ(*layer.features[0].attribute("编号"), "F1");
  EXPECT_EQ(layer.features[0].id, "3");  // spreadsheet row
  bool noted = false;
  for (const auto& i : layer.issues)
    noted = noted || i.message.find("row 2 is read as the header") != std::string::npos;
  EXPECT_TRUE(noted);
}

// 度, 分 and 秒 in columns of their own, as many survey tables give them. Before the fix only the
// degrees column was read: 105°36'06.48" became 105° (the sample's mill XC01 landed ~95 km away,
// "outside", silently). Expected by hand: 105 + 36/60 + 6.48/3600 = 105.6018 and
// 33 + 42/60 + 24.20/3600 = 33.706722…; an empty minutes cell counts as 0.
TEST(CsvPointsTest, SplitDegreeMinuteSecondColumnsAreJoined) {
  test::TempDir dir;
  const std::string path = dir.file("dms_columns.csv");
  test::write_file(path,
                   "编号,经度度,经度分,经度秒,纬度度,纬度分,纬度秒\n"
                   "XC01,105,36,06.48,33,42,24.20\n"
                   "XC02,105,,30,33,45,0\n");
  const Layer layer = read_layer(path);
  ASSERT_EQ(layer.features.size(), 2u);
  const Point a = layer.features[0].geometry.points.at(0);
  EXPECT_NEAR(a.x, 105.0 + 36.0 / 60 + 6.48 / 3600, 1e-12);
  EXPECT_NEAR(a.y, 33.0 + 42.0 / 60 + 24.20 / 3600, 1e-12);
  const Point b = layer.features[1].geometry.points.at(0);
  EXPECT_NEAR(b.x, 105.0 + 30.0 / 3600, 1e-12);
  EXPECT_NEAR(b.y, 33.75, 1e-12);
}

TEST(CsvPointsTest, DegreesMinutesSecondsAndBadRows) {
  test::TempDir dir;
  const std::string path = dir.file("dms.csv");
  test::write_file(path,
                   "id;lon;lat\n"
                   "a;105°42'30.5\";33°45'00\"\n"
                   "b;东经105度42分30.5秒;北纬33度45分\n"
                   "c;;33.7\n"
                   "d;105°61';33.7\n"
                   "e;205.1;33.7\n"
                   "f;105:42:30.5;N33:45:00\n");
  ReadOptions o;
  o.id_field = "id";
  const Layer layer = read_layer(path, o);
  ASSERT_EQ(layer.features.size(), 3u);
  // Hand-computed: 105 + 42/60 + 30.5/3600 = 105.708472222…°; tolerance 1e-12°.
  const double lon = 105.0 + 42.0 / 60.0 + 30.5 / 3600.0;
  for (const auto& f : layer.features) {
    EXPECT_NEAR(f.geometry.points.at(0).x, lon, 1e-12) << f.id;
    EXPECT_NEAR(f.geometry.points.at(0).y, 33.75, 1e-12) << f.id;
  }
  EXPECT_EQ(layer.features[2].id, "f");
  const Issue* missing = find_issue(layer, IssueCode::missing_coordinate);
  ASSERT_NE(missing, nullptr);
  EXPECT_EQ(missing->where.feature, "row 4");
  EXPECT_EQ(missing->where.file, path);
  ASSERT_NE(find_issue(layer, IssueCode::bad_coordinate), nullptr);
  EXPECT_EQ(find_issue(layer, IssueCode::bad_coordinate)->where.feature, "row 5");
  ASSERT_NE(find_issue(layer, IssueCode::coordinate_out_of_range), nullptr);
  EXPECT_EQ(find_issue(layer, IssueCode::coordinate_out_of_range)->where.feature, "row 6");
}

TEST(CsvPointsTest, UndeclaredGbkTableIsDetected) {
  test::TempDir dir;
  const std::string path = dir.file("gbk.csv");
  // "经度,纬度,名称\n105.7,33.75,核心区\n" in GBK (经 BEAD, 度 B6C8, 纬 CEB3, 名 C3FB, 称 B3C6,
  // 核 BACB, 心 D0C4, 区 C7F8 from the GB 2312 chart), as Excel on a Chinese Windows saves it.
  // Before the fix: exit 3, "pass --encoding GBK", an option that does not reach conflict layers.
  test::write_file(path,
                   "\xBE\xAD\xB6\xC8,\xCE\xB3\xB6\xC8,\xC3\xFB\xB3\xC6\n"
                   "105.7,33.75,\xBA\xCB\xD0\xC4\xC7\xF8\n");
  const Layer detected = read_layer(path);
  ASSERT_EQ(detected.features.size(), 1u);
  EXPECT_EQ(*detected.features[0].attribute("名称"), "核心区");
  EXPECT_EQ(detected.encoding, "CP936");
  EXPECT_EQ(detected.encoding_source, "detected");
  const Issue* note = find_issue(detected, IssueCode::encoding_undeclared);
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(note->severity, Severity::info);

  ReadOptions o;
  o.encoding = "GBK";
  const Layer layer = read_layer(path, o);
  ASSERT_EQ(layer.features.size(), 1u);
  EXPECT_EQ(*layer.features[0].attribute("名称"), "核心区");
  EXPECT_EQ(layer.encoding, "CP936");
}

TEST(CsvPointsTest, UndecodableTableNamesTheOptionThatReachesConflictLayers) {
  test::TempDir dir;
  const std::string path = dir.file("latin1.csv");
  // "Länge;Breité" in ISO-8859-1 (ä = E4, é = E9): not UTF-8, and not GBK either (E9 before the
  // line break has no trail byte), no recognisable column.
  test::write_file(path, "L\xE4nge;Breit\xE9\n105.7;33.75\n");
  try {
    read_layer(path);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("--feature-encoding"), std::string::npos) << e.what();
  }
}

TEST(CsvPointsTest, SurveyingTableXIsNorthingYIsPrefixedEasting) {
  test::TempDir dir;
  const std::string path = dir.file("plane.csv");
  test::write_file(path,
                   "点号,X,Y\n"
                   "1,3736151.533,35564858.806\n"
                   "2,3736200.000,35564900.000\n");
  const Layer layer = read_layer(path);
  EXPECT_EQ(layer.crs.epsg, 4523);  // CGCS2000 3° GK zone 35, easting with prefix
  ASSERT_EQ(layer.features.size(), 2u);
  EXPECT_EQ(layer.features[0].geometry.points.at(0), (Point{35564858.806, 3736151.533}));
  // Back to geographic: pyproj 3.4 gives (105.7, 33.75) for EPSG:4523 (35564858.80642908,
  // 3736151.532797945); our point is that one rounded to 1 mm, so tolerance 1e-7° (≈ 1 cm).
  const Point ll =
      Transformer(layer.crs, Crs::from_epsg(4490)).apply(layer.features[0].geometry.points[0]);
  EXPECT_NEAR(ll.x, 105.7, 1e-7);
  EXPECT_NEAR(ll.y, 33.75, 1e-7);
}

TEST(CsvPointsTest, PlaneWithoutPrefixNeedsCrs) {
  test::TempDir dir;
  const std::string path = dir.file("plane.csv");
  test::write_file(path, "X,Y\n3736151.533,564858.806\n");
  EXPECT_THROW(read_layer(path), InputError);
  ReadOptions o;
  o.assume_crs = "EPSG:4544";
  const Layer layer = read_layer(path, o);
  EXPECT_EQ(layer.features.at(0).geometry.points.at(0), (Point{564858.806, 3736151.533}));
}

// Bureau tables name the columns in pinyin (JD/WD for 经度/纬度, or jingdu/weidu), and ArcGIS's
// "Add XY Coordinates" writes POINT_X/POINT_Y. Before: exit 3, "cannot find the coordinate
// columns". Expected values are the cells themselves (x = longitude or easting).
TEST(CsvPointsTest, PinyinAndArcGisCoordinateColumnsAreFound) {
  test::TempDir dir;
  const std::string jd = dir.file("jd_wd.csv");
  test::write_file(jd, "编号,JD,WD,WDU\nA,105.7,33.75,12.5\nB,105°42'30\",33°45'00\",13\n");
  const Layer a = read_layer(jd);
  EXPECT_EQ(a.crs.epsg, 4490);
  ASSERT_EQ(a.features.size(), 2u);
  EXPECT_EQ(a.features[0].geometry.points.at(0), (Point{105.7, 33.75}));
  EXPECT_NEAR(a.features[1].geometry.points.at(0).x, 105.0 + 42.0 / 60 + 30.0 / 3600, 1e-12);

  const std::string pinyin = dir.file("jingdu.csv");
  test::write_file(pinyin, "name,Weidu,Jingdu\nA,33.75,105.7\n");
  EXPECT_EQ(read_layer(pinyin).features.at(0).geometry.points.at(0), (Point{105.7, 33.75}));

  // 纬度 wins over WD where both are there (WD may be another column, e.g. 温度).
  const std::string both = dir.file("both.csv");
  test::write_file(both, "经度,纬度,WD\n105.7,33.75,21.0\n");
  EXPECT_EQ(read_layer(both).features.at(0).geometry.points.at(0), (Point{105.7, 33.75}));

  const std::string arcgis = dir.file("arcgis.csv");
  test::write_file(arcgis, "OBJECTID,POINT_X,POINT_Y\n1,564858.806,3736151.533\n");
  ReadOptions o;
  o.assume_crs = "EPSG:4544";
  EXPECT_EQ(read_layer(arcgis, o).features.at(0).geometry.points.at(0),
            (Point{564858.806, 3736151.533}));
}

TEST(CsvPointsTest, NoCoordinateColumnsIsAnInputError) {
  test::TempDir dir;
  const std::string path = dir.file("none.csv");
  test::write_file(path, "name,value\na,1\n");
  EXPECT_THROW(read_layer(path), InputError);
  ReadOptions o;
  o.x_field = "value";
  o.y_field = "missing";
  EXPECT_THROW(read_layer(path, o), UsageError);
}

TEST(CsvPointsTest, WktColumnTablesNeedACrs) {
  test::TempDir dir;
  const std::string path = dir.file("zones_wkt.csv");
  // Outer ring clockwise in the file: the reader turns it counter-clockwise.
  test::write_file(path,
                   "WKT,分区\n"
                   "\"POLYGON ((500000 3700000, 500000 3701000, 501000 3701000, 501000 3700000, "
                   "500000 3700000))\",核心区\n"
                   "\"POLYGON ((bad))\",缓冲区\n"
                   ",实验区\n");
  EXPECT_THROW(read_layer(path), InputError);
  ReadOptions o;
  o.assume_crs = "EPSG:4544";
  const Layer layer = read_layer(path, o);
  ASSERT_EQ(layer.features.size(), 1u);
  EXPECT_EQ(*layer.features[0].attribute("分区"), "核心区");
  EXPECT_EQ(layer.features[0].attribute("WKT"), nullptr);
  // Hand-computed: 1000 m × 1000 m, counter-clockwise → +1e6 m²; tolerance 1e-6 m².
  EXPECT_NEAR(signed_ring_area(layer.features[0].geometry.polygons.polygons.at(0).outer), 1.0e6,
              1e-6);
  int bad = 0, null_geom = 0;
  for (const auto& i : layer.issues) {
    bad += i.code == IssueCode::bad_geometry && i.where.feature == "row 3";
    null_geom += i.code == IssueCode::null_geometry && i.where.feature == "row 4";
  }
  EXPECT_EQ(bad, 1);
  EXPECT_EQ(null_geom, 1);
  EXPECT_EQ(inspect_dataset(path, o).layers.at(0).geometry_type, "MultiPolygon");
}

}  // namespace
}  // namespace reserve
