// `reserve check` in province mode as a black box, on the synthetic province of
// tests/province/province_fixture.hpp (hand-computed figures there): the files in --out, the
// province.json contract the benchmark reads, --jobs 1 and --jobs 4 giving the same JSON, no
// progress on a redirected stderr, and the single-reserve use unchanged.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "province/province_fixture.hpp"
#include "support/cli_runner.hpp"
#include "support/temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class ProvinceCli : public ::testing::Test {
 protected:
  void SetUp() override {
    reserve::test::write_layer(dir_.file("before.gpkg"),
                               reserve::test::province_layer(reserve::test::province_before()));
    reserve::test::write_layer(dir_.file("after.gpkg"),
                               reserve::test::province_layer(reserve::test::province_after()));
    reserve::test::write_layer(dir_.file("mining.gpkg"), reserve::test::province_mining());
  }
  reserve::test::CliResult check(const std::string& extra) const {
    return reserve::test::run_cli_line(
        "check --before before.gpkg --after after.gpkg --mining mining.gpkg "
        "--area-method planar " +
            extra,
        dir_.path());
  }
  json province_json(const std::string& out) const {
    json j = json::parse(reserve::test::read_file(dir_.file(out + "/province.json")));
    // The run's time and command line (--out) are all that may differ between two runs.
    j.erase("generated_utc");
    j.erase("command_line");
    for (auto& r : j["reserves"])
      if (!r["report"].is_null())
        for (const char* key : {"generated_utc", "command_line"}) r["report"]["audit"].erase(key);
    return j;
  }
  reserve::test::TempDir dir_;
};

TEST_F(ProvinceCli, BenchmarkContractAndSilentStderrWhenRedirected) {
  const auto r = check("--reserve-field 保护区名称 --out out --format json");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;  // 甲保护区 fails no-slimming
  EXPECT_EQ(r.err, "");  // stderr is a file here, not a terminal: no progress line
  EXPECT_TRUE(fs::exists(dir_.file("out/province.json")));
  EXPECT_FALSE(fs::exists(dir_.file("out/province.csv")));  // --format json: only the JSON
  const json j = province_json("out");
  ASSERT_EQ(j["reserves"].size(), 8u);
  for (const auto& row : j["reserves"]) {
    ASSERT_TRUE(row["reserve"].is_string());
    const std::string m = row["match"];
    EXPECT_TRUE(m == "matched" || m == "added" || m == "removed" || m == "merged" || m == "split" ||
                m == "renamed");
    // report: the single check's report.json object, or null when not checked.
    if (m == "added" || m == "removed")
      EXPECT_TRUE(row["report"].is_null());
    else
      EXPECT_EQ(row["report"]["schema_version"], "1.0.0");
  }
  const auto& a = *std::find_if(j["reserves"].begin(), j["reserves"].end(),
                                [](const json& row) { return row["reserve"] == "甲保护区"; });
  EXPECT_NEAR(a["before_area_m2"].get<double>(), 3e6, 0.01);  // 3000 m × 1000 m
  EXPECT_NEAR(a["report"]["comparison"]["after"]["total_m2"].get<double>(), 2.5e6, 0.01);
  EXPECT_EQ(a["verdicts"]["no-slimming"], "fail");
  ASSERT_EQ(j["overlaps"]["before"].size(), 1u);
  ASSERT_EQ(j["overlaps"]["after"].size(), 1u);
  EXPECT_NEAR(j["overlaps"]["after"][0]["area_m2"].get<double>(), 1e5, 0.01);  // 200 m × 500 m
  EXPECT_EQ(j["summary"]["exit_code"], 1);
  EXPECT_EQ(j["summary"]["match"]["merged"], 1);
  EXPECT_EQ(j["summary"]["match"]["split"], 1);
}

