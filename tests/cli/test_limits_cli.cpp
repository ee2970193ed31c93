// Issue 13.4: bounded resources and clear limits. Every hostile input ends in a result or a
// clear message naming the file (and the key or feature) with exit 2 or 3, within the time and
// memory the README states ("Limits"): each run here is held to them by `timeout` and
// `prlimit --as` (address space; under ASan its RSS cap), so a run that needs more is killed and
// the test fails.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <numbers>
#include <random>
#include <string>
#include <vector>

#include "cli/gk_squares.hpp"
#include "support/cli_runner.hpp"
#include "support/gdal_writer.hpp"
#include "support/temp_dir.hpp"

namespace reserve {
namespace {

namespace fs = std::filesystem;
using test::gk_square;

// The README's limits for one run on these inputs (see README "Limits").
constexpr int kSeconds = 60;
constexpr long kMegabytes = 2048;

// The memory limit as a shell prefix. AddressSanitizer reserves terabytes of address space for
// its shadow memory, so under it (tools/test.sh stage 2) the limit is its own resident-set cap.
std::string memory_limit_prefix() {
#if defined(__SANITIZE_ADDRESS__)
  constexpr bool asan = true;
#elif defined(__has_feature)
  constexpr bool asan = __has_feature(address_sanitizer);
#else
  constexpr bool asan = false;
#endif
  if (asan)
    return "env ASAN_OPTIONS=\"${ASAN_OPTIONS:-}:hard_rss_limit_mb=" + std::to_string(kMegabytes) +
           "\" ";
  return "prlimit --as=" + std::to_string(kMegabytes * 1024 * 1024) + " -- ";
}

// `reserve args…` under the stated limits; `as_user` runs it as user nobody (uid 65534) when the
// test runs as root, for whom permission bits do not stop reading or writing.
test::CliResult run_limited(const std::vector<std::string>& args, bool as_user = false) {
  std::string line = "timeout -k 5 " + std::to_string(kSeconds) + " " + memory_limit_prefix();
  if (as_user && ::geteuid() == 0) line += "setpriv --reuid=65534 --regid=65534 --clear-groups -- ";
  line += test::shell_quote(RESERVE_CLI_PATH);
  for (const auto& a : args) line += " " + test::shell_quote(a);
  return test::run_shell(line);
}

// A run that ended on its own (not killed by the limits, no crash) with one of `codes`.
void expect_exit(const test::CliResult& r, std::initializer_list<int> codes) {
  ASSERT_NE(r.exit_code, 124) << "killed by the " << kSeconds << " s limit";
  ASSERT_NE(r.exit_code, -1) << "crashed (a signal)";
  bool ok = false;
  for (int c : codes) ok = ok || r.exit_code == c;
  EXPECT_TRUE(ok) << "exit " << r.exit_code << "\n" << r.out << r.err;
}

void expect_mentions(const std::string& text, const std::string& what) {
  EXPECT_NE(text.find(what), std::string::npos) << "no '" << what << "' in: " << text;
}

std::string write_small_zoning(const test::TempDir& dir) {
  const std::string path = dir.file("small.gpkg");
  test::write_layer(path, test::gk_zoning("GPKG", "功能分区",
                                          {{"核心区", gk_square(0, 0, 1000)},
                                           {"缓冲区", gk_square(1000, 0, 1000)},
                                           {"实验区", gk_square(2000, 0, 1000)}}));
  return path;
}

// A GeoJSON FeatureCollection in EPSG:4544 with one feature whose geometry is `geometry_json`.
std::string geojson(const std::string& geometry_json) {
  return "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
         "\"urn:ogc:def:crs:EPSG::4544\"}},\"features\":[{\"type\":\"Feature\",\"properties\":{"
         "\"ZONE\":\"核心区\"},\"geometry\":" +
         geometry_json + "}]}";
}

// `check --before <file> --after small.gpkg`, no reports.
test::CliResult check_before(const test::TempDir& dir, const std::string& before) {
  const std::string after = dir.file("small.gpkg");
  if (!fs::exists(after)) write_small_zoning(dir);
  return run_limited({"check", "--before", before, "--after", after, "--no-reports"});
}

TEST(LimitsCli, TwoMillionVertexPolygonIsReadAndMeasured) {
  test::TempDir dir;
  // A regular 2,000,000-gon of radius 5 km centred 5 km east of the central meridian of
  // EPSG:4544. Its planar area is (n/2) r² sin(2π/n) (elementary geometry), = π r² to 1e-12.
  constexpr int n = 2'000'000;
  constexpr double r = 5000.0;
  std::string wkt = "POLYGON ((";
  wkt.reserve(std::size_t{n} * 40);
  for (int i = 0; i <= n; ++i) {
    const double t = 2.0 * std::numbers::pi * (i % n) / n;
    wkt += fmt::format("{:.4f} {:.4f}", 505000.0 + r * std::cos(t), 3700000.0 + r * std::sin(t));
    if (i < n) wkt += ",";
  }
  wkt += "))";
  test::LayerSpec spec = test::gk_zoning("GPKG", "功能分区", {{"核心区", wkt}});
  wkt.clear();
  test::write_layer(dir.file("big.gpkg"), spec);
  const auto r1 = run_limited({"info", "--json", dir.file("big.gpkg")});
  expect_exit(r1, {0});
  const auto j = nlohmann::json::parse(r1.out);
  const auto& zone = j.at("datasets")[0].at("layers")[0].at("zones")[0];
  const double planar = 0.5 * n * r * r * std::sin(2.0 * std::numbers::pi / n);
  // info reports the geodesic area: the GK projection's scale k = 1 + E²/(2R²) at E ≤ 10 km from
  // the central meridian changes areas by at most k² − 1 ≤ 2.5e-6, i.e. ≤ 196 m² here.
  EXPECT_NEAR(zone.at("area_m2").get<double>(), planar, 200.0);  // m²
  EXPECT_EQ(zone.at("features").get<int>(), 1);
}

TEST(LimitsCli, MillionRowGarbageCsvEndsWithEveryBadRowNamed) {
  test::TempDir dir;
  // 1,000,000 data rows of seeded garbage; every 1000th row is a good point, so exactly 1000
  // features are usable (by construction). Blank rows (",,,") are dropped without a word, every
  // other garbage row is named by its spreadsheet row (data row i is row i + 2).
  std::mt19937 rng(13);
  std::string csv = "名称,类别,经度,纬度\n";
  csv.reserve(40'000'000);
  const char* const junk[] = {"x,mine,abc,;;",        ",,,",        "only-one-field",
                              "a,b,1e999,30",         "a,b,105.1,", "\"q\",\"r\",\"\",\"\"",
                              "a,b,999°99'99\",30.5", "a,b,-,nan"};
  std::vector<int> named;  // the rows that must be named, in order
  for (int row = 0; row < 1'000'000; ++row) {
    if (row % 1000 == 999) {
      csv += "P" + std::to_string(row) + ",mine,105." + std::to_string(rng() % 1000) + ",30." +
             std::to_string(rng() % 1000) + "\n";
      continue;
    }
    const std::size_t kind = rng() % std::size(junk);
    if (kind != 1) named.push_back(row + 2);
    csv += junk[kind];
    csv += "\n";
  }
  test::write_file(dir.file("garbage.csv"), csv);
  csv.clear();
  const auto r = run_limited({"info", dir.file("garbage.csv")});
  expect_exit(r, {0});
  expect_mentions(r.out, "Point, 1000 feature(s)");
  // Every named row plus the CSV's CRS note; the listing shows the first 20.
  expect_mentions(r.out, "issues (" + std::to_string(named.size() + 1) + ")");
  std::size_t at = 0;
  for (int i = 0; i < 20; ++i) {
    const std::string row = "feature row " + std::to_string(named[i]) + ":";
    at = r.out.find(row, at);
    ASSERT_NE(at, std::string::npos)
        << row << " not listed (in order) in " << r.out.substr(0, 4000);
  }
}

// Issue 14.3: the report's size follows the problems, not the rows. 50,000 unusable facility rows
// (49,970 bad coordinates, rows 2–49971, then 30 without a latitude, rows 49972–50001; by
// construction) leave the 不以调代改 rule incomplete with the exact count, and each (file, code) is
// listed as its first 20 rows plus one grouped entry with the row ranges.
TEST(LimitsCli, FiftyThousandBadRowsAreGroupedWithExactCounts) {
  test::TempDir dir;
  std::string csv = "编号,名称,类别,经度,纬度\n";
  for (int i = 0; i < 49'970; ++i)
    csv += std::to_string(i) + ",设施" + std::to_string(i) + ",尾矿库,abc" + std::to_string(i) +
           ",xyz\n";
  for (int i = 49'970; i < 50'000; ++i) csv += std::to_string(i) + ",设施,尾矿库,105.1,\n";
  test::write_file(dir.file("bad.csv"), csv);
  const fs::path data = fs::path(RESERVE_SOURCE_DIR) / "data";
  const std::string out = dir.file("out");
  const auto r = run_limited({"check", "--before", (data / "baseline.gpkg").string(), "--after",
                              (data / "proposal.gpkg").string(), "--facilities",
                              dir.file("bad.csv"), "--out", out});
  expect_exit(r, {1, 5});  // other rules of the sample data fail (exit 1)
  // Before grouping this report.json was 141 MB (2,800 bytes per row); grouped it is ~0.13 MB.
  EXPECT_LT(fs::file_size(out + "/report.json"), 1'000'000u);  // bytes
  EXPECT_LT(fs::file_size(out + "/ledger.csv"), 100'000u);     // bytes (was 30 MB)
  const auto j = nlohmann::json::parse(test::read_file(out + "/report.json"));
  const auto& c = j.at("extensions").at("conflicts");
  EXPECT_EQ(c.at("skipped_count").get<std::size_t>(), 50'000u);
  ASSERT_EQ(c.at("left_out").size(), 42u);  // 20 + 1 group per code
  std::size_t rows = 0;
  for (const auto& l : c.at("left_out")) rows += l.at("rows").get<std::size_t>();
  EXPECT_EQ(rows, 50'000u);
  std::map<std::string, std::pair<std::string, int>> groups;  // code → (rows named, count)
  for (const auto& l : c.at("left_out"))
    if (l.at("rows") != 1) groups[l.at("code")] = {l.at("feature"), l.at("rows")};
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups["bad-coordinate"], std::make_pair(std::string("rows 22–49971"), 49'950));
  EXPECT_EQ(groups["missing-coordinate"], std::make_pair(std::string("rows 49992–50001"), 10));
  bool found = false;
  for (const auto& v : j.at("verdicts"))
    if (v.at("rule_id") == "no-adjusting-instead-of-rectifying") {
      found = true;
      EXPECT_EQ(v.at("status"), "incomplete");
      expect_mentions(v.at("explanation_en").get<std::string>(), "INCOMPLETE: 50000 ");
      EXPECT_EQ(v.at("evidence").size(), 42u);
    }
  EXPECT_TRUE(found);
  expect_mentions(test::read_file(out + "/ledger.csv"),
                  "49950 more rows of bad.csv could not be used for the same reason "
                  "(bad-coordinate): rows 22–49971");
}

TEST(LimitsCli, DeeplyNestedGeometryCollectionsAreAnInputError) {
  test::TempDir dir;
  std::string g =
      "{\"type\":\"Polygon\",\"coordinates\":[[[500000,3700000],[501000,3700000],"
      "[501000,3701000],[500000,3700000]]]}";
  for (int i = 0; i < 1200; ++i) g = "{\"type\":\"GeometryCollection\",\"geometries\":[" + g + "]}";
  test::write_file(dir.file("nested.geojson"), geojson(g));
  const auto r = check_before(dir, dir.file("nested.geojson"));
  expect_exit(r, {3});
  expect_mentions(r.err, "nested.geojson");
  expect_mentions(r.err, "nested");
}

TEST(LimitsCli, NanAndInfinityCoordinatesNameTheFeatureAndVertex) {
  test::TempDir dir;
  // GDAL's GeoJSON reader (json-c) accepts the Infinity token.
  test::write_file(dir.file("inf.geojson"),
                   geojson("{\"type\":\"Polygon\",\"coordinates\":[[[500000,3700000],[Infinity,"
                           "3700000],[501000,3701000],[500000,3700000]]]}"));
  const auto r = check_before(dir, dir.file("inf.geojson"));
  expect_exit(r, {3});
  expect_mentions(r.err, "inf.geojson");
  expect_mentions(r.err, "feature 0");
  expect_mentions(r.err, "vertex 2");

  test::write_file(dir.file("nan.csv"),
                   "名称,类别,经度,纬度\nA,mine,nan,30\nB,mine,105,inf\nC,mine,105.1,30.1\n");
  const auto p = run_limited({"info", "--json", dir.file("nan.csv")});
  expect_exit(p, {0});
  const auto layer = nlohmann::json::parse(p.out).at("datasets")[0].at("layers")[0];
  EXPECT_EQ(layer.at("feature_count").get<int>(), 1);  // only C
  std::vector<std::string> rows;
  for (const auto& issue : layer.at("issues"))
    if (issue.at("severity") != "info") rows.push_back(issue.at("feature"));  // not the CRS note
  EXPECT_EQ(rows, (std::vector<std::string>{"row 2", "row 3"}));
}

TEST(LimitsCli, CoordinatesOf1e300AreAnInputError) {
  test::TempDir dir;
  test::write_file(dir.file("huge.geojson"),
                   geojson("{\"type\":\"Polygon\",\"coordinates\":[[[1e300,1e300],[-1e300,1e300],"
                           "[-1e300,-1e300],[1e300,1e300]]]}"));
  const auto r = check_before(dir, dir.file("huge.geojson"));
  expect_exit(r, {3});
  expect_mentions(r.err, "huge.geojson");
  expect_mentions(r.err, "1e+300");
}

TEST(LimitsCli, ThreePointRingIsNamedAndLeftOut) {
  test::TempDir dir;
  test::write_file(dir.file("three.geojson"),
                   geojson("{\"type\":\"Polygon\",\"coordinates\":[[[500000,3700000],[501000,"
                           "3700000],[500000,3700000]]]}"));
  const auto r = check_before(dir, dir.file("three.geojson"));
  expect_exit(r, {3});
  expect_mentions(r.err, "three.geojson");
  expect_mentions(r.err, "feature 0");
}

TEST(LimitsCli, EmptyFilesAreInputErrorsNamingTheFile) {
  test::TempDir dir;
  for (const char* name : {"empty.gpkg", "empty.csv", "empty.geojson", "empty.shp"}) {
    test::write_file(dir.file(name), "");
    const auto r = check_before(dir, dir.file(name));
    expect_exit(r, {3});
    expect_mentions(r.err, name);
  }
}

TEST(LimitsCli, DirectoryWhereAFileIsExpected) {
  test::TempDir dir;
  fs::create_directory(dir.file("zones.gpkg"));
  const auto r = check_before(dir, dir.file("zones.gpkg"));
  expect_exit(r, {3});
  expect_mentions(r.err, "zones.gpkg");
  expect_mentions(r.err, "is a folder");
}

// Permission bits do not stop root: the unreadable file is read as user nobody when the test
// runs as root (the folder stays searchable, only the file is closed), as the user otherwise.
TEST(LimitsCli, UnreadableFileIsAnInputError) {
  test::TempDir dir;
  ASSERT_EQ(::chmod(dir.path().c_str(), 0755), 0);
  const std::string zoning = write_small_zoning(dir);
  ASSERT_EQ(::chmod(zoning.c_str(), 0644), 0);
  test::write_layer(dir.file("secret.gpkg"),
                    test::gk_zoning("GPKG", "功能分区", {{"核心区", gk_square(0, 0, 500)}}));
  ASSERT_EQ(::chmod(dir.file("secret.gpkg").c_str(), 0), 0);
  const auto r = run_limited(
      {"check", "--before", dir.file("secret.gpkg"), "--after", zoning, "--no-reports"}, true);
  expect_exit(r, {3});
  expect_mentions(r.err, "secret.gpkg");
  expect_mentions(r.err, "permission denied");
}

// A named pipe opens for reading and then waits for a writer forever: it must be refused.
TEST(LimitsCli, NamedPipeIsRefusedNotWaitedOn) {
  test::TempDir dir;
  ASSERT_EQ(::mkfifo(dir.file("zones.gpkg").c_str(), 0644), 0);
  const auto r = check_before(dir, dir.file("zones.gpkg"));
  expect_exit(r, {3});
  expect_mentions(r.err, "zones.gpkg");
  expect_mentions(r.err, "named pipe");
}

// The output folder is checked before any input is read: --after names a file that does not
// exist, so an error about the input would mean the work had started.
TEST(LimitsCli, UnwritableOutputFolderIsFoundBeforeAnyWork) {
  test::TempDir dir;
  ASSERT_EQ(::chmod(dir.path().c_str(), 0755), 0);
  const std::string before = write_small_zoning(dir);
  ASSERT_EQ(::chmod(before.c_str(), 0644), 0);
  test::write_file(dir.file("plain"), "x");
  const std::string missing = dir.file("missing.gpkg");
  // A regular file stands where a folder must be (fails for root and every user alike).
  auto r = run_limited(
      {"check", "--before", before, "--after", missing, "--out", dir.file("plain") + "/reports"});
  expect_exit(r, {2});
  expect_mentions(r.err, "plain");
  EXPECT_EQ(r.err.find("missing.gpkg"), std::string::npos) << r.err;
  // A folder this user cannot write (root-owned 0755 for nobody; 0555 for a plain user).
  fs::create_directory(dir.file("closed"));
  ASSERT_EQ(::chmod(dir.file("closed").c_str(), ::geteuid() == 0 ? 0755 : 0555), 0);
  r = run_limited({"check", "--before", before, "--after", missing, "--out",
                   dir.file("closed") + "/new/reports"},
                  true);
  expect_exit(r, {2});
  expect_mentions(r.err, "closed");
  expect_mentions(r.err, "not writable");
  EXPECT_FALSE(fs::exists(dir.file("closed/new")));
  // The map's and the ledger's outputs are checked the same way.
  r = run_limited(
      {"map", "--before", before, "--format", "svg", "--out", dir.file("plain") + "/map.svg"});
  expect_exit(r, {2});
  expect_mentions(r.err, "plain");
  r = run_limited({"ledger", "--before", before, "--after", missing, "--mining", missing, "--out",
                   dir.file("plain") + "/ledger"});
  expect_exit(r, {2});
  expect_mentions(r.err, "plain");
}

TEST(LimitsCli, NoOutputOverwritesAnInput) {
  test::TempDir dir;
  const std::string before = write_small_zoning(dir);
  const std::string original = test::read_file(before);
  // The map written "to" the baseline itself.
  auto r = run_limited({"map", "--before", before, "--format", "png", "--out", before});
  expect_exit(r, {2});
  expect_mentions(r.err, "small.gpkg");
  EXPECT_EQ(test::read_file(before), original);
  // The evidence GeoPackage's name in --out is the baseline's (the same inode).
  fs::create_directory(dir.file("work"));
  fs::copy_file(before, dir.file("work/evidence.gpkg"));
  r = run_limited({"check", "--before", dir.file("work/evidence.gpkg"), "--after", before, "--out",
                   dir.file("work")});
  expect_exit(r, {2});
  expect_mentions(r.err, "evidence.gpkg");
  EXPECT_EQ(test::read_file(dir.file("work/evidence.gpkg")), original);
  EXPECT_FALSE(fs::exists(dir.file("work/report.json")));  // refused before any work
  // A hard link under another name is the same file.
  fs::create_hard_link(before, dir.file("work/map.svg"));
  r = run_limited({"check", "--before", before, "--after", before, "--no-reports", "--map",
                   dir.file("work/map.svg")});
  expect_exit(r, {2});
  EXPECT_EQ(test::read_file(before), original);
  // The ledger's CSV over the monitoring table it reads.
  test::write_file(dir.file("work/ledger.csv"), "站点,经度,纬度\nS1,105.0,33.4\n");
  r = run_limited({"ledger", "--before", before, "--after", before, "--monitoring",
                   dir.file("work/ledger.csv"), "--out", dir.file("work")});
  expect_exit(r, {2});
  expect_mentions(r.err, "ledger.csv");
  EXPECT_EQ(test::read_file(dir.file("work/ledger.csv")), "站点,经度,纬度\nS1,105.0,33.4\n");
}

TEST(LimitsCli, ProfileWithWrongTypesOrUnknownKeysNamesTheKey) {
  test::TempDir dir;
  const std::string zoning = write_small_zoning(dir);
  const std::pair<const char*, const char*> cases[] = {
      {"name = \"x\"\nversion = \"1\"\n[area]\ntolerance_abs_ha = \"much\"\n"
       "[[rules]]\nid = \"no-slimming\"\n",
       "tolerance_abs_ha"},
      {"name = \"x\"\nversion = 1\n[[rules]]\nid = \"no-slimming\"\n", "version"},
      {"name = \"x\"\nversion = \"1\"\ncolour = \"red\"\n[[rules]]\nid = \"no-slimming\"\n",
       "colour"},
      {"name = \"x\"\nversion = \"1\"\n[area]\ntolerance_abs_hectares = 1\n"
       "[[rules]]\nid = \"no-slimming\"\n",
       "tolerance_abs_hectares"}};
  for (const auto& [text, key] : cases) {
    test::write_file(dir.file("p.toml"), text);
    const auto r = run_limited({"check", "--before", zoning, "--after", zoning, "--profile",
                                dir.file("p.toml"), "--no-reports"});
    expect_exit(r, {2});
    expect_mentions(r.err, "p.toml");
    expect_mentions(r.err, key);
  }
}

TEST(LimitsCli, StyleFileOfGarbageNamesTheFile) {
  test::TempDir dir;
  const std::string zoning = write_small_zoning(dir);
  std::mt19937 rng(13);
  std::string junk(4000, '\0');
  for (char& c : junk) c = static_cast<char>(rng() % 256);
  const std::pair<std::string, std::string> cases[] = {
      {junk, "style.toml"}, {"title = 5\n", "title"}, {"[page\nsize = \n", "style.toml"}};
  for (const auto& [text, what] : cases) {
    test::write_file(dir.file("style.toml"), text);
    const auto r = run_limited({"map", "--before", zoning, "--style", dir.file("style.toml"),
                                "--format", "svg", "--out", dir.file("map.svg")});
    expect_exit(r, {2, 3});
    expect_mentions(r.err, "style.toml");
    expect_mentions(r.err, what);
    EXPECT_FALSE(fs::exists(dir.file("map.svg")));
  }
}

}  // namespace
}  // namespace reserve
