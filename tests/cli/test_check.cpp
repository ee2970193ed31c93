// `reserve check` as a black box: GeoPackages written here through GDAL (EPSG:4544, planar areas
// hand-computable), the binary run with popen, stdout / stderr / exit code and the report files
// checked.
#include <gdal.h>
#include <gtest/gtest.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <unistd.h>

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

void write_zones(const fs::path& path, const std::vector<Row>& rows, int epsg = 4544,
                 const std::string& field = "功能分区") {
  reserve::test::write_zone_gpkg(path.string(), field, rows, epsg);
}

// The shared runner, with this test's folder as the working directory.
reserve::test::CliResult run(const std::string& args, const fs::path& dir) {
  return reserve::test::run_cli_line(args, dir.string());
}

// Core 100 m square (1 ha), buffer frame to [-100,200]² (8 ha), experimental frame to
// [-200,300]² (16 ha): total 25 ha, core+buffer share 36 %.
const char* kCore = "POLYGON((0 0,100 0,100 100,0 100,0 0))";
const char* kBuffer =
    "POLYGON((-100 -100,200 -100,200 200,-100 200,-100 -100),(0 0,0 100,100 100,100 0,0 0))";
const char* kExperimental =
    "POLYGON((-200 -200,300 -200,300 300,-200 300,-200 -200),"
    "(-100 -100,-100 200,200 200,200 -100,-100 -100))";
// The experimental frame without its east strip x ∈ [200,300]: 16 − 5 = 11 ha.
const char* kExperimentalCut =
    "POLYGON((-200 -200,200 -200,200 300,-200 300,-200 -200),"
    "(-100 -100,-100 200,200 200,200 -100,-100 -100))";

class CheckCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("reserve_check_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    write_zones(dir_ / "before.gpkg",
                {{"核心区", kCore}, {"缓冲区", kBuffer}, {"实验区", kExperimental}});
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(CheckCli, UnchangedProposalPassesAndWritesAllReports) {
  write_zones(dir_ / "after.gpkg",
              {{"核心区", kCore}, {"缓冲区", kBuffer}, {"实验区", kExperimental}});
  const reserve::test::CliResult r =
      run("check --before before.gpkg --after after.gpkg --area-method planar", dir_);
  // No conflict layers: no-adjusting-instead-of-rectifying is not evaluated → overall WARN, exit 0.
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("no-slimming                          PASS"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("NOT EVALUATED"), std::string::npos);
  EXPECT_NE(r.out.find("Overall: WARN"), std::string::npos);
  // Zone areas to 0.01 ha (hand-computed above).
  EXPECT_NE(r.out.find("  core                      1.00     4.00 %         1.00"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("25.00"), std::string::npos);
  for (const char* f : {"report.json", "report.md", "report.html", "evidence.gpkg"})
    EXPECT_TRUE(fs::exists(dir_ / "reserve-out" / f)) << f;
  std::ifstream in(dir_ / "reserve-out" / "report.json");
  const auto j = nlohmann::json::parse(in);
  EXPECT_EQ(j["audit"]["inputs"][0]["role"], "before");
  EXPECT_EQ(j["audit"]["inputs"][0]["sha256"].get<std::string>().size(), 64u);
  EXPECT_NE(j["audit"]["command_line"].get<std::string>().find("--area-method planar"),
            std::string::npos);
  EXPECT_EQ(j["audit"]["area_method"], "planar");
}

TEST_F(CheckCli, ShrinkingProposalFailsWithExitOne) {
  write_zones(dir_ / "after.gpkg",
              {{"核心区", kCore}, {"缓冲区", kBuffer}, {"实验区", kExperimentalCut}});
  const reserve::test::CliResult r =
      run("check --before before.gpkg --after after.gpkg --area-method planar --out out "
          "--format json,html",
          dir_);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("no-slimming                          FAIL"), std::string::npos) << r.out;
  // Removed 100 m × 500 m = 5 ha; total 25 → 20 ha.
  EXPECT_NE(r.out.find("gross removed 5.00 ha"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("-5.00"), std::string::npos);
  EXPECT_TRUE(fs::exists(dir_ / "out" / "report.json"));
  EXPECT_TRUE(fs::exists(dir_ / "out" / "report.html"));
  EXPECT_FALSE(fs::exists(dir_ / "out" / "report.md"));
}

TEST_F(CheckCli, JsonToStdout) {
  write_zones(dir_ / "after.gpkg",
              {{"核心区", kCore}, {"缓冲区", kBuffer}, {"实验区", kExperimentalCut}});
  const reserve::test::CliResult r =
      run("check --before before.gpkg --after after.gpkg --area-method planar --json --no-reports",
          dir_);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["schema_version"], "1.0.0");
  EXPECT_NEAR(j["comparison"]["removed"]["area_m2"].get<double>(), 5e4, 1e-6);
  EXPECT_FALSE(fs::exists(dir_ / "reserve-out"));
}