// On a terminal (a pseudo-terminal from util-linux `script`, Debian's essential bsdutils) the
// progress line is shown and ended before the summary; --quiet silences it there too.
TEST_F(ProvinceCli, ProgressOnlyOnATerminalAndNotWithQuiet) {
  const std::string cmd = std::string(RESERVE_CLI_PATH) +
                          " check --before before.gpkg --after after.gpkg --area-method planar "
                          "--out o --format json --jobs 1";
  const auto shown = reserve::test::run_shell(
      "script -qec " + reserve::test::shell_quote(cmd) + " /dev/null", dir_.path());
  EXPECT_NE(shown.out.find("reserves done 6/6, ETA 00:0"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("\nProvince check:"), std::string::npos) << shown.out;
  const auto quiet = reserve::test::run_shell(
      "script -qec " + reserve::test::shell_quote(cmd + " --quiet") + " /dev/null", dir_.path());
  EXPECT_EQ(quiet.out.find("reserves done"), std::string::npos) << quiet.out;
}

TEST_F(ProvinceCli, OneJobAndFourJobsWriteTheSameJson) {
  const auto one = check("--out one --format json --jobs 1");
  const auto four = check("--out four --format json --jobs 4");
  EXPECT_EQ(one.exit_code, 1) << one.err;
  EXPECT_EQ(four.exit_code, 1) << four.err;
  EXPECT_TRUE(province_json("one") == province_json("four"));  // (no 100 kB diff on failure)
}

TEST_F(ProvinceCli, WritesTableMapHtmlAndReserveFolders) {
  const auto r = check("--out out --per-reserve-reports --jobs 2");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("甲保护区"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Overall: fail"), std::string::npos) << r.out;
  for (const char* f : {"province.csv", "province.xlsx", "province.json", "province.html",
                        "province_map.png", "province_map.pdf", "province_ledger.csv",
                        "province_ledger.xlsx", "reserves/甲保护区/report.json",
                        "reserves/戊保护区/report.html", "reserves/甲保护区/ledger.csv"})
    EXPECT_TRUE(fs::exists(dir_.file(std::string("out/") + f))) << f;
  EXPECT_FALSE(fs::exists(dir_.file("out/reserves/丁保护区")));  // added: not checked
  const std::string csv = reserve::test::read_file(dir_.file("out/province.csv"));
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u);  // UTF-8 byte-order mark for Excel
  // 甲保护区: 300 ha → 250 ha, share 66.67 % → 80.00 %, one freed mining right.
  EXPECT_NE(csv.find("甲保护区,matched,甲保护区,甲保护区,300.000000,250.000000,-50.000000,66.67,"
                     "80.00,fail"),
            std::string::npos)
      << csv;
  const std::string png = reserve::test::read_file(dir_.file("out/province_map.png"));
  EXPECT_EQ(png.substr(1, 3), "PNG");
}

// The summary's columns line up on a terminal: a Chinese character takes two cells, so the Match
// column starts in the same cell on the header and on every reserve's row (expected cells counted
// by hand: "  " + the name column + " ").
TEST_F(ProvinceCli, SummaryColumnsLineUpWithChineseNames) {
  const auto r = check("--out out --jobs 1");
  std::istringstream lines(r.out);
  std::string line;
  std::vector<std::size_t> match_cells;
  while (std::getline(lines, line)) {
    for (const std::string word : {" Match ", " matched ", " added ", " removed "}) {
      const auto at = line.find(word);
      if (at == std::string::npos || line.rfind("  ", 0) != 0) continue;
      // Cells before the word: ASCII one each, a three-byte CJK character two.
      std::size_t cells = 0;
      for (std::size_t i = 0; i <= at;) {
        const auto c = static_cast<unsigned char>(line[i]);
        const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        cells += n == 3 ? 2 : 1;
        i += n;
      }
      match_cells.push_back(cells);
      break;
    }
  }
  ASSERT_GE(match_cells.size(), 4u) << r.out;  // the header and at least three reserves
  for (std::size_t cells : match_cells) EXPECT_EQ(cells, match_cells.front()) << r.out;
  EXPECT_EQ(match_cells.front(), 2u + 28u + 1u) << r.out;  // short names: the 28-cell minimum
}

TEST_F(ProvinceCli, JsonModePrintsProvinceJsonAndNoProgress) {
  const auto r = check("--json --no-reports");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "");
  const json j = json::parse(r.out);
  EXPECT_EQ(j["reserve_field"], "保护区名称");
  EXPECT_EQ(j["reserves"].size(), 8u);
}

