// Issue 10.7: `reserve validate` lists every finding of a file in one run. One zoning holds an
// overlap, a gap, a null geometry, exposed core, an invalid feature whose repair needs permission
// and a point where a polygon belongs; before, validate stopped at the invalid one (exit 3).
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/cli_runner.hpp"
#include "support/gdal_writer.hpp"
#include "support/temp_dir.hpp"

namespace reserve {
namespace {

using test::FieldSpec;
using test::LayerSpec;
using test::run_cli;

// Local metres → EPSG:4544 (E 500000, N 3700000, on the central meridian of zone 35).
std::string at(double x, double y) {
  return std::to_string(500000.0 + x) + " " + std::to_string(3700000.0 + y);
}
std::string box(double x0, double y0, double x1, double y1) {
  return "(" + at(x0, y0) + ", " + at(x1, y0) + ", " + at(x1, y1) + ", " + at(x0, y1) + ", " +
         at(x0, y0) + ")";
}

// FIDs 1…7 in this order (GeoPackage numbers features from 1). Every figure is hand-computed
// on these axis-parallel shapes, planar in EPSG:4544:
//   1 core [0,100]²: left + bottom (200 m, one stretch) on the reserve's boundary, top on
//     experimental (100 m), right on buffer
//   2 buffer [100,300]×[0,100]; 3 experimental [250,400]×[0,100]: overlap 50 × 100 = 5000 m²
//   4 experimental [0,400]×[100,300] with a hole [150,250]×[150,250]: a 10000 m² gap
//   5 experimental, null geometry
//   6 experimental bow tie (1000,0)(1100,100)(1100,0)(1000,100): shoelace 0 m², MakeValid gives
//     two triangles of 2500 m², a change of 5000 m² that needs --allow-repair-area-change
//   7 experimental, a point
std::string write_zoning(const test::TempDir& dir) {
  LayerSpec spec;
  spec.layer = "zones";
  spec.epsg = 4544;
  spec.fields = {FieldSpec{"功能分区"}};
  spec.features = {
      {"POLYGON (" + box(0, 0, 100, 100) + ")", {"核心区"}},
      {"POLYGON (" + box(100, 0, 300, 100) + ")", {"缓冲区"}},
      {"POLYGON (" + box(250, 0, 400, 100) + ")", {"实验区"}},
      {"POLYGON (" + box(0, 100, 400, 300) + ", " + box(150, 150, 250, 250) + ")", {"实验区"}},
      {"", {"实验区"}},
      {"POLYGON ((" + at(1000, 0) + ", " + at(1100, 100) + ", " + at(1100, 0) + ", " +
           at(1000, 100) + ", " + at(1000, 0) + "))",
       {"实验区"}},
      {"POINT (" + at(2000, 0) + ")", {"实验区"}}};
  const std::string path = dir.file("zones.gpkg");
  test::write_layer(path, spec);
  return path;
}

std::multimap<std::string, nlohmann::json> by_code(const nlohmann::json& j) {
  std::multimap<std::string, nlohmann::json> out;
  for (const auto& i : j.at("issues")) out.emplace(i.at("code").get<std::string>(), i);
  return out;
}

TEST(ValidateEverythingCli, EveryFindingOfTheFileInOneRun) {
  test::TempDir dir;
  const std::string path = write_zoning(dir);
  const auto r = run_cli({"validate", "--json", "--area-method", "planar", path});
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;  // findings, not "cannot read" (was exit 3)
  const auto j = nlohmann::json::parse(r.out);
  const auto issues = by_code(j);

  ASSERT_EQ(issues.count("zone-overlap"), 1u) << r.out;
  const auto& overlap = issues.find("zone-overlap")->second;
  EXPECT_NEAR(overlap.at("area_m2").get<double>(), 5000.0, 1e-6);  // m²
  // One of the two parts is the finding's feature, the other its related feature.
  const std::string a = overlap.at("feature"), b = overlap.at("related_features").at(0);
  EXPECT_TRUE((a == "2" && b == "3") || (a == "3" && b == "2")) << overlap;

  ASSERT_EQ(issues.count("interior-gap"), 1u) << r.out;
  const auto& gap = issues.find("interior-gap")->second;
  EXPECT_NEAR(gap.at("area_m2").get<double>(), 10000.0, 1e-6);  // m²
  EXPECT_EQ(gap.at("related_features"), nlohmann::json::array({"4"}));

  ASSERT_EQ(issues.count("null-geometry"), 1u) << r.out;
  EXPECT_EQ(issues.find("null-geometry")->second.at("feature"), "5");

  ASSERT_EQ(issues.count("core-not-enclosed"), 1u) << r.out;
  const auto& exposed = issues.find("core-not-enclosed")->second;
  EXPECT_EQ(exposed.at("feature"), "1");
  // m: 200 m by hand; each end where the stretch meets another zone loses up to the 1 mm
  // enclosure slack of topology.cpp (re-vertexed shared lon/lat edges are not "exposed").
  EXPECT_NEAR(exposed.at("length_m").get<double>(), 200.0, 2.5e-3);
  EXPECT_EQ(exposed.at("severity"), "error");

  ASSERT_EQ(issues.count("invalid-geometry"), 1u) << r.out;
  const auto& invalid = issues.find("invalid-geometry")->second;
  EXPECT_EQ(invalid.at("feature"), "6");
  EXPECT_EQ(invalid.at("severity"), "error");
  EXPECT_NEAR(invalid.at("area_m2").get<double>(), 5000.0, 1e-6);  // the change it would make
  EXPECT_TRUE(invalid.at("location").is_array());
  EXPECT_NE(invalid.at("message").get<std::string>().find("--allow-repair-area-change"),
            std::string::npos);
  EXPECT_TRUE(j.at("repairs").empty());  // nothing repaired without permission

  ASSERT_EQ(issues.count("unusable-feature"), 1u) << r.out;
  const auto& point = issues.find("unusable-feature")->second;
  EXPECT_EQ(point.at("feature"), "7");
  ASSERT_TRUE(point.at("location").is_array());
  EXPECT_NEAR(point.at("location")[0].get<double>(), 502000.0, 1e-6);
  EXPECT_NEAR(point.at("location")[1].get<double>(), 3700000.0, 1e-6);

  // Every finding names its feature, or for a gap the features around it.
  for (const auto& i : j.at("issues")) {
    if (i.at("severity") == "info" || i.at("code") == "core-adjacent-experimental") continue;
    EXPECT_TRUE(!i.at("feature").get<std::string>().empty() || !i.at("related_features").empty())
        << i;
  }
}

TEST(ValidateEverythingCli, PermissionRepairsAndNoRepairRefusesAll) {
  test::TempDir dir;
  const std::string path = write_zoning(dir);
  auto r = run_cli(
      {"validate", "--json", "--area-method", "planar", "--allow-repair-area-change", path});
  ASSERT_EQ(r.exit_code, 1) << r.err;  // the other findings remain
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.at("repairs").size(), 1u);
  EXPECT_EQ(j.at("repairs")[0].at("feature"), "6");
  EXPECT_NEAR(j.at("repairs")[0].at("area_change_m2").get<double>(), 5000.0, 1e-6);
  EXPECT_EQ(by_code(j).count("invalid-geometry"), 0u);

