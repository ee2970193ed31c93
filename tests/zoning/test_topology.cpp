// Zone topology checks on hand-built zonings whose overlaps, gaps and exposed lengths are known
// exactly (planar areas in EPSG:4544 of axis-aligned rectangles with integer metre coordinates).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>

#include "geom/envelope_index.hpp"
#include "reserve/validate.hpp"
#include "reserve/validate_findings.hpp"
#include "reserve/zoning.hpp"

namespace reserve {
namespace {

// Local origin near 105°E, 33.4°N in EPSG:4544; coordinates below are metres from it.
constexpr double kX0 = 500000.0, kY0 = 3700000.0;

Ring box(double x0, double y0, double x1, double y1) {
  return {{kX0 + x0, kY0 + y0},
          {kX0 + x1, kY0 + y0},
          {kX0 + x1, kY0 + y1},
          {kX0 + x0, kY0 + y1},
          {kX0 + x0, kY0 + y0}};
}

MultiPolygon rect(double x0, double y0, double x1, double y1) {
  MultiPolygon mp;
  mp.polygons.push_back(Polygon{box(x0, y0, x1, y1), {}});
  return mp;
}

// An outer box with one rectangular hole.
MultiPolygon frame(double x0, double y0, double x1, double y1, double hx0, double hy0, double hx1,
                   double hy1) {
  MultiPolygon mp = rect(x0, y0, x1, y1);
  Ring hole = box(hx0, hy0, hx1, hy1);
  std::reverse(hole.begin(), hole.end());
  mp.polygons[0].holes.push_back(hole);
  return mp;
}

struct Builder {
  Zoning zoning;
  Builder() {
    zoning.name = "test";
    zoning.crs = Crs::from_epsg(4544);
  }
  Builder& add(const std::string& id, Zone zone, MultiPolygon g) {
    ZonePart p;
    p.feature_id = id;
    p.label = to_string(zone);
    p.zone = zone;
    p.geometry = std::move(g);
    p.where = SourceRef{"zones.gpkg", "zones", id};
    zoning.parts.push_back(std::move(p));
    zoning.model = model_of(zone);
    return *this;
  }
};

std::vector<Issue> with_code(const ValidationReport& r, IssueCode code) {
  std::vector<Issue> out;
  for (const auto& i : r.issues)
    if (i.code == code) out.push_back(i);
  return out;
}

const AreaCalculator& planar() {
  static const AreaCalculator calc(Crs::from_epsg(4544), AreaMethod::planar);
  return calc;
}

TEST(ValidateZoning, NestedThreeZoneZoningHasNoFindings) {
  Builder b;
  b.add("1", Zone::core, rect(0, 0, 100, 100))
      .add("2", Zone::buffer, frame(-100, -100, 200, 200, 0, 0, 100, 100))
      .add("3", Zone::experimental, frame(-200, -200, 300, 300, -100, -100, 200, 200));
  const ValidationReport r = validate_zoning(b.zoning, {}, planar());
  EXPECT_TRUE(r.issues.empty()) << to_string(r.issues.front().code) << ": "
                                << r.issues.front().message;
  EXPECT_EQ(r.error_count(), 0);
  // Zone areas by hand: 100² = 10000; 300² − 100² = 80000; 500² − 300² = 160000 m².
  const auto areas = zone_areas(b.zoning, planar());
  ASSERT_EQ(areas.size(), 3u);
  EXPECT_DOUBLE_EQ(areas[0].area_m2, 10000.0);
  EXPECT_DOUBLE_EQ(areas[1].area_m2, 80000.0);
  EXPECT_DOUBLE_EQ(areas[2].area_m2, 160000.0);
  EXPECT_DOUBLE_EQ(planar().area_m2(reserve_outline(b.zoning)), 250000.0);
}

TEST(ValidateZoning, OverlapOfTwoZonesIsAnErrorWithItsExactArea) {
  // Core [0,100]×[0,100] and buffer [50,150]×[0,100] share [50,100]×[0,100] = 5000 m².
  Builder b;
  b.add("c1", Zone::core, rect(0, 0, 100, 100)).add("b1", Zone::buffer, rect(50, 0, 150, 100));
  const ValidationReport r = validate_zoning(b.zoning, {}, planar());
  const auto overlaps = with_code(r, IssueCode::zone_overlap);
  ASSERT_EQ(overlaps.size(), 1u);
  EXPECT_EQ(overlaps[0].severity, Severity::error);
  ASSERT_TRUE(overlaps[0].area_m2.has_value());
  EXPECT_NEAR(*overlaps[0].area_m2, 5000.0, 1e-6);  // tolerance 1e-6 m²
  EXPECT_EQ(overlaps[0].where.feature, "c1");
  EXPECT_NE(overlaps[0].message.find("feature b1"), std::string::npos);
  ASSERT_TRUE(overlaps[0].location.has_value());
  EXPECT_GE(overlaps[0].location->x, kX0 + 50);
  EXPECT_LE(overlaps[0].location->x, kX0 + 100);
  EXPECT_GE(r.error_count(), 1);
}

TEST(ValidateZoning, SmallOverlapBelowThresholdIsInfoAndSameZoneOverlapHasItsOwnCode) {
  // Buffer parts [0,100]×[0,100] and [99.5,200]×[0,100] overlap by 0.5 × 100 = 50 m².
  Builder b;
  b.add("b1", Zone::buffer, rect(0, 0, 100, 100)).add("b2", Zone::buffer, rect(99.5, 0, 200, 100));
  TopologyOptions opt;
  opt.min_overlap_area_m2 = 60.0;
  auto r = validate_zoning(b.zoning, opt, planar());
  auto same = with_code(r, IssueCode::same_zone_overlap);
  ASSERT_EQ(same.size(), 1u);
  EXPECT_NEAR(*same[0].area_m2, 50.0, 1e-6);
  EXPECT_EQ(same[0].severity, Severity::info);
  EXPECT_TRUE(with_code(r, IssueCode::zone_overlap).empty());
  opt.min_overlap_area_m2 = 40.0;
  r = validate_zoning(b.zoning, opt, planar());
  EXPECT_EQ(with_code(r, IssueCode::same_zone_overlap).at(0).severity, Severity::error);
}

TEST(ValidateZoning, GapInsideTheOutlineIsReportedWithItsArea) {
  // Core [0,100]×[0,100]; buffer frame [-100,200]² around a hole [0,100]×[0,120]: the strip
  // [0,100]×[100,120] = 2000 m² is inside the outer boundary and in no zone. The core's top edge
  // (100 m) borders that gap, so it is also not enclosed by buffer.
  Builder b;
  b.add("1", Zone::core, rect(0, 0, 100, 100))
      .add("2", Zone::buffer, frame(-100, -100, 200, 200, 0, 0, 100, 120));
  TopologyOptions opt;
  opt.min_gap_area_m2 = 100.0;
  const ValidationReport r = validate_zoning(b.zoning, opt, planar());
  const auto gaps = with_code(r, IssueCode::interior_gap);
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_NEAR(*gaps[0].area_m2, 2000.0, 1e-6);
  EXPECT_EQ(gaps[0].severity, Severity::warning);
  EXPECT_NE(gaps[0].message.find("core, buffer"), std::string::npos);
  ASSERT_TRUE(gaps[0].location.has_value());
  EXPECT_GT(gaps[0].location->y, kY0 + 100);
  EXPECT_LT(gaps[0].location->y, kY0 + 120);
  const auto exposed = with_code(r, IssueCode::core_not_enclosed);
  ASSERT_EQ(exposed.size(), 1u);
  EXPECT_NE(exposed[0].message.find("100.00 m"), std::string::npos) << exposed[0].message;

  opt.min_gap_area_m2 = 5000.0;  // the same gap below the threshold is only info
  EXPECT_EQ(
      with_code(validate_zoning(b.zoning, opt, planar()), IssueCode::interior_gap).at(0).severity,
      Severity::info);
}

TEST(ValidateZoning, IslandInsideAHoleIsNotPartOfTheGap) {
  // Buffer frame [-100,200]² with hole [0,100]²; a core island [25,75]² floats in the hole.
  // Gap = 100² − 50² = 7500 m² (hand-computed), one piece (a square annulus).
  Builder b;
  b.add("1", Zone::buffer, frame(-100, -100, 200, 200, 0, 0, 100, 100))
      .add("2", Zone::core, rect(25, 25, 75, 75));
  const ValidationReport r = validate_zoning(b.zoning, {}, planar());
  const auto gaps = with_code(r, IssueCode::interior_gap);
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_NEAR(*gaps[0].area_m2, 7500.0, 1e-6);
  // The whole core boundary (4 × 50 m) borders the gap, not buffer: exposed.
  const auto exposed = with_code(r, IssueCode::core_not_enclosed);
  ASSERT_EQ(exposed.size(), 1u);
  EXPECT_NE(exposed[0].message.find("200.00 m"), std::string::npos) << exposed[0].message;
}

TEST(ValidateZoning, CoreOnTheReserveBoundaryIsMeasured) {
  // Core [0,100]²; buffer [100,200]×[0,100] to its right; experimental [0,200]×[100,150] on top.
  // Core boundary: left 100 + bottom 100 m lie on the reserve's boundary (one stretch of 200 m,
  // joined at the corner); the top 100 m border experimental directly; the right side is buffer.
  Builder b;
  b.add("1", Zone::core, rect(0, 0, 100, 100))
      .add("2", Zone::buffer, rect(100, 0, 200, 100))
      .add("3", Zone::experimental, rect(0, 100, 200, 150));
  TopologyOptions opt;
  opt.min_exposed_core_length_m = 150.0;
  const ValidationReport r = validate_zoning(b.zoning, opt, planar());
  const auto exposed = with_code(r, IssueCode::core_not_enclosed);
  ASSERT_EQ(exposed.size(), 1u);
  EXPECT_EQ(exposed[0].severity, Severity::error);
  EXPECT_NE(exposed[0].message.find("200.00 m"), std::string::npos) << exposed[0].message;
  ASSERT_TRUE(exposed[0].location.has_value());
  // Midpoint of the 200 m stretch (0,100)→(0,0)→(100,0) or reverse: the corner (0,0).
  EXPECT_NEAR(exposed[0].location->x, kX0, 1e-6);
  EXPECT_NEAR(exposed[0].location->y, kY0, 1e-6);
  const auto adjacent = with_code(r, IssueCode::core_adjacent_experimental);
  ASSERT_EQ(adjacent.size(), 1u);
  EXPECT_NE(adjacent[0].message.find("100.00 m"), std::string::npos);
  EXPECT_EQ(adjacent[0].severity, Severity::info);  // 100 m < 150 m threshold
  EXPECT_TRUE(with_code(r, IssueCode::zone_overlap).empty());
  EXPECT_TRUE(with_code(r, IssueCode::interior_gap).empty());

  opt.check_core_enclosed = false;
  EXPECT_TRUE(
      with_code(validate_zoning(b.zoning, opt, planar()), IssueCode::core_not_enclosed).empty());
}

TEST(ValidateZoning, TwoZoneModelSkipsTheCoreEnclosureCheck) {
  Builder b;
  b.add("1", Zone::core_protection, rect(0, 0, 100, 100))
      .add("2", Zone::general_control, rect(100, 0, 200, 100));
  const ValidationReport r = validate_zoning(b.zoning, {}, planar());
  EXPECT_TRUE(r.issues.empty());
}

TEST(ValidateZoning, LoadingIssuesAndRepairsAreCarriedIntoTheReport) {
  Builder b;
  b.add("1", Zone::core, rect(0, 0, 100, 100));
  b.zoning.issues.push_back(
      Issue{IssueCode::null_geometry, Severity::warning, "skipped", {}, {}, {}});
  b.zoning.repairs.push_back(Repair{{"f", "l", "9"}, "Self-intersection", 10.0, 7.5});
  TopologyOptions opt;
  opt.check_core_enclosed = false;
  const ValidationReport r = validate_zoning(b.zoning, opt, planar());
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].code, IssueCode::null_geometry);
  EXPECT_EQ(r.warning_count(), 1);
  ASSERT_EQ(r.repairs.size(), 1u);
  EXPECT_DOUBLE_EQ(r.repairs[0].area_change_m2(), -2.5);
}

