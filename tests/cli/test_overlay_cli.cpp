// `reserve overlay` as a black box: inputs written here (GeoPackage through GDAL, CSV as text),
// the binary run with popen, JSON output and exit codes checked; and the sample case in data/
// against data/expected.json (computed with Shapely/pyproj by data/make_sample.py, independently
// of libreserve).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "ledger/fixture_files.hpp"

namespace reserve {
namespace {

using test::run_shell;
using testing::fresh_dir;
using testing::GpkgRow;
using testing::quoted;
using testing::rect_with_hole_wkt;
using testing::rect_wkt;
using testing::write_gpkg;
using testing::write_text;

const std::string kCli = RESERVE_CLI_PATH;
const std::filesystem::path kSource = RESERVE_SOURCE_DIR;

struct Inputs {
  std::filesystem::path dir, before, after, mining, facilities;
};

// Baseline: 核心区 [0,1000]×[0,1000], 实验区 [1000,3000]×[0,1000]; the proposal cuts a hole
// around the mine at [2000,2200]×[400,600].
Inputs write_inputs(const std::string& name) {
  Inputs in;
  in.dir = fresh_dir(name);
  in.before = in.dir / "before.gpkg";
  in.after = in.dir / "after.gpkg";
  in.mining = in.dir / "mining.gpkg";
  in.facilities = in.dir / "facilities.csv";
  write_gpkg(in.before, 4544, {"功能分区"},
             {GpkgRow{{"核心区"}, rect_wkt(0, 0, 1000, 1000)},
              GpkgRow{{"实验区"}, rect_wkt(1000, 0, 3000, 1000)}},
             wkbPolygon);
  write_gpkg(in.after, 4544, {"功能分区"},
             {GpkgRow{{"核心区"}, rect_wkt(0, 0, 1000, 1000)},
              GpkgRow{{"实验区"}, rect_with_hole_wkt(1000, 0, 3000, 1000, 1950, 350, 2250, 650)}},
             wkbPolygon);
  write_gpkg(in.mining, 4544, {"许可证号", "矿山名称", "矿权类型"},
             {GpkgRow{{"C001", "某铅锌矿", "采矿权"}, rect_wkt(2000, 400, 2200, 600)},
              GpkgRow{{"C002", "坏矿", "采矿权"},
                      "POLYGON ((500000 4000000, 500100 4000100, 500100 4000000, 500000 4000100, "
                      "500000 4000000))"}},
             wkbPolygon);
  // Plane coordinates in EPSG:4544 (x easting, y northing) with --feature-crs.
  write_text(in.facilities,
             "编号,名称,类别,x,y\n"
             "F1,某选矿厂,选矿厂,503001,4000500\n"
             "F2,某加油站,加油站,501600,4000500\n"
             "F3,某冶炼厂,冶炼厂,,4000500\n");
  return in;
}

TEST(OverlayCli, JsonOutputExitCodeAndSkippedRows) {
  const Inputs in = write_inputs("overlay-cli");
  const auto r =
      run_shell(kCli + " overlay --before " + quoted(in.before) + " --after " + quoted(in.after) +
                " --mining " + quoted(in.mining) + " --facilities " + quoted(in.facilities) +
                " --feature-crs EPSG:4544 --area-method planar --boundary-tolerance-m 2 "
                "--json --out " +
                quoted(in.dir / "out"));
  EXPECT_EQ(r.exit_code, 1) << r.err;  // the mine is freed
  const auto j = nlohmann::json::parse(r.out);
  // C001, the bow tie C002 (repaired, not dropped), F1 and F2 (加油站: unknown, kept as "other");
  // F3 has no x coordinate and is left out.
  ASSERT_EQ(j["features"].size(), 4u);
  EXPECT_EQ(j["skipped_count"], 1);
  EXPECT_EQ(j["features"][1]["id"], "C002");
  // The repaired bow tie: two triangles of 100 × 100 / 4 = 2500 m² each (Shapely make_valid:
  // 5000 m²), in the core zone before and after.
  EXPECT_NEAR(j["features"][1]["area_m2"].get<double>(), 5000.0, 1e-6);
  EXPECT_EQ(j["features"][3]["category"], "other");
  const auto& mine = j["features"][0];
  EXPECT_EQ(mine["id"], "C001");
  EXPECT_EQ(mine["category"], "mining_right");
  EXPECT_EQ(mine["change"], "freed");
  EXPECT_NEAR(mine["area_m2"].get<double>(), 40000.0, 1e-6);  // 200 × 200, hand
  EXPECT_NEAR(mine["freed_area_m2"].get<double>(), 40000.0, 1e-6);
  EXPECT_EQ(mine["before"]["zone"], "experimental");
  EXPECT_EQ(mine["after"]["zone"], "outside");
  // Distance of the freed mine to the proposal's boundary: the hole's edge, 50 m (hand).
  EXPECT_NEAR(mine["after"]["distance_to_reserve_boundary_m"].get<double>(), 50.0, 1e-6);
  const auto& plant = j["features"][2];
  EXPECT_EQ(plant["id"], "F1");
  // F1 is 1 m east of the reserve's edge x = 3000: on the boundary with a 2 m tolerance, in no
  // zone's polygon, but within the tolerance of the experimental zone, so it counts as in it
  // (protection gets the benefit of the doubt).
  EXPECT_EQ(plant["before"]["location"], "on-boundary");
  EXPECT_EQ(plant["before"]["zone"], "experimental");
  EXPECT_NEAR(plant["before"]["distance_to_reserve_boundary_m"].get<double>(), 1.0, 1e-6);
  EXPECT_EQ(plant["before"]["zones_within_tolerance"],
            nlohmann::json::parse(R"(["experimental", "outside"])"));
  EXPECT_TRUE(std::filesystem::exists(in.dir / "out" / "overlay.json"));
  // Messages per skipped row on stderr, naming file and row.
  EXPECT_NE(r.err.find("invalid-geometry-repaired"), std::string::npos);
  EXPECT_NE(r.err.find("unknown-category"), std::string::npos);
  EXPECT_NE(r.err.find("加油站"), std::string::npos);
  EXPECT_NE(r.err.find("missing-coordinate"), std::string::npos);
}

// Issue 10.2: an overlay that could use none of the rows said "0 feature(s)" and exited 0. Now
// the summary says "0 of 2 used" and the exit code is 5 (incomplete).
TEST(OverlayCli, RowsLeftOutMakeTheOverlayIncomplete) {
  const Inputs in = write_inputs("overlay-cli-incomplete");
  write_text(in.dir / "plants.csv",
             "编号,名称,类型,x,y\n"
             "P1,甲电厂,Coal,,\n"
             "P2,乙电厂,Gas,,\n");
  const auto r =
      run_shell(kCli + " overlay --before " + quoted(in.before) + " --after " + quoted(in.after) +
                " --facilities " + quoted(in.dir / "plants.csv") + " --feature-crs EPSG:4544");
  EXPECT_EQ(r.exit_code, 5) << r.out << r.err;
  EXPECT_NE(r.out.find("0 of 2 used"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("INCOMPLETE"), std::string::npos) << r.out;
}

TEST(OverlayCli, UsageAndInputErrors) {
  const Inputs in = write_inputs("overlay-cli-errors");
  EXPECT_EQ(
      run_shell(kCli + " overlay --after " + quoted(in.after) + " --mining " + quoted(in.mining))
          .exit_code,
      2);  // --before missing
  EXPECT_EQ(
      run_shell(kCli + " overlay --before " + quoted(in.before) + " --after " + quoted(in.after))
          .exit_code,
      2);  // no conflict layer
  EXPECT_EQ(
      run_shell(kCli + " overlay --before " + quoted(in.before) + " --after " + quoted(in.after) +
                " --mining " + quoted(in.mining) + " --category-map 'x=nonsense'")
          .exit_code,
      2);
  const auto missing = run_shell(kCli + " overlay --before " + quoted(in.before) + " --after " +
                                 quoted(in.after) + " --mining " + quoted(in.dir / "nope.gpkg"));
  EXPECT_EQ(missing.exit_code, 3) << missing.err;
  EXPECT_NE(missing.err.find("nope.gpkg"), std::string::npos);
}

// The sample case: memberships, areas per zone and distances against data/expected.json.
TEST(OverlayCli, SampleDataMatchesExpectedJson) {
  const auto data = kSource / "data";
  ASSERT_TRUE(std::filesystem::exists(data / "expected.json"));
  std::ifstream ein(data / "expected.json");
  const auto expected = nlohmann::json::parse(ein);
  const auto r = run_shell(kCli + " overlay --before " + quoted(data / "baseline.gpkg") +
                           " --after " + quoted(data / "proposal.gpkg") + " --mining " +
                           quoted(data / "mining_rights.gpkg") + " --facilities " +
                           quoted(data / "facilities.csv") + " --area-method planar --json");
  ASSERT_EQ(r.exit_code, 1) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  std::map<std::string, nlohmann::json> got;
  for (const auto& f : j["features"]) got[f["id"].get<std::string>()] = f;

  // Mining rights: planar area per zone, before and after (1e-9 relative + 1e-6 m² for zeros).
  for (const auto& [licence, want] : expected["mining_rights"].items()) {
    ASSERT_TRUE(got.count(licence)) << licence;
    const auto& f = got[licence];
    const double area = want["area_planar_m2"].get<double>();
    EXPECT_NEAR(f["area_m2"].get<double>(), area, 1e-9 * area) << licence;
    for (const auto& [side, key] :
         {std::pair{"before", "baseline_planar_m2"}, std::pair{"after", "proposal_planar_m2"}}) {
      std::map<std::string, double> mine;
      for (const auto& a : f[side]["areas"]) mine[a["zone"]] = a["area_m2"].get<double>();
      double sum = 0.0;
      for (const auto& [zone, m2] : want[key].items()) {
        EXPECT_NEAR(mine[zone], m2.get<double>(), 1e-9 * area + 1e-6)
            << licence << " " << side << " " << zone;
        sum += mine[zone];
      }
      EXPECT_NEAR(sum, f["area_m2"].get<double>(), 1e-9 * area) << licence << " " << side;
    }
  }
  // Facility points: zone before/after and distance to the baseline boundary (0.01 m: the
  // 度分秒 coordinates are rounded to 0.01″ in the CSV, as the generator wrote them).
  for (const auto& [id, want] : expected["facilities"].items()) {
    ASSERT_TRUE(got.count(id)) << id;
    EXPECT_EQ(got[id]["before"]["zone"], want["baseline_zone"]) << id;
    EXPECT_EQ(got[id]["after"]["zone"], want["proposal_zone"]) << id;
    EXPECT_NEAR(got[id]["before"]["distance_to_reserve_boundary_m"].get<double>(),
                want["distance_to_baseline_boundary_m"].get<double>(), 0.01)
        << id;
  }
  // Status sets.
  std::set<std::string> freed, downgraded, included;
  for (const auto& [id, f] : got) {
    if (f["change"] == "freed" || f["change"] == "partly-freed") freed.insert(id);
    if (f["change"] == "downgraded") downgraded.insert(id);
    if (f["change"] == "newly-included") included.insert(id);
  }
  const auto& c = expected["conflicts"];
  EXPECT_EQ(freed, c["freed_by_proposal"].get<std::set<std::string>>());
  EXPECT_EQ(downgraded, c["downgraded_by_proposal"].get<std::set<std::string>>());
  EXPECT_EQ(included, c["newly_included"].get<std::set<std::string>>());

  // GY01 is 10 m outside: on the boundary with a 10.5 m tolerance, outside with 9.5 m.
  for (const auto& [tol, want] : {std::pair{"10.5", "on-boundary"}, std::pair{"9.5", "outside"}}) {
    const auto t =
        run_shell(kCli + " overlay --before " + quoted(data / "baseline.gpkg") + " --after " +
                  quoted(data / "proposal.gpkg") + " --facilities " +
                  quoted(data / "facilities.csv") + " --boundary-tolerance-m " + tol + " --json");
    const auto tj = nlohmann::json::parse(t.out);
    for (const auto& f : tj["features"]) {
      if (f["id"] == "GY01") {
        EXPECT_EQ(f["before"]["location"], want) << tol;
      }
    }
  }
}

}  // namespace
}  // namespace reserve
