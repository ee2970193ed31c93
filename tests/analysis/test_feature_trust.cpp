// Issue 10, points 1, 2, 9 and 10: no conflict feature dropped silently, no rule passing on
// partial input, a ledger and overlay text that tell the truth, and features named unambiguously.
// Every input is built here (GeoPackages through GDAL, CSV as text); expected values are computed
// by hand or with Shapely/pyproj (stated beside each).
#include <gtest/gtest.h>

#include <set>

#include "analysis/zoning_fixtures.hpp"
#include "geom/geos.hpp"
#include "ledger/fixture_files.hpp"
#include "reserve/check.hpp"

namespace reserve {
namespace {

using testing::fresh_dir;
using testing::GpkgRow;
using testing::kX0;
using testing::kY0;
using testing::rect;
using testing::rect_wkt;
using testing::write_gpkg;
using testing::write_text;

// A bow tie (self-intersecting ring) inside the hole the proposal cuts out of the experimental
// zone of testing::carved_experimental() (hole x 2450–2650 m, y 50–250 m): crossing at
// (2550, 150). Shapely: area 0 (its lobes cancel), make_valid → two triangles, 5000 m².
std::string bow_tie_wkt() {
  auto p = [](double x, double y) {
    return std::to_string(kX0 + x) + " " + std::to_string(kY0 + y);
  };
  return "POLYGON ((" + p(2500, 100) + ", " + p(2600, 200) + ", " + p(2600, 100) + ", " +
         p(2500, 200) + ", " + p(2500, 100) + "))";
}

Profile planar_profile() {
  Profile p = load_profile("three-no");
  p.area_method = AreaMethod::planar;
  return p;
}

const Verdict& no_adjusting(const std::vector<Verdict>& verdicts) {
  for (const auto& v : verdicts)
    if (v.rule_id == kNoAdjustingRuleId) return v;
  throw std::runtime_error("no verdict of the rule");
}

struct Checked {
  CheckConflicts conflicts;
  std::vector<Verdict> verdicts;
};

Checked check_with(FeatureSet features, const Zoning& before, const Zoning& after) {
  const Profile profile = planar_profile();
  Checked out{make_check_conflicts(features, true, before, after, profile, 1.0, 1.0, LedgerInputs{},
                                   features.issues),
              {}};
  const Comparison comparison = compare(before, after, compare_options(profile));
  RuleContext ctx{comparison, profile, nullptr, nullptr, out.conflicts.rule_input()};
  out.verdicts = evaluate_rules(ctx, RuleRegistry::standard());
  return out;
}

// A mining-right layer "rights" (rights.gpkg) of one feature with one attribute, loaded.
FeatureSet one_right(const std::string& fid, const MultiPolygon& mp, const std::string& field,
                     const std::string& value) {
  Layer layer;
  layer.path = "rights.gpkg";
  layer.name = "rights";
  layer.fields = {field};
  Feature f;
  f.id = fid;
  f.geometry = Geometry::from(mp);
  f.attributes = {{field, value, false}};
  layer.features.push_back(f);
  FeatureOptions o;
  o.category = FeatureCategory::mining_right;
  return features_from_layer(layer, o, testing::test_crs());
}

// Point 1. Before: the bow tie was skipped with one stderr line, the rule said PASS ("0 freed")
// and the ledger listed only the valid neighbour.
TEST(FeatureTrust, CarveOutAroundBowTieMiningRightFailsNoAdjusting) {
  const auto dir = fresh_dir("trust-bow-tie");
  write_gpkg(dir / "mining.gpkg", 4544, {"许可证号", "矿山名称"},
             {GpkgRow{{"C0001", "邻矿"}, rect_wkt(1100, 100, 1200, 200)},  // valid, unchanged
              GpkgRow{{"C0002", "蝴蝶矿"}, bow_tie_wkt()}},
             wkbPolygon);
  FeatureOptions o;
  o.path = (dir / "mining.gpkg").string();
  o.category = FeatureCategory::mining_right;
  const FeatureSet set = load_features(o, testing::test_crs());
  ASSERT_EQ(set.features.size(), 2u);
  EXPECT_TRUE(set.left_out.empty());
  ASSERT_EQ(set.repairs.size(), 1u);
  // The repair and its area change: 0 → 5000 m² (Shapely make_valid; pyproj Geod on GRS80 gives
  // 4999.9992 m² for the two triangles, the loader measures geodesically). Tolerance 0.01 m².
  EXPECT_NEAR(set.repairs[0].area_before_m2, 0.0, 0.01);
  EXPECT_NEAR(set.repairs[0].area_after_m2, 4999.9992, 0.01);
  EXPECT_EQ(set.sources[0].repaired, 1u);

  const auto [before, after] = testing::carved_experimental();
  const Checked c = check_with(set, before, after);
  const Verdict& v = no_adjusting(c.verdicts);
  EXPECT_EQ(v.status, VerdictStatus::fail) << v.explanation_en;
  bool named = false;
  for (const auto& e : v.evidence)
    named = named || (e.kind == EvidenceKind::feature && e.id == "C0002");
  EXPECT_TRUE(named);
  // Freed: the whole repaired right, 5000 m² planar (Shapely), tolerance 1e-6 m².
  EXPECT_NEAR(c.conflicts.overlay.overlay.rows[1].freed_area_m2, 5000.0, 1e-6);
  // The ledger lists the carved-out right, with the 以调代改 column filled (the rule fails on it).
  bool in_ledger = false;
  for (const auto& row : c.conflicts.ledger.rows)
    if (row.feature_id == "C0002") {
      in_ledger = true;
      EXPECT_TRUE(row.adjusting_instead_of_rectifying);
    }
  EXPECT_TRUE(in_ledger);
}

// Point 1: a polygon with one degenerate hole (three points, closed: encloses nothing) used to
// become MULTIPOLYGON EMPTY in the GEOS converter and vanish. The hole is dropped, the shell kept.
TEST(FeatureTrust, DegenerateHoleIsDroppedNeverItsShell) {
  MultiPolygon mp = rect(0, 0, 100, 100);
  mp.polygons[0].holes.push_back(
      {{kX0 + 10, kY0 + 10}, {kX0 + 20, kY0 + 20}, {kX0 + 10, kY0 + 10}});
  const geom::GeomPtr g = geom::to_geos(mp);
  EXPECT_FALSE(geom::is_empty(g.get()));
  EXPECT_NEAR(geom::planar_area(g.get()), 1.0e4, 1e-6);  // 100 m × 100 m, by hand

  // Through the loader: the feature is kept (repaired: the hole dropped, area unchanged).
  const FeatureSet set = one_right("1", mp, "名称", "带洞矿");
  ASSERT_EQ(set.features.size(), 1u);
  ASSERT_EQ(set.features[0].geometry.polygons.polygons.size(), 1u);
  EXPECT_TRUE(set.features[0].geometry.polygons.polygons[0].holes.empty());
  EXPECT_NEAR(planar_area(set.features[0].geometry.polygons), 1.0e4, 1e-6);  // m², by hand
  EXPECT_EQ(set.repairs.size(), 1u);
}

// Points 1 and 2: a right whose repair would shrink it beyond the tolerance (two overlapping
// parts: Σ parts 2.0e4 m², union 1.5e4 m² — Shapely) cannot be used. Nothing is freed, yet the
// rule is INCOMPLETE, never PASS; the feature is named in the verdict and the ledger.
TEST(FeatureTrust, UnusableRightMakesTheRuleIncompleteAndIsNamed) {
  MultiPolygon overlapping = rect(100, 1500, 200, 1600);
  overlapping.polygons.push_back(rect(150, 1500, 250, 1600).polygons[0]);
  const FeatureSet set = one_right("4", overlapping, "许可证号", "C0404");
  EXPECT_TRUE(set.features.empty());
  ASSERT_EQ(set.left_out.size(), 1u);
  EXPECT_EQ(set.left_out[0].label, "FID 4 (row 1 of rights), 许可证号 C0404");
  EXPECT_EQ(set.used_summary(),
            "rights.gpkg:rights 0 of 1 used (1 left out, 0 repaired, 0 as other)");

  const Zoning z = testing::nested_squares();
  const Checked c = check_with(set, z, z);  // identical zonings: nothing changes
  const Verdict& v = no_adjusting(c.verdicts);
  EXPECT_EQ(v.status, VerdictStatus::incomplete) << v.explanation_en;
  EXPECT_EQ(overall_status(c.verdicts), VerdictStatus::incomplete);
  EXPECT_EQ(exit_code_for(overall_status(c.verdicts)), 5);
  EXPECT_NE(v.explanation_en.find("0 of 1 used"), std::string::npos) << v.explanation_en;
  bool evidence = false;
  for (const auto& e : v.evidence)
    evidence = evidence || e.description.find("C0404") != std::string::npos;
  EXPECT_TRUE(evidence);
  ASSERT_EQ(c.conflicts.ledger.rows.size(), 1u);
  EXPECT_EQ(c.conflicts.ledger.rows[0].category, "left-out");
  EXPECT_NE(c.conflicts.ledger.rows[0].name.find("C0404"), std::string::npos);

  // A left-out feature of a category the rule does not count does not make it incomplete.
  FeatureSet other = set;
  other.left_out[0].category = FeatureCategory::settlement;
  EXPECT_EQ(no_adjusting(check_with(other, z, z).verdicts).status, VerdictStatus::pass);
}

// Point 2: rows without coordinates are counted ("1 of 3 used") and the rule cannot pass.
TEST(FeatureTrust, SkippedRowsAreCountedAndTheRuleCannotPass) {
  const auto dir = fresh_dir("trust-skipped");
  write_text(dir / "plants.csv",
             "编号,名称,类型,经度,纬度\n"
             "P1,甲电厂,燃煤,105.0,36.0\n"
             "P2,乙电厂,燃气,,36.1\n"
             "P3,丙电厂,核电,105.2,\n");
  FeatureOptions o;
  o.path = (dir / "plants.csv").string();
  const FeatureSet set = load_features(o, testing::test_crs());
  ASSERT_EQ(set.features.size(), 1u);
  EXPECT_EQ(set.left_out.size(), 2u);
  ASSERT_EQ(set.sources.size(), 1u);
  EXPECT_EQ(set.sources[0].features_read, 3u);  // three data rows, by hand
  EXPECT_EQ(set.sources[0].features_kept, 1u);
  EXPECT_NE(set.used_summary().find("1 of 3 used"), std::string::npos);
  const Zoning z = testing::nested_squares();
  EXPECT_EQ(no_adjusting(check_with(set, z, z).verdicts).status, VerdictStatus::incomplete);
}

// Point 2: the categories real lists use. WRI Global Power Plant Database primary_fuel values
// (Biomass, Coal, Cogeneration, Gas, Geothermal, Hydro, Nuclear, Oil, Other, Petcoke, Solar,
// Storage, Waste, Wave and Tidal, Wind) and Chinese fuel names are power plants; "Coal Mine
// Methane" is a power plant, not a mine.
TEST(FeatureTrust, PowerPlantFuelsMinesRoadsAndVillagesAreRecognised) {
  const CategoryMap m = CategoryMap::defaults();
  for (const char* fuel : {"Biomass",      "Coal",
                           "Cogeneration", "Gas",
                           "Geothermal",   "Nuclear",
                           "Oil",          "Petcoke",
                           "Solar",        "Storage",
                           "Waste",        "Wave and Tidal",
                           "Wind",         "Coal Mine Methane",
                           "燃煤",         "燃气",
                           "核电",         "风电",
                           "光伏",         "生物质",
                           "垃圾发电",     "地热",
                           "储能",         "某某燃煤电厂"}) {
    const auto c = m.lookup(fuel);
    ASSERT_TRUE(c.has_value()) << fuel;
    EXPECT_EQ(*c, FeatureCategory::other_energy) << fuel << " → " << to_string(*c);
  }
  EXPECT_EQ(m.lookup("Hydro"), FeatureCategory::hydropower);
  EXPECT_EQ(m.lookup("抽水蓄能电站"), FeatureCategory::hydropower);
  EXPECT_EQ(m.lookup("Other"), FeatureCategory::other);
  EXPECT_EQ(m.lookup("某煤矿"), FeatureCategory::mine);
  EXPECT_EQ(m.lookup("Coal mine"), FeatureCategory::mine);
  EXPECT_EQ(m.lookup("limestone quarry"), FeatureCategory::mine);
  EXPECT_EQ(m.lookup("排土场"), FeatureCategory::slag_yard);
  EXPECT_EQ(m.lookup("waste dump"), FeatureCategory::slag_yard);
  EXPECT_EQ(m.lookup("Copper smelter"), FeatureCategory::smelter);
  EXPECT_EQ(m.lookup("选矿厂"), FeatureCategory::concentrator);
  EXPECT_EQ(m.lookup("尾矿库"), FeatureCategory::tailings_pond);
  EXPECT_EQ(m.lookup("G210国道"), FeatureCategory::transport);
  EXPECT_EQ(m.lookup("县道"), FeatureCategory::transport);
  EXPECT_EQ(m.lookup("某某自然村"), FeatureCategory::settlement);
  EXPECT_EQ(m.lookup("village"), FeatureCategory::settlement);
  // Short English fuel words name a category only as the whole value.
  EXPECT_FALSE(m.lookup("soil sampling").has_value());

  // An unknown category is kept as "other", with a warning and a count.
  Layer layer;
  layer.path = "list.csv";
  layer.name = "list";
  layer.fields = {"类型"};
  for (const char* label : {"Coal", "加油站"}) {
    Feature f;
    f.id = std::to_string(layer.features.size() + 2);
    f.geometry = Geometry::from(Point{kX0, kY0});
    f.attributes = {{"类型", label, false}};
    layer.features.push_back(f);
  }
  const FeatureSet set = features_from_layer(layer, FeatureOptions{}, testing::test_crs());
  ASSERT_EQ(set.features.size(), 2u);
  EXPECT_EQ(set.features[1].category, FeatureCategory::other);
  EXPECT_EQ(set.sources[0].other_category, 1u);
  bool warned = false;
  for (const auto& i : set.issues)
    warned = warned || (i.code == IssueCode::unknown_category && i.severity == Severity::warning);
  EXPECT_TRUE(warned);
}

// Point 10: FIDs that repeat or are missing; names and licence numbers when there are any.
TEST(FeatureTrust, FeaturesAreNamedUnambiguously) {
  Layer layer;
  layer.path = "rights.shp";
  layer.name = "rights";
  layer.fields = {"许可证号", "名称"};
  auto add = [&](const std::string& fid, const std::string& licence, const std::string& name,
                 double x) {
    Feature f;
    f.id = fid;
    f.geometry = Geometry::from(rect(x, 0, x + 10, 10));
    f.attributes = {{"许可证号", licence, licence.empty()}, {"名称", name, name.empty()}};
    layer.features.push_back(f);
  };
  add("7", "C1", "甲矿", 0);
  add("7", "C1", "", 20);  // same FID, same licence
  add("", "", "", 40);     // no FID, no licence, no name
  add("", "", "", 60);
  FeatureOptions o;
  o.category = FeatureCategory::mining_right;
  const FeatureSet set = features_from_layer(layer, o, testing::test_crs());
  ASSERT_EQ(set.features.size(), 4u);
  EXPECT_EQ(set.features[0].label(), "FID 7 (row 1 of rights), 甲矿, 许可证号 C1");
  EXPECT_EQ(set.features[1].label(), "FID 7 (row 2 of rights), 许可证号 C1");
  EXPECT_EQ(set.features[2].label(), "FID (none) (row 3 of rights)");
  EXPECT_EQ(set.features[3].label(), "FID (none) (row 4 of rights)");
  std::set<std::string> ids;
  for (const auto& f : set.features) ids.insert(f.id);
  EXPECT_EQ(ids.size(), 4u);  // unique ids: C1, C1#2, row-3, row-4
  bool duplicate_named = false;
  for (const auto& i : set.issues)
    duplicate_named = duplicate_named || (i.code == IssueCode::duplicate_feature_id &&
                                          i.message.find("row 2 of rights") != std::string::npos);
  EXPECT_TRUE(duplicate_named);
}

// Point 9: the ledger's location lies in the part of the feature that left the reserve, not at
// the centroid of the whole; problem ids are unique when ids repeat; the datum is named.
TEST(FeatureTrust, LedgerLocationIdsAndDatumTellTheTruth) {
  const auto [before, after] = testing::carved_experimental();
  FeatureSet set;
  set.crs = testing::test_crs();
  ConflictFeature corridor;  // x 2500–2600 m, y 100–5000 m: 98 % outside the reserve
  corridor.id = "R1";
  corridor.name = "矿区道路";
  corridor.category = FeatureCategory::mine;
  corridor.geometry = Geometry::from(rect(2500, 100, 2600, 5000));
  set.features.push_back(corridor);
  ConflictFeature twin = corridor;  // same id (ids repeat in real lists)
  twin.geometry = Geometry::from(rect(1100, 100, 1200, 200));
  set.features.push_back(twin);
  const Checked c = check_with(set, before, after);
  ASSERT_EQ(c.conflicts.ledger.rows.size(), 2u);
  const LedgerRow& row = c.conflicts.ledger.rows[0];
  // Freed part = corridor ∩ hole = x 2500–2600, y 100–250 (by hand; Shapely agrees). The centroid
  // of the whole corridor (y 2550 m) lies far outside the reserve.
  ASSERT_TRUE(row.x_m && row.y_m);
  EXPECT_GE(*row.x_m, kX0 + 2500);
  EXPECT_LE(*row.x_m, kX0 + 2600);
  EXPECT_GE(*row.y_m, kY0 + 100);
  EXPECT_LE(*row.y_m, kY0 + 250);
  EXPECT_NE(c.conflicts.ledger.rows[0].problem_id, c.conflicts.ledger.rows[1].problem_id);
  EXPECT_EQ(c.conflicts.ledger.lonlat_datum, "CGCS2000");
  EXPECT_EQ(ledger_headers(c.conflicts.ledger.lonlat_datum)[4], "经度 CGCS2000 (lon)");
}

// Point 9: a Xian 1980 plane CRS gives Xian 1980 longitudes/latitudes under a Xian 1980 header
// (pyproj, EPSG:2380 → EPSG:4610, (500000, 4000000) → 105.0°E, 36.130276113°N; tolerance 1e-7°).
TEST(FeatureTrust, LedgerNamesTheDatumActuallyUsed) {
  ConflictOverlay c;
  c.features.crs = Crs::from_epsg(2380);
  ConflictFeature f;
  f.id = "P";
  f.name = "点";
  f.category = FeatureCategory::mine;
  f.geometry = Geometry::from(Point{500000.0, 4000000.0});
  c.features.features.push_back(f);
  FeatureOverlay row;
  row.feature_index = 0;
  row.is_point = true;
  row.before.zone = Zone::core;
  row.after.zone = Zone::core;
  c.overlay.rows.push_back(row);
  const Ledger ledger = build_ledger(c, {}, nullptr, LedgerOptions{});
  EXPECT_EQ(ledger.lonlat_datum, "Xian 1980");
  ASSERT_EQ(ledger.rows.size(), 1u);
  ASSERT_TRUE(ledger.rows[0].lon_deg && ledger.rows[0].lat_deg);
  EXPECT_NEAR(*ledger.rows[0].lon_deg, 105.0, 1e-7);
  EXPECT_NEAR(*ledger.rows[0].lat_deg, 36.130276113, 1e-7);
}

// Point 9: overlay text gives the area in each zone, never the feature's total beside a zone.
TEST(FeatureTrust, OverlayTextGivesTheAreaInEachZone) {
  const Zoning z = testing::nested_squares();
  FeatureSet set;
  set.crs = testing::test_crs();
  ConflictFeature f;  // x 900–1100 m, y 0–100 m: half in the core, half in the buffer
  f.id = "S";
  f.name = "跨区矿";
  f.category = FeatureCategory::mine;
  f.geometry = Geometry::from(rect(900, 0, 1100, 100));
  set.features.push_back(f);
  set.sources.push_back({"mines.gpkg", "mines", "", testing::test_crs(), 1, 1, 0, 0});
  const Checked c = check_with(set, z, z);
  const std::string text = overlay_text(c.conflicts.overlay);
  // 100 m × 100 m = 1.00 ha in each zone; 2.00 ha in all (by hand).
  EXPECT_NE(text.find("before: 核心区 1.00 ha, 缓冲区 1.00 ha"), std::string::npos) << text;
  EXPECT_NE(text.find("area 2.00 ha"), std::string::npos) << text;
  EXPECT_EQ(text.find("核心区 2.00 ha"), std::string::npos) << text;
  EXPECT_NE(text.find("1 of 1 used"), std::string::npos) << text;
}

}  // namespace
}  // namespace reserve
