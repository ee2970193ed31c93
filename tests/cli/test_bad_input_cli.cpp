// Hostile and broken inputs through the `reserve` binary (issue 15): every one must end in a
// clear message and exit 1/2/3, never exit 4 or a crash, and every JSON output must stay valid.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/gk_squares.hpp"
#include "support/cli_runner.hpp"
#include "support/gdal_writer.hpp"
#include "support/temp_dir.hpp"

namespace reserve {
namespace {

namespace fs = std::filesystem;
using test::FieldSpec;
using test::LayerSpec;
using test::run_cli;

using test::gk_square;

// "GBK bytes" of 面积 (area): C3 E6 BB FD, from the GB 2312 code table (面 = C3E6, 积 = BBFD).
const std::string kGbkMianji = "\xC3\xE6\xBB\xFD";

// Overwrites field `field` of the first record of a DBF with `bytes` (space-padded), walking the
// header as dBASE III defines it: header length at byte 8, 32-byte field descriptors from byte 32
// (name 0–10, type 11, length 16), records after the header, each starting with a deletion flag.
void patch_first_record(const std::string& dbf_path, const std::string& field,
                        const std::string& bytes) {
  std::string data = test::read_file(dbf_path);
  const auto u8 = [&](std::size_t at) { return static_cast<unsigned char>(data[at]); };
  const std::size_t header_len = u8(8) | (std::size_t{u8(9)} << 8);
  std::size_t offset = 1;  // after the deletion flag
  for (std::size_t at = 32; data[at] != '\x0D'; at += 32) {
    const std::string name = data.substr(at, 11).c_str();
    const std::size_t len = u8(at + 16);
    if (name == field) {
      ASSERT_LE(bytes.size(), len);
      data.replace(header_len + offset, len, bytes + std::string(len - bytes.size(), ' '));
      test::write_file(dbf_path, data);
      return;
    }
    offset += len;
  }
  FAIL() << "no field " << field << " in " << dbf_path;
}

// A GBK shapefile (.cpg CP936) whose DBF holds "面积" in GBK bytes in the numeric field AREA:
// GDAL warns "Value '<GBK bytes>' of field zones.AREA parsed incompletely to real 0".
std::string write_gbk_shapefile_with_bad_number(const test::TempDir& dir) {
  LayerSpec spec =
      test::gk_zoning("ESRI Shapefile", "功能分区",
                      {{"核心区", gk_square(0, 0, 1000)}, {"缓冲区", gk_square(1000, 0, 1000)}});
  spec.layer_options = {"ENCODING=CP936"};
  spec.fields.push_back(FieldSpec{"AREA", "real"});
  for (auto& f : spec.features) f.values.push_back("100");
  const std::string path = dir.file("zones.shp");
  test::write_layer(path, spec);
  patch_first_record(dir.file("zones.dbf"), "AREA", kGbkMianji);
  return path;
}

TEST(BadInputCli, GdalWarningWithGbkBytesKeepsEveryJsonOutputValid) {
  test::TempDir dir;
  const std::string shp = write_gbk_shapefile_with_bad_number(dir);
  // Before the fix: the raw GBK bytes reached nlohmann::json::dump, which threw → exit 4.
  const auto v = run_cli({"validate", "--json", "--area-method", "planar", shp});
  ASSERT_TRUE(v.exit_code == 0 || v.exit_code == 1) << v.exit_code << v.err;
  const auto j = nlohmann::json::parse(v.out);
  bool decoded = false;
  for (const auto& issue : j.at("issues"))
    if (issue.at("code") == "gdal-warning")
      decoded = decoded || issue.at("message").get<std::string>().find("面积") != std::string::npos;
  EXPECT_TRUE(decoded) << v.out;  // decoded as the DBF's encoding, not dropped

  const auto info = run_cli({"info", "--json", shp});
  EXPECT_EQ(info.exit_code, 0) << info.err;
  EXPECT_TRUE(nlohmann::json::accept(info.out)) << info.out;

  const auto overlay = run_cli({"overlay", "--json", "--before", shp, "--mining", shp});
  EXPECT_NE(overlay.exit_code, 4) << overlay.err;
  EXPECT_LT(overlay.exit_code, 4) << overlay.err;
  if (overlay.exit_code <= 1) {
    EXPECT_TRUE(nlohmann::json::accept(overlay.out)) << overlay.out;
  }

  const auto check = run_cli({"check", "--before", shp, "--after", shp, "--no-reports"});
  EXPECT_TRUE(check.exit_code == 0 || check.exit_code == 1) << check.exit_code << check.err;
}

TEST(BadInputCli, DeeplyNestedWktIsABadRowNotACrash) {
  test::TempDir dir;
  // 30,000 nested collections (0.6 MB) as in the issue, 30,001 levels with the point's own
  // parentheses; GEOS's reader recursed into a segfault.
  std::string wkt;
  for (int i = 0; i < 30000; ++i) wkt += "GEOMETRYCOLLECTION(";
  wkt += "POINT(500000 3700000)";
  for (int i = 0; i < 30000; ++i) wkt += ")";
  test::write_file(dir.file("deep.csv"),
                   "id,wkt\n1,\"POINT (500100 3700100)\"\n2,\"" + wkt + "\"\n");
  const auto r = run_cli({"info", "--crs", "EPSG:4544", dir.file("deep.csv")});
  EXPECT_NE(r.exit_code, -1) << "crashed";
  EXPECT_NE(r.exit_code, 4) << r.err;
  EXPECT_NE((r.out + r.err).find("row 3"), std::string::npos) << r.out << r.err;
  EXPECT_NE((r.out + r.err).find("nested 30001 levels"), std::string::npos) << r.out << r.err;
}

TEST(BadInputCli, LongNumberInACoordinateColumnIsABadRow) {
  test::TempDir dir;
  const std::string huge(309, '9');                             // > DBL_MAX ≈ 1.8e308
  const std::string tiny = "0." + std::string(400, '0') + "1";  // below the smallest double
  test::write_file(dir.file("points.csv"),
                   "名称,经度,纬度\nA,105.1,30.1\nB," + huge + ",30.2\nC,105.3," + tiny + "\n");
  const auto r = run_cli({"info", dir.file("points.csv")});
  EXPECT_NE(r.exit_code, 4) << r.err;  // was "internal error: stod"
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string all = r.out + r.err;
  EXPECT_EQ(all.find("stod"), std::string::npos) << all;
  EXPECT_NE(all.find("row 3"), std::string::npos) << all;
  EXPECT_NE(all.find("row 4"), std::string::npos) << all;
  EXPECT_NE(all.find("not an angle"), std::string::npos) << all;
}

TEST(BadInputCli, AFolderNamedLikeACsvIsAnInputError) {
  test::TempDir dir;
  fs::create_directory(dir.file("dir.csv"));
  const auto r = run_cli({"info", dir.file("dir.csv")});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("is a directory"), std::string::npos) << r.err;
}

TEST(BadInputCli, APathThroughARegularFileIsNotFoundWithTheReason) {
  // Tests run as root, for whom no folder is unreadable; a path whose "folder" is a regular file
  // fails with ENOTDIR instead, a different errno that must also be told as what it is.
  test::TempDir dir;
  test::write_file(dir.file("plain"), "x");
  const auto r = run_cli({"info", dir.file("plain") + "/zones.gpkg"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("a part of the path is a file, not a folder"), std::string::npos) << r.err;
}

// A zoning feature that is a line, in a proposal among good ones: the error names the file,
// layer and feature, and the advice names the option that exists in `check` (--after-layer);
// it said "choose the polygon layer (--layer)", an option check does not have (exit 2 if tried).
TEST(BadInputCli, LineInAZoningNamesTheInputsOwnLayerOption) {
  test::TempDir dir;
  test::write_layer(
      dir.file("before.gpkg"),
      test::gk_zoning("GPKG", "功能分区",
                      {{"核心区", gk_square(0, 0, 1000)}, {"缓冲区", gk_square(1000, 0, 1000)}}));
  test::LayerSpec after =
      test::gk_zoning("GPKG", "功能分区",
                      {{"核心区", gk_square(0, 0, 1000)},
                       {"缓冲区", "LINESTRING (501000 3700000, 502000 3701000)"},
                       {"缓冲区", gk_square(1000, 0, 1000)}});
  after.geometry_type = "";
  test::write_layer(dir.file("after.gpkg"), after);
  const auto r = run_cli({"check", "--before", dir.file("before.gpkg"), "--after",
                          dir.file("after.gpkg"), "--no-reports", "--quiet"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("after.gpkg, layer 'zones', feature 2: the geometry is a line"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("(--after-layer)"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find(" --layer"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("(--layer)"), std::string::npos) << r.err;
}

// The ecology bureau's facility list comes as an Excel sheet. overlay and check stopped with
// "the layer has no geometry column (an attribute table); choose a spatial layer with --layer".
TEST(BadInputCli, ExcelSheetOfFacilitiesIsOverlaidLikeItsCsv) {
  test::TempDir dir;
  test::write_layer(dir.file("before.gpkg"),
                    test::gk_zoning("GPKG", "功能分区", {{"核心区", gk_square(0, 0, 1000)}}));
  test::write_layer(dir.file("after.gpkg"),
                    test::gk_zoning("GPKG", "功能分区", {{"核心区", gk_square(0, 0, 500)}}));
  // The plant at local (750, 500) m: inside the 1000 m core before, 250 m east of the 500 m core
  // after (by hand) — freed. GIS x/y in EPSG:4544, given with --feature-crs as for a CSV.
  test::LayerSpec sheet;
  sheet.driver = "XLSX";
  sheet.layer = "设施";
  sheet.geometry_type = "None";
  sheet.fields = {{"编号"}, {"名称"}, {"类别"}, {"x", "real"}, {"y", "real"}};
  sheet.features = {{"", {"F1", "某选矿厂", "选矿厂", "500750", "3700500"}}};
  test::write_layer(dir.file("facilities.xlsx"), sheet);
  const auto r = run_cli({"overlay", "--json", "--before", dir.file("before.gpkg"), "--after",
                          dir.file("after.gpkg"), "--facilities", dir.file("facilities.xlsx"),
                          "--feature-crs", "EPSG:4544", "--id-field", "编号"});
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;  // a feature is freed
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.at("features").size(), 1u) << r.out;
  const auto& plant = j.at("features").at(0);
  EXPECT_EQ(plant.at("id"), "F1");
  EXPECT_EQ(plant.at("before").at("zone"), "core");
  EXPECT_EQ(plant.at("after").at("zone"), "outside");
  EXPECT_NEAR(plant.at("after").at("distance_to_reserve_boundary_m").get<double>(), 250.0, 1e-6);

  // info describes the sheet as points, as it describes the CSV.
  const auto info = run_cli({"info", "--crs", "EPSG:4544", dir.file("facilities.xlsx")});
  EXPECT_EQ(info.exit_code, 0) << info.err;
  EXPECT_NE(info.out.find("layer '设施': Point, 1 feature(s)"), std::string::npos) << info.out;
}

// A facility list without a category column: the advice ended "or give the whole layer's
// category (e.g. --mining implies mining_right)", which no option does for --facilities.
TEST(BadInputCli, FacilitiesWithoutACategoryColumnSayWhatTheDataNeeds) {
  test::TempDir dir;
  test::write_layer(dir.file("zones.gpkg"),
                    test::gk_zoning("GPKG", "功能分区", {{"核心区", gk_square(0, 0, 1000)}}));
  test::write_file(dir.file("plants.csv"), "名称,x,y\n甲选矿厂,500500,3700500\n");
  const auto r =
      run_cli({"overlay", "--before", dir.file("zones.gpkg"), "--after", dir.file("zones.gpkg"),
               "--facilities", dir.file("plants.csv"), "--feature-crs", "EPSG:4544"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("plants.csv"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("among '名称', 'x', 'y'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("add a 类别 column"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("选矿厂"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("whole layer's category"), std::string::npos) << r.err;
  // The advice, followed, works.
  test::write_file(dir.file("plants.csv"), "名称,类别,x,y\n甲选矿厂,选矿厂,500500,3700500\n");
  const auto ok =
      run_cli({"overlay", "--before", dir.file("zones.gpkg"), "--after", dir.file("zones.gpkg"),
               "--facilities", dir.file("plants.csv"), "--feature-crs", "EPSG:4544"});
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
}

// A zoning file without features (an export that wrote the header only): the error was
// "cannot choose a Gauss-Kruger zone for data without coordinates", naming no file.
TEST(BadInputCli, ZoningWithoutFeaturesIsNamed) {
  test::TempDir dir;
  test::write_layer(dir.file("after.gpkg"),
                    test::gk_zoning("GPKG", "功能分区", {{"核心区", gk_square(0, 0, 1000)}}));
  test::write_file(dir.file("before.geojson"), "{\"type\":\"FeatureCollection\",\"features\":[]}");
  const auto c = run_cli({"check", "--before", dir.file("before.geojson"), "--after",
                          dir.file("after.gpkg"), "--no-reports", "--quiet"});
  EXPECT_EQ(c.exit_code, 3) << c.err;
  EXPECT_NE(c.err.find("before.geojson, layer 'before': the zoning has no polygon features"),
            std::string::npos)
      << c.err;
  const auto v = run_cli({"validate", dir.file("before.geojson")});
  EXPECT_EQ(v.exit_code, 3) << v.err;
  EXPECT_NE(v.err.find("before.geojson, layer 'before': the zoning has no polygon features"),
            std::string::npos)
      << v.err;
}

// A shapefile handed over without its .dbf: it reads as geometry only, and the error listed
// "the fields are (none)" with advice to name a field (and --zone-file, which check lacks).
TEST(BadInputCli, ShapefileWithoutItsDbfSaysTheDbfIsMissing) {
  test::TempDir dir;
  test::LayerSpec spec =
      test::gk_zoning("ESRI Shapefile", "ZONE",
                      {{"核心区", gk_square(0, 0, 1000)}, {"缓冲区", gk_square(1000, 0, 1000)}});
  spec.layer_options = {"ENCODING=UTF-8"};
  test::write_layer(dir.file("zones.shp"), spec);
  fs::remove(dir.file("zones.dbf"));
  const auto r = run_cli({"check", "--before", dir.file("zones.shp"), "--after",
                          dir.file("zones.shp"), "--no-reports", "--quiet"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("zones.shp, layer 'zones': the layer has no attribute fields"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("zones.dbf is missing beside zones.shp"), std::string::npos) << r.err;
}

// A 100 ha core before and a 25 ha core after: a proposal no profile may pass.
void write_shrinking_proposal(const test::TempDir& dir) {
  test::write_layer(dir.file("before.gpkg"),
                    test::gk_zoning("GPKG", "功能分区", {{"核心区", gk_square(0, 0, 1000)}}));
  test::write_layer(dir.file("after.gpkg"),
                    test::gk_zoning("GPKG", "功能分区", {{"核心区", gk_square(0, 0, 500)}}));
}

TEST(BadInputCli, ProfileWithoutRulesNeverPasses) {
  test::TempDir dir;
  write_shrinking_proposal(dir);
  test::write_file(dir.file("empty.toml"), "name = \"empty\"\nversion = \"1\"\n");
  const auto r =
      run_cli({"check", "--before", dir.file("before.gpkg"), "--after", dir.file("after.gpkg"),
               "--profile", dir.file("empty.toml"), "--no-reports"});
  EXPECT_NE(r.exit_code, 0) << r.out;  // was "Overall: PASS", exit 0
  EXPECT_EQ(r.exit_code, 2) << r.err;  // a profile error, like every other profile error
  EXPECT_EQ(r.out.find("PASS"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("no [[rules]]"), std::string::npos) << r.err;
}

TEST(BadInputCli, InfiniteToleranceInAProfileIsRefusedNamingTheKey) {
  test::TempDir dir;
  write_shrinking_proposal(dir);
  test::write_file(dir.file("inf.toml"),
                   "name = \"x\"\nversion = \"1\"\n[area]\ntolerance_abs_ha = inf\n"
                   "[[rules]]\nid = \"no-slimming\"\n");
  const auto r =
      run_cli({"check", "--before", dir.file("before.gpkg"), "--after", dir.file("after.gpkg"),
               "--profile", dir.file("inf.toml"), "--no-reports"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;  // was PASS: 75 ha lost within "inf" tolerance
  EXPECT_NE(r.err.find("area.tolerance_abs_ha"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("infinite"), std::string::npos) << r.err;
}

TEST(BadInputCli, NanVertexIsInvalidWithALocation) {
  test::TempDir dir;
  // GDAL's GeoJSON reader (json-c) accepts the NaN token; vertex 3 of the core square is NaN.
  test::write_file(
      dir.file("nan.geojson"),
      "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
      "\"urn:ogc:def:crs:EPSG::4544\"}},\"features\":["
      "{\"type\":\"Feature\",\"properties\":{\"ZONE\":\"core\"},\"geometry\":{\"type\":"
      "\"Polygon\",\"coordinates\":[[[500000,3700000],[501000,3700000],[NaN,3701000],"
      "[500000,3701000],[500000,3700000]]]}},"
      "{\"type\":\"Feature\",\"properties\":{\"ZONE\":\"buffer\"},\"geometry\":{\"type\":"
      "\"Polygon\",\"coordinates\":[[[501000,3700000],[502000,3700000],[502000,3701000],"
      "[501000,3701000],[501000,3700000]]]}}]}");
  const auto r =
      run_cli({"validate", "--json", "--area-method", "planar", dir.file("nan.geojson")});
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;  // was 0: "valid"
  const auto j = nlohmann::json::parse(r.out);
  bool found = false;
  for (const auto& issue : j.at("issues")) {
    if (issue.at("code") != "non-finite-coordinate") continue;
    found = true;
    EXPECT_EQ(issue.at("severity"), "error");
    EXPECT_EQ(issue.at("feature"), "0");  // GeoJSON FIDs count from 0
    // The location is the last finite vertex before the NaN one: (501000, 3700000).
    ASSERT_TRUE(issue.at("location").is_array()) << issue;
    EXPECT_NEAR(issue.at("location")[0].get<double>(), 501000.0, 1e-6);
    EXPECT_NEAR(issue.at("location")[1].get<double>(), 3700000.0, 1e-6);
    EXPECT_NE(issue.at("message").get<std::string>().find("vertex 3"), std::string::npos);
  }
  EXPECT_TRUE(found) << r.out;
}

// A proposal whose core row lost its shape (a null geometry in a shapefile, as a broken edit
// leaves it): the rows on either side are identical, so the figures would read the core's 100 ha
// as removed (no-slimming FAIL for the wrong reason) or, were the baseline's core the one lost,
// as added; with the row lost on both sides the figures agree and no-slimming PASSED on two
// zonings missing their core. The figure rules are INCOMPLETE and name the row; the missing core
// also fails zoning-sanity (exit 1, which beats 5: never 0).
TEST(BadInputCli, ZoneRowWithoutAShapeNeverPasses) {
  test::TempDir dir;
  const std::vector<std::pair<std::string, std::string>> zones = {
      {"核心区", gk_square(0, 0, 1000)},
      {"缓冲区", gk_square(1000, 0, 1000)},
      {"实验区", gk_square(2000, 0, 1000)}};
  LayerSpec whole = test::gk_zoning("ESRI Shapefile", "ZONE", zones);
  whole.layer_options = {"ENCODING=UTF-8"};
  LayerSpec lost = whole;
  lost.features[0].wkt = "";  // null geometry
  fs::create_directories(dir.file("whole"));
  fs::create_directories(dir.file("lost"));
  test::write_layer(dir.file("whole/zones.shp"), whole);
  test::write_layer(dir.file("lost/zones.shp"), lost);
  for (const auto& [before, after] :
       {std::pair{"whole", "lost"}, std::pair{"lost", "whole"}, std::pair{"lost", "lost"}}) {
    const auto r =
        run_cli({"check", "--before", dir.file(std::string(before) + "/zones.shp"), "--after",
                 dir.file(std::string(after) + "/zones.shp"), "--area-method", "planar", "--format",
                 "json", "--out", dir.file(std::string("out-") + before + "-" + after), "--quiet"});
    EXPECT_TRUE(r.exit_code == 1 || r.exit_code == 5) << before << " → " << after << "\n"
                                                      << r.out << r.err;
    const auto j = nlohmann::json::parse(
        test::read_file(dir.file(std::string("out-") + before + "-" + after + "/report.json")));
    EXPECT_NE(j.at("overall"), "pass") << before << " → " << after;
    for (const auto& v : j.at("verdicts")) {
      if (v.at("rule_id") != "no-slimming" && v.at("rule_id") != "core-buffer-share") continue;
      EXPECT_EQ(v.at("status"), "incomplete") << v;
      const std::string why = v.at("explanation_en");
      EXPECT_NE(why.find("feature 0"), std::string::npos) << why;  // the shapefile's first row
    }
  }
  // The same rows with every shape pass those rules: the rows themselves are not the reason.
  const auto ok = run_cli({"check", "--before", dir.file("whole/zones.shp"), "--after",
                           dir.file("whole/zones.shp"), "--area-method", "planar", "--format",
                           "json", "--out", dir.file("out-whole"), "--quiet"});
  const auto j = nlohmann::json::parse(test::read_file(dir.file("out-whole/report.json")));
  for (const auto& v : j.at("verdicts"))
    if (v.at("rule_id") == "no-slimming" || v.at("rule_id") == "core-buffer-share")
      EXPECT_EQ(v.at("status"), "pass") << v << ok.err;
}

TEST(BadInputCli, GdalGeoJsonSizeHintIsKept) {
  test::TempDir dir;
  // A 20,000-vertex polygon (~0.4 MB) read with the size limit set to 0.1 MB: GDAL says "too
  // complex/large … OGR_GEOJSON_MAX_OBJ_SIZE" and then "Failed to read GeoJSON data".
  std::string coords;
  for (int i = 0; i < 20000; ++i) coords += "[" + std::to_string(i * 0.001) + ",0],";
  coords += "[0,1],[0,0]";
  test::write_file(dir.file("big.geojson"),
                   "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                   "\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[" +
                       coords + "]]}}]}");
  ::setenv("OGR_GEOJSON_MAX_OBJ_SIZE", "0.1", 1);  // inherited by the child process
  const auto r = run_cli({"info", dir.file("big.geojson")});
  ::unsetenv("OGR_GEOJSON_MAX_OBJ_SIZE");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("OGR_GEOJSON_MAX_OBJ_SIZE"), std::string::npos) << r.err;
}

TEST(BadInputCli, MapIntoAFolderThatDoesNotExistYet) {
  test::TempDir dir;
  test::write_layer(
      dir.file("zones.gpkg"),
      test::gk_zoning("GPKG", "功能分区",
                      {{"核心区", gk_square(0, 0, 1000)}, {"缓冲区", gk_square(1000, 0, 1000)}}));
  const std::string out = dir.file("newdir/deeper/map.png");
  const auto r = run_cli(
      {"map", "--before", dir.file("zones.gpkg"), "--format", "png", "--dpi", "36", "--out", out});
  EXPECT_EQ(r.exit_code, 0) << r.err;  // was exit 3: the map's writer did not create folders
  EXPECT_TRUE(fs::exists(out));
  // No temporary file is left beside it.
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(dir.file("newdir/deeper"))) {
    (void)e;
    ++entries;
  }
  EXPECT_EQ(entries, 1u);
}

// A GeoPackage with the zones and a second layer (a boundary line), as bureaus often send. The
// message said "choose one with --layer", an option `check` does not have: following it gave a
// usage error. It must name the option of the input that holds the file.
TEST(BadInputCli, SeveralLayersNameTheLayerOptionOfThatInput) {
  test::TempDir dir;
  const std::string multi = dir.file("multi.gpkg");
  const LayerSpec zones =
      test::gk_zoning("GPKG", "功能分区",
                      {{"核心区", gk_square(0, 0, 1000)}, {"缓冲区", gk_square(1000, 0, 1000)}});
  test::write_layer(multi, zones);
  LayerSpec line;
  line.layer = "boundary";
  line.epsg = 4544;
  line.geometry_type = "LineString";
  line.features = {{"LINESTRING (500000 3700000, 502000 3700000)"}};
  test::write_layer(multi, line);
  test::write_layer(dir.file("zones.gpkg"), zones);

  auto check = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"check", "--area-method", "planar", "--out", dir.file("out")});
    return run_cli(args);
  };
  auto r = check({"--before", multi, "--after", dir.file("zones.gpkg")});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("choose one with --before-layer"), std::string::npos) << r.err;
  r = check({"--before", dir.file("zones.gpkg"), "--after", multi});
  EXPECT_NE(r.err.find("choose one with --after-layer"), std::string::npos) << r.err;
  r = check(
      {"--before", dir.file("zones.gpkg"), "--after", dir.file("zones.gpkg"), "--mining", multi});
  EXPECT_NE(r.err.find("choose one with --mining-layer"), std::string::npos) << r.err;
  // Following the advice works.
  r = check({"--before", multi, "--before-layer", "zones", "--after", dir.file("zones.gpkg")});
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  // `validate` has --layer itself.
  r = run_cli({"validate", multi});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("choose one with --layer"), std::string::npos) << r.err;
}

// A facility table saved by Excel on a Chinese Windows: GBK bytes, no BOM, no declaration
// ("编号,名称,类别,经度,纬度" and one row "F1,青岚选矿厂,选矿厂,…", encoded by Python's
// str.encode('gbk')). Before the fix: exit 3 advising --encoding GBK, which `overlay` applies
// to the zonings only. The point is local (500, 500) of the core square: lon/lat from GDAL's
// EPSG:4544 → EPSG:4490 transformation of (500500, 3700500).
TEST(BadInputCli, UndeclaredGbkFacilityTableIsRead) {
  test::TempDir dir;
  test::write_layer(
      dir.file("zones.gpkg"),
      test::gk_zoning("GPKG", "功能分区",
                      {{"核心区", gk_square(0, 0, 1000)}, {"缓冲区", gk_square(1000, 0, 1000)}}));
  test::write_file(dir.file("facilities.csv"),
                   "\xB1\xE0\xBA\xC5,\xC3\xFB\xB3\xC6,\xC0\xE0\xB1\xF0,\xBE\xAD\xB6\xC8,"
                   "\xCE\xB3\xB6\xC8\n"
                   "F1,\xC7\xE0\xE1\xB0\xD1\xA1\xBF\xF3\xB3\xA7,\xD1\xA1\xBF\xF3\xB3\xA7,"
                   "105.0053765,33.4305534\n");
  const auto r =
      run_cli({"overlay", "--json", "--area-method", "planar", "--before", dir.file("zones.gpkg"),
               "--after", dir.file("zones.gpkg"), "--facilities", dir.file("facilities.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.at("features").size(), 1u) << r.out;
  const auto& f = j.at("features")[0];
  EXPECT_EQ(f.at("id"), "F1");
  EXPECT_EQ(f.at("before").at("zone"), "core");
  EXPECT_NE(r.out.find("选矿厂"), std::string::npos) << r.out;  // decoded, not U+FFFD
}

// Squares written with the zone prefix 35 on the eastings but a CRS without it (EPSG:4544),
// the commonest broken .prj. The error proposed "--crs EPSG:4523", which was ignored for a file
// with a CRS (same error again); for a conflict layer it named --crs instead of --feature-crs.
TEST(BadInputCli, CrsAdviceForAPrefixMismatchCanBeFollowed) {
  test::TempDir dir;
  auto prefixed = [](double x0, double size) {
    const std::string a = std::to_string(35500000.0 + x0),
                      b = std::to_string(35500000.0 + x0 + size);
    return "POLYGON ((" + a + " 3700000, " + b + " 3700000, " + b + " " +
           std::to_string(3700000.0 + size) + ", " + a + " " + std::to_string(3700000.0 + size) +
           ", " + a + " 3700000))";
  };
  test::write_layer(dir.file("zones.gpkg"), test::gk_zoning("GPKG", "功能分区",
                                                            {{"核心区", prefixed(0, 1000)},
                                                             {"缓冲区", prefixed(1000, 1000)}}));
  auto check = [&](std::vector<std::string> args) {
    std::vector<std::string> all = {
        "check",   "--area-method",       "planar",   "--json",
        "--out",   dir.file("out"),       "--before", dir.file("zones.gpkg"),
        "--after", dir.file("zones.gpkg")};
    all.insert(all.end(), args.begin(), args.end());
    return run_cli(all);
  };
  auto r = check({});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("pass --crs EPSG:4523"), std::string::npos) << r.err;
  r = check({"--crs", "EPSG:4523"});
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  // Two 1000 m squares: 200 ha by hand (planar).
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_NEAR(j.at("comparison").at("before").at("total_m2").get<double>(), 2.0e6, 0.01);

  // The same file as a mining layer beside good zonings: the advice names --feature-crs.
  test::write_layer(dir.file("good.gpkg"),
                    test::gk_zoning("GPKG", "功能分区", {{"核心区", gk_square(0, 0, 1000)}}));
  r = run_cli({"check", "--area-method", "planar", "--out", dir.file("out2"), "--before",
               dir.file("good.gpkg"), "--after", dir.file("good.gpkg"), "--mining",
               dir.file("zones.gpkg")});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("pass --feature-crs EPSG:4523"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace reserve