TEST_F(CheckCli, MismatchedCrsIsAnInputError) {
  write_zones(dir_ / "after.gpkg",
              {{"核心区", kCore}, {"缓冲区", kBuffer}, {"实验区", kExperimental}}, 4545);
  const reserve::test::CliResult r = run("check --before before.gpkg --after after.gpkg", dir_);
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("EPSG:4544"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("EPSG:4545"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--working-crs"), std::string::npos) << r.err;
}

TEST_F(CheckCli, MissingZoneFieldIsAnInputError) {
  write_zones(dir_ / "after.gpkg",
              {{"核心区", kCore}, {"缓冲区", kBuffer}, {"实验区", kExperimental}});
  const reserve::test::CliResult r =
      run("check --before before.gpkg --after after.gpkg --zone-field 分区代码", dir_);
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("分区代码"), std::string::npos) << r.err;
}

TEST_F(CheckCli, EmptyProposalIsAnInputError) {
  write_zones(dir_ / "after.gpkg", {});
  const reserve::test::CliResult r = run("check --before before.gpkg --after after.gpkg", dir_);
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_FALSE(r.err.empty());
}

TEST_F(CheckCli, TwoZoneProposalWithoutMappingIsAnInputErrorWhenTheProfileForbidsIt) {
  write_zones(dir_ / "after.gpkg",
              {{"核心保护区", "POLYGON((-100 -100,200 -100,200 200,-100 200,-100 -100))"},
               {"一般控制区", kExperimental}});
  std::ofstream(dir_ / "strict.toml")
      << "name = \"strict\"\nversion = \"1\"\n[zone_model]\nallow_mapping = false\n"
         "[[rules]]\nid = \"no-slimming\"\n";
  const reserve::test::CliResult r =
      run("check --before before.gpkg --after after.gpkg --profile ./strict.toml", dir_);
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("proposal uses the two-zone model"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("give a mapping"), std::string::npos) << r.err;

  // The shipped three-no profile maps it (default mapping: nothing changes here).
  const reserve::test::CliResult ok =
      run("check --before before.gpkg --after after.gpkg --area-method planar --no-reports", dir_);
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("two-zone model"), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("core-buffer-share                    PASS"), std::string::npos) << ok.out;
}

TEST_F(CheckCli, UsageErrorsExitTwo) {
  EXPECT_EQ(run("check --before before.gpkg", dir_).exit_code, 2);
  const reserve::test::CliResult profile =
      run("check --before before.gpkg --after before.gpkg --profile no-such-profile", dir_);
  EXPECT_EQ(profile.exit_code, 2) << profile.err;
  EXPECT_NE(profile.err.find("three-no"), std::string::npos) << profile.err;
  EXPECT_EQ(run("check --before before.gpkg --after before.gpkg --format pdf", dir_).exit_code, 2);
  std::ofstream(dir_ / "typo.toml") << "name = \"t\"\nversion = \"1\"\ntolerance = 1\n";
  const reserve::test::CliResult typo =
      run("check --before before.gpkg --after before.gpkg --profile typo.toml", dir_);
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("tolerance"), std::string::npos) << typo.err;
  EXPECT_NE(typo.err.find("typo.toml"), std::string::npos) << typo.err;
}

TEST_F(CheckCli, MissingInputFileExitsThree) {
  const reserve::test::CliResult r = run("check --before before.gpkg --after nowhere.gpkg", dir_);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("nowhere.gpkg"), std::string::npos) << r.err;
}

}  // namespace
