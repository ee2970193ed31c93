// Corner-point tables (拐点坐标) of mining rights.
#include <gtest/gtest.h>

#include <cmath>

#include "reserve/error.hpp"
#include "reserve/io.hpp"
#include "support/temp_dir.hpp"

namespace reserve {
namespace {

// Two rights as a natural-resources bureau publishes them: X = northing (7 digits), Y = easting
// with the zone prefix 35 (8 digits). Right A is a 1000 m × 1000 m square listed out of order;
// right B has a second ring (圈号 2: an excluded area of 200 m × 200 m) and a second block.
const char* kTable =
    "矿权编号,矿权名称,区块号,圈号,点号,X,Y\n"
    "C6100002011035120112345,某某铅锌矿,1,1,1,3736000.00,35564000.00\n"
    "C6100002011035120112345,某某铅锌矿,1,1,3,3737000.00,35565000.00\n"
    "C6100002011035120112345,某某铅锌矿,1,1,2,3736000.00,35565000.00\n"
    "C6100002011035120112345,某某铅锌矿,1,1,4,3737000.00,35564000.00\n"
    "T61520080302012345,某某金矿勘查,1,1,1,3740000.00,35570000.00\n"
    "T61520080302012345,某某金矿勘查,1,1,2,3740000.00,35571000.00\n"
    "T61520080302012345,某某金矿勘查,1,1,3,3741000.00,35571000.00\n"
    "T61520080302012345,某某金矿勘查,1,1,4,3741000.00,35570000.00\n"
    "T61520080302012345,某某金矿勘查,1,1,5,3740000.00,35570000.00\n"
    "T61520080302012345,某某金矿勘查,1,2,1,3740400.00,35570400.00\n"
    "T61520080302012345,某某金矿勘查,1,2,2,3740600.00,35570400.00\n"
    "T61520080302012345,某某金矿勘查,1,2,3,3740600.00,35570600.00\n"
    "T61520080302012345,某某金矿勘查,1,2,4,3740400.00,35570600.00\n"
    "T61520080302012345,某某金矿勘查,2,1,1,3742000.00,35570000.00\n"
    "T61520080302012345,某某金矿勘查,2,1,2,3742000.00,35570500.00\n"
    "T61520080302012345,某某金矿勘查,2,1,3,3742500.00,35570500.00\n";

TEST(CornerPointsTest, BuildsOnePolygonPerRightInZone35) {
  test::TempDir dir;
  const std::string path = dir.file("rights.csv");
  test::write_file(path, kTable);
  const Layer layer = read_corner_points(path);
  EXPECT_EQ(layer.crs.epsg, 4523);
  ASSERT_EQ(layer.features.size(), 2u);

  const Feature& a = layer.features[0];
  EXPECT_EQ(a.id, "C6100002011035120112345");
  EXPECT_EQ(*a.attribute("矿权名称"), "某某铅锌矿");
  EXPECT_EQ(a.attribute("点号"), nullptr);  // per-point columns are not feature attributes
  ASSERT_EQ(a.geometry.polygons.polygons.size(), 1u);
  const Ring& ring = a.geometry.polygons.polygons[0].outer;
  ASSERT_EQ(ring.size(), 5u);  // closed here
  EXPECT_EQ(ring.front(), ring.back());
  EXPECT_GT(signed_ring_area(ring), 0.0);
  // Hand-computed: 1000 m × 1000 m = 1e6 m² (points sorted by 点号, so no bow tie);
  // tolerance 1e-6 m².
  EXPECT_NEAR(planar_area(a.geometry.polygons), 1.0e6, 1e-6);

  const Feature& b = layer.features[1];
  ASSERT_EQ(b.geometry.polygons.polygons.size(), 2u);
  EXPECT_EQ(b.geometry.polygons.polygons[0].holes.size(), 1u);
  // Hand-computed: block 1 = 1000² − 200² = 960000 m²; block 2 = triangle ½·500·500 = 125000 m².
  EXPECT_NEAR(planar_area(b.geometry.polygons.polygons[0]), 960000.0, 1e-6);
  EXPECT_NEAR(planar_area(b.geometry.polygons.polygons[1]), 125000.0, 1e-6);
  EXPECT_LT(signed_ring_area(b.geometry.polygons.polygons[0].holes[0]), 0.0);
}

TEST(CornerPointsTest, WithoutZonePrefixTheCrsMustBeGiven) {
  test::TempDir dir;
  const std::string path = dir.file("rights.txt");
  // Whitespace-separated text, eastings without the zone prefix.
  test::write_file(path,
                   "许可证号 点号 X Y\n"
                   "C1 1 3736000.0 564000.0\n"
                   "C1 2 3736000.0 565000.0\n"
                   "C1 3 3737000.0 565000.0\n");
  try {
    read_corner_points(path);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("--crs"), std::string::npos) << e.what();
  }
  ReadOptions o;
  o.assume_crs = "EPSG:4544";
  const Layer layer = read_corner_points(path, o);
  ASSERT_EQ(layer.features.size(), 1u);
  EXPECT_NEAR(planar_area(layer.features[0].geometry.polygons), 500000.0, 1e-6);
  // A prefixed CRS for unprefixed eastings is refused with the right code suggested.
  o.assume_crs = "EPSG:4523";
  try {
    read_corner_points(path, o);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("EPSG:4544"), std::string::npos) << e.what();
  }
}