  r = run_cli({"validate", "--json", "--area-method", "planar", "--no-repair", path});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j.at("repairs").empty());
  EXPECT_EQ(by_code(j).count("invalid-geometry"), 1u);
}

// A left-out feature whose first vertex cannot be taken to the working CRS gets no location
// (a source coordinate must not pass as a working one); its message gives the source point and
// PROJ's reason. PROJ's transverse Mercator has no value 90° of longitude from the central
// meridian on the equator: cs2cs EPSG:4490 EPSG:4544 prints "* * inf" for lat 0, lon 15.
TEST(ValidateEverythingCli, ALocationThatCannotBeTransformedIsSaidNotFaked) {
  test::TempDir dir;
  LayerSpec spec;
  spec.layer = "zones";
  spec.epsg = 4490;
  spec.fields = {FieldSpec{"功能分区"}};
  spec.features = {{"POLYGON ((105 30, 105.01 30, 105.01 30.01, 105 30.01, 105 30))", {"核心区"}},
                   {"POINT (15 0)", {"实验区"}}};
  const std::string path = dir.file("lonlat.gpkg");
  test::write_layer(path, spec);
  const auto r = run_cli({"validate", "--json", "--working-crs", "EPSG:4544", path});
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
  const auto issues = by_code(nlohmann::json::parse(r.out));
  ASSERT_EQ(issues.count("unusable-feature"), 1u) << r.out;
  const auto& point = issues.find("unusable-feature")->second;
  EXPECT_EQ(point.at("feature"), "2");
  EXPECT_TRUE(!point.contains("location") || point.at("location").is_null()) << point;
  const std::string message = point.at("message");
  EXPECT_NE(message.find("15.000000, 0.000000"), std::string::npos) << message;
  EXPECT_NE(message.find("cannot be taken to the working CRS"), std::string::npos) << message;
}

TEST(ValidateEverythingCli, AnUnreadableFileIsStillExitThree) {
  test::TempDir dir;
  const auto r = run_cli({"validate", dir.file("missing.gpkg")});
  EXPECT_EQ(r.exit_code, 3) << r.err;
}

}  // namespace
}  // namespace reserve
