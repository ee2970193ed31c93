// The comparison with its overlays confined to the rectangles around the changed edges
// (analysis/compare_fine.hpp, geom/changed_regions.hpp) against the straightforward one (one GEOS
// overlay per pair of zones over the whole reserve), on data where the two could differ: shared
// and near-shared edges, holes, multipolygons, overlapping zones resolved by strictness, a zone
// changed entirely, a zoning against itself, re-vertexed copies, separate changes, lon/lat, edges
// cut at slants by the rectangles (each side cut on its own) and an edge along a rectangle's side.
// Hand-computed figures are planar rectangles (width × height); the rest is checked against the
// pairwise reference.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <utility>

#include "analysis/compare_fine.hpp"
#include "analysis/compare_resolved.hpp"
#include "analysis/zoning_fixtures.hpp"
#include "check/stage_threads.hpp"
#include "geom/changed_regions.hpp"
#include "geom/geos.hpp"
#include "reserve/compare.hpp"

namespace reserve {
namespace {

using testing::rect;
using testing::rect_ring_shape;

CompareOptions with_method(AreaMethod m) {
  CompareOptions o;
  o.area_method = m;
  return o;
}

Comparison run(const Zoning& b, const Zoning& a, const CompareOptions& o,
               analysis::CompareRun how) {
  return analysis::compare_resolved(b, a, o, nullptr, nullptr, how);
}

double sym_diff_area(const MultiPolygon& x, const MultiPolygon& y) {
  auto gx = geom::to_geos(x), gy = geom::to_geos(y);
  auto d = geom::check(GEOSSymDifference_r(geom::context(), gx.get(), gy.get()), "symdiff");
  return geom::planar_area(d.get());
}

void expect_same_changes(const ChangeSet& fast, const ChangeSet& ref, const std::string& what) {
  SCOPED_TRACE(what);
  EXPECT_NEAR(fast.area_m2, ref.area_m2, 1e-9 * std::max(1.0, ref.area_m2));
  EXPECT_NEAR(fast.noise_m2, ref.noise_m2, 1e-9 * std::max(1.0, ref.noise_m2));
  ASSERT_EQ(fast.pieces.size(), ref.pieces.size());
  // Same pieces, in the same order: each piece covers the same land (symmetric difference below
  // 1e-6 of the piece's area in CRS units²), with the same area to 1e-9 relative.
  for (std::size_t k = 0; k < ref.pieces.size(); ++k) {
    const ChangePiece &f = fast.pieces[k], &r = ref.pieces[k];
    EXPECT_EQ(f.from, r.from);
    EXPECT_EQ(f.to, r.to);
    EXPECT_NEAR(f.area_m2, r.area_m2, 1e-9 * r.area_m2);
    EXPECT_EQ(f.noise, r.noise);
    const MultiPolygon fm{{f.geometry}}, rm{{r.geometry}};
    EXPECT_LE(sym_diff_area(fm, rm), 1e-6 * geom::planar_area(geom::to_geos(rm).get()));
  }
}

// The fast comparison (with and without the unchanged cells' geometry) equals the pairwise one.
void expect_same_as_pairwise(const Zoning& b, const Zoning& a, const CompareOptions& o) {
  const Comparison ref = run(b, a, o, {.unchanged_geometry = true, .pairwise = true});
  for (bool unchanged_geometry : {true, false}) {
    SCOPED_TRACE(unchanged_geometry ? "with unchanged geometry" : "areas of unchanged cells");
    const Comparison fast = run(b, a, o, {.unchanged_geometry = unchanged_geometry});
    ASSERT_EQ(fast.matrix.size(), ref.matrix.size());
    for (std::size_t k = 0; k < ref.matrix.size(); ++k) {
      const TransitionCell &f = fast.matrix[k], &r = ref.matrix[k];
      SCOPED_TRACE(std::string(to_string(r.from)) + " -> " + to_string(r.to));
      // 1e-9 relative to the reserve (a cell that is empty in one may be rounding in the other).
      EXPECT_NEAR(f.area_m2, r.area_m2, 1e-9 * ref.before.total_m2);
      EXPECT_NEAR(f.area_m2, r.area_m2, 1e-9 * std::max(r.area_m2, 1e-3));
      // Mapped into another model (o.common_model set here), unchanged cells carry geometry too.
      if (r.from != r.to || unchanged_geometry || o.common_model)
        EXPECT_LE(sym_diff_area(f.geometry, r.geometry), 1e-9 * ref.before.total_m2);
      else
        EXPECT_TRUE(f.geometry.empty());
    }
    EXPECT_NEAR(fast.before.total_m2, ref.before.total_m2, 1e-9 * ref.before.total_m2);
    EXPECT_NEAR(fast.after.total_m2, ref.after.total_m2, 1e-9 * ref.after.total_m2);
    EXPECT_NEAR(fast.after.strict_m2, ref.after.strict_m2, 1e-9 * ref.after.total_m2);
    expect_same_changes(fast.removed, ref.removed, "removed");
    expect_same_changes(fast.added, ref.added, "added");
    expect_same_changes(fast.downgraded, ref.downgraded, "downgraded");
    expect_same_changes(fast.upgraded, ref.upgraded, "upgraded");
  }
}

// Shoelace near (5e5, 4e6) m: rounding ~1e-4 m².
constexpr double kTolM2 = 1e-3;

TEST(CompareRegional, ZoningAgainstItselfHasOnlyTheDiagonal) {
  const Zoning z = testing::nested_squares();
  const Comparison c = run(z, z, with_method(AreaMethod::planar), {.unchanged_geometry = false});
  // Hand: core 1000², buffer 2000² − 1000², experimental 3000² − 2000².
  for (const auto& cell : c.matrix) {
    const double expected = cell.from != cell.to        ? 0.0
                            : cell.from == Zone::core   ? 1.0e6
                            : cell.from == Zone::buffer ? 3.0e6
                                                        : 5.0e6;
    EXPECT_NEAR(cell.area_m2, expected, kTolM2)
        << to_string(cell.from) << "->" << to_string(cell.to);
  }
  std::vector<geom::LabelledArea> layout;
  for (const auto& p : z.parts) layout.push_back({static_cast<int>(p.zone), &p.geometry});
  EXPECT_TRUE(geom::changed_regions(layout, layout, 1.0).empty());
  expect_same_as_pairwise(z, z, with_method(AreaMethod::planar));
}

TEST(CompareRegional, ZonesChangedEntirely) {
  // Buffer ring and experimental ring swap labels: every edge of both changes side label.
  const Zoning before = testing::nested_squares();
  const Zoning after = testing::make_zoning(
      "proposal",
      {{Zone::core, rect(0, 0, 1000, 1000)},
       {Zone::experimental, rect_ring_shape(-500, -500, 1500, 1500, 0, 0, 1000, 1000)},
       {Zone::buffer, rect_ring_shape(-1000, -1000, 2000, 2000, -500, -500, 1500, 1500)}});
  const Comparison c =
      run(before, after, with_method(AreaMethod::planar), {.unchanged_geometry = false});
  // Hand: buffer → experimental 3e6 m², experimental → buffer 5e6 m², core → core 1e6 m².
  EXPECT_NEAR(c.cell(Zone::buffer, Zone::experimental)->area_m2, 3.0e6, kTolM2);
  EXPECT_NEAR(c.cell(Zone::experimental, Zone::buffer)->area_m2, 5.0e6, kTolM2);
  EXPECT_NEAR(c.cell(Zone::buffer, Zone::buffer)->area_m2, 0.0, kTolM2);
  EXPECT_NEAR(c.cell(Zone::experimental, Zone::experimental)->area_m2, 0.0, kTolM2);
  EXPECT_NEAR(c.cell(Zone::core, Zone::core)->area_m2, 1.0e6, kTolM2);
  expect_same_as_pairwise(before, after, with_method(AreaMethod::planar));
}

// The proposal: core as two polygons (its strip y 800–1000 m given to the buffer), the second
// overlapping the buffer (core wins there); the buffer's outer edge re-vertexed (extra vertices on
// straight edges, same shape); the experimental zone's NE corner cut off and its SW corner moved by
// 1e-7 m (near-shared edges).
Zoning varied_proposal() {
  using testing::kX0;
  using testing::kY0;
  MultiPolygon core = rect(0, 0, 1000, 800);
  core.polygons.push_back(rect(1200, 0, 1400, 300).polygons.front());
  MultiPolygon buffer = rect_ring_shape(-500, -500, 1500, 1500, 0, 0, 1000, 800);
  Ring& outer = buffer.polygons.front().outer;  // (-500,-500) (1500,-500) (1500,1500) (-500,1500)
  outer.insert(outer.begin() + 1, {kX0 + 500, kY0 - 500});
  outer.insert(outer.begin() + 3, {kX0 + 1500, kY0 + 700});
  MultiPolygon exp = rect_ring_shape(-1000, -1000, 2000, 2000, -500, -500, 1500, 1500);
  Ring& eo = exp.polygons.front().outer;  // (-1000,-1000) (2000,-1000) (2000,2000) (-1000,2000)
  eo[0] = {kX0 - 1000 - 1e-7, kY0 - 1000};
  eo.back() = eo[0];
  eo[2] = {kX0 + 2000, kY0 + 1800};
  eo.insert(eo.begin() + 3, {kX0 + 1800, kY0 + 2000});
  return testing::make_zoning(
      "proposal", {{Zone::core, core}, {Zone::buffer, buffer}, {Zone::experimental, exp}});
}

TEST(CompareRegional, SharedNearSharedAndOverlappingEdgesAsPairwise) {
  const Zoning before = testing::nested_squares();
  const Zoning after = varied_proposal();
  const Comparison c =
      run(before, after, with_method(AreaMethod::planar), {.unchanged_geometry = false});
  // Hand: core → buffer [0,1000]×[800,1000] = 2e5 m²; buffer → core [1200,1400]×[0,300] = 6e4 m²
  // (the overlap resolved to core); experimental → outside: the NE triangle 200·200/2 = 2e4 m².
  // The SW corner moved 1e-7 m west adds one sliver outside → experimental along the west edge
  // (a triangle 3000 m × 1e-7 m: 1.5e-4 m², below the shoelace rounding, so only counted).
  EXPECT_NEAR(c.cell(Zone::core, Zone::buffer)->area_m2, 2.0e5, kTolM2);
  EXPECT_NEAR(c.cell(Zone::buffer, Zone::core)->area_m2, 6.0e4, kTolM2);
  EXPECT_NEAR(c.cell(Zone::experimental, Zone::outside)->area_m2, 2.0e4, kTolM2);
  EXPECT_EQ(c.added.pieces.size(), 1u);
  expect_same_as_pairwise(before, after, with_method(AreaMethod::planar));
  expect_same_as_pairwise(after, before, with_method(AreaMethod::geodesic));
}

// Vertices every `step` metres along each edge (the same shape), as real boundaries have.
MultiPolygon densified(const MultiPolygon& mp, double step) {
  MultiPolygon out = mp;
  auto densify = [step](Ring& r) {
    Ring d;
    for (std::size_t i = 0; i + 1 < r.size(); ++i) {
      const double len = std::hypot(r[i + 1].x - r[i].x, r[i + 1].y - r[i].y);
      const int n = std::max(1, static_cast<int>(std::round(len / step)));
      for (int k = 0; k < n; ++k)
        d.push_back(
            {r[i].x + (r[i + 1].x - r[i].x) * k / n, r[i].y + (r[i + 1].y - r[i].y) * k / n});
    }
    d.push_back(r.back());
    r = std::move(d);
  };
  for (auto& p : out.polygons) {
    densify(p.outer);
    for (auto& h : p.holes) densify(h);
  }
  return out;
}

// The nested squares with the experimental ring's vertices every `step` metres, and a proposal
// that bites 100 m × 100 m out of its SW and NE corners, 2.5 km apart.
std::pair<Zoning, Zoning> two_corner_bites(double step) {
  const MultiPolygon exp =
      densified(rect_ring_shape(-1000, -1000, 2000, 2000, -500, -500, 1500, 1500), step);
  const Zoning before = testing::make_zoning(
      "baseline", {{Zone::core, rect(0, 0, 1000, 1000)},
                   {Zone::buffer, rect_ring_shape(-500, -500, 1500, 1500, 0, 0, 1000, 1000)},
                   {Zone::experimental, exp}});
  const Zoning after = testing::make_zoning(
      "proposal",
      {{Zone::core, rect(0, 0, 1000, 1000)},
       {Zone::buffer, rect_ring_shape(-500, -500, 1500, 1500, 0, 0, 1000, 1000)},
       {Zone::experimental, geom::subtract(geom::subtract(exp, rect(-1000, -1000, -900, -900)),
                                           rect(1900, 1900, 2000, 2000))}});
  return {before, after};
}

TEST(CompareRegional, SeparateChangesGiveSeparateRectanglesAndTheSameCells) {
  // Vertices every 100 m, so that the changes stay local.
  const auto zonings = two_corner_bites(100.0);
  const Zoning &before = zonings.first, &after = zonings.second;
  std::vector<geom::LabelledArea> lb, la;
  for (const auto& p : before.parts) lb.push_back({static_cast<int>(p.zone), &p.geometry});
  for (const auto& p : after.parts) la.push_back({static_cast<int>(p.zone), &p.geometry});
  EXPECT_EQ(geom::changed_regions(lb, la, 1.0).size(), 2u);
  const Comparison c =
      run(before, after, with_method(AreaMethod::planar), {.unchanged_geometry = false});
  // Hand: two 100 m × 100 m squares removed; the experimental zone keeps 5e6 − 2e4 m².
  EXPECT_NEAR(c.cell(Zone::experimental, Zone::outside)->area_m2, 2.0e4, kTolM2);
  EXPECT_NEAR(c.cell(Zone::experimental, Zone::experimental)->area_m2, 5.0e6 - 2.0e4, kTolM2);
  EXPECT_EQ(c.removed.pieces.size(), 2u);
  expect_same_as_pairwise(before, after, with_method(AreaMethod::planar));
}

// The same rings, vertex for vertex.
bool same_vertices(const MultiPolygon& a, const MultiPolygon& b) {
  if (a.polygons.size() != b.polygons.size()) return false;
  for (std::size_t k = 0; k < a.polygons.size(); ++k)
    if (a.polygons[k].outer != b.polygons[k].outer || a.polygons[k].holes != b.polygons[k].holes)
      return false;
  return true;
}

// The rectangles' overlays split over two threads (a before zone's row, or the after zones' land
// outside, per unit: analysis/compare_fine.cpp) give the comparison of one thread bit for bit:
// the same cells, areas and pieces in the same order. Vertices every metre (about 40,000 in all),
// above the share that makes the comparison use two threads; two separate changes, so that
// units of two rectangles are shared out.
TEST(CompareRegional, TwoThreadsGiveTheComparisonOfOneBitForBit) {
  // Not a structured binding: clang 14 (the sanitizer build) cannot capture one in a lambda.
  const auto zonings = two_corner_bites(1.0);
  const Zoning &before = zonings.first, &after = zonings.second;
  for (AreaMethod method : {AreaMethod::planar, AreaMethod::geodesic}) {
    SCOPED_TRACE(to_string(method));
    auto with_threads = [&](unsigned threads) {
      const check::StageThreads budget(threads);
      return run(before, after, with_method(method), {.unchanged_geometry = false});
    };
    const Comparison one = with_threads(1), two = with_threads(2);
    ASSERT_EQ(two.matrix.size(), one.matrix.size());
    for (std::size_t k = 0; k < one.matrix.size(); ++k) {
      EXPECT_EQ(two.matrix[k].area_m2, one.matrix[k].area_m2);  // bit for bit: no tolerance
      EXPECT_TRUE(same_vertices(two.matrix[k].geometry, one.matrix[k].geometry));
    }
    for (auto [a, b] : {std::pair{&two.removed, &one.removed},
                        {&two.downgraded, &one.downgraded},
                        {&two.added, &one.added},
                        {&two.upgraded, &one.upgraded}}) {
      ASSERT_EQ(a->pieces.size(), b->pieces.size());
      EXPECT_EQ(a->area_m2, b->area_m2);
      for (std::size_t k = 0; k < b->pieces.size(); ++k) {
        EXPECT_EQ(a->pieces[k].area_m2, b->pieces[k].area_m2);
        EXPECT_TRUE(same_vertices(MultiPolygon{{a->pieces[k].geometry}},
                                  MultiPolygon{{b->pieces[k].geometry}}));
      }
    }
    // And both are the hand figure: two 100 m × 100 m squares removed (planar).
    if (method == AreaMethod::planar) {
      EXPECT_NEAR(one.cell(Zone::experimental, Zone::outside)->area_m2, 2.0e4, kTolM2);
    }
  }
}

// Zones whose shared boundary is a jagged line of irregular vertices, and a straight outline with
// irregular vertices along it; the proposal moves one vertex of the shared line and one of the
// outline. The rectangles around the changes then cut edges that both zones (and the other side's
// outline) hold, at slants, where the fast path cuts each of them on its own (GEOSClipByRect).
std::pair<Zoning, Zoning> jagged_pair(unsigned seed, bool clockwise) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const int n = 40;
  Ring line;  // south to north
  for (int k = 0; k <= n; ++k)
    line.push_back({testing::kX0 + 1500.0 + 80.0 * u(rng),
                    testing::kY0 + (k == 0   ? 0.0
                                    : k == n ? 3000.0
                                             : (k + 0.3 * u(rng)) * 3000.0 / n)});
  Ring east;  // on x = 3000, south to north, strictly between the corners
  for (int k = 1; k < 12; ++k)
    east.push_back({testing::kX0 + 3000.0, testing::kY0 + (k + 0.4 * u(rng)) * 3000.0 / 12});
  auto zones = [&](const Ring& shared, const Ring& east_side) {
    Ring core{{testing::kX0, testing::kY0}};
    core.insert(core.end(), shared.begin(), shared.end());
    core.push_back({testing::kX0, testing::kY0 + 3000.0});
    core.push_back(core.front());
    Ring buffer{shared.front(), {testing::kX0 + 3000.0, testing::kY0}};
    buffer.insert(buffer.end(), east_side.begin(), east_side.end());
    buffer.push_back({testing::kX0 + 3000.0, testing::kY0 + 3000.0});
    buffer.insert(buffer.end(), shared.rbegin(), shared.rend());
    if (clockwise) {
      std::reverse(core.begin(), core.end());
      std::reverse(buffer.begin(), buffer.end());
    }
    return std::vector<std::pair<Zone, MultiPolygon>>{
        {Zone::core, MultiPolygon{{Polygon{core, {}}}}},
        {Zone::buffer, MultiPolygon{{Polygon{buffer, {}}}}}};
  };
  Ring moved_line = line;
  moved_line[n / 2].x += 60.0 + 7.0 * u(rng);
  Ring moved_east = east;
  moved_east[5].x += 40.0 + 3.0 * u(rng);
  return {testing::make_zoning("baseline", zones(line, east)),
          testing::make_zoning("proposal", zones(moved_line, moved_east))};
}

TEST(CompareRegional, EdgesCutAtSlantsByTheRectanglesAsPairwise) {
  for (unsigned seed = 1; seed <= 12; ++seed) {
    SCOPED_TRACE(seed);
    for (bool clockwise : {false, true}) {
      SCOPED_TRACE(clockwise ? "clockwise rings" : "counter-clockwise rings");
      const auto [before, after] = jagged_pair(seed, clockwise);
      expect_same_as_pairwise(before, after, with_method(AreaMethod::planar));
      expect_same_as_pairwise(after, before, with_method(AreaMethod::planar));
    }
  }
}

TEST(CompareRegional, EdgeAlongARectangleSideAsPairwise) {
  // Core [0,1000]², buffer [1000,1102]×[0,1000], experimental [1102,2000]×[0,1000]; the proposal
  // gives the buffer's [1000,1100]×[400,600] to the core. The changed edges span x 1000–1100,
  // y 0–1000, and the margin is 1e-3 × 2000 m = 2 m: the rectangle's east side is x = 1102, on
  // the buffer/experimental edge (GEOSClipByRect has mis-cut edges along a side; the fast path
  // takes the overlay there).
  const Zoning before =
      testing::make_zoning("baseline", {{Zone::core, rect(0, 0, 1000, 1000)},
                                        {Zone::buffer, rect(1000, 0, 1102, 1000)},
                                        {Zone::experimental, rect(1102, 0, 2000, 1000)}});
  Ring core = testing::rect_ring(0, 0, 1000, 1000);  // (0,0) (1000,0) (1000,1000) (0,1000)
  core.insert(core.begin() + 2, {{testing::kX0 + 1000, testing::kY0 + 400},
                                 {testing::kX0 + 1100, testing::kY0 + 400},
                                 {testing::kX0 + 1100, testing::kY0 + 600},
                                 {testing::kX0 + 1000, testing::kY0 + 600}});
  const Zoning after = testing::make_zoning(
      "proposal",
      {{Zone::core, MultiPolygon{{Polygon{core, {}}}}},
       {Zone::buffer, geom::subtract(rect(1000, 0, 1102, 1000), rect(1000, 400, 1100, 600))},
       {Zone::experimental, rect(1102, 0, 2000, 1000)}});
  std::vector<geom::LabelledArea> lb, la;
  for (const auto& p : before.parts) lb.push_back({static_cast<int>(p.zone), &p.geometry});
  for (const auto& p : after.parts) la.push_back({static_cast<int>(p.zone), &p.geometry});
  const auto regions = geom::changed_regions(lb, la, 2.0);
  ASSERT_EQ(regions.size(), 1u);
  ASSERT_EQ(regions[0].max_x, testing::kX0 + 1102);  // the case under test
  const Comparison c =
      run(before, after, with_method(AreaMethod::planar), {.unchanged_geometry = false});
  // Hand: buffer → core 100 × 200 = 2e4 m²; buffer → buffer 102 × 1000 − 2e4 = 8.2e4 m².
  EXPECT_NEAR(c.cell(Zone::buffer, Zone::core)->area_m2, 2.0e4, kTolM2);
  EXPECT_NEAR(c.cell(Zone::buffer, Zone::buffer)->area_m2, 8.2e4, kTolM2);
  EXPECT_NEAR(c.cell(Zone::experimental, Zone::experimental)->area_m2, 8.98e5, kTolM2);
  expect_same_as_pairwise(before, after, with_method(AreaMethod::planar));
}

TEST(CompareRegional, BothSidesMappedIntoTheTwoZoneModelAsPairwise) {
  // Both three-zone, compared in the two-zone model: core → buffer and buffer → buffer both become
  // core protection → core protection, so the unchanged cells' land must be in that cell too.
  CompareOptions o = with_method(AreaMethod::planar);
  o.common_model = ZoneModel::two_zone;
  const Zoning before = testing::nested_squares();
  const Zoning after = varied_proposal();
  const Comparison c = run(before, after, o, {.unchanged_geometry = false});
  // Hand: core protection is core + buffer: 2000² = 4e6 m² before; in the proposal the buffer
  // square is unchanged in extent, so core protection → core protection is 4e6 m² (the core strip
  // and the core overlap stay inside it).
  EXPECT_NEAR(c.cell(Zone::core_protection, Zone::core_protection)->area_m2, 4.0e6, kTolM2);
  expect_same_as_pairwise(before, after, o);
}

// One zone's side for the fine matrix, with the outline's ring reversed (and so traversed the
// other way when cut): the resolved layouts do not promise one orientation for both.
analysis::Side star_side(const Ring& ring) {
  analysis::Side side;
  side.zones = zones_of(ZoneModel::three_zone);
  for (Zone z : side.zones) {
    side.geometry.push_back(z == Zone::experimental ? MultiPolygon{{Polygon{ring, {}}}}
                                                    : MultiPolygon{});
    side.envelope.push_back(envelope_of(side.geometry.back()));
  }
  Ring reversed(ring.rbegin(), ring.rend());
  side.outline = MultiPolygon{{Polygon{reversed, {}}}};
  return side;
}

TEST(CompareRegional, ZoneAndOutlineCutTheOtherWayRoundAsPairwise) {
  // An irregular 60-gon of radius ~1 km; the proposal pushes one vertex out by 80 m and another
  // in. The rectangles around them cut the neighbouring edges at slants, once in the zone and
  // once, the other way round, in the other side's outline: the cut points may differ by a
  // rounding, which must not leave a sliver of change at the rectangle's side.
  const AreaCalculator area(testing::test_crs(), AreaMethod::planar);
  for (unsigned seed = 1; seed <= 40; ++seed) {
    SCOPED_TRACE(seed);
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const int n = 60;
    std::vector<double> radius(n);
    for (auto& r : radius) r = 1000.0 + 50.0 * u(rng);
    auto star = [&](const std::vector<double>& rs) {
      Ring ring;
      for (int k = 0; k < n; ++k) {
        const double t = 2.0 * 3.14159265358979323846 * (k + 0.2 * u(rng)) / n;
        ring.push_back({testing::kX0 + rs[k] * std::cos(t), testing::kY0 + rs[k] * std::sin(t)});
      }
      ring.push_back(ring.front());
      return ring;
    };
    std::mt19937 same = rng;
    const Ring before_ring = star(radius);
    rng = same;  // the same angles again
    std::vector<double> moved = radius;
    moved[10] += 80.0;
    moved[40] -= 80.0;
    const Ring after_ring = star(moved);
    const analysis::Side before = star_side(before_ring), after = star_side(after_ring);
    std::vector<double> zone_m2;
    for (const auto& g : before.geometry) zone_m2.push_back(g.empty() ? 0.0 : area.area_m2(g));
    const auto fast = analysis::fine_matrix_regional(before, after, area, true, zone_m2);
    const auto ref = analysis::fine_matrix_pairwise(before, after);
    ASSERT_EQ(fast.size(), ref.size());
    for (std::size_t k = 0; k < ref.size(); ++k) {
      SCOPED_TRACE(std::string(to_string(ref[k].from)) + " -> " + to_string(ref[k].to));
      EXPECT_EQ(fast[k].geometry.polygons.size(), ref[k].geometry.polygons.size());
      // Planar m², rounding of coordinates near (5e5, 4e6) m.
      EXPECT_NEAR(geom::planar_area(geom::to_geos(fast[k].geometry).get()),
                  geom::planar_area(geom::to_geos(ref[k].geometry).get()), 1e-3);
    }
  }
}

TEST(CompareRegional, LonLatZoningsAsPairwise) {
  // The varied proposal moved to degrees: 1 m of the fixture → 1e-5°, around (105°E, 30°N).
  auto to_degrees = [](Zoning z) {
    z.crs = Crs::from_epsg(4490);
    for (auto& p : z.parts)
      for (auto& poly : p.geometry.polygons) {
        auto move = [](Ring& r) {
          for (auto& pt : r)
            pt = {105.0 + (pt.x - testing::kX0) * 1e-5, 30.0 + (pt.y - testing::kY0) * 1e-5};
        };
        move(poly.outer);
        for (auto& h : poly.holes) move(h);
      }
    return z;
  };
  const Zoning before = to_degrees(testing::nested_squares());
  const Zoning after = to_degrees(varied_proposal());
  ASSERT_TRUE(before.crs.is_geographic);
  expect_same_as_pairwise(before, after, with_method(AreaMethod::geodesic));
}

}  // namespace
}  // namespace reserve
