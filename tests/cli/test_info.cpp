// `reserve info` as a black box: the built binary, real files, stdout/stderr and exit codes.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/cli_runner.hpp"
#include "support/gdal_writer.hpp"
#include "support/temp_dir.hpp"

namespace reserve {
namespace {

using test::run_cli;

// Two 1 km × 1 km zones in CGCS2000 3° GK zone 35 (EPSG:4544), within 2 km of the central
// meridian. Expected area 100.00 ha each: hand-computed 1000 m × 1000 m; the GK scale error
// there is below 1e-7 (k = 1 + x²/2R², x ≤ 2 km), far under the 0.01 ha printed.
test::LayerSpec zoning_spec(const std::string& driver) {
  test::LayerSpec spec;
  spec.driver = driver;
  spec.layer = "zones";
  spec.epsg = 4544;
  spec.geometry_type = "Polygon";
  spec.fields = {{"功能分区"}, {"名称"}};
  spec.features = {
      {"POLYGON ((500000 3700000, 501000 3700000, 501000 3701000, 500000 3701000, 500000 "
       "3700000))",
       {"核心区", "五鹿山"}},
      {"POLYGON ((501000 3700000, 502000 3700000, 502000 3701000, 501000 3701000, 501000 "
       "3700000))",
       {"缓冲区", "五鹿山"}}};
  return spec;
}

TEST(InfoCliTest, DescribesAZoningWithZoneAreas) {
  test::TempDir dir;
  const std::string path = dir.file("zoning.gpkg");
  test::write_layer(path, zoning_spec("GPKG"));
  const auto r = run_cli({"info", path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("GPKG"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("EPSG:4544"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("CGCS2000 / 3-degree Gauss-Kruger CM 105E"), std::string::npos);
  EXPECT_NE(r.out.find("2 feature(s)"), std::string::npos);
  EXPECT_NE(r.out.find("zone field '功能分区'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("核心区"), std::string::npos);
  EXPECT_NE(r.out.find("100.00 ha"), std::string::npos) << r.out;
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(InfoCliTest, JsonOutputIsMachineReadable) {
  test::TempDir dir;
  const std::string path = dir.file("zoning.gpkg");
  test::write_layer(path, zoning_spec("GPKG"));
  const auto r = run_cli({"info", "--json", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const auto& layer = j.at("datasets").at(0).at("layers").at(0);
  EXPECT_EQ(layer.at("feature_count"), 2);
  EXPECT_EQ(layer.at("crs").at("epsg"), 4544);
  EXPECT_EQ(layer.at("zone_field"), "功能分区");
  EXPECT_EQ(layer.at("area_method"), "geodesic");
  ASSERT_EQ(layer.at("zones").size(), 2u);
  EXPECT_EQ(layer.at("zones").at(0).at("zone"), "core");
  // 1e6 m² hand-computed; tolerance 1 m² (GK scale error < 1e-7 here, see above).
  EXPECT_NEAR(layer.at("zones").at(0).at("area_m2").get<double>(), 1.0e6, 1.0);
}

TEST(InfoCliTest, GbkShapefileShowsChineseAndTheEncodingSource) {
  test::TempDir dir;
  const std::string shp = dir.file("zoning.shp");
  auto spec = zoning_spec("ESRI Shapefile");
  spec.layer_options = {"ENCODING=CP936"};
  test::write_layer(shp, spec);
  std::filesystem::remove(dir.file("zoning.cpg"));
  test::set_dbf_ldid(dir.file("zoning.dbf"), 0x4D);
  const auto r = run_cli({"info", shp});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("CP936 (dbf-ldid)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("功能分区 (string)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("缓冲区"), std::string::npos) << r.out;
}

TEST(InfoCliTest, ErrorsHaveExitCodesAndMessages) {
  test::TempDir dir;
  auto missing = run_cli({"info", dir.file("missing.gpkg")});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("file not found"), std::string::npos) << missing.err;

  const std::string junk = dir.file("junk.gpkg");
  test::write_file(junk, "this is not a GeoPackage");
  auto corrupt = run_cli({"info", junk});
  EXPECT_EQ(corrupt.exit_code, 3);
  EXPECT_NE(corrupt.err.find("cannot be read as vector data"), std::string::npos) << corrupt.err;

  EXPECT_EQ(run_cli({"info"}).exit_code, 2);

  const std::string two = dir.file("two.gpkg");
  auto spec = zoning_spec("GPKG");
  spec.layer = "before";
  test::write_layer(two, spec);
  spec.layer = "after";
  test::write_layer(two, spec);
  auto bad_layer = run_cli({"info", two, "--layer", "nope"});
  EXPECT_EQ(bad_layer.exit_code, 2);
  EXPECT_NE(bad_layer.err.find("'before'"), std::string::npos) << bad_layer.err;
  auto both = run_cli({"info", two});
  EXPECT_EQ(both.exit_code, 0) << both.err;
  EXPECT_NE(both.out.find("layer 'before'"), std::string::npos);
  EXPECT_NE(both.out.find("layer 'after'"), std::string::npos);
}

TEST(InfoCliTest, MissingCrsIsReportedAndCanBeAssumed) {
  test::TempDir dir;
  const std::string shp = dir.file("nocrs.shp");
  auto spec = zoning_spec("ESRI Shapefile");
  spec.epsg = 0;
  spec.layer_options = {"ENCODING=UTF-8"};
  spec.fields = {{"分区"}};
  spec.features[0].values = {"核心区"};
  spec.features[1].values = {"缓冲区"};
  test::write_layer(shp, spec);
  const auto r = run_cli({"info", shp});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.out.find("pass --crs"), std::string::npos) << r.out;
  const auto ok = run_cli({"info", shp, "--crs", "EPSG:4544"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err << ok.out;
  EXPECT_NE(ok.out.find("100.00 ha"), std::string::npos) << ok.out;
}

TEST(InfoCliTest, CrsHintsNameTheFeatureCrsOptionOfTheConflictLayers) {
  // info has one --crs; check takes --crs for the zonings only. A user who followed info's
  // "pass --crs EPSG:xxxx" for a mining-right file got the same error from check again.
  test::TempDir dir;
  const std::string zoning = dir.file("zoning.gpkg");
  test::write_layer(zoning, zoning_spec("GPKG"));
  const std::string mines = dir.file("mines.shp");
  test::LayerSpec spec;
  spec.driver = "ESRI Shapefile";
  spec.layer = "mines";
  spec.geometry_type = "Polygon";
  spec.layer_options = {"ENCODING=UTF-8"};
  spec.fields = {{"名称"}};
  spec.features = {
      {"POLYGON ((500100 3700100, 500200 3700100, 500200 3700200, 500100 3700200, "
       "500100 3700100))",
       {"矿1"}}};
  test::write_layer(mines, spec);

  const auto r = run_cli({"info", mines});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  const std::string note = "--feature-crs for a --mining or --facilities file";
  EXPECT_NE(r.out.find("CRS:       none (pass --crs EPSG:xxxx; check, overlay"), std::string::npos)
      << r.out;
  const auto not_read = r.out.find("features not read:");
  ASSERT_NE(not_read, std::string::npos) << r.out;
  EXPECT_NE(r.out.find(note, not_read), std::string::npos) << r.out;
  const auto j = run_cli({"info", "--json", mines});
  const auto layer = nlohmann::json::parse(j.out).at("datasets").at(0).at("layers").at(0);
  EXPECT_NE(layer.at("read_error").get<std::string>().find(note), std::string::npos) << j.out;

  // Followed in check, the hint works; --crs alone leaves the mining file without a CRS.
  const auto with_crs = run_cli({"check", "--before", zoning, "--after", zoning, "--mining", mines,
                                 "--crs", "EPSG:4544", "--no-reports", "--quiet"});
  EXPECT_EQ(with_crs.exit_code, 3) << with_crs.err;
  const auto with_feature_crs =
      run_cli({"check", "--before", zoning, "--after", zoning, "--mining", mines, "--feature-crs",
               "EPSG:4544", "--no-reports", "--quiet"});
  EXPECT_TRUE(with_feature_crs.exit_code == 0 || with_feature_crs.exit_code == 1)
      << with_feature_crs.exit_code << with_feature_crs.err;

  // An issue's "pass --crs" (a surveying CSV read in a guessed datum) names both too; a hint
  // that already names --feature-crs (the lon/lat CSV's) is left as it is.
  const std::string csv = dir.file("points.csv");
  test::write_file(csv, "名称,X,Y\n选矿厂,3700500,35500500\n");
  const auto c = run_cli({"info", csv});
  EXPECT_EQ(c.exit_code, 0) << c.err;
  EXPECT_NE(c.out.find("pass --crs for another datum"), std::string::npos) << c.out;
  EXPECT_NE(c.out.find(note), std::string::npos) << c.out;
  const std::string lonlat = dir.file("lonlat.csv");
  test::write_file(lonlat, "名称,经度,纬度\n选矿厂,105.01,33.41\n");
  const auto l = run_cli({"info", lonlat});
  EXPECT_EQ(l.out.find(note), std::string::npos) << l.out;
  EXPECT_NE(l.out.find("--feature-crs (conflict layers) or --crs"), std::string::npos) << l.out;
}

TEST(InfoCliTest, SeveralPathsOneBadStillDescribesTheOthers) {
  test::TempDir dir;
  const std::string good = dir.file("zoning.gpkg");
  test::write_layer(good, zoning_spec("GPKG"));
  const std::string csv = dir.file("points.csv");
  test::write_file(csv, "名称,经度,纬度\n选矿厂,105°42'30.5\",33°45'\n");
  const auto r = run_cli({"info", good, dir.file("missing.shp"), csv});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.out.find("zoning.gpkg"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("points.csv"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("EPSG:4490"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("missing.shp"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace reserve
