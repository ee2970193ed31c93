// Issue 10.6: the boundary tolerance decides, and protection gets the benefit of the doubt. A
// point inside a zone, or within the tolerance of a stricter zone, counts as in the stricter
// zone, before and after. Points 0.5 m and 5 m either side of a cut and of added land, at
// tolerances 0, 0.1, 1 and 10 m; statuses and the 不以调代改 freed list follow.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "analysis/zoning_fixtures.hpp"
#include "reserve/compare.hpp"
#include "reserve/overlay.hpp"

namespace reserve::testing {
namespace {

// Mining-right points at (x, 500) m from the fixture origin.
FeatureSet points_at(const std::vector<double>& xs) {
  FeatureSet fs;
  fs.crs = test_crs();
  for (double x : xs) {
    ConflictFeature f;
    f.id = "x=" + std::to_string(x);
    f.name = f.id;
    f.category = FeatureCategory::mining_right;
    f.geometry.kind = GeometryKind::point;
    f.geometry.points = {Point{kX0 + x, kY0 + 500.0}};
    fs.features.push_back(f);
  }
  return fs;
}

struct Expected {
  double x;
  std::map<double, StatusChange> by_tolerance;
};

void check(const Zoning& before, const Zoning& after, const std::vector<Expected>& expected) {
  std::vector<double> xs;
  for (const auto& e : expected) xs.push_back(e.x);
  CompareOptions co;
  co.area_method = AreaMethod::planar;
  const Comparison cmp = compare(before, after, co);
  for (double tol : {0.0, 0.1, 1.0, 10.0}) {
    OverlayOptions o;
    o.boundary_tolerance_m = tol;
    o.area_method = AreaMethod::planar;
    const ConflictOverlay c = make_conflict_overlay(points_at(xs), before, after, cmp, o);
    const Overlay plain = overlay_features(points_at(xs), before, after, o);
    std::set<std::string> expected_freed, freed;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      const StatusChange want = expected[i].by_tolerance.at(tol);
      EXPECT_EQ(c.overlay.rows[i].change, want)
          << "x " << expected[i].x << " m, tolerance " << tol << " m: got "
          << to_string(c.overlay.rows[i].change) << ", want " << to_string(want);
      EXPECT_EQ(plain.rows[i].change, want) << "without the comparison, x " << expected[i].x;
      if (want == StatusChange::freed) expected_freed.insert(c.overlay.rows[i].feature_id);
    }
    NoAdjustingOptions nao;
    nao.distance_m = 0.0;
    for (const auto& f : evaluate_no_adjusting(cmp, c, nao).freed) freed.insert(f.feature_id);
    EXPECT_EQ(freed, expected_freed) << "不以调代改 at tolerance " << tol << " m";
  }
}

constexpr auto U = StatusChange::unchanged;
constexpr auto F = StatusChange::freed;
constexpr auto N = StatusChange::newly_included;

TEST(BoundaryTolerance, PointsEitherSideOfACut) {
  // Core [0,1000]² cut at x = 500. Every point lies ≥ 495 m inside the baseline, so before it is
  // in the core at every tolerance. After, by hand:
  // - 5 m and 0.5 m inside the cut (x 495, 499.5): still in the core — unchanged;
  // - 0.5 m outside (x 500.5): freed only when the tolerance is below 0.5 m (0, 0.1); at 1 and
  //   10 m it is within the tolerance of the core, so not provably freed;
  // - 5 m outside (x 505): freed at 0, 0.1 and 1 m; at 10 m within the tolerance: unchanged.
  check(make_zoning("baseline", {{Zone::core, rect(0, 0, 1000, 1000)}}),
        make_zoning("proposal", {{Zone::core, rect(0, 0, 500, 1000)}}),
        {{495.0, {{0.0, U}, {0.1, U}, {1.0, U}, {10.0, U}}},
         {499.5, {{0.0, U}, {0.1, U}, {1.0, U}, {10.0, U}}},
         {500.5, {{0.0, F}, {0.1, F}, {1.0, U}, {10.0, U}}},
         {505.0, {{0.0, F}, {0.1, F}, {1.0, F}, {10.0, U}}}});
}

TEST(BoundaryTolerance, PointsEitherSideOfAddedLand) {
  // Core [0,1000]² grows to x = 1100. Every point lies ≥ 95 m outside the baseline, so before
  // it is outside at every tolerance. After, by hand:
  // - 5 m and 0.5 m inside the added land (x 1095, 1099.5): newly included;
  // - 0.5 m outside it (x 1100.5): newly included at 1 and 10 m (within the tolerance of the
  //   core), unchanged (outside both times) at 0 and 0.1 m;
  // - 5 m outside (x 1105): newly included only at 10 m.
  check(make_zoning("baseline", {{Zone::core, rect(0, 0, 1000, 1000)}}),
        make_zoning("proposal", {{Zone::core, rect(0, 0, 1100, 1000)}}),
        {{1095.0, {{0.0, N}, {0.1, N}, {1.0, N}, {10.0, N}}},
         {1099.5, {{0.0, N}, {0.1, N}, {1.0, N}, {10.0, N}}},
         {1100.5, {{0.0, U}, {0.1, U}, {1.0, N}, {10.0, N}}},
         {1105.0, {{0.0, U}, {0.1, U}, {1.0, U}, {10.0, N}}}});
}

TEST(BoundaryTolerance, WithinTheToleranceOfAStricterZoneCountsAsInIt) {
  // Core [0,1000]² inside buffer [-500,1500]²; the proposal turns the core's east strip
  // x 990–1000 into buffer (core [0,990]). A point at x 990.5 (0.5 m from the new core edge):
  // at 1 m tolerance it is still core (not provably downgraded); at 0.1 m it is downgraded.
  const Zoning before = make_zoning(
      "baseline", {{Zone::core, rect(0, 0, 1000, 1000)},
                   {Zone::buffer, rect_ring_shape(-500, -500, 1500, 1500, 0, 0, 1000, 1000)}});
  const Zoning after = make_zoning(
      "proposal", {{Zone::core, rect(0, 0, 990, 1000)},
                   {Zone::buffer, rect_ring_shape(-500, -500, 1500, 1500, 0, 0, 990, 1000)}});
  CompareOptions co;
  co.area_method = AreaMethod::planar;
  const Comparison cmp = compare(before, after, co);
  for (const auto& [tol, want] : {std::pair{0.1, StatusChange::downgraded}, std::pair{1.0, U}}) {
    OverlayOptions o;
    o.boundary_tolerance_m = tol;
    o.area_method = AreaMethod::planar;
    const Overlay ov = overlay_features(points_at({990.5}), before, after, cmp, o);
    EXPECT_EQ(ov.rows[0].change, want) << "tolerance " << tol << " m";
    EXPECT_EQ(ov.rows[0].after.zone, tol >= 0.5 ? Zone::core : Zone::buffer);
  }
}

}  // namespace
}  // namespace reserve::testing
