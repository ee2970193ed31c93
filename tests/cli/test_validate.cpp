// `reserve validate` as a black box: GeoPackages written here through GDAL, the binary run with
// popen, stdout/stderr and the exit code checked. Areas are planar in EPSG:4544 so that every
// figure is hand-computable.
#include <cpl_conv.h>
#include <gdal.h>
#include <gtest/gtest.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/cli_runner.hpp"
#include "support/gdal_writer.hpp"

namespace {

namespace fs = std::filesystem;

using Row = reserve::test::ZoneRow;  // WKT in local metres, shifted to E 500000, N 3700000

void write_gpkg(const fs::path& path, const std::string& field, const std::vector<Row>& rows) {
  reserve::test::write_zone_gpkg(path.string(), field, rows);
}

// The shared runner, with this test's folder as the working directory.
reserve::test::CliResult run(const std::string& args, const fs::path& dir) {
  return reserve::test::run_cli_line(args, dir.string());
}

const char* kSquare100 = "POLYGON((0 0,100 0,100 100,0 100,0 0))";
// Buffer frame [-100,200]² around the core square; experimental frame [-200,300]² around it.
const char* kBufferFrame =
    "POLYGON((-100 -100,200 -100,200 200,-100 200,-100 -100),(0 0,0 100,100 100,100 0,0 0))";
const char* kExperimentalFrame =
    "POLYGON((-200 -200,300 -200,300 300,-200 300,-200 -200),"
    "(-100 -100,-100 200,200 200,200 -100,-100 -100))";

class ValidateCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("reserve_validate_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(ValidateCli, GoodZoningPrintsZoneAreasAndExitsZero) {
  write_gpkg(dir_ / "good.gpkg", "功能分区",
             {{"核心区", kSquare100}, {"缓冲区", kBufferFrame}, {"实验区", kExperimentalFrame}});
  const reserve::test::CliResult r = run("validate good.gpkg --area-method planar", dir_);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  // Hand-computed: core 100² = 1 ha; buffer 300² − 100² = 8 ha; experimental 500² − 300² = 16 ha.
  EXPECT_NE(r.out.find("核心区"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1.00 ha"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("8.00 ha"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("16.00 ha"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("25.00 ha"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("planar method"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0 error(s)"), std::string::npos) << r.out;
}

TEST_F(ValidateCli, JsonOutputCarriesAreasIssuesAndSummary) {
  write_gpkg(
      dir_ / "good.gpkg", "ZONE",
      {{"core", kSquare100}, {"buffer", kBufferFrame}, {"experimental", kExperimentalFrame}});
  const reserve::test::CliResult r = run("validate good.gpkg --json", dir_);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["area_method"], "geodesic");
  EXPECT_EQ(j["working_crs"], "EPSG:4544");
  ASSERT_EQ(j["zones"].size(), 3u);
  // Geodesic area of the 100 m core square near the central meridian (x ≈ 50 m from 500 km):
  // the GK scale there is 1 + ~1e-10 (with k0 = 1), so 10000 m² to 1e-4 m².
  EXPECT_NEAR(j["zones"][0]["area_m2"].get<double>(), 10000.0, 1e-2);
  EXPECT_EQ(j["summary"]["errors"], 0);
  EXPECT_EQ(j["sources"][0]["source_crs"], "EPSG:4544");
  EXPECT_EQ(j["sources"][0]["sha256"].get<std::string>().size(), 64u);
}

TEST_F(ValidateCli, OverlappingZonesAreErrorsWithTheirArea) {
  // Core [0,100]² and buffer [50,150]×[0,100]: overlap 50 × 100 = 5000 m².
  write_gpkg(dir_ / "overlap.gpkg", "功能分区",
             {{"核心区", kSquare100}, {"缓冲区", "POLYGON((50 0,150 0,150 100,50 100,50 0))"}});
  const reserve::test::CliResult r = run("validate overlap.gpkg --area-method planar", dir_);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("zone-overlap"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[5000.00 m²]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("overlap.gpkg, layer 'zones', feature 1"), std::string::npos) << r.out;
}

TEST_F(ValidateCli, SelfIntersectingRingIsRepairedAndItsAreaChangeReported) {
  // A bow tie (0,0)(100,100)(100,0)(0,100): shoelace 0 m², repaired into two 2500 m² triangles.
  write_gpkg(dir_ / "bowtie.gpkg", "分区", {{"实验区", "POLYGON((0 0,100 100,100 0,0 100,0 0))"}});
  // Without permission the repair is not made: an error finding (exit 1), not a stop (exit 3).
  reserve::test::CliResult r = run("validate bowtie.gpkg --area-method planar", dir_);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("invalid-geometry"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--allow-repair-area-change"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("feature 1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Repairs (0)"), std::string::npos) << r.out;

  r = run("validate bowtie.gpkg --area-method planar --allow-repair-area-change", dir_);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("Repairs (1)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Self-intersection"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(Δ 5000.00 m²)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("invalid-geometry-repaired"), std::string::npos) << r.out;

  r = run("validate bowtie.gpkg --no-repair", dir_);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("not repaired: --no-repair"), std::string::npos) << r.out;
}

TEST_F(ValidateCli, UnknownLabelsAreListedAndCanBeMapped) {
  write_gpkg(dir_ / "codes.gpkg", "分区",
             {{"1", kSquare100}, {"2", kBufferFrame}, {"3", kExperimentalFrame}});
  reserve::test::CliResult r = run("validate codes.gpkg", dir_);
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("'1' ×1, '2' ×1, '3' ×1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--zone-map '1=ZONE,2=ZONE,3=ZONE'"), std::string::npos) << r.err;

  // Options before the positional file: a repeated option takes one value each time.
  r =
      run("validate --zone-map '1=core' --zone-map '2=buffer,3=experimental' codes.gpkg "
          "--area-method planar",
          dir_);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("16.00 ha"), std::string::npos) << r.out;
}

TEST_F(ValidateCli, MissingZoneFieldIsAnInputError) {
  write_gpkg(dir_ / "good.gpkg", "功能分区", {{"核心区", kSquare100}});
  const reserve::test::CliResult r = run("validate good.gpkg --zone-field ZONE", dir_);
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("'ZONE' does not exist"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("'功能分区'"), std::string::npos) << r.err;
}

TEST_F(ValidateCli, OneFilePerZone) {
  write_gpkg(dir_ / "core.gpkg", "name", {{"a", kSquare100}});
  write_gpkg(dir_ / "buffer.gpkg", "name", {{"b", kBufferFrame}});
  const reserve::test::CliResult r =
      run("validate --zone-file core=core.gpkg --zone-file 缓冲区=buffer.gpkg --area-method planar",
          dir_);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("8.00 ha"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("9.00 ha"), std::string::npos) << r.out;  // total
}

TEST_F(ValidateCli, UsageErrorsExitTwo) {
  EXPECT_EQ(run("validate", dir_).exit_code, 2);
  EXPECT_EQ(run("validate x.gpkg --area-method land", dir_).exit_code, 2);
  EXPECT_EQ(run("validate --zone-file nowhere=x.gpkg", dir_).exit_code, 2);
}

}  // namespace