TEST(EnvelopeIndex, StrTreePairsEqualBruteForceOnRandomRectangles) {
  const unsigned seed = std::random_device{}();
  std::printf("EnvelopeIndex random seed: %u\n", seed);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> pos(0.0, 1000.0), size(0.0, 80.0);
  for (int round = 0; round < 5; ++round) {
    std::vector<Envelope> boxes(300);
    for (auto& b : boxes) {
      const double x = pos(rng), y = pos(rng);
      b.expand(Point{x, y});
      b.expand(Point{x + size(rng), y + size(rng)});
    }
    std::vector<std::pair<std::size_t, std::size_t>> brute;
    for (std::size_t i = 0; i < boxes.size(); ++i)
      for (std::size_t j = i + 1; j < boxes.size(); ++j) {
        const auto &a = boxes[i], &c = boxes[j];
        if (a.min_x <= c.max_x && c.min_x <= a.max_x && a.min_y <= c.max_y && c.min_y <= a.max_y)
          brute.emplace_back(i, j);
      }
    EXPECT_EQ(geom::intersecting_envelope_pairs(boxes), brute) << "seed " << seed;
  }
}

TEST(ValidateZoning, OverlapSearchEqualsAllPairsOnRandomRectangles) {
  // Integer rectangles: the overlap area of two is (x-overlap) × (y-overlap), exact in doubles.
  const unsigned seed = std::random_device{}();
  std::printf("ValidateZoning overlap random seed: %u\n", seed);
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> pos(0, 400), size(1, 40);
  struct R {
    int x0, y0, x1, y1;
  };
  std::vector<R> rects(120);
  Builder b;
  for (std::size_t i = 0; i < rects.size(); ++i) {
    const int x = pos(rng), y = pos(rng);
    rects[i] = {x, y, x + size(rng), y + size(rng)};
    b.add(std::to_string(i), i % 2 ? Zone::buffer : Zone::experimental,
          rect(rects[i].x0, rects[i].y0, rects[i].x1, rects[i].y1));
  }
  std::map<std::pair<std::string, std::string>, double> expected;
  for (std::size_t i = 0; i < rects.size(); ++i)
    for (std::size_t j = i + 1; j < rects.size(); ++j) {
      const int w = std::min(rects[i].x1, rects[j].x1) - std::max(rects[i].x0, rects[j].x0);
      const int h = std::min(rects[i].y1, rects[j].y1) - std::max(rects[i].y0, rects[j].y0);
      if (w > 0 && h > 0) expected[{std::to_string(i), std::to_string(j)}] = double(w) * h;
    }
  TopologyOptions opt;
  opt.check_core_enclosed = false;
  const ValidationReport r = validate_zoning(b.zoning, opt, planar());
  std::map<std::pair<std::string, std::string>, double> found;
  for (const auto& issue : r.issues) {
    if (issue.code != IssueCode::zone_overlap && issue.code != IssueCode::same_zone_overlap)
      continue;
    // The other feature's id is the one named in the message after "overlaps feature ".
    const auto at = issue.message.find("overlaps feature ") + 17;
    const std::string other = issue.message.substr(at, issue.message.find(' ', at) - at);
    found[{issue.where.feature, other}] = *issue.area_m2;
  }
  ASSERT_EQ(found.size(), expected.size()) << "seed " << seed;
  for (const auto& [key, area_m2] : expected) {
    ASSERT_TRUE(found.count(key)) << key.first << "/" << key.second << " seed " << seed;
    EXPECT_NEAR(found[key], area_m2, 1e-6) << "seed " << seed;  // tolerance 1e-6 m²
  }
}

}  // namespace
// Issue 10.7: an exposed-core finding names the core feature and carries its length as a number;
// with two core parts, each part's own exposed stretch is its own finding.
std::vector<Finding> findings_with_code(const std::vector<Finding>& all, IssueCode code) {
  std::vector<Finding> out;
  for (const auto& f : all)
    if (f.issue.code == code) out.push_back(f);
  return out;
}

