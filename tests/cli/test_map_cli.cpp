// `reserve map` as a black box: zonings, mining rights and rivers written here through GDAL, the
// binary run through the shell, outputs and exit codes checked.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "support/cli_runner.hpp"
#include "support/gdal_writer.hpp"
#include "support/temp_dir.hpp"

namespace reserve {
namespace {

using test::FieldSpec;
using test::LayerSpec;
using test::run_cli;

// A 10 km × 8 km reserve at E 550000, N 3320000 (EPSG:4544); the proposal drops the east 2 km.
struct MapInputs {
  test::TempDir dir;
  std::string before = dir.file("before.gpkg");
  std::string after = dir.file("after.gpkg");
  std::string mining = dir.file("mining.gpkg");
  std::string rivers = dir.file("rivers.gpkg");
  MapInputs() {
    auto box = [](double x0, double y0, double x1, double y1) {
      auto p = [](double x, double y) {
        return std::to_string(550000.0 + x) + " " + std::to_string(3320000.0 + y);
      };
      return "POLYGON ((" + p(x0, y0) + ", " + p(x1, y0) + ", " + p(x1, y1) + ", " + p(x0, y1) +
             ", " + p(x0, y0) + "))";
    };
    auto ring_minus = [&](double x0, double y0, double x1, double y1, double hx0, double hy0,
                          double hx1, double hy1) {
      std::string outer = box(x0, y0, x1, y1);
      std::string hole = box(hx0, hy0, hx1, hy1);
      return outer.substr(0, outer.size() - 1) + ", " + hole.substr(9, hole.size() - 10) + ")";
    };
    LayerSpec zones;
    zones.layer = "zones";
    zones.epsg = 4544;
    zones.fields = {FieldSpec{"功能分区"}};
    zones.features = {{box(3000, 2500, 7000, 5500), {"核心区"}},
                      {ring_minus(0, 0, 10000, 8000, 3000, 2500, 7000, 5500), {"实验区"}}};
    test::write_layer(before, zones);
    zones.features = {{box(3000, 2500, 7000, 5500), {"核心区"}},
                      {ring_minus(0, 0, 8000, 8000, 3000, 2500, 7000, 5500), {"实验区"}}};
    test::write_layer(after, zones);
    LayerSpec m;
    m.layer = "mining_rights";
    m.epsg = 4544;
    m.fields = {FieldSpec{"许可证号"}, FieldSpec{"矿山名称"}, FieldSpec{"矿权类型"}};
    m.features = {
        {box(8500, 1000, 9800, 2500), {"C5300002011071120115678", "某某铅锌矿", "采矿权"}}};
    test::write_layer(mining, m);
    LayerSpec r;
    r.layer = "rivers";
    r.epsg = 4544;
    r.fields = {FieldSpec{"名称"}};
    r.features = {{"LINESTRING (549000 3324000, 555000 3324500, 561000 3326000)", {"某某河"}}};
    test::write_layer(rivers, r);
  }
};

TEST(MapCli, DrawsAllFormatsWithChineseTextAndSameBytesTwice) {
  MapInputs in;
  const std::string out = in.dir.file("map");
  const std::vector<std::string> args = {"map",
                                         "--before",
                                         in.before,
                                         "--after",
                                         in.after,
                                         "--mining",
                                         in.mining,
                                         "--rivers",
                                         in.rivers,
                                         "--format",
                                         "pdf,svg,png",
                                         "--date",
                                         "2026-11-28",
                                         "--dpi",
                                         "72",
                                         "--title",
                                         "测试保护区功能区调整图",
                                         "--out",
                                         out};
  const auto r = run_cli(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* ext : {".pdf", ".svg", ".png"})
    EXPECT_TRUE(std::filesystem::exists(out + ext)) << ext;
  EXPECT_NE(r.out.find("map.pdf"), std::string::npos) << r.out;
  const std::string text = test::run_shell("pdftotext -enc UTF-8 '" + out + ".pdf' -").out;
  for (const char* expected :
       {"测试保护区功能区调整图", "核心区", "实验区", "调出区域", "C5300002011071120115678",
        "某某河", "河流", "矿权范围", "2000国家大地坐标系", "审图号"})
    EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected;
  // Nothing was added or downgraded, and the reserve has no buffer: no such legend entries.
  for (const char* absent : {"调入区域", "降级区域", "缓冲区"})
    EXPECT_EQ(text.find(absent), std::string::npos) << "unexpected: " << absent;

  const std::string first = test::read_file(out + ".pdf");
  ASSERT_EQ(run_cli(args).exit_code, 0);
  EXPECT_TRUE(first == test::read_file(out + ".pdf")) << "PDF differs between two runs";
}

TEST(MapCli, FocusMapOfOneMiningRight) {
  MapInputs in;
  const auto r = run_cli({"map", "--before", in.before, "--mining", in.mining, "--id-field",
                          "许可证号", "--focus", "C5300002011071120115678", "--format", "svg",
                          "--out", in.dir.file("focus.svg")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(in.dir.file("focus.svg")));
  const auto bad = run_cli(
      {"map", "--before", in.before, "--focus", "no-such-feature", "--out", in.dir.file("x.pdf")});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
  EXPECT_NE(bad.err.find("no-such-feature"), std::string::npos) << bad.err;
}

TEST(MapCli, BadArgumentsAndInputsHaveClearExitCodes) {
  MapInputs in;
  EXPECT_EQ(run_cli({"map"}).exit_code, 2);  // --before is required
  auto r = run_cli({"map", "--before", in.before, "--format", "bmp"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bmp"), std::string::npos) << r.err;
  test::write_file(in.dir.file("style.toml"), "[page]\nsizee = \"A4\"\n");
  r = run_cli({"map", "--before", in.before, "--style", in.dir.file("style.toml"), "--out",
               in.dir.file("m.pdf")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("page.sizee"), std::string::npos) << r.err;
  test::write_file(in.dir.file("font.toml"), "font_family = \"No Such Font 9\"\n");
  r = run_cli({"map", "--before", in.before, "--style", in.dir.file("font.toml"), "--out",
               in.dir.file("m.pdf")});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("No Such Font 9"), std::string::npos) << r.err;
  r = run_cli({"map", "--before", in.dir.file("missing.gpkg"), "--out", in.dir.file("m.pdf")});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_FALSE(std::filesystem::exists(in.dir.file("m.pdf")));
}

}  // namespace
}  // namespace reserve

namespace reserve {
namespace {

TEST(MapCli, FocusAllDrawsOneMapPerConflictFeature) {
  MapInputs in;
  const auto r = test::run_cli({"map", "--before", in.before, "--mining", in.mining, "--focus-all",
                                "--format", "svg", "--out", in.dir.file("problem.svg")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // One mining right → one map, named after its id (the licence number).
  int maps = 0;
  for (const auto& entry : std::filesystem::directory_iterator(in.dir.path()))
    if (entry.path().extension() == ".svg") ++maps;
  EXPECT_EQ(maps, 1) << r.out;
  EXPECT_TRUE(std::filesystem::exists(in.dir.file("problem-C5300002011071120115678.svg"))) << r.out;
}

}  // namespace
}  // namespace reserve

namespace reserve {
namespace {

// `reserve check --map`: the map file is written and the same SVG is embedded in the HTML report.
TEST(MapCli, CheckEmbedsTheMapInTheHtmlReport) {
  MapInputs in;
  const std::string out = in.dir.file("reports");
  const auto r = test::run_cli({"check", "--before", in.before, "--after", in.after, "--out", out,
                                "--format", "html", "--map", in.dir.file("check-map.svg")});
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;  // 1: a rule fails (slimming)
  ASSERT_TRUE(std::filesystem::exists(in.dir.file("check-map.svg")));
  std::string html;
  for (const auto& e : std::filesystem::directory_iterator(out))
    if (e.path().extension() == ".html") html = test::read_file(e.path().string());
  ASSERT_FALSE(html.empty());
  EXPECT_NE(html.find("data:image/svg+xml;base64,"), std::string::npos);
  EXPECT_NE(html.find("2000国家大地坐标系"), std::string::npos);  // the caption
  const auto bad = test::run_cli({"check", "--before", in.before, "--after", in.after, "--out", out,
                                  "--map", in.dir.file("map.bmp")});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
}

}  // namespace
}  // namespace reserve
