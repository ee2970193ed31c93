// `reserve map` draws the comparison `reserve check` makes: on the sample case the map's change
// areas are exactly the check's significant pieces (the review found 6 removed and 6 added
// pieces hatched where the check counts 4 and 3, because the map compared with default options
// instead of the profile's noise tolerances). Also: the default title fits the input, and --out
// creates its folder.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "support/cli_runner.hpp"
#include "support/temp_dir.hpp"

namespace reserve {
namespace {

const std::filesystem::path kData = std::filesystem::path(RESERVE_SOURCE_DIR) / "data";

std::string data(const char* name) { return (kData / name).string(); }

std::string pdf_text(const std::string& path) {
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(
      popen(("pdftotext -enc UTF-8 '" + path + "' -").c_str(), "r"), pclose);
  char buf[4096];
  while (pipe && fgets(buf, sizeof buf, pipe.get())) out += buf;
  return out;
}

int significant_pieces(const nlohmann::json& comparison, const char* kind) {
  int n = 0;
  for (const auto& p : comparison.at(kind).at("pieces")) n += p.at("noise").get<bool>() ? 0 : 1;
  return n;
}

TEST(MapAgreesWithCheck, DrawsExactlyTheChecksSignificantPiecesOnTheSample) {
  const auto check = test::run_cli({"check", "--before", data("baseline.gpkg"), "--after",
                                    data("proposal.gpkg"), "--json", "--no-reports"});
  ASSERT_EQ(check.exit_code, 1) << check.err;  // the sample is built to fail
  const nlohmann::json cmp = nlohmann::json::parse(check.out).at("comparison");
  const int removed = significant_pieces(cmp, "removed");
  const int downgraded = significant_pieces(cmp, "downgraded");
  const int added = significant_pieces(cmp, "added");
  // The review's figures for the check on the sample: 4 removed and 3 added significant pieces.
  EXPECT_EQ(removed, 4);
  EXPECT_EQ(added, 3);

  test::TempDir dir;
  const std::string out = dir.file("not/yet/there/map.svg");  // --out creates the folders
  const auto map = test::run_cli({"map", "--before", data("baseline.gpkg"), "--after",
                                  data("proposal.gpkg"), "--format", "svg", "--out", out});
  ASSERT_EQ(map.exit_code, 0) << map.err;
  EXPECT_TRUE(std::filesystem::exists(out));
  std::smatch m;
  const std::string text = map.out;
  ASSERT_TRUE(std::regex_search(
      text, m, std::regex(R"(change areas drawn: (\d+) removed / (\d+) downgraded / (\d+) added)")))
      << map.out;
  EXPECT_EQ(std::stoi(m[1]), removed);
  EXPECT_EQ(std::stoi(m[2]), downgraded);
  EXPECT_EQ(std::stoi(m[3]), added);
}

TEST(MapAgreesWithCheck, DefaultTitleFitsTheInput) {
  test::TempDir dir;
  const auto both = test::run_cli({"map", "--before", data("baseline.gpkg"), "--after",
                                   data("proposal.gpkg"), "--out", dir.file("cmp.pdf")});
  ASSERT_EQ(both.exit_code, 0) << both.err;
  const std::string cmp = pdf_text(dir.file("cmp.pdf"));
  EXPECT_NE(cmp.find("保护区功能区调整对比图"), std::string::npos) << cmp.substr(0, 300);
  EXPECT_EQ(cmp.find("自然保护区功能分区图"), std::string::npos);

  const auto one =
      test::run_cli({"map", "--before", data("baseline.gpkg"), "--out", dir.file("one.pdf")});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  const std::string single = pdf_text(dir.file("one.pdf"));
  EXPECT_NE(single.find("自然保护区功能分区图"), std::string::npos) << single.substr(0, 300);
  EXPECT_EQ(single.find("调整对比图"), std::string::npos);
  // No comparison, so no change classes in the legend.
  for (const char* absent : {"调出区域", "降级区域", "调入区域"})
    EXPECT_EQ(single.find(absent), std::string::npos) << absent;
}

}  // namespace
}  // namespace reserve
