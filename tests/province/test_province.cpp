// Province mode through the library (run_province_check) on the synthetic province of
// province_fixture.hpp. Expected values are hand-computed from the rectangles (planar areas in
// EPSG:4544), the overlap's lon/lat from pyproj 3 (EPSG:4544 → EPSG:4490, always_xy).
#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "province/province_fixture.hpp"
#include "province/reserve_layers.hpp"
#include "province/reserve_zonings.hpp"
#include "reserve/error.hpp"
#include "reserve/io.hpp"
#include "reserve/province.hpp"
#include "support/temp_dir.hpp"

namespace reserve {
namespace {

using test::LayerSpec;
using test::province_after;
using test::province_before;
using test::province_layer;
using test::ProvinceRect;

class Province : public ::testing::Test {
 protected:
  void SetUp() override {
    test::write_layer(dir_.file("before.gpkg"), province_layer(province_before()));
    test::write_layer(dir_.file("after.gpkg"), province_layer(province_after()));
    test::write_layer(dir_.file("mining.gpkg"), test::province_mining());
  }
  ProvinceRequest request(unsigned jobs = 1) const { return test::province_request(dir_, jobs); }
  static const ProvinceReserve& row(const ProvinceResult& p, const std::string& name) {
    for (const auto& r : p.reserves)
      if (r.reserve == name) return r;
    throw std::runtime_error("no row " + name);
  }
  static VerdictStatus verdict(const ProvinceReserve& r, const std::string& rule) {
    for (const auto& v : r.result->report.verdicts)
      if (v.rule_id == rule) return v.status;
    throw std::runtime_error("no verdict " + rule);
  }
  test::TempDir dir_;
};

constexpr double kAreaTol_m2 = 0.01;  // planar areas of rectangles: exact but for rounding

// The rows a layer skipped for their geometry go to the reserve they name (by hand: rows 3 and 4
// name 甲 and 乙; row 5 names no reserve and row 6 a reserve with no usable row, so nobody knows
// whose land is missing: every reserve gets them); layer-wide issues go to every reserve.
TEST(SkippedRowOwners, EachSkippedRowGoesToItsOwnReserve) {
  Layer layer;
  layer.fields = {"保护区名称"};
  const auto row = [](const std::string& id, const std::string& reserve) {
    return Feature{id, Geometry{}, {Attribute{"保护区名称", reserve, reserve.empty()}}};
  };
  layer.skipped_rows = {row("3", " 甲保护区 "), row("4", "乙保护区"), row("5", ""),
                        row("6", "丙保护区")};
  const auto issue = [](IssueCode code, const std::string& feature) {
    return Issue{code, Severity::warning, "m", SourceRef{"z.gpkg", "zones", feature}, {}, {}};
  };
  layer.issues = {issue(IssueCode::null_geometry, "3"), issue(IssueCode::empty_geometry, "4"),
                  issue(IssueCode::null_geometry, "5"), issue(IssueCode::null_geometry, "6"),
                  issue(IssueCode::text_mojibake, "")};
  const province::SkippedRowOwners owners(layer, "保护区名称", {"甲保护区", "乙保护区"});
  const auto features_of = [&](const std::string& name) {
    std::string ids;
    for (const Issue& i : owners.issues_of(layer.issues, name)) ids += i.where.feature + ",";
    return ids;
  };
  EXPECT_EQ(features_of("甲保护区"), "3,5,6,,");
  EXPECT_EQ(features_of("乙保护区"), "4,5,6,,");
}

TEST_F(Province, DetectsTheReserveFieldAndMatchesReserves) {
  const ProvinceResult p = run_province_check(request());
  ASSERT_TRUE(p.province_mode);
  EXPECT_EQ(p.reserve_field, "保护区名称");
  EXPECT_NE(p.reserve_field_reason.find("detected"), std::string::npos) << p.reserve_field_reason;
  ASSERT_EQ(p.reserves.size(), 8u);
  // Checked rows by name (UTF-8 byte order), then removed, then added.
  std::vector<std::string> names;
  for (const auto& r : p.reserves) names.push_back(r.reserve);
  EXPECT_EQ(names, (std::vector<std::string>{"乙保护区", "己保护区", "庚保护区", "戊保护区",
                                             "甲保护区", "辛保护区", "丙保护区", "丁保护区"}));
  EXPECT_EQ(row(p, "甲保护区").match, ReserveMatch::matched);
  EXPECT_EQ(row(p, "丙保护区").match, ReserveMatch::removed);
  EXPECT_FALSE(row(p, "丙保护区").result.has_value());
  EXPECT_EQ(row(p, "丁保护区").match, ReserveMatch::added);
  EXPECT_FALSE(row(p, "丁保护区").result.has_value());
  const auto& merged = row(p, "戊保护区");
  EXPECT_EQ(merged.match, ReserveMatch::merged);
  EXPECT_EQ(merged.before_reserves, (std::vector<std::string>{"戊一", "戊二"}));
  const auto& split = row(p, "己保护区");
  EXPECT_EQ(split.match, ReserveMatch::split);
  EXPECT_EQ(split.after_reserves, (std::vector<std::string>{"己东", "己西"}));
}

// Names as real tables write them: the after layer's 甲 and 乙 carry a trailing ideographic space
// (U+3000) and a leading no-break space (U+00A0) on some of their zone rows. They are still one
// reserve each, matched with the before layer's, with the same areas (hand values of the fixture:
// 甲 300 ha → 250 ha, 乙 300 ha both times).
TEST_F(Province, WideBlanksAroundReserveNamesDoNotSplitOrUnmatchReserves) {
  std::vector<test::ProvinceRect> after = province_after();
  test::LayerSpec spec = province_layer(after);
  for (std::size_t i = 0; i < spec.features.size(); ++i) {
    std::string& name = spec.features[i].values[0];
    if (name == "甲保护区" && i % 2 == 0) name += "\xE3\x80\x80";
    if (name == "乙保护区" && i % 3 != 2) name = "\xC2\xA0" + name;
  }
  std::filesystem::remove(dir_.file("after.gpkg"));
  test::write_layer(dir_.file("after.gpkg"), spec);
  const ProvinceResult p = run_province_check(request());
  ASSERT_EQ(p.reserves.size(), 8u);
  const auto& jia = row(p, "甲保护区");
  EXPECT_EQ(jia.match, ReserveMatch::matched);
  EXPECT_NEAR(jia.before_area_m2, 3000.0 * 1000.0, kAreaTol_m2);
  EXPECT_NEAR(jia.after_area_m2, 2500.0 * 1000.0, kAreaTol_m2);
  const auto& yi = row(p, "乙保护区");
  EXPECT_EQ(yi.match, ReserveMatch::matched);
  EXPECT_NEAR(yi.after_area_m2, 3000.0 * 1000.0, kAreaTol_m2);
}

// A reserve renamed in the proposal (乙保护区 → 乙省级保护区) and slimmed by its east 500 m: no
// namesake on either side, each holding ≥ half of the other's land (shared 250 ha of 300 ha and of
// 250 ha) — one checked row named by the new name, not "removed" + "added" with the slimming
// unseen. 丙 (before only) and 丁 (after only) share no land: still removed and added. Hand values
// from the rectangles.
TEST_F(Province, RenamedReserveIsMatchedByItsLandAndChecked) {
  std::vector<test::ProvinceRect> after = province_after();
  for (auto& r : after)
    if (r.reserve == "乙保护区") r = {"乙省级保护区", 4000, 0, 6500, 1000, 1000, 1000};
  std::filesystem::remove(dir_.file("after.gpkg"));
  test::write_layer(dir_.file("after.gpkg"), province_layer(after));
  const ProvinceResult p = run_province_check(request());
  ASSERT_EQ(p.reserves.size(), 8u);
  const auto& renamed = row(p, "乙省级保护区");
  EXPECT_EQ(renamed.match, ReserveMatch::renamed);
  EXPECT_STREQ(to_string(renamed.match), "renamed");
  EXPECT_EQ(renamed.before_reserves, (std::vector<std::string>{"乙保护区"}));
  EXPECT_EQ(renamed.after_reserves, (std::vector<std::string>{"乙省级保护区"}));
  EXPECT_NEAR(renamed.before_area_m2, 3000.0 * 1000.0, kAreaTol_m2);
  EXPECT_NEAR(renamed.after_area_m2, 2500.0 * 1000.0, kAreaTol_m2);
  ASSERT_TRUE(renamed.result.has_value()) << renamed.error;
  EXPECT_EQ(verdict(renamed, "no-slimming"), VerdictStatus::fail);  // −50 ha
  EXPECT_EQ(row(p, "丙保护区").match, ReserveMatch::removed);
  EXPECT_EQ(row(p, "丁保护区").match, ReserveMatch::added);
  // Below the share (the new reserve keeps under half of the old one's land): not a rename.
  ProvinceRequest strict = request();
  strict.match_share = 0.9;  // 250 ha < 0.9 × 300 ha
  const ProvinceResult q = run_province_check(strict);
  EXPECT_EQ(row(q, "乙保护区").match, ReserveMatch::removed);
  EXPECT_EQ(row(q, "乙省级保护区").match, ReserveMatch::added);
}

// The overview map's outline of each row: its after reserves' outlines (a split's two reserves as
// two polygons), a removed reserve's before outline. The outlines are handed over to the rows
// (moved, not copied) once matching and the overlaps are done: each must still be whole, in the
// held and the streamed run and with several threads. Hand values from the fixture's rectangles.
TEST_F(Province, MapOutlinesAreTheRowsReserveOutlines) {
  struct Expected {
    const char* name;
    double x0, y0, x1, y1;  // local metres
    std::size_t polygons;
  };
  const Expected expected[] = {
      {"甲保护区", 0, 0, 2500, 1000, 1},    {"乙保护区", 4000, 0, 7000, 1000, 1},
      {"丙保护区", 8000, 0, 9000, 1000, 1}, {"丁保护区", 8000, 3000, 9000, 4000, 1},
      {"戊保护区", 0, 3000, 2000, 4000, 1}, {"己保护区", 3000, 3000, 5000, 4000, 2},
      {"庚保护区", 0, 6000, 1000, 7000, 1}, {"辛保护区", 800, 6500, 1800, 7500, 1}};
  for (const bool stream : {false, true}) {
    for (const unsigned jobs : {1u, 3u}) {
      SCOPED_TRACE(std::string(stream ? "streamed" : "held") + ", jobs " + std::to_string(jobs));
      ProvinceRequest r = request(jobs);
      r.stream_zones = stream;
      const ProvinceResult p = run_province_check(r);
      for (const auto& e : expected) {
        SCOPED_TRACE(e.name);
        const MultiPolygon& shape = row(p, e.name).outline;
        EXPECT_EQ(shape.polygons.size(), e.polygons);
        EXPECT_NEAR(planar_area(shape), (e.x1 - e.x0) * (e.y1 - e.y0), kAreaTol_m2);
        const Envelope box = envelope_of(shape);
        EXPECT_NEAR(box.min_x, 500000.0 + e.x0, 1e-6);  // metres
        EXPECT_NEAR(box.min_y, 3700000.0 + e.y0, 1e-6);
        EXPECT_NEAR(box.max_x, 500000.0 + e.x1, 1e-6);
        EXPECT_NEAR(box.max_y, 3700000.0 + e.y1, 1e-6);
      }
      EXPECT_EQ(p.before_overlaps.size(), 1u);  // 庚 × 辛, found before the outlines were freed
      EXPECT_EQ(p.after_overlaps.size(), 1u);
    }
  }
}

TEST_F(Province, AreasSharesVerdictsAndFreedFeaturesPerReserve) {
  const ProvinceResult p = run_province_check(request());
  const auto& a = row(p, "甲保护区");
  ASSERT_TRUE(a.result.has_value()) << a.error;
  EXPECT_NEAR(a.before_area_m2, 3000.0 * 1000.0, kAreaTol_m2);
  EXPECT_NEAR(a.after_area_m2, 2500.0 * 1000.0, kAreaTol_m2);
  EXPECT_NEAR(a.before_strict_share, 2.0 / 3.0, 1e-9);  // core+buffer 2000 m of 3000 m
  EXPECT_NEAR(a.after_strict_share, 2000.0 / 2500.0, 1e-9);
  EXPECT_EQ(verdict(a, "no-slimming"), VerdictStatus::fail);  // −50 ha
  EXPECT_EQ(a.freed_features, 1u);                            // 甲矿 lies in the cut
  EXPECT_EQ(a.result->report.overall, VerdictStatus::fail);

  const auto& b = row(p, "乙保护区");
  EXPECT_EQ(verdict(b, "no-slimming"), VerdictStatus::pass);
  EXPECT_EQ(b.freed_features, 0u);
  const auto& merged = row(p, "戊保护区");  // 100 + 100 ha → 200 ha
  EXPECT_NEAR(merged.before_area_m2, 2e6, kAreaTol_m2);
  EXPECT_NEAR(merged.after_area_m2, 2e6, kAreaTol_m2);
  EXPECT_EQ(verdict(merged, "no-slimming"), VerdictStatus::pass);
  const auto& split = row(p, "己保护区");  // 200 ha → 100 + 100 ha
  EXPECT_NEAR(split.after_area_m2, 2e6, kAreaTol_m2);
  EXPECT_EQ(verdict(split, "no-slimming"), VerdictStatus::pass);
  EXPECT_NEAR(row(p, "丙保护区").before_area_m2, 1e6, kAreaTol_m2);
  EXPECT_NEAR(row(p, "丁保护区").after_area_m2, 1e6, kAreaTol_m2);

  EXPECT_EQ(p.overall, VerdictStatus::fail);
  EXPECT_EQ(province_exit_code(p), 1);
}

TEST_F(Province, CrossReserveOverlapsInBothLayers) {
  const ProvinceResult p = run_province_check(request());
  for (const auto* list : {&p.before_overlaps, &p.after_overlaps}) {
    ASSERT_EQ(list->size(), 1u);  // shared edges (戊一|戊二, 己西|己东) have no area
    const ReserveOverlap& o = list->front();
    EXPECT_EQ(o.reserve_a, "庚保护区");
    EXPECT_EQ(o.reserve_b, "辛保护区");
    EXPECT_NEAR(o.area_m2, 200.0 * 500.0, kAreaTol_m2);
    EXPECT_NEAR(o.centroid.x, 500900.0, 1e-6);  // metres
    EXPECT_NEAR(o.centroid.y, 3706750.0, 1e-6);
    EXPECT_NEAR(o.lon_deg, 105.0096840280, 1e-9);  // pyproj, degrees
    EXPECT_NEAR(o.lat_deg, 33.4869037910, 1e-9);
  }
}

// The row of a reserve holds what the single check of that reserve alone gives.
TEST_F(Province, ReserveReportEqualsTheSingleCheckOfThatReserve) {
  const ProvinceResult p = run_province_check(request());
  test::write_layer(dir_.file("a_before.gpkg"), province_layer({province_before()[0]}));
  test::write_layer(dir_.file("a_after.gpkg"), province_layer({province_after()[0]}));
  ProvinceRequest one = request();
  one.check.before.path = dir_.file("a_before.gpkg");
  one.check.after.path = dir_.file("a_after.gpkg");
  const ProvinceResult single = run_province_check(one);
  ASSERT_FALSE(single.province_mode);  // one reserve: the single check as always
  EXPECT_NE(single.reserve_field_reason.find("one reserve"), std::string::npos);
  // The audit (file hashes, time) and the title differ; so do the zoning files' names, which
  // the validation findings quote.
  auto comparable = [](const Report& r) {
    nlohmann::json j = nlohmann::json::parse(report_json(r));
    j.erase("audit");
    j.erase("title");
    std::string text = j.dump();
    for (const std::string from : {"a_before.gpkg", "a_after.gpkg"})
      for (auto at = text.find(from); at != std::string::npos; at = text.find(from))
        text.replace(at, 2, "");
    return text;
  };
  const CheckResult& direct = run_check(one.check);
  EXPECT_EQ(comparable(row(p, "甲保护区").result->report), comparable(direct.report));
  EXPECT_EQ(comparable(single.reserves.front().result->report), comparable(direct.report));
}

// The detection's first pass keeps a small streamed layer whole — the layer read_layer gives — so
// that one reserve's check takes it instead of reading the file again; past the vertex budget
// every geometry is dropped (read back by FID per reserve). The fixture's layer: 8 reserves × 3
// rectangles × 5 stored vertices = 120 vertices.
TEST_F(Province, SmallStreamedLayerIsKeptWholeAndALargeOneIsNot) {
  const std::string path = dir_.file("before.gpkg");
  const Layer direct = read_layer(path, ReadOptions{});
  const province::ZoningLayer whole = province::read_zoning_layer(path, ReadOptions{}, true, 120);
  ASSERT_TRUE(whole.streamed);
  EXPECT_TRUE(whole.whole);
  ASSERT_EQ(whole.layer.features.size(), direct.features.size());
  for (std::size_t i = 0; i < direct.features.size(); ++i) {
    const auto& got = whole.layer.features[i].geometry.polygons.polygons;
    const auto& want = direct.features[i].geometry.polygons.polygons;
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t k = 0; k < got.size(); ++k) EXPECT_EQ(got[k].outer, want[k].outer);
    EXPECT_EQ(whole.layer.features[i].attributes.size(), direct.features[i].attributes.size());
  }
  EXPECT_EQ(whole.layer.sha256, direct.sha256);
  const province::ZoningLayer part = province::read_zoning_layer(path, ReadOptions{}, true, 119);
  EXPECT_FALSE(part.whole);
  ASSERT_EQ(part.fids.size(), direct.features.size());
  for (const auto& f : part.layer.features) EXPECT_TRUE(f.geometry.empty());
  EXPECT_EQ(part.extent.min_x, whole.extent.min_x);
  EXPECT_EQ(part.extent.max_y, whole.extent.max_y);
}

// One reserve found by the detection is checked from the layers the detection read: the report,
// its audit included (inputs, hashes, CRS), is the one of run_check reading the files itself.
TEST_F(Province, OneReserveCheckedFromTheDetectionsLayersIsTheFileCheck) {
  test::write_layer(dir_.file("a_before.gpkg"), province_layer({province_before()[0]}));
  test::write_layer(dir_.file("a_after.gpkg"), province_layer({province_after()[0]}));
  ProvinceRequest one = request(2);
  one.check.before.path = dir_.file("a_before.gpkg");
  one.check.after.path = dir_.file("a_after.gpkg");
  const ProvinceResult single = run_province_check(one);
  ASSERT_FALSE(single.province_mode);
  auto comparable = [](const Report& r) {
    nlohmann::json j = nlohmann::json::parse(report_json(r));
    j["audit"].erase("generated_utc");
    return j.dump();
  };
  const CheckResult direct = run_check(one.check);
  EXPECT_EQ(comparable(single.reserves.front().result->report), comparable(direct.report));
  ASSERT_TRUE(direct.conflicts);
  EXPECT_EQ(single.reserves.front().result->conflicts->ledger.rows.size(),
            direct.conflicts->ledger.rows.size());
}

// One reserve whose generic 名称 field names each zone polygon ("甲保护区核心区", …), as many
// bureaus' layers do: before the fix it was detected as the reserve field and the reserve was
// checked as a "province" of three one-zone reserves. Expected: the single check, with the
// fixture's thirds of 甲保护区 (1000 m × 1000 m each = 100 ha by hand; after, the experimental
// zone is 500 m wide = 50 ha).
TEST_F(Province, NameFieldOfZonePolygonsIsNotAReserveField) {
  auto per_zone_names = [](const ProvinceRect& rect) {
    LayerSpec spec = province_layer({rect}, "名称");
    for (auto& f : spec.features) f.values[0] += f.values[1];  // 甲保护区 + 核心区, …
    return spec;
  };
  test::write_layer(dir_.file("named_before.gpkg"), per_zone_names(province_before()[0]));
  test::write_layer(dir_.file("named_after.gpkg"), per_zone_names(province_after()[0]));
  ProvinceRequest r = request();
  r.check.before.path = dir_.file("named_before.gpkg");
  r.check.after.path = dir_.file("named_after.gpkg");
  const ProvinceResult p = run_province_check(r);
  ASSERT_FALSE(p.province_mode) << p.reserve_field_reason;
  EXPECT_NE(p.reserve_field_reason.find("'名称' names zone polygons"), std::string::npos)
      << p.reserve_field_reason;
  ASSERT_EQ(p.reserves.size(), 1u);
  const Comparison& cmp = p.reserves.front().result->report.comparison;
  EXPECT_NEAR(cmp.before.total_m2, 3.0e6, kAreaTol_m2);
  EXPECT_NEAR(cmp.after.total_m2, 2.5e6, kAreaTol_m2);

  // A real province whose reserve field is the generic 名称 is still a province (values span
  // the three zones): the fixture's eight rows.
  test::write_layer(dir_.file("name_before.gpkg"), province_layer(province_before(), "名称"));
  test::write_layer(dir_.file("name_after.gpkg"), province_layer(province_after(), "名称"));
  ProvinceRequest named = request();
  named.check.before.path = dir_.file("name_before.gpkg");
  named.check.after.path = dir_.file("name_after.gpkg");
  const ProvinceResult province = run_province_check(named);
  ASSERT_TRUE(province.province_mode);
  EXPECT_EQ(province.reserve_field, "名称");
  EXPECT_EQ(province.reserves.size(), 8u);
}

TEST_F(Province, OneThreadAndFourThreadsGiveIdenticalJson) {
  ProvinceResult one = run_province_check(request(1));
  ProvinceResult four = run_province_check(request(4));
  four.generated_utc = one.generated_utc;
  for (auto& r : four.reserves)
    if (r.result) r.result->report.audit.generated_utc = one.generated_utc;
  EXPECT_EQ(province_json(one), province_json(four));
}

TEST_F(Province, GivenReserveFieldMustExist) {
  ProvinceRequest r = request();
  r.reserve_field = "保护地编码";
  try {
    run_province_check(r);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("保护地编码"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("before.gpkg"), std::string::npos) << e.what();
  }
}

TEST_F(Province, EmptyReserveValueNamesTheFeature) {
  auto rects = province_before();
  rects[1].reserve = "";
  test::write_layer(dir_.file("unnamed.gpkg"), province_layer(rects));
  ProvinceRequest r = request();
  r.check.before.path = dir_.file("unnamed.gpkg");
  try {
    run_province_check(r);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(e.message().find("no value in the reserve field"), std::string::npos) << e.what();
    EXPECT_FALSE(e.where().feature.empty());
  }
}

// A GBK shapefile whose reserve field is 保护区名称 (10 bytes in GBK, the DBF limit).
TEST_F(Province, GbkShapefileWithChineseReserveField) {
  auto before = province_layer(province_before(), "保护区名称", "ESRI Shapefile");
  auto after = province_layer(province_after(), "保护区名称", "ESRI Shapefile");
  before.layer_options = after.layer_options = {"ENCODING=CP936"};
  test::write_layer(dir_.file("before.shp"), before);
  test::write_layer(dir_.file("after.shp"), after);
  ProvinceRequest r = request();
  r.check.before.path = dir_.file("before.shp");
  r.check.after.path = dir_.file("after.shp");
  const ProvinceResult p = run_province_check(r);
  EXPECT_EQ(p.reserve_field, "保护区名称");
  EXPECT_EQ(p.reserves.size(), 8u);
  EXPECT_EQ(row(p, "戊保护区").match, ReserveMatch::merged);
}

}  // namespace
}  // namespace reserve
