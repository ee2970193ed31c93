// The permutation test of 不以调代改's targeting (rules/carve_out_permutation.hpp): a carve-out
// drawn exactly over mines is unlikely by chance (p at its floor 1/(n + 1)), one drawn without
// regard to them is not (large p), and a seed gives one p.
//
// Reserve: a 10 km square (experimental zone) in EPSG:4544; 40 mining rights of 200 m × 200 m
// against its boundary, one every 1000 m along each side (10 per side), so that a piece moved
// along the boundary meets one about 40 % of the time ((200 + 200) / 1000 of the positions).
// distance_m = 0: the conflict footprint is the mining rights themselves (40 × 40000 m²).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "analysis/zoning_fixtures.hpp"
#include "geom/geos.hpp"
#include "reserve/compare.hpp"
#include "reserve/error.hpp"
#include "reserve/overlay.hpp"
#include "rules/carve_out_permutation.hpp"

namespace reserve {
namespace {

using testing::make_zoning;
using testing::rect;

constexpr double kSide = 10000.0;
constexpr double kMine = 200.0;

// Lower-left corners of the mining rights, in metres from the fixture's origin: on each side at
// 400, 1400, …, 9400 m along it, against the boundary.
std::vector<std::pair<double, double>> mine_corners() {
  std::vector<std::pair<double, double>> out;
  for (int i = 0; i < 10; ++i) {
    const double t = 400.0 + 1000.0 * i;
    out.push_back({t, 0.0});            // south
    out.push_back({kSide - kMine, t});  // east
    out.push_back({t, kSide - kMine});  // north
    out.push_back({0.0, t});            // west
  }
  return out;
}

FeatureSet mines() {
  FeatureSet set;
  set.crs = testing::test_crs();
  int n = 0;
  for (const auto& [x, y] : mine_corners()) {
    ConflictFeature f;
    f.id = "M" + std::to_string(++n);
    f.category = FeatureCategory::mining_right;
    f.geometry = Geometry::from(rect(x, y, x + kMine, y + kMine));
    set.features.push_back(f);
  }
  return set;
}

// The reserve with 200 m × 200 m notches cut at the given lower-left corners (on the boundary).
Zoning notched(const std::vector<std::pair<double, double>>& notches) {
  MultiPolygon cut;
  for (const auto& [x, y] : notches)
    cut.polygons.push_back(rect(x, y, x + kMine, y + kMine).polygons.front());
  return make_zoning("proposal",
                     {{Zone::experimental, geom::subtract(rect(0, 0, kSide, kSide), cut)}});
}

NoAdjustingResult evaluate(const Zoning& after, int draws, std::uint64_t seed) {
  const Zoning before = make_zoning("baseline", {{Zone::experimental, rect(0, 0, kSide, kSide)}});
  CompareOptions co;
  co.area_method = AreaMethod::planar;
  const Comparison c = compare(before, after, co);
  OverlayOptions oo;
  oo.area_method = AreaMethod::planar;
  const ConflictOverlay overlay = make_conflict_overlay(mines(), before, after, oo);
  NoAdjustingOptions o;
  o.distance_m = 0.0;
  o.permutation_draws = draws;
  o.permutation_seed = seed;
  return evaluate_no_adjusting(c, overlay, o);
}

// Three notches that are exactly three of the mining rights (south 2400, east 5400, north 8400):
// the proposal takes in 3 × 40000 m², all of each piece. A random draw matches that only if all
// three pieces land on a mine unrotated and aligned to the metre, which 4999 draws never do:
// k = 0 and p = 1 / 5000 = 0.0002 < 0.001.
TEST(CarveOutPermutation, ACarveOutOverMinesIsUnlikelyByChance) {
  const NoAdjustingResult r =
      evaluate(notched({{2400.0, 0.0}, {kSide - kMine, 5400.0}, {8400.0, kSide - kMine}}), 4999, 7);
  ASSERT_TRUE(r.targeting.ratio.has_value());
  EXPECT_NEAR(r.targeting.footprint_in_changed_m2, 120000.0, 1e-6);  // 3 × 200 × 200, hand
  ASSERT_TRUE(r.targeting.p_value.has_value());
  EXPECT_EQ(r.targeting.permutation_draws, 4999);
  EXPECT_EQ(r.targeting.permutation_seed, 7u);
  EXPECT_DOUBLE_EQ(*r.targeting.p_value, 1.0 / 5000.0);
  EXPECT_LT(*r.targeting.p_value, 0.001);
}

// Three notches placed without regard to the mines, halfway between them except one that
// happens to clip a mine by 50 m (south, x 2250–2450 against the mine at 2400–2600: 50 × 200 =
// 10000 m² taken in). A piece moved along the boundary meets a mine ~40 % of the time (mostly by
// more than 10000 m²), so most draws of three pieces take in at least as much: p ≫ 0.2 (the
// test stops early, at its 50th draw as large).
TEST(CarveOutPermutation, ACarveOutIndependentOfTheMinesIsNotUnlikely) {
  const NoAdjustingResult r =
      evaluate(notched({{2250.0, 0.0}, {kSide - kMine, 4900.0}, {6900.0, kSide - kMine}}), 999, 7);
  EXPECT_NEAR(r.targeting.footprint_in_changed_m2, 10000.0, 1e-6);  // 50 × 200, hand
  ASSERT_TRUE(r.targeting.p_value.has_value());
  EXPECT_GT(*r.targeting.p_value, 0.2);
}

TEST(CarveOutPermutation, TheSameSeedGivesTheSamePAndTheDrawsAreReported) {
  const Zoning after = notched({{2250.0, 0.0}, {kSide - kMine, 4900.0}, {6900.0, kSide - kMine}});
  const NoAdjustingResult a = evaluate(after, 499, 42);
  const NoAdjustingResult b = evaluate(after, 499, 42);
  ASSERT_TRUE(a.targeting.p_value && b.targeting.p_value);
  EXPECT_EQ(*a.targeting.p_value, *b.targeting.p_value);  // bit for bit
  EXPECT_EQ(a.targeting.permutation_draws, b.targeting.permutation_draws);
  // Chance matches this carve-out easily, so the test stops at the 50th draw as large
  // (Besag–Clifford): p = 50 / draws made, with fewer than the 499 asked for.
  EXPECT_LT(a.targeting.permutation_draws, 499);
  EXPECT_DOUBLE_EQ(*a.targeting.p_value, 50.0 / a.targeting.permutation_draws);
}

TEST(CarveOutPermutation, ZeroDrawsTurnsTheTestOffAndNegativeIsAUsageError) {
  const Zoning after = notched({{2400.0, 0.0}});
  const NoAdjustingResult off = evaluate(after, 0, 1);
  EXPECT_TRUE(off.targeting.ratio.has_value());
  EXPECT_FALSE(off.targeting.p_value.has_value());
  EXPECT_THROW(evaluate(after, -1, 1), UsageError);
}

// A downgraded piece is moved inside the reserve, not along its boundary: a core zone that
// becomes experimental, drawn exactly over the only mine in the middle of the reserve, is
// unlikely by chance (the mine covers 40000 / 1e8 of the reserve).
TEST(CarveOutPermutation, ADowngradeOverAnInteriorMineIsUnlikelyByChance) {
  const MultiPolygon whole = rect(0, 0, kSide, kSide);
  const MultiPolygon core = rect(5000, 5000, 5000 + kMine, 5000 + kMine);
  const Zoning before = make_zoning(
      "baseline", {{Zone::core, core}, {Zone::experimental, geom::subtract(whole, core)}});
  const Zoning after = make_zoning("proposal", {{Zone::experimental, whole}});
  CompareOptions co;
  co.area_method = AreaMethod::planar;
  const Comparison c = compare(before, after, co);
  FeatureSet set;
  set.crs = testing::test_crs();
  ConflictFeature f;
  f.id = "M1";
  f.category = FeatureCategory::mine;
  f.geometry = Geometry::from(core);
  set.features.push_back(f);
  OverlayOptions oo;
  oo.area_method = AreaMethod::planar;
  const ConflictOverlay overlay = make_conflict_overlay(set, before, after, oo);
  NoAdjustingOptions o;
  o.distance_m = 0.0;
  o.permutation_draws = 999;
  const NoAdjustingResult r = evaluate_no_adjusting(c, overlay, o);
  ASSERT_EQ(c.downgraded.pieces.size(), 1u);
  ASSERT_TRUE(r.targeting.p_value.has_value());
  EXPECT_DOUBLE_EQ(*r.targeting.p_value, 1.0 / 1000.0);
}

// A square [x, x + kMine] × [y, y + kMine] (metres from the fixture's origin) with a vertex every
// 10 m along its sides.
Polygon dense_square(double x, double y) {
  Ring r;
  x += testing::kX0;
  y += testing::kY0;
  const Point corners[] = {{x, y}, {x + kMine, y}, {x + kMine, y + kMine}, {x, y + kMine}};
  for (int c = 0; c < 4; ++c) {
    const Point a = corners[c], b = corners[(c + 1) % 4];
    for (int i = 0; i < 20; ++i)
      r.push_back({a.x + (b.x - a.x) * i / 20, a.y + (b.y - a.y) * i / 20});
  }
  r.push_back(r.front());
  return Polygon{r, {}};
}

// The reserve with 150 × 200 m of one mine and 100 × 200 m of another cut out, along edges of
// 10 m (the grid's cells are ~110 m): the walk steps over runs of edges in cells without mines.
Zoning densely_notched() {
  MultiPolygon cut;
  cut.polygons.push_back(dense_square(2450.0, 0.0));
  cut.polygons.push_back(dense_square(kSide - kMine, 4900.0));
  return make_zoning("proposal",
                     {{Zone::experimental, geom::subtract(rect(0, 0, kSide, kSide), cut)}});
}

// The grid bounds only settle draws whose exact measure is clear of the observed value: for
// carve-outs taking in all, some or little of a mine (with long edges, and with short ones that the
// walk steps over), every seed gives the same draws as large, the same draws made and the same p
// as measuring every draw exactly (the straightforward test).
// distance 0: the footprint is the mining rights.
geom::GeomPtr mines_footprint() {
  MultiPolygon all;
  for (const auto& f : mines().features)
    all.polygons.push_back(f.geometry.polygons.polygons.front());
  return geom::to_geos(all);
}

TEST(CarveOutPermutation, GridBoundsGiveTheSameResultAsMeasuringEveryDraw) {
  const Zoning before = make_zoning("baseline", {{Zone::experimental, rect(0, 0, kSide, kSide)}});
  const geom::GeomPtr reserve = geom::to_geos(rect(0, 0, kSide, kSide));
  const geom::GeomPtr footprint = mines_footprint();
  CompareOptions co;
  co.area_method = AreaMethod::planar;
  const std::vector<Zoning> proposals = {
      notched({{2400.0, 0.0}, {kSide - kMine, 5400.0}}),  // all of two mines
      notched({{2450.0, 0.0}}),                           // 150 × 200 m of one
      notched({{2250.0, 0.0}, {kSide - kMine, 4900.0}}),  // 50 × 200 m of one
      densely_notched(),
  };
  for (std::size_t k = 0; k < proposals.size(); ++k) {
    const Comparison c = compare(before, proposals[k], co);
    for (std::uint64_t seed : {1u, 2u, 3u}) {
      const auto fast = rules::carve_out_permutation(c, reserve.get(), footprint.get(), 499, seed);
      const auto exact =
          rules::carve_out_permutation(c, reserve.get(), footprint.get(), 499, seed, true);
      EXPECT_EQ(fast.as_large, exact.as_large) << "proposal " << k << ", seed " << seed;
      EXPECT_EQ(fast.draws, exact.draws);
      EXPECT_EQ(fast.p_value, exact.p_value);
      EXPECT_EQ(exact.measured_exactly, exact.draws);
      EXPECT_LT(fast.measured_exactly, fast.draws);  // the bounds did settle draws
    }
  }
}

// Draws are bounded piece by piece (the footprint in each rotated piece's hull box, then the grid
// walk of the pieces with the most footprint in their boxes first, until the draw is settled): with
// six pieces of unlike shapes (a 2400 m × 30 m strip over three mines, whose hull box is far
// smaller than its circle's; a whole mine; half a mine; a notch beside no mine; a thin core zone
// downgraded in the middle, whose box mostly holds no mine) every seed gives the same draws as
// large, draws made and p as measuring every draw exactly.
TEST(CarveOutPermutation, PieceByPieceBoundsGiveTheSameResultAsMeasuringEveryDraw) {
  const MultiPolygon whole = rect(0, 0, kSide, kSide);
  const MultiPolygon core = rect(4000, 5000, 4400, 5030);
  const Zoning before = make_zoning(
      "baseline", {{Zone::core, core}, {Zone::experimental, geom::subtract(whole, core)}});
  const geom::GeomPtr reserve = geom::to_geos(whole);
  const geom::GeomPtr footprint = mines_footprint();
  CompareOptions co;
  co.area_method = AreaMethod::planar;
  // With the whole mine the proposal takes in 40000 + 3 × 200 × 30 + 100 × 100 = 68000 m² (few
  // draws as large); without it 28000 m² (many), so that draws are settled on both sides.
  for (const bool whole_mine : {true, false}) {
    std::vector<MultiPolygon> cuts = {rect(1300, 0, 3700, 30), rect(8450, kSide - 100, 8550, kSide),
                                      rect(0, 2000, 100, 2300)};
    if (whole_mine) cuts.push_back(rect(kSide - kMine, 5400, kSide, 5600));
    MultiPolygon cut;
    for (const MultiPolygon& m : cuts) cut.polygons.push_back(m.polygons.front());
    const Zoning after =
        make_zoning("proposal", {{Zone::experimental, geom::subtract(whole, cut)}});
    const Comparison c = compare(before, after, co);
    ASSERT_EQ(c.removed.pieces.size(), cuts.size());
    ASSERT_EQ(c.downgraded.pieces.size(), 1u);
    for (std::uint64_t seed : {1u, 2u, 3u, 4u}) {
      const auto fast = rules::carve_out_permutation(c, reserve.get(), footprint.get(), 499, seed);
      const auto exact =
          rules::carve_out_permutation(c, reserve.get(), footprint.get(), 499, seed, true);
      EXPECT_NEAR(fast.observed_m2, whole_mine ? 68000.0 : 28000.0, 1e-6);  // m², by hand
      EXPECT_EQ(fast.as_large, exact.as_large) << "whole mine " << whole_mine << ", seed " << seed;
      EXPECT_EQ(fast.draws, exact.draws);
      EXPECT_EQ(fast.p_value, exact.p_value);
      EXPECT_LT(fast.measured_exactly, fast.draws);  // the bounds did settle draws
    }
  }
}

// The draws walk the reserve's outline canonically (from each ring's least vertex, the reserve on
// the left, rings in order of their least vertices), so the outline written with another start
// vertex, the other orientation, its rings in another order, or with vertices added along its
// edges gives the same draws and the same p, bit for bit. A carve-out independent of the mines
// stops at its 50th draw as large: p = 50 / draws depends on every draw. The outline here has a
// hole (a lake, 3000–4000 m square), so that two rings are walked.
TEST(CarveOutPermutation, PDoesNotDependOnHowTheOutlineIsWrittenDown) {
  const Ring lake_ccw = rect(3000, 3000, 4000, 4000).polygons.front().outer;
  const Ring lake(lake_ccw.rbegin(), lake_ccw.rend());
  const MultiPolygon with_lake{{Polygon{rect(0, 0, kSide, kSide).polygons.front().outer, {lake}}}};
  const Zoning before = make_zoning("baseline", {{Zone::experimental, with_lake}});
  const Zoning after = notched({{2250.0, 0.0}, {kSide - kMine, 4900.0}, {6900.0, kSide - kMine}});
  CompareOptions co;
  co.area_method = AreaMethod::planar;
  const Comparison c = compare(before, after, co);
  const geom::GeomPtr footprint = mines_footprint();
  auto run = [&](const MultiPolygon& reserve) {
    const geom::GeomPtr g = geom::to_geos(reserve);
    return rules::carve_out_permutation(c, g.get(), footprint.get(), 499, 42);
  };
  // Ring edits: start at another vertex, walk the other way, a vertex halfway along each edge
  // (exact: the corners are whole metres).
  auto rotated = [](Ring r) {
    r.pop_back();
    std::rotate(r.begin(), r.begin() + 2, r.end());
    r.push_back(r.front());
    return r;
  };
  auto reversed = [](const Ring& r) { return Ring(r.rbegin(), r.rend()); };
  auto densified = [](const Ring& r) {
    Ring out;
    for (std::size_t i = 0; i + 1 < r.size(); ++i) {
      out.push_back(r[i]);
      out.push_back({(r[i].x + r[i + 1].x) / 2, (r[i].y + r[i + 1].y) / 2});
    }
    out.push_back(r.front());
    return out;
  };
  const Polygon& p = with_lake.polygons.front();
  const auto as_written = run(with_lake);
  EXPECT_GT(as_written.p_value, 0.2);
  EXPECT_GT(as_written.draws, 0);
  const std::vector<MultiPolygon> variants = {
      MultiPolygon{{Polygon{rotated(p.outer), {rotated(p.holes[0])}}}},
      MultiPolygon{{Polygon{reversed(p.outer), {reversed(p.holes[0])}}}},
      MultiPolygon{{Polygon{densified(p.outer), {densified(p.holes[0])}}}},
  };
  for (std::size_t v = 0; v < variants.size(); ++v) {
    const auto r = run(variants[v]);
    EXPECT_EQ(r.p_value, as_written.p_value) << "variant " << v;
    EXPECT_EQ(r.draws, as_written.draws) << "variant " << v;
    EXPECT_EQ(r.as_large, as_written.as_large) << "variant " << v;
  }
}

}  // namespace
}  // namespace reserve