TEST(ValidateZoning, ExposedCoreNamesEachCoreFeatureWithItsLength) {
  // Core parts "1" [0,100]² and "2" [100,200]×[0,100] side by side; buffer "3" covers only
  // the strip [0,200]×[100,150] above them. Exposed (hand-computed): part 1 left 100 + bottom 100
  // = 200 m (one stretch through the corner), part 2 bottom 100 + right 100 = 200 m; the 100 m
  // between the two core parts is inside the core zone, not exposed.
  Builder b;
  b.add("1", Zone::core, rect(0, 0, 100, 100))
      .add("2", Zone::core, rect(100, 0, 200, 100))
      .add("3", Zone::buffer, rect(0, 100, 200, 150));
  const auto exposed =
      findings_with_code(topology_findings(b.zoning, {}, planar()), IssueCode::core_not_enclosed);
  ASSERT_EQ(exposed.size(), 2u);
  for (const auto& f : exposed) {
    ASSERT_TRUE(f.length_m.has_value());
    // m: exact planar length 200 m by hand, less up to the 1 mm enclosure slack at each end where
    // the stretch meets the buffer (topology.cpp, kEnclosureSlack_m).
    EXPECT_NEAR(*f.length_m, 200.0, 2.5e-3);
    EXPECT_EQ(f.issue.severity, Severity::error);
  }
  EXPECT_EQ(exposed[0].issue.where.feature, "1");
  EXPECT_EQ(exposed[1].issue.where.feature, "2");
  // validate_zoning() reports the same issues.
  EXPECT_EQ(with_code(validate_zoning(b.zoning, {}, planar()), IssueCode::core_not_enclosed).size(),
            2u);
}