// `reserve ledger --reserve-field`: one ledger with a reserve column. Only 甲矿 lies near a
// reserve (in 甲保护区's cut); the other right is 30 km away: one problem row.
TEST_F(ProvinceCli, LedgerOverTheProvinceHasAReserveColumn) {
  const auto r = reserve::test::run_cli_line(
      "ledger --before before.gpkg --after after.gpkg --mining mining.gpkg "
      "--reserve-field 保护区名称 --out led",
      dir_.path());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
  const std::string csv = reserve::test::read_file(dir_.file("led/province_ledger.csv"));
  std::size_t lines = 0;
  for (char c : csv) lines += c == '\n';
  EXPECT_EQ(lines, 2u) << csv;  // header + one problem
  EXPECT_NE(csv.find("\r\n甲保护区,F-1,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("甲矿"), std::string::npos);
  EXPECT_TRUE(fs::exists(dir_.file("led/province_ledger.xlsx")));
}

// `reserve map --reserve-field`: the overview map of the province check.
TEST_F(ProvinceCli, MapDrawsTheProvinceOverview) {
  const auto r = reserve::test::run_cli_line(
      "map --before before.gpkg --after after.gpkg --mining mining.gpkg "
      "--reserve-field 保护区名称 --format png,svg --out ov/map",
      dir_.path());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  const std::string svg = reserve::test::read_file(dir_.file("ov/map.svg"));
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_EQ(reserve::test::read_file(dir_.file("ov/map.png")).substr(1, 3), "PNG");
}

// Without --reserve-field, ledger, overlay and map detect the field as `reserve check` does
// (保护区名称 here) and give the same outputs as with it.
TEST_F(ProvinceCli, LedgerOverlayAndMapDetectTheReserveField) {
  const std::string in = "--before before.gpkg --after after.gpkg --mining mining.gpkg ";
  auto run = [&](const std::string& line) {
    const auto r = reserve::test::run_cli_line(line, dir_.path());
    EXPECT_LE(r.exit_code, 1) << line << "\n" << r.out << r.err;
    return r;
  };
  run("ledger " + in + "--reserve-field 保护区名称 --out given");
  run("ledger " + in + "--out detected");
  EXPECT_EQ(reserve::test::read_file(dir_.file("detected/province_ledger.csv")),
            reserve::test::read_file(dir_.file("given/province_ledger.csv")));

  const json given = json::parse(run("overlay " + in + "--reserve-field 保护区名称 --json").out);
  const json detected = json::parse(run("overlay " + in + "--json").out);
  EXPECT_EQ(detected["reserve_field"], "保护区名称");
  EXPECT_EQ(detected["reserves"], given["reserves"]);

  run("map " + in + "--reserve-field 保护区名称 --format svg --out given/map");
  run("map " + in + "--format svg --out detected/map");
  EXPECT_EQ(reserve::test::read_file(dir_.file("detected/map.svg")),
            reserve::test::read_file(dir_.file("given/map.svg")));
}

// `reserve overlay --reserve-field`: each checked reserve's overlay; 甲矿 is freed (exit 1).
TEST_F(ProvinceCli, OverlayPerReserve) {
  const auto r = reserve::test::run_cli_line(
      "overlay --before before.gpkg --after after.gpkg --mining mining.gpkg "
      "--reserve-field 保护区名称 --json",
      dir_.path());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  const json j = json::parse(r.out);
  ASSERT_EQ(j["reserves"].size(), 6u);  // the checked rows (added and removed are not)
  std::size_t features = 0;
  for (const auto& row : j["reserves"]) {
    features += row["overlay"]["features"].size();
    if (row["reserve"] == "甲保护区") {
      ASSERT_EQ(row["overlay"]["features"].size(), 1u);
      EXPECT_EQ(row["overlay"]["features"][0]["change"], "freed");
    }
  }
  EXPECT_EQ(features, 1u);  // the other right is 30 km from every reserve
}

TEST_F(ProvinceCli, OneReserveStaysTheSingleCheck) {
  reserve::test::write_layer(dir_.file("one_before.gpkg"),
                             reserve::test::province_layer({reserve::test::province_before()[1]}));
  reserve::test::write_layer(dir_.file("one_after.gpkg"),
                             reserve::test::province_layer({reserve::test::province_after()[1]}));
  const auto r = reserve::test::run_cli_line(
      "check --before one_before.gpkg --after one_after.gpkg --area-method planar --out single",
      dir_.path());
  EXPECT_NE(r.out.find("Zone areas (ha)"), std::string::npos) << r.out << r.err;
  EXPECT_TRUE(fs::exists(dir_.file("single/report.json")));
  EXPECT_FALSE(fs::exists(dir_.file("single/province.json")));
}

}  // namespace
