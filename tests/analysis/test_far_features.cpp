// Province-wide layers against one reserve (issue 14): the features far from the reserve are
// counted, not overlaid, and the check's results are the same with the full layers, with layers
// pre-clipped to the reserve's surroundings, and without the filter.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "analysis/feature_filter.hpp"
#include "analysis/zoning_fixtures.hpp"
#include "reserve/check.hpp"
#include "reserve/compare.hpp"
#include "support/gdal_writer.hpp"
#include "support/temp_dir.hpp"

namespace reserve {
namespace {

using testing::kX0;
using testing::kY0;
using testing::rect;
using testing::rect_ring_shape;

// Baseline: nested squares (core 0…1000 m, buffer to -500…1500, experimental to -1000…2000).
// Proposal: the east strip x 1600…2000 m leaves the reserve and the core's east half (x 500…1000)
// becomes buffer.
std::pair<Zoning, Zoning> zonings() {
  Zoning before = testing::nested_squares("baseline");
  Zoning after = testing::make_zoning(
      "proposal",
      {{Zone::core, rect(0, 0, 500, 1000)},
       {Zone::buffer, rect_ring_shape(-500, -500, 1500, 1500, 0, 0, 500, 1000)},
       {Zone::experimental, rect_ring_shape(-1000, -1000, 1600, 2000, -500, -500, 1500, 1500)}});
  return {std::move(before), std::move(after)};
}

ConflictFeature square_feature(std::string id, FeatureCategory c, double x, double y, double s) {
  ConflictFeature f;
  f.id = std::move(id);
  f.name = f.id;
  f.category = c;
  f.geometry = Geometry::from(rect(x, y, x + s, y + s));
  return f;
}

ConflictFeature point_feature(std::string id, FeatureCategory c, double x, double y) {
  ConflictFeature f;
  f.id = std::move(id);
  f.name = f.id;
  f.category = c;
  f.geometry = Geometry::from(Point{kX0 + x, kY0 + y});
  return f;
}

// Seeded "province": features over 200 km × 200 km around the reserve, some of them in and near
// it, and points placed around the 100 m search distance of the three-no profile (east of the
// baseline's edge at x = 2000 m, and of the proposal's at 1600 m).
FeatureSet province(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> wide(-100000.0, 100000.0), near(-4000.0, 5000.0),
      size(50.0, 300.0);
  const FeatureCategory point_kinds[] = {FeatureCategory::tailings_pond, FeatureCategory::smelter,
                                         FeatureCategory::settlement, FeatureCategory::hydropower};
  FeatureSet set;
  set.crs = testing::test_crs();
  for (int i = 0; i < 400; ++i) {
    const bool close = i % 8 == 0;
    set.features.push_back(square_feature("M" + std::to_string(i), FeatureCategory::mining_right,
                                          close ? near(rng) : wide(rng),
                                          close ? near(rng) : wide(rng), size(rng)));
  }
  for (int i = 0; i < 3000; ++i) {
    const bool close = i % 10 == 0;
    set.features.push_back(point_feature("P" + std::to_string(i), point_kinds[i % 4],
                                         close ? near(rng) : wide(rng),
                                         close ? near(rng) : wide(rng)));
  }
  // Around the search distance (100 m from the baseline's east edge x = 2000 m): 99.9 m and
  // 100.0 m are near, 100.5 m is far; a polygon 99 m away is near, one 101 m away far.
  for (double d : {99.9, 100.0, 100.5})
    set.features.push_back(
        point_feature("edge+" + std::to_string(d), FeatureCategory::tailings_pond, 2000 + d, 500));
  set.features.push_back(
      square_feature("edge-poly-99", FeatureCategory::mining_right, 2099, 400, 100));
  set.features.push_back(
      square_feature("edge-poly-101", FeatureCategory::mining_right, 2101, 400, 100));
  return set;
}

// The features whose envelope meets the reserve's envelope grown by 2 km: what an analyst would
// cut out of the province layers before a check.
FeatureSet clipped(const FeatureSet& all) {
  FeatureSet out;
  out.crs = all.crs;
  for (const auto& f : all.features) {
    const Envelope e = envelope_of(f.geometry);
    if (e.max_x >= kX0 - 3000 && e.min_x <= kX0 + 4000 && e.max_y >= kY0 - 3000 &&
        e.min_y <= kY0 + 4000)
      out.features.push_back(f);
  }
  return out;
}

Profile planar_profile() {
  Profile p = load_profile("three-no");
  p.area_method = AreaMethod::planar;
  return p;
}

nlohmann::json section_without_far_counts(const CheckConflicts& c) {
  auto j = nlohmann::json::parse(conflicts_section(c).json);
  j.erase("far_features");
  return j;
}

// One random province around the zonings (seed printed, so a failure can be replayed).
class FarFeatures : public ::testing::Test {
 protected:
  void SetUp() override {
    std::printf("far-features random seed: %llu\n", static_cast<unsigned long long>(seed));
  }
  const std::uint64_t seed = std::random_device{}();
  const Zoning before = zonings().first, after = zonings().second;
  const Profile profile = planar_profile();
  const FeatureSet all = province(seed);
};

// The 不以调代改 results agree: counts and verdict exactly, footprint areas within `tol_m2`.
void expect_same_rule_result(const NoAdjustingResult& a, const NoAdjustingResult& b,
                             double tol_m2) {
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.freed.size(), b.freed.size());
  EXPECT_EQ(a.changes.size(), b.changes.size());
  EXPECT_NEAR(a.targeting.footprint_area_m2, b.targeting.footprint_area_m2, tol_m2);
  EXPECT_NEAR(a.targeting.footprint_in_changed_m2, b.targeting.footprint_in_changed_m2, tol_m2);
}

// A feature that holds the whole reserve has no boundary near the reserve's yet meets it: kept.
// A ring-shaped feature with the reserve in its hole is as far as the gap between them: kept
// within 100 m, dropped beyond. (Distances by hand from the nested squares: the baseline's
// outline is x, y -1000…2000 m.)
TEST(FarFeatureFilter, EnclosingFeaturesAreJudgedByTheirRings) {
  auto [before, after] = zonings();
  auto feature = [](std::string id, MultiPolygon shape) {
    ConflictFeature f;
    f.id = std::move(id);
    f.name = f.id;
    f.category = FeatureCategory::mining_right;
    f.geometry = Geometry::from(std::move(shape));
    return f;
  };
  FeatureSet set;
  set.crs = testing::test_crs();
  set.features.push_back(feature("holds-reserve", rect(-5000, -5000, 7000, 7000)));
  set.features.push_back(
      feature("hole-gap-50", rect_ring_shape(-5000, -5000, 7000, 7000, -1050, -1050, 2050, 2050)));
  set.features.push_back(
      feature("hole-gap-150", rect_ring_shape(-5000, -5000, 7000, 7000, -1150, -1150, 2150, 2150)));
  const reserve::FarFeatures far = analysis::drop_far_features(set, before, after, 100.0);
  EXPECT_EQ(far.count, 1u);
  ASSERT_EQ(set.features.size(), 2u);
  EXPECT_EQ(set.features[0].id, "holds-reserve");
  EXPECT_EQ(set.features[1].id, "hole-gap-50");
}

TEST(FarFeatureSearch, DistanceIsTheProfilesLargest) {
  Profile p = planar_profile();
  EXPECT_EQ(conflict_search_distance_m(p, 1.0), 100.0);    // three-no: buffer_distance_m = 100
  EXPECT_EQ(conflict_search_distance_m(p, 250.0), 250.0);  // the tolerance when larger
  RuleConfig r;
  r.id = kNoAdjustingRuleId;
  r.params["distance_m"] = 500.0;
  p.rules.push_back(r);
  EXPECT_EQ(conflict_search_distance_m(p, 1.0), 500.0);  // a rule's own distance_m
}

TEST_F(FarFeatures, FullAndClippedLayersGiveTheSameReport) {
  SCOPED_TRACE("seed " + std::to_string(seed));
  const FeatureSet clip = clipped(all);
  const CheckConflicts full =
      make_check_conflicts(all, true, before, after, profile, 1.0, 1.0, LedgerInputs{}, {});
  const CheckConflicts cut =
      make_check_conflicts(clip, true, before, after, profile, 1.0, 1.0, LedgerInputs{}, {});

  // The reports agree in everything but the count of far features.
  EXPECT_EQ(section_without_far_counts(full), section_without_far_counts(cut));
  EXPECT_EQ(full.overlay.far.total, all.features.size());
  EXPECT_EQ(cut.overlay.far.total, clip.features.size());
  EXPECT_EQ(full.overlay.far.count - cut.overlay.far.count,
            all.features.size() - clip.features.size());
  EXPECT_EQ(full.overlay.far.distance_m, 100.0);  // three-no's buffer_distance_m

  // And so does the rule that buffers and unions the conflict features.
  const Comparison cmp = compare(before, after, compare_options(profile));
  NoAdjustingOptions o;
  const NoAdjustingResult a = evaluate_no_adjusting(cmp, full.overlay, o);
  const NoAdjustingResult b = evaluate_no_adjusting(cmp, cut.overlay, o);
  expect_same_rule_result(a, b, 0.0);  // the same features in the same order: exactly
  EXPECT_EQ(a.explanation_en, b.explanation_en);

  // The edge cases of the search distance: 99.9 m and 100 m kept, 100.5 m counted as far.
  std::map<std::string, bool> kept;
  for (const auto& f : full.overlay.features.features) kept[f.id] = true;
  EXPECT_TRUE(kept.count("edge+99.900000"));
  EXPECT_TRUE(kept.count("edge+100.000000"));
  EXPECT_FALSE(kept.count("edge+100.500000"));
  EXPECT_TRUE(kept.count("edge-poly-99"));
  EXPECT_FALSE(kept.count("edge-poly-101"));
}

TEST_F(FarFeatures, FilteredOverlayEqualsTheUnfilteredOne) {
  // Without the filter (search distance +infinity) every feature is overlaid; the kept features'
  // rows are the same, the far ones are outside both times and farther than 100 m, and the rule
  // gives the same result.
  SCOPED_TRACE("seed " + std::to_string(seed));
  const OverlayOptions oo = check_overlay_options(1.0, 1.0, profile);
  const ConflictOverlay filtered = make_conflict_overlay(all, before, after, oo, 100.0);
  const ConflictOverlay unfiltered = make_conflict_overlay(all, before, after, oo);
  EXPECT_EQ(unfiltered.far.count, 0u);
  ASSERT_EQ(unfiltered.overlay.rows.size(), all.features.size());
  EXPECT_EQ(filtered.overlay.rows.size() + filtered.far.count, all.features.size());

  std::map<std::string, const FeatureOverlay*> near;
  for (const auto& r : filtered.overlay.rows) near[r.feature_id] = &r;
  for (const auto& r : unfiltered.overlay.rows) {
    auto it = near.find(r.feature_id);
    if (it == near.end()) {
      EXPECT_EQ(r.before.zone, Zone::outside) << r.feature_id;
      EXPECT_EQ(r.after.zone, Zone::outside) << r.feature_id;
      EXPECT_EQ(r.change, StatusChange::unchanged) << r.feature_id;
      EXPECT_GT(r.before.distance_to_reserve_boundary_m, 100.0) << r.feature_id;  // metres
      EXPECT_GT(r.after.distance_to_reserve_boundary_m, 100.0) << r.feature_id;
      continue;
    }
    const FeatureOverlay& k = *it->second;
    EXPECT_EQ(k.change, r.change) << r.feature_id;
    EXPECT_EQ(k.before.zone, r.before.zone) << r.feature_id;
    EXPECT_EQ(k.after.zone, r.after.zone) << r.feature_id;
    EXPECT_EQ(k.freed_area_m2, r.freed_area_m2) << r.feature_id;
    EXPECT_EQ(k.before.distance_to_reserve_boundary_m, r.before.distance_to_reserve_boundary_m);
  }

  const Comparison cmp = compare(before, after, compare_options(profile));
  const NoAdjustingResult a = evaluate_no_adjusting(cmp, filtered, {});
  const NoAdjustingResult b = evaluate_no_adjusting(cmp, unfiltered, {});
  // The footprint union is built from fewer features: the same land, to rounding (1e-6 m²).
  expect_same_rule_result(a, b, 1e-6);
}

// The province's features as two files: the mining rights (polygons) and the facilities (points),
// with their category in 类型, in the test CRS (EPSG:4544).
ConflictInputs write_province_files(const FeatureSet& all, const test::TempDir& dir) {
  test::LayerSpec mines, points;
  mines.layer = "mining";
  mines.epsg = points.epsg = 4544;
  mines.geometry_type = "MultiPolygon";
  points.layer = "facilities";
  points.geometry_type = "Point";
  mines.fields = points.fields = {{"编号", "string"}, {"类型", "string"}};
  for (const auto& f : all.features) {
    if (f.is_point())
      points.features.push_back({to_wkt(f.geometry), {f.id, chinese_name(f.category)}});
    else
      mines.features.push_back({to_wkt(f.geometry), {f.id, chinese_name(f.category)}});
  }
  ConflictInputs in;
  in.mining = {dir.file("mining.gpkg")};
  in.facilities = {dir.file("facilities.gpkg")};
  test::write_layer(in.mining[0], mines);
  test::write_layer(in.facilities[0], points);
  in.id_field = "编号";
  in.category_field = "类型";
  return in;
}

TEST_F(FarFeatures, LoadedNearFeaturesAreNotFilteredTwice) {
  // load_check_conflicts filters each layer while reading, with one prepared reserve shared by the
  // layers, and the overlay then skips its own filter. The straightforward path (every feature
  // loaded, then one filter in the overlay) must give the same report, far counts included.
  SCOPED_TRACE("seed " + std::to_string(seed));
  const test::TempDir dir;
  const ConflictInputs in = write_province_files(all, dir);
  const std::optional<CheckConflicts> fast = load_check_conflicts(in, {}, before, after, profile);
  ASSERT_TRUE(fast.has_value());
  FeatureSet every = load_conflict_features(in, before.crs);
  ASSERT_EQ(every.features.size(), all.features.size());
  const std::vector<Issue> issues = every.issues;
  const CheckConflicts plain = make_check_conflicts(std::move(every), true, before, after, profile,
                                                    1.0, 1.0, LedgerInputs{}, issues);
  EXPECT_EQ(nlohmann::json::parse(conflicts_section(*fast).json),
            nlohmann::json::parse(conflicts_section(plain).json));
  EXPECT_EQ(fast->overlay.far.count, plain.overlay.far.count);
  EXPECT_EQ(fast->overlay.far.total, all.features.size());
  EXPECT_GT(fast->overlay.far.count, 0u);  // the seeded province has far features
  EXPECT_LT(fast->overlay.far.count, all.features.size());
}

TEST_F(FarFeatures, OneFilterForSeveralLayersEqualsOneFilterPerLayer) {
  // FarFeatureFilter prepares the reserve once for every layer: each layer keeps the same
  // features, with the same counts, as drop_far_features on that layer alone.
  SCOPED_TRACE("seed " + std::to_string(seed));
  FeatureSet mines, points;
  for (const auto& f : all.features) (f.is_point() ? points : mines).features.push_back(f);
  FeatureSet mines_alone = mines, points_alone = points;
  analysis::FarFeatureFilter filter(before, after, 100.0);
  const reserve::FarFeatures fm = filter.drop_far(mines), fp = filter.drop_far(points);
  const reserve::FarFeatures am = analysis::drop_far_features(mines_alone, before, after, 100.0);
  const reserve::FarFeatures ap = analysis::drop_far_features(points_alone, before, after, 100.0);
  auto ids = [](const FeatureSet& s) {
    std::vector<std::string> out;
    for (const auto& f : s.features) out.push_back(f.id);
    return out;
  };
  EXPECT_EQ(ids(mines), ids(mines_alone));
  EXPECT_EQ(ids(points), ids(points_alone));
  EXPECT_EQ(fm.count, am.count);
  EXPECT_EQ(fp.count, ap.count);
  EXPECT_EQ(fm.total, am.total);
  EXPECT_EQ(fp.total, ap.total);
  EXPECT_GT(fm.count + fp.count, 0u);
}

}  // namespace
}  // namespace reserve
