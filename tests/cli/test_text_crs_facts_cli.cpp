// Issue 10.8 through the binary: one encoding decision for every command, destroyed text told
// per field, a malformed .prj told as malformed, a CRS outside China's Gauss–Krüger zones
// answered with --working-crs and a UTM zone, and the WGS 84 → CGCS2000 note at its real size.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/gk_squares.hpp"
#include "support/cli_runner.hpp"
#include "support/gdal_writer.hpp"
#include "support/temp_dir.hpp"

namespace reserve {
namespace {

using test::FieldSpec;
using test::LayerSpec;
using test::run_cli;

using test::gk_square;

// A GBK shapefile as old ArcGIS wrote it: no .cpg and language-driver byte 0.
std::string write_undeclared_gbk_zoning(const test::TempDir& dir, const std::string& name) {
  LayerSpec spec =
      test::gk_zoning("ESRI Shapefile", "功能分区",
                      {{"核心区", gk_square(0, 0, 1000)}, {"缓冲区", gk_square(1000, 0, 1000)}});
  spec.layer = name;
  spec.layer_options = {"ENCODING=CP936"};
  const std::string shp = dir.file(name + ".shp");
  test::write_layer(shp, spec);
  std::filesystem::remove(dir.file(name + ".cpg"));
  test::set_dbf_ldid(dir.file(name + ".dbf"), 0x00);
  return shp;
}

TEST(TextCrsFactsCli, ValidateCheckAndMapReadAnUndeclaredGbkDbfAsGbk) {
  test::TempDir dir;
  const std::string shp = write_undeclared_gbk_zoning(dir, "zones");
  // Before: read as Latin-1, the zone field '功能分区' was mojibake and validate asked for a
  // --zone-map of mojibake labels (exit 3).
  const auto v = run_cli({"validate", "--json", "--area-method", "planar", shp});
  ASSERT_TRUE(v.exit_code == 0 || v.exit_code == 1) << v.err;
  const auto j = nlohmann::json::parse(v.out);
  EXPECT_EQ(j.at("sources").at(0).at("encoding"), "CP936");
  EXPECT_EQ(v.err.find("--zone-map"), std::string::npos) << v.err;

  const auto c = run_cli({"check", "--before", shp, "--after", shp, "--no-reports"});
  EXPECT_TRUE(c.exit_code == 0 || c.exit_code == 1) << c.err;
  EXPECT_EQ(c.err.find("--zone-map"), std::string::npos) << c.err;

  const auto m = run_cli({"map", "--before", shp, "--format", "svg", "--out", dir.file("m.svg")});
  EXPECT_EQ(m.exit_code, 0) << m.err;

  const auto info = run_cli({"info", "--json", shp});
  ASSERT_EQ(info.exit_code, 0) << info.err;
  const auto ij = nlohmann::json::parse(info.out);
  EXPECT_EQ(ij.at("datasets").at(0).at("layers").at(0).at("encoding"), "CP936");
}

TEST(TextCrsFactsCli, MalformedPrjIsToldAsMalformedWithGdalsReason) {
  test::TempDir dir;
  const LayerSpec spec =
      test::gk_zoning("ESRI Shapefile", "ZONE", {{"core", gk_square(0, 0, 1000)}});
  const std::string shp = dir.file("zones.shp");
  test::write_layer(shp, spec);
  test::write_file(dir.file("zones.prj"), "PROJCS[\"broken\",GEOGCS[");  // truncated
  const auto r = run_cli({"validate", shp});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find(".prj file exists but is malformed"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("GDAL: "), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("has no CRS"), std::string::npos) << r.err;
}

// A one-feature zoning "core" in WGS 84 longitude/latitude.
void write_wgs84_zoning(const std::string& path, const std::string& wkt) {
  LayerSpec spec;
  spec.layer = "zones";
  spec.epsg = 4326;
  spec.fields = {FieldSpec{"ZONE"}};
  spec.features = {{wkt, {"core"}}};
  test::write_layer(path, spec);
}

TEST(TextCrsFactsCli, OutsideChinaTheAdviceIsWorkingCrsAndAUtmZone) {
  test::TempDir dir;
  // A 0.01° square at 3.005°W 52.005°N (Wales): GK "zone" would be floor((−3 + 1.5)/3) = −1.
  // UTM zone floor((−3.005 + 180)/6) + 1 = 30, north: EPSG:32630 (hand-computed).
  write_wgs84_zoning(dir.file("wales.gpkg"),
                     "POLYGON ((-3.01 52.0, -3.0 52.0, -3.0 52.01, -3.01 52.01, -3.01 52.0))");
  const auto r = run_cli({"validate", dir.file("wales.gpkg")});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("--working-crs"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("EPSG:32630"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("UTM zone 30N"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("zone -"), std::string::npos) << r.err;
  // Following the advice works.
  const auto ok = run_cli({"validate", "--working-crs", "EPSG:32630", dir.file("wales.gpkg")});
  EXPECT_TRUE(ok.exit_code == 0 || ok.exit_code == 1) << ok.err;
}

// A projected CRS measuring in feet is not taken as the working CRS (distances, tolerances and
// planar areas are in metres): the Gauss–Krüger zone of the data is, as for lon/lat data. The
// layers are CGCS2000 transverse Mercator on 105°E in international feet, i.e. EPSG:4544 scaled
// by 0.3048. Expected by hand: the squares of 1,000 m are 100 ha each; the 200 m × 200 m mine
// across the core/buffer line is 40,000 m², 20,000 m² in each (in feet it would be 430,556).
TEST(TextCrsFactsCli, AProjectedCrsInFeetIsWorkedInMetres) {
  test::TempDir dir;
  const std::string feet_wkt =
      "PROJCS[\"CGCS2000 / TM 105E (ft)\",GEOGCS[\"China Geodetic Coordinate System 2000\","
      "DATUM[\"China_2000\",SPHEROID[\"CGCS2000\",6378137,298.257222101]],PRIMEM["
      "\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],"
      "PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",105],PARAMETER["
      "\"scale_factor\",1],PARAMETER[\"false_easting\",1640419.947506562],PARAMETER["
      "\"false_northing\",0],UNIT[\"foot\",0.3048],AXIS[\"Easting\",EAST],AXIS[\"Northing\","
      "NORTH]]";
  auto feet_square = [](double x0, double y0, double w, double h) {
    auto p = [](double x, double y) {
      return std::to_string((500000.0 + x) / 0.3048) + " " +
             std::to_string((3700000.0 + y) / 0.3048);
    };
    return "POLYGON ((" + p(x0, y0) + ", " + p(x0 + w, y0) + ", " + p(x0 + w, y0 + h) + ", " +
           p(x0, y0 + h) + ", " + p(x0, y0) + "))";
  };
  LayerSpec zones = test::gk_zoning(
      "GPKG", "功能分区",
      {{"核心区", feet_square(0, 0, 1000, 1000)}, {"缓冲区", feet_square(1000, 0, 1000, 1000)}});
  zones.epsg = 0;
  zones.crs_wkt = feet_wkt;
  test::write_layer(dir.file("zones.gpkg"), zones);
  LayerSpec mine;
  mine.layer = "mining";
  mine.crs_wkt = feet_wkt;
  mine.geometry_type = "Polygon";
  mine.fields = {FieldSpec{"编号"}, FieldSpec{"类型"}};
  mine.features.push_back({feet_square(900, 400, 200, 200), {"KQ1", "采矿权"}});
  test::write_layer(dir.file("mining.gpkg"), mine);
  const auto r = run_cli({"check", "--before", dir.file("zones.gpkg"), "--after",
                          dir.file("zones.gpkg"), "--mining", dir.file("mining.gpkg"),
                          "--area-method", "planar", "--format", "json", "--out", dir.file("out")});
  EXPECT_LE(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("working CRS EPSG:4544"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("core                    100.00"), std::string::npos) << r.out;
  const auto report = nlohmann::json::parse(test::read_file(dir.file("out/report.json")));
  const auto& f = report["extensions"]["conflicts"]["features"].at(0);
  EXPECT_NEAR(f["area_m2"].get<double>(), 40000.0, 1e-3);
  double core = 0, buffer = 0;
  for (const auto& a : f["before"]["areas"]) {
    if (a["zone"] == "core") core = a["area_m2"].get<double>();
    if (a["zone"] == "buffer") buffer = a["area_m2"].get<double>();
  }
  EXPECT_NEAR(core, 20000.0, 1e-3);
  EXPECT_NEAR(buffer, 20000.0, 1e-3);
}

TEST(TextCrsFactsCli, Wgs84ToCgcs2000NoteStatesTheRealMagnitude) {
  test::TempDir dir;
  write_wgs84_zoning(dir.file("wgs84.gpkg"),
                     "POLYGON ((105.0 30.0, 105.01 30.0, 105.01 30.01, 105.0 30.01, 105.0 30.0))");
  const auto r = run_cli({"validate", "--json", dir.file("wgs84.gpkg")});
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  bool noted = false;
  const auto j = nlohmann::json::parse(r.out);
  for (const auto& i : j.at("issues")) {
    if (i.at("code") != "ballpark-transformation") continue;
    noted = true;
    const std::string m = i.at("message");
    EXPECT_NE(m.find("well under a metre"), std::string::npos) << m;
    EXPECT_EQ(m.find("tens of metres"), std::string::npos) << m;
  }
  EXPECT_TRUE(noted) << r.out;  // PROJ 9.1 has no WGS 84 → CGCS2000 shift: ballpark
}

}  // namespace
}  // namespace reserve
