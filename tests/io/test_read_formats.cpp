// read_layer / inspect_dataset on real files written through GDAL in every supported format.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "reserve/error.hpp"
#include "reserve/io.hpp"
#include "support/gdal_writer.hpp"
#include "support/temp_dir.hpp"

namespace reserve {
namespace {

using test::LayerSpec;
using test::TempDir;

// Outer ring written clockwise (up, right, down) and the hole counter-clockwise, so that the
// reader's orientation normalisation is visible. Square 0.1° × 0.1° with a 0.02° × 0.02° hole.
const char* kZoneWkt =
    "POLYGON ((105.7 33.75, 105.7 33.85, 105.8 33.85, 105.8 33.75, 105.7 33.75),"
    " (105.74 33.79, 105.76 33.79, 105.76 33.81, 105.74 33.81, 105.74 33.79))";

LayerSpec zone_spec(const std::string& driver, int epsg) {
  LayerSpec spec;
  spec.driver = driver;
  spec.layer = "zones";
  spec.epsg = epsg;
  spec.geometry_type = "Polygon";
  // "分区" is 6 bytes in UTF-8: fits the DBF limit of 10 bytes per field name.
  spec.fields = {{"编号", "string"}, {"分区", "string"}};
  spec.features = {{kZoneWkt, {"Z1", "核心区"}}};
  return spec;
}

void expect_zone_layer(const Layer& layer, int epsg) {
  ASSERT_EQ(layer.features.size(), 1u);
  const Feature& f = layer.features[0];
  EXPECT_EQ(f.id, "Z1");
  ASSERT_NE(f.attribute("分区"), nullptr);
  EXPECT_EQ(*f.attribute("分区"), "核心区");
  EXPECT_EQ(f.attribute("no such field"), nullptr);
  ASSERT_EQ(f.geometry.kind, GeometryKind::polygon);
  ASSERT_EQ(f.geometry.polygons.polygons.size(), 1u);
  const Polygon& p = f.geometry.polygons.polygons[0];
  ASSERT_EQ(p.holes.size(), 1u);
  EXPECT_GT(signed_ring_area(p.outer), 0.0) << "outer ring must be counter-clockwise";
  EXPECT_LT(signed_ring_area(p.holes[0]), 0.0) << "hole must be clockwise";
  EXPECT_EQ(p.outer.front(), p.outer.back());
  // Hand-computed: 0.1 × 0.1 − 0.02 × 0.02 = 0.0096 deg²; tolerance 1e-9 deg² (float rounding
  // of the written coordinates).
  EXPECT_NEAR(planar_area(p), 0.0096, 1e-9);
  EXPECT_EQ(layer.crs.epsg, epsg) << layer.crs.name;
  EXPECT_TRUE(layer.crs.is_geographic);
  EXPECT_EQ(layer.sha256.size(), 64u);
}

class FormatRoundTrip : public ::testing::TestWithParam<std::tuple<std::string, std::string, int>> {
};

TEST_P(FormatRoundTrip, PolygonAttributesAndCrsComeBack) {
  const auto& [driver, file, epsg] = GetParam();
  TempDir dir;
  const std::string path = dir.file(file);
  LayerSpec spec = zone_spec(driver, epsg);
  if (driver == "ESRI Shapefile") spec.layer_options = {"ENCODING=UTF-8"};  // writes a .cpg
  test::write_layer(path, spec);
  ReadOptions options;
  options.id_field = "编号";
  if (driver == "ESRI Shapefile" || driver == "GeoJSON" || driver == "LIBKML")
    options.layer = "";
  else
    options.layer = "zones";
  const Layer layer = read_layer(path, options);
  expect_zone_layer(layer, epsg);

  const DatasetInfo info = inspect_dataset(path, options);
  ASSERT_EQ(info.layers.size(), 1u);
  EXPECT_EQ(info.layers[0].feature_count, 1);
  // The declared layer type: FileGDB declares MultiPolygon, KML an unknown type ("Geometry").
  const std::string& type = info.layers[0].geometry_type;
  EXPECT_TRUE(type == "Polygon" || type == "MultiPolygon" || type == "Geometry") << type;
  EXPECT_EQ(info.layers[0].crs.epsg, epsg);
  EXPECT_NEAR(info.layers[0].extent.min_x, 105.7, 1e-9);
  EXPECT_NEAR(info.layers[0].extent.max_y, 33.85, 1e-9);
  bool has_zone_field = false;
  for (const auto& f : info.layers[0].fields) has_zone_field |= f.name == "分区";
  EXPECT_TRUE(has_zone_field);
}

INSTANTIATE_TEST_SUITE_P(AllFormats, FormatRoundTrip,
                         ::testing::Values(std::make_tuple("GPKG", "zones.gpkg", 4490),
                                           std::make_tuple("ESRI Shapefile", "zones.shp", 4490),
                                           std::make_tuple("GeoJSON", "zones.geojson", 4490),
                                           std::make_tuple("LIBKML", "zones.kml", 4326),
                                           std::make_tuple("OpenFileGDB", "zones.gdb", 4490)),
                         [](const auto& param_info) {
                           std::string n = std::get<0>(param_info.param);
                           for (auto& c : n)
                             if (c == ' ') c = '_';
                           return n;
                         });

TEST(ReadLayerTest, SeveralLayersNeedAChoice) {
  TempDir dir;
  const std::string path = dir.file("two.gpkg");
  LayerSpec a = zone_spec("GPKG", 4490);
  a.layer = "before";
  test::write_layer(path, a);
  a.layer = "after";
  test::write_layer(path, a);
  try {
    read_layer(path);
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("'before'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("'after'"), std::string::npos) << msg;
  }
  ReadOptions o;
  o.layer = "missing";
  EXPECT_THROW(read_layer(path, o), UsageError);
  o.layer = "after";
  EXPECT_EQ(read_layer(path, o).features.size(), 1u);
  EXPECT_EQ(inspect_dataset(path).layers.size(), 2u);
}

TEST(ReadLayerTest, AttributeFilterAndBadFilter) {
  TempDir dir;
  const std::string path = dir.file("zones.gpkg");
  LayerSpec spec = zone_spec("GPKG", 4490);
  spec.features.push_back({"POLYGON ((105 33, 105.1 33, 105.1 33.1, 105 33))", {"Z2", "实验区"}});
  test::write_layer(path, spec);
  ReadOptions o;
  o.where = "分区 = '实验区'";
  const Layer layer = read_layer(path, o);
  ASSERT_EQ(layer.features.size(), 1u);
  EXPECT_EQ(*layer.features[0].attribute("编号"), "Z2");
  o.where = "no_such_field = 3 AND";
  EXPECT_THROW(read_layer(path, o), UsageError);
  o.where.clear();
  o.id_field = "nope";
  EXPECT_THROW(read_layer(path, o), UsageError);
}

TEST(ReadLayerTest, NullAndEmptyGeometriesAreSkippedAndReported) {
  TempDir dir;
  const std::string path = dir.file("dirty.gpkg");
  LayerSpec spec = zone_spec("GPKG", 4490);
  spec.geometry_type = "";
  spec.features.push_back({"", {"Z2", "缓冲区"}});
  spec.features.push_back({"POLYGON EMPTY", {"Z3", "实验区"}});
  spec.features.push_back(
      {"GEOMETRYCOLLECTION (POINT (105 33), LINESTRING (105 33, 105.1 33))", {"Z4", "实验区"}});
  test::write_layer(path, spec);
  ReadOptions o;
  o.id_field = "编号";
  const Layer layer = read_layer(path, o);
  ASSERT_EQ(layer.features.size(), 1u);
  auto find = [&](IssueCode code) -> const Issue* {
    for (const auto& i : layer.issues)
      if (i.code == code) return &i;
    return nullptr;
  };
  const Issue* null_issue = find(IssueCode::null_geometry);
  ASSERT_NE(null_issue, nullptr);
  EXPECT_EQ(null_issue->where.feature, "Z2");
  EXPECT_EQ(null_issue->where.layer, "zones");
  EXPECT_EQ(null_issue->where.file, path);
  ASSERT_NE(find(IssueCode::empty_geometry), nullptr);
  EXPECT_EQ(find(IssueCode::empty_geometry)->where.feature, "Z3");
  ASSERT_NE(find(IssueCode::mixed_geometry_collection), nullptr);
  EXPECT_EQ(find(IssueCode::mixed_geometry_collection)->severity, Severity::error);
  EXPECT_EQ(find(IssueCode::mixed_geometry_collection)->where.feature, "Z4");
}

// A zone written as a collection of its polygon and a stray point or line (what an overlay in
// PostGIS or FME leaves behind) keeps its land: before the fix the whole feature was skipped and
// a check reported the zone's area as removed (a 100 ha "shrink" from a stray point).
TEST(ReadLayerTest, CollectionOfPolygonsAndStrayPartsKeepsThePolygons) {
  TempDir dir;
  const std::string path = dir.file("collection.gpkg");
  LayerSpec spec = zone_spec("GPKG", 4544);
  spec.geometry_type = "";
  spec.features.clear();
  spec.features.push_back(
      {"GEOMETRYCOLLECTION (POINT (500500 3700500), LINESTRING (500000 3700000, 500000 3701000), "
       "POLYGON ((500000 3700000, 501000 3700000, 501000 3701000, 500000 3701000, "
       "500000 3700000)))",
       {"Z5", "实验区"}});
  test::write_layer(path, spec);
  ReadOptions o;
  o.id_field = "编号";
  const Layer layer = read_layer(path, o);
  const Feature* kept = nullptr;
  for (const auto& f : layer.features)
    if (f.id == "Z5") kept = &f;
  ASSERT_NE(kept, nullptr);
  ASSERT_EQ(kept->geometry.kind, GeometryKind::polygon);
  EXPECT_TRUE(kept->geometry.points.empty());
  EXPECT_TRUE(kept->geometry.lines.empty());
  ASSERT_EQ(kept->geometry.polygons.polygons.size(), 1u);
  // 1000 m × 1000 m square, by hand: 1,000,000 m²; exact in doubles (tolerance 0).
  EXPECT_EQ(signed_ring_area(kept->geometry.polygons.polygons[0].outer), 1.0e6);
  const Issue* note = nullptr;
  for (const auto& i : layer.issues)
    if (i.code == IssueCode::mixed_geometry_collection) note = &i;
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(note->severity, Severity::warning);
  EXPECT_EQ(note->where.feature, "Z5");
  EXPECT_NE(note->message.find("2 point or line part(s)"), std::string::npos) << note->message;
}

TEST(ReadLayerTest, ZAndMAreDroppedOnceWithAnInfoIssue) {
  TempDir dir;
  const std::string path = dir.file("z.gpkg");
  LayerSpec spec;
  spec.driver = "GPKG";
  spec.layer = "pts";
  spec.epsg = 4544;
  spec.fields = {{"name"}};
  spec.features = {{"POINT Z (500000 3700000 1200)", {"a"}},
                   {"POINT Z (500100 3700100 1300)", {"b"}}};
  test::write_layer(path, spec);
  const Layer layer = read_layer(path);
  ASSERT_EQ(layer.features.size(), 2u);
  EXPECT_EQ(layer.features[0].geometry.points[0], (Point{500000, 3700000}));
  int z_issues = 0;
  for (const auto& i : layer.issues) z_issues += i.code == IssueCode::dropped_z ? 1 : 0;
  EXPECT_EQ(z_issues, 1);
}

TEST(ReadLayerTest, CurvesAreLinearised) {
  TempDir dir;
  const std::string path = dir.file("curve.gpkg");
  LayerSpec spec;
  spec.driver = "GPKG";
  spec.layer = "c";
  spec.epsg = 4544;
  spec.features = {
      {"CURVEPOLYGON (CIRCULARSTRING (500000 3700000, 500100 3700000, 500000 "
       "3700000))",
       {}}};
  test::write_layer(path, spec);
  const Layer layer = read_layer(path);
  ASSERT_EQ(layer.features.size(), 1u);
  ASSERT_EQ(layer.features[0].geometry.kind, GeometryKind::polygon);
  // A full circle of diameter 100 m: area π·50² = 7853.9816 m². Chords every 0.1° of arc lose
  // θ²/6 = 5.1e-7 of it (0.004 m²); GDAL's default 4° step lost 8.1e-4 (6.4 m²).
  EXPECT_NEAR(planar_area(layer.features[0].geometry.polygons), 7853.9816, 0.01);
}

// FileGDB / ArcGIS exports hold zones as MULTISURFACE of CURVEPOLYGONs with COMPOUNDCURVE rings
// (straight and arc pieces). The zone's area was 0.08 % short of the true one (the 4° chords),
// more than the 0.05 % that separates Gauss-Krüger from ellipsoidal area.
TEST(ReadLayerTest, CompoundCurveZonesKeepTheirAreaToAFewSquareMetres) {
  TempDir dir;
  const std::string path = dir.file("curved.gpkg");
  LayerSpec spec;
  spec.driver = "GPKG";
  spec.layer = "zones";
  spec.epsg = 4544;
  spec.geometry_type = "MultiSurface";
  spec.fields = {{"功能分区"}};
  // A circle of radius 1000 m, and a half disc of radius 500 m on the chord (501000, 3700000) –
  // (502000, 3700000), bulging south through (501500, 3699500).
  spec.features = {{"CURVEPOLYGON (CIRCULARSTRING (500000 3700000, 501000 3701000, 500000 3702000, "
                    "499000 3701000, 500000 3700000))",
                    {"核心区"}},
                   {"MULTISURFACE (CURVEPOLYGON (COMPOUNDCURVE ((501000 3700000, 502000 3700000), "
                    "CIRCULARSTRING (502000 3700000, 501500 3699500, 501000 3700000))))",
                    {"缓冲区"}}};
  test::write_layer(path, spec);
  const Layer layer = read_layer(path);
  ASSERT_EQ(layer.features.size(), 2u);
  // By hand: π·1000² = 3141592.65 m² and π·500²/2 = 392699.08 m²; a chord every 0.1° loses
  // θ²/6 = 5.1e-7 of each (1.6 m² and 0.2 m²); the 4° chords lost 2551 m² and 319 m².
  EXPECT_NEAR(planar_area(layer.features[0].geometry.polygons), 3141592.65, 2.0);
  EXPECT_NEAR(planar_area(layer.features[1].geometry.polygons), 392699.08, 0.5);
  bool noted = false;
  for (const auto& i : layer.issues)
    if (i.code == IssueCode::curves_linearised)
      noted = i.message.find("2 curved geometry(ies)") != std::string::npos &&
              i.message.find("0.1° of arc") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST(ReadLayerTest, MissingCrsIsAClearErrorUnlessAssumed) {
  TempDir dir;
  // A shapefile without .prj (GeoJSON would not do: no "crs" member means WGS 84 to GDAL),
  // holding zone-prefixed Gauss–Krüger coordinates (zone 35).
  const std::string shp = dir.file("nocrs.shp");
  LayerSpec spec;
  spec.driver = "ESRI Shapefile";
  spec.layer = "nocrs";
  spec.fields = {{"name"}};
  spec.features = {{"POINT (35512345.6 3736151.5)", {"a"}}};
  test::write_layer(shp, spec);
  try {
    read_layer(shp);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("has no CRS; pass --crs EPSG:xxxx"), std::string::npos) << msg;
    EXPECT_NE(msg.find("EPSG:4523"), std::string::npos) << msg;  // zone 35 with prefix
  }
  ReadOptions o;
  o.assume_crs = "EPSG:4523";
  const Layer layer = read_layer(shp, o);
  EXPECT_EQ(layer.crs.epsg, 4523);
  ASSERT_EQ(layer.features.size(), 1u);
}

TEST(ReadLayerTest, PrefixedEastingsInAPlainGaussKrugerCrsAreAnError) {
  TempDir dir;
  const std::string path = dir.file("wrongzone.gpkg");
  LayerSpec spec;
  spec.driver = "GPKG";
  spec.layer = "rights";
  spec.epsg = 4544;                                        // no prefix expected…
  spec.features = {{"POINT (35512345.6 3736151.5)", {}}};  // …but the easting carries zone 35
  test::write_layer(path, spec);
  try {
    read_layer(path);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("EPSG:4523"), std::string::npos) << e.what();
  }
}

TEST(ReadLayerTest, EmptyLayerReadsAsNoFeatures) {
  TempDir dir;
  const std::string path = dir.file("empty.gpkg");
  LayerSpec spec = zone_spec("GPKG", 4490);
  spec.features.clear();
  test::write_layer(path, spec);
  const Layer layer = read_layer(path);
  EXPECT_TRUE(layer.features.empty());
  EXPECT_EQ(layer.fields.size(), 2u);
  EXPECT_EQ(inspect_dataset(path).layers.at(0).feature_count, 0);
}

TEST(ReadLayerTest, CorruptAndMissingFilesAreInputErrors) {
  TempDir dir;
  // The length from the array (25 bytes, NULs included): a hand count read past its end (ASan).
  static constexpr char kJunk[] = "\x00\x01garbage\xff\xfe not a dataset";
  for (const char* name : {"junk.gpkg", "junk.shp", "junk.geojson"}) {
    const std::string path = dir.file(name);
    test::write_file(path, std::string(kJunk, sizeof kJunk - 1));
    EXPECT_THROW(read_layer(path), InputError) << name;
    EXPECT_THROW(inspect_dataset(path), InputError) << name;
  }
  EXPECT_THROW(read_layer(dir.file("nope.gpkg")), InputError);
}

TEST(ReadLayerTest, FolderOfShapefilesIsADatasetWithOneLayerPerFile) {
  TempDir dir;
  const std::string folder = dir.file("shapes");
  std::filesystem::create_directory(folder);
  LayerSpec spec = zone_spec("ESRI Shapefile", 4490);
  spec.layer_options = {"ENCODING=UTF-8"};
  test::write_layer(folder + "/before.shp", spec);
  test::write_layer(folder + "/after.shp", spec);
  EXPECT_EQ(inspect_dataset(folder).layers.size(), 2u);
  EXPECT_THROW(read_layer(folder), UsageError);  // two layers, none chosen
  ReadOptions o;
  o.layer = "after";
  o.id_field = "编号";
  const Layer layer = read_layer(folder, o);
  expect_zone_layer(layer, 4490);
  EXPECT_EQ(layer.encoding, "UTF-8");
}

TEST(ReadLayerTest, CrsOptionDoesNotOverrideTheDataButIsReported) {
  TempDir dir;
  const std::string path = dir.file("zones.gpkg");
  test::write_layer(path, zone_spec("GPKG", 4490));
  ReadOptions o;
  o.assume_crs = "EPSG:4326";
  const Layer layer = read_layer(path, o);
  EXPECT_EQ(layer.crs.epsg, 4490);
  bool reported = false;
  for (const auto& i : layer.issues) reported |= i.code == IssueCode::crs_option_ignored;
  EXPECT_TRUE(reported);
}

// The commonest broken .prj: CGCS2000 GK "CM 105E" (EPSG:4544, eastings without the zone
// prefix) over eastings that carry prefix 35. The error proposes "--crs EPSG:4523"; before the
// fix --crs was ignored for a layer with a CRS, so following the advice gave the same error.
// Now the given CRS is used when it fits the coordinates and the layer's own does not.
TEST(ReadLayerTest, CrsOptionReplacesACrsThatContradictsTheCoordinates) {
  TempDir dir;
  const std::string path = dir.file("prefixed.gpkg");
  LayerSpec spec = zone_spec("GPKG", 4544);
  spec.features = {
      {"POLYGON ((35500000 3700000, 35501000 3700000, 35501000 3701000, "
       "35500000 3700000))",
       {"Z1", "核心区"}}};
  test::write_layer(path, spec);
  try {
    read_layer(path);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(e.message().find("pass --crs EPSG:4523"), std::string::npos) << e.what();
  }
  ReadOptions o;
  o.assume_crs = "EPSG:4523";  // CGCS2000 3-degree GK zone 35, eastings with the prefix
  const Layer layer = read_layer(path, o);
  EXPECT_EQ(layer.crs.epsg, 4523);
  ASSERT_EQ(layer.features.size(), 1u);
  int overridden = 0, ignored = 0;
  for (const auto& i : layer.issues) {
    overridden += i.code == IssueCode::prj_malformed ? 1 : 0;
    ignored += i.code == IssueCode::crs_option_ignored ? 1 : 0;
  }
  EXPECT_EQ(overridden, 1);
  EXPECT_EQ(ignored, 0);

  // A --crs that fits no better leaves the layer's own error.
  test::write_layer(dir.file("wrong_zone.gpkg"), [&] {
    LayerSpec s = spec;
    s.epsg = 4523;
    s.features = {{"POLYGON ((500000 3700000, 501000 3700000, 501000 3701000, 500000 3700000))",
                   {"Z1", "核心区"}}};
    return s;
  }());
  o.assume_crs = "EPSG:4524";  // zone 36, prefixed: fits neither
  EXPECT_THROW(read_layer(dir.file("wrong_zone.gpkg"), o), InputError);
}

TEST(Sha256Test, KnownDigest) {
  // FIPS 180-2 example: SHA-256("abc").
  TempDir dir;
  test::write_file(dir.file("abc.txt"), "abc");
  EXPECT_EQ(sha256_file(dir.file("abc.txt")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_THROW(sha256_file(dir.file("missing")), InputError);
}

}  // namespace
}  // namespace reserve

namespace reserve {
namespace {

// A GeoJSON written latitude first (its old-style "crs" member urn:ogc:def:crs:EPSG::4490 names
// an authority whose axis order is lat/lon; GDAL reads x first as RFC 7946 says). The error said
// the coordinates "are not degrees", which sent users looking for a projected CRS.
TEST(ReadLayerTest, LatitudeFirstGeoJsonIsToldAsSwappedDegrees) {
  TempDir dir;
  const std::string path = dir.file("latlon.geojson");
  test::write_file(
      path,
      "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
      "\"urn:ogc:def:crs:EPSG::4490\"}},\"features\":[{\"type\":\"Feature\",\"properties\":"
      "{\"功能分区\":\"核心区\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[33.4,105.0],"
      "[33.4,105.01],[33.41,105.01],[33.41,105.0],[33.4,105.0]]]}}]}");
  try {
    read_layer(path);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    const std::string m = e.message();
    EXPECT_NE(m.find("are degrees, but latitude first"), std::string::npos) << m;
    EXPECT_EQ(m.find("not degrees"), std::string::npos) << m;
  }
  // Metres where degrees are expected are still told as such.
  const std::string metres = dir.file("metres.geojson");
  test::write_file(metres,
                   "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                   "\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":"
                   "[500000,3700000]}}]}");
  try {
    read_layer(metres);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(e.message().find("are not degrees"), std::string::npos) << e.message();
  }
}

}  // namespace
}  // namespace reserve