// Overlaps and gaps name the other features involved in a field, not only in the text.
TEST(ValidateZoning, OverlapAndGapNameTheirFeaturesInAField) {
  // Core "1" [0,100]², buffer "2" [50,150]×[0,100] overlapping it by 50 × 100 = 5000 m²; a
  // separate buffer frame "4" [1000,1100]×[0,100] with a 10 m × 10 m hole: a 100 m² gap that
  // only "4" borders (all hand-computed).
  Builder b;
  b.add("1", Zone::core, rect(0, 0, 100, 100))
      .add("2", Zone::buffer, rect(50, 0, 150, 100))
      .add("4", Zone::buffer, frame(1000, 0, 1100, 100, 1045, 45, 1055, 55));
  const auto all = topology_findings(b.zoning, {}, planar());
  const auto overlaps = findings_with_code(all, IssueCode::zone_overlap);
  ASSERT_EQ(overlaps.size(), 1u);
  EXPECT_NEAR(*overlaps[0].issue.area_m2, 5000.0, 1e-6);
  EXPECT_EQ(overlaps[0].issue.where.feature, "1");
  EXPECT_EQ(overlaps[0].related_features, std::vector<std::string>{"2"});
  const auto gaps = findings_with_code(all, IssueCode::interior_gap);
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_NEAR(*gaps[0].issue.area_m2, 100.0, 1e-6);
  EXPECT_EQ(gaps[0].related_features, std::vector<std::string>{"4"});
}

}  // namespace reserve