TEST(CornerPointsTest, TooFewPointsAndDegreeTables) {
  test::TempDir dir;
  const std::string path = dir.file("geo.csv");
  test::write_file(path,
                   "id,点号,经度,纬度\n"
                   "E1,1,105°42',33°45'\n"
                   "E1,2,105°48',33°45'\n"
                   "E1,3,105°48',33°51'\n"
                   "E2,1,105°00',33°00'\n"
                   "E2,2,105°01',33°00'\n");
  const Layer layer = read_corner_points(path);
  EXPECT_EQ(layer.crs.epsg, 4490);
  ASSERT_EQ(layer.features.size(), 1u);
  EXPECT_EQ(layer.features[0].id, "E1");
  EXPECT_NEAR(layer.features[0].geometry.polygons.polygons[0].outer[1].x, 105.8, 1e-12);
  bool reported = false;
  for (const auto& i : layer.issues)
    reported |= i.code == IssueCode::too_few_corner_points && i.where.feature == "E2";
  EXPECT_TRUE(reported);

  // The same right with its columns in pinyin (JD/WD for 经度/纬度): the same corners.
  const std::string pinyin = dir.file("jd_wd.csv");
  test::write_file(pinyin,
                   "id,点号,JD,WD\n"
                   "E1,1,105°42',33°45'\n"
                   "E1,2,105°48',33°45'\n"
                   "E1,3,105°48',33°51'\n");
  const Layer by_pinyin = read_corner_points(pinyin);
  ASSERT_EQ(by_pinyin.features.size(), 1u);
  EXPECT_EQ(by_pinyin.features[0].geometry.polygons.polygons[0].outer,
            layer.features[0].geometry.polygons.polygons[0].outer);
}

TEST(CornerPointsTest, ReadLayerRecognisesACornerPointTable) {
  test::TempDir dir;
  const std::string path = dir.file("rights.csv");
  test::write_file(path, kTable);
  const Layer layer = read_layer(path);
  ASSERT_EQ(layer.features.size(), 2u);
  EXPECT_EQ(layer.features[0].geometry.kind, GeometryKind::polygon);
  EXPECT_EQ(layer.issues.at(0).code, IssueCode::corner_point_table);
  const DatasetInfo info = inspect_dataset(path);
  EXPECT_EQ(info.layers.at(0).geometry_type, "MultiPolygon");
  EXPECT_EQ(info.layers.at(0).feature_count, 2);
  ReadOptions o;
  o.where = "矿权编号 = 'x'";
  EXPECT_THROW(read_layer(path, o), UsageError);
}

}  // namespace
}  // namespace reserve
