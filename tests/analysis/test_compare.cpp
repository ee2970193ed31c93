// Before/after comparison on hand-computable zonings (rectangles in EPSG:4544, planar areas =
// width × height) and on random irregular zonings checked against GEOS's own area.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "analysis/zoning_fixtures.hpp"
#include "geom/geos.hpp"
#include "reserve/compare.hpp"
#include "reserve/error.hpp"

namespace reserve {
namespace {

using testing::make_zoning;
using testing::nested_squares;
using testing::rect;
using testing::rect_ring_shape;

// Shoelace on coordinates near (5e5, 4e6) m: products ~1e12 m², so rounding is ~1e-4 m².
constexpr double kTolM2 = 1e-3;

CompareOptions planar() {
  CompareOptions o;
  o.area_method = AreaMethod::planar;
  return o;
}

// Before: nested squares (core 1e6, buffer 3e6, experimental 5e6 m²). After: the core's east
// strip [800,1000]×[0,1000] becomes buffer (2e5 m² downgraded); the experimental ring loses
// [1500,2000]×[-1000,2000] (1.5e6 m² removed) and gains [-1500,-1000]×[-1000,2000] (1.5e6 added).
Zoning shifted_proposal() {
  return make_zoning(
      "proposal",
      {{Zone::core, rect(0, 0, 800, 1000)},
       {Zone::buffer, rect_ring_shape(-500, -500, 1500, 1500, 0, 0, 800, 1000)},
       {Zone::experimental, rect_ring_shape(-1500, -1000, 1500, 2000, -500, -500, 1500, 1500)}});
}

TEST(Compare, HandComputedMatrixOfShiftedProposal) {
  const Comparison c = compare(nested_squares(), shifted_proposal(), planar());
  ASSERT_EQ(c.axis.size(), 4u);  // core, buffer, experimental, outside
  EXPECT_EQ(c.matrix.size(), 15u);

  // Expected cells (m², hand-computed from the rectangles above).
  const std::vector<std::tuple<Zone, Zone, double>> expected = {
      {Zone::core, Zone::core, 8e5},
      {Zone::core, Zone::buffer, 2e5},
      {Zone::core, Zone::experimental, 0},
      {Zone::core, Zone::outside, 0},
      {Zone::buffer, Zone::buffer, 3e6},
      {Zone::buffer, Zone::core, 0},
      {Zone::buffer, Zone::outside, 0},
      {Zone::experimental, Zone::experimental, 3.5e6},
      {Zone::experimental, Zone::outside, 1.5e6},
      {Zone::outside, Zone::experimental, 1.5e6},
      {Zone::outside, Zone::core, 0},
  };
  for (const auto& [from, to, area] : expected) {
    const TransitionCell* cell = c.cell(from, to);
    ASSERT_NE(cell, nullptr) << to_string(from) << "→" << to_string(to);
    EXPECT_NEAR(cell->area_m2, area, kTolM2) << to_string(from) << "→" << to_string(to);
  }
  EXPECT_EQ(c.cell(Zone::outside, Zone::outside), nullptr);

  EXPECT_NEAR(c.before.area_m2(Zone::core), 1e6, kTolM2);
  EXPECT_NEAR(c.before.area_m2(Zone::buffer), 3e6, kTolM2);
  EXPECT_NEAR(c.before.area_m2(Zone::experimental), 5e6, kTolM2);
  EXPECT_NEAR(c.after.area_m2(Zone::core), 8e5, kTolM2);
  EXPECT_NEAR(c.after.area_m2(Zone::buffer), 3.2e6, kTolM2);
  EXPECT_NEAR(c.after.area_m2(Zone::experimental), 5e6, kTolM2);
  EXPECT_NEAR(c.before.total_m2, 9e6, kTolM2);
  EXPECT_NEAR(c.after.total_m2, 9e6, kTolM2);
  EXPECT_NEAR(c.before.outline_m2, 9e6, kTolM2);
  EXPECT_NEAR(c.before.strict_m2, 4e6, kTolM2);
  EXPECT_NEAR(c.after.strict_m2, 4e6, kTolM2);
  EXPECT_NEAR(c.before.strict_share, 4.0 / 9.0, 1e-12);
  EXPECT_NEAR(c.before.share(Zone::core), 1.0 / 9.0, 1e-12);

  EXPECT_NEAR(c.removed.area_m2, 1.5e6, kTolM2);
  EXPECT_NEAR(c.added.area_m2, 1.5e6, kTolM2);
  EXPECT_NEAR(c.net_change_m2(), 0.0, kTolM2);
  EXPECT_NEAR(c.downgraded.area_m2, 2e5, kTolM2);
  EXPECT_NEAR(c.upgraded.area_m2, 0.0, kTolM2);
  ASSERT_EQ(c.removed.pieces.size(), 1u);
  EXPECT_EQ(c.removed.pieces[0].from, Zone::experimental);
  EXPECT_EQ(c.removed.pieces[0].to, Zone::outside);
  // Mean width 2·A/P of the 500 m × 3000 m strip: 2·1.5e6 / 7000 m.
  EXPECT_NEAR(c.removed.pieces[0].width_m, 3e6 / 7000.0, 1e-9);
  EXPECT_FALSE(c.removed.pieces[0].noise);
  EXPECT_NEAR(planar_area(c.removed.geometry()), 1.5e6, kTolM2);
  EXPECT_FALSE(c.before_original.has_value());
  EXPECT_FALSE(c.after_original.has_value());
}

TEST(Compare, TwoZoneProposalAgainstThreeZoneBaselineIsMapped) {
  // After: core protection = old core + buffer square (4e6 m²), general control = old
  // experimental ring (5e6 m²). With the default mapping nothing changes.
  const Zoning after = make_zoning(
      "proposal",
      {{Zone::core_protection, rect(-500, -500, 1500, 1500)},
       {Zone::general_control, rect_ring_shape(-1000, -1000, 2000, 2000, -500, -500, 1500, 1500)}});
  const Comparison c = compare(nested_squares(), after, planar());
  EXPECT_EQ(c.model, ZoneModel::two_zone);
  ASSERT_EQ(c.axis.size(), 3u);
  EXPECT_NEAR(c.before.area_m2(Zone::core_protection), 4e6, kTolM2);
  EXPECT_NEAR(c.before.area_m2(Zone::general_control), 5e6, kTolM2);
  EXPECT_NEAR(c.cell(Zone::core_protection, Zone::core_protection)->area_m2, 4e6, kTolM2);
  EXPECT_NEAR(c.cell(Zone::general_control, Zone::core_protection)->area_m2, 0.0, kTolM2);
  EXPECT_NEAR(c.downgraded.area_m2 + c.upgraded.area_m2 + c.removed.area_m2 + c.added.area_m2, 0.0,
              kTolM2);
  EXPECT_NEAR(c.before.strict_share, 4.0 / 9.0, 1e-12);
  EXPECT_NEAR(c.after.strict_share, 4.0 / 9.0, 1e-12);
  // The baseline's own three-zone figures are kept.
  ASSERT_TRUE(c.before_original.has_value());
  EXPECT_EQ(c.before_original->model, ZoneModel::three_zone);
  EXPECT_NEAR(c.before_original->area_m2(Zone::core), 1e6, kTolM2);
  EXPECT_NEAR(c.before_original->area_m2(Zone::buffer), 3e6, kTolM2);
  EXPECT_NEAR(c.before_original->area_m2(Zone::experimental), 5e6, kTolM2);
  EXPECT_FALSE(c.after_original.has_value());

  // A mapping that sends the old buffer to general control makes 3e6 m² a downgrade.
  CompareOptions strict_core = planar();
  strict_core.legacy_map.buffer = Zone::general_control;
  const Comparison d = compare(nested_squares(), after, strict_core);
  EXPECT_NEAR(d.before.area_m2(Zone::core_protection), 1e6, kTolM2);
  EXPECT_NEAR(d.upgraded.area_m2, 3e6, kTolM2);  // old buffer (general control) → core protection
}

TEST(Compare, ModelMappingCanBeForbidden) {
  const Zoning after =
      make_zoning("proposal", {{Zone::core_protection, rect(-1000, -1000, 2000, 2000)}});
  CompareOptions o = planar();
  o.allow_model_mapping = false;
  try {
    compare(nested_squares(), after, o);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("proposal uses the two-zone model"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("give a mapping"), std::string::npos) << e.what();
  }
  o.allow_model_mapping = true;
  o.common_model = ZoneModel::three_zone;
  EXPECT_THROW(compare(nested_squares(), after, o), InputError);
  // Both three-zone, two-zone forced, mapping forbidden: an error that does not blame a side.
  o.common_model = ZoneModel::two_zone;
  o.allow_model_mapping = false;
  try {
    compare(nested_squares(), nested_squares("proposal"), o);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("both zonings use the three-zone model"),
              std::string::npos)
        << e.what();
  }
}

TEST(Compare, ThreeZoneProposalAgainstTwoZoneBaselineMapsTheProposal) {
  const Zoning before = make_zoning(
      "baseline",
      {{Zone::core_protection, rect(-500, -500, 1500, 1500)},
       {Zone::general_control, rect_ring_shape(-1000, -1000, 2000, 2000, -500, -500, 1500, 1500)}});
  const Comparison c = compare(before, nested_squares("proposal"), planar());
  EXPECT_EQ(c.model, ZoneModel::two_zone);
  ASSERT_TRUE(c.after_original.has_value());
  EXPECT_NEAR(c.after_original->area_m2(Zone::buffer), 3e6, kTolM2);
  EXPECT_NEAR(c.after.area_m2(Zone::core_protection), 4e6, kTolM2);
}

TEST(Compare, MismatchedCrsIsAnInputErrorNamingBoth) {
  Zoning after = nested_squares("proposal");
  after.crs = Crs::from_epsg(4545);
  try {
    compare(nested_squares(), after, planar());
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("EPSG:4544"), std::string::npos) << what;
    EXPECT_NE(what.find("EPSG:4545"), std::string::npos) << what;
  }
}

TEST(Compare, EmptyProposalIsAnInputError) {
  Zoning after = nested_squares("proposal");
  after.parts.clear();
  EXPECT_THROW(compare(nested_squares(), after, planar()), InputError);
}

// Published 五鹿山 figures (环函〔2006〕134号 via regulations.md S40): core 8185.06 ha, buffer
// 5216.18 ha, experimental 7216.06 ha; total 20617.3 ha; core share 39.70 %, core+buffer 65.00 %.
// Built as 10 km wide stacked rectangles whose heights give exactly those areas.
TEST(Compare, WulushanPublishedFiguresReproduced) {
  const double w = 10000.0;
  const double hc = 8185.06 * 1e4 / w, hb = 5216.18 * 1e4 / w, he = 7216.06 * 1e4 / w;
  const Zoning z =
      make_zoning("wulushan", {{Zone::core, rect(0, 0, w, hc)},
                               {Zone::buffer, rect(0, hc, w, hc + hb)},
                               {Zone::experimental, rect(0, hc + hb, w, hc + hb + he)}});
  const Comparison c = compare(z, z, planar());
  // 1e-2 m² ≈ 1e-6 ha: far below the published 0.01 ha rounding.
  EXPECT_NEAR(to_ha(c.before.total_m2), 20617.30, 1e-6);
  EXPECT_NEAR(to_ha(c.before.area_m2(Zone::core)), 8185.06, 1e-6);
  EXPECT_NEAR(to_ha(c.before.strict_m2), 13401.24, 1e-6);
  // Shares rounded to 0.01 % as published.
  EXPECT_DOUBLE_EQ(std::round(c.before.strict_share * 10000.0) / 100.0, 65.00);
  EXPECT_DOUBLE_EQ(std::round(c.before.share(Zone::core) * 10000.0) / 100.0, 39.70);
  EXPECT_NEAR(c.after.strict_share, c.before.strict_share, 1e-15);
}

// A random star-shaped polygon around (cx, cy) with radii in [r·(1−j), r·(1+j)].
MultiPolygon star(std::mt19937& rng, double cx, double cy, double r, double j, int n) {
  std::uniform_real_distribution<double> u(1.0 - j, 1.0 + j);
  Ring ring;
  for (int i = 0; i < n; ++i) {
    const double t = 2.0 * M_PI * i / n;
    const double rr = r * u(rng);
    ring.push_back({testing::kX0 + cx + rr * std::cos(t), testing::kY0 + cy + rr * std::sin(t)});
  }
  ring.push_back(ring.front());
  MultiPolygon mp;
  mp.polygons.push_back(Polygon{ring, {}});
  return mp;
}

// Outline ∩ core star; (outline ∩ buffer star) ∖ core; outline ∖ both.
Zoning random_zoning(std::mt19937& rng, const std::string& name, double shift) {
  const MultiPolygon outline = star(rng, shift, 0, 5000, 0.25, 400);
  const MultiPolygon core = geom::intersect(outline, star(rng, shift + 300, 200, 1800, 0.3, 300));
  const MultiPolygon buffer_raw =
      geom::intersect(outline, star(rng, shift + 100, -100, 3300, 0.2, 300));
  const MultiPolygon buffer = geom::subtract(buffer_raw, core);
  const MultiPolygon experimental = geom::subtract(outline, geom::unite(core, buffer));
  return make_zoning(
      name, {{Zone::core, core}, {Zone::buffer, buffer}, {Zone::experimental, experimental}});
}

double geos_area(const MultiPolygon& mp) { return geom::planar_area(geom::to_geos(mp).get()); }

TEST(Compare, RandomCaseRowAndColumnSumsEqualZoneAreas) {
  const unsigned seed = 20261128;
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  const Zoning before = random_zoning(rng, "baseline", 0.0);
  const Zoning after = random_zoning(rng, "proposal", 700.0);
  const Comparison c = compare(before, after, planar());

  // Independent reference: GEOS's own area of each zone's input polygons (disjoint by
  // construction) — not the cells. Relative tolerance 1e-9.
  for (Zone z : zones_of(ZoneModel::three_zone)) {
    double before_ref = 0.0, after_ref = 0.0;
    for (const auto& p : before.parts)
      if (p.zone == z) before_ref += geos_area(p.geometry);
    for (const auto& p : after.parts)
      if (p.zone == z) after_ref += geos_area(p.geometry);
    double row = 0.0, col = 0.0;
    for (const auto& cell : c.matrix) {
      if (cell.from == z) row += cell.area_m2;
      if (cell.to == z) col += cell.area_m2;
    }
    EXPECT_NEAR(row, before_ref, 1e-9 * before_ref) << to_string(z);
    EXPECT_NEAR(col, after_ref, 1e-9 * after_ref) << to_string(z);
    EXPECT_NEAR(c.before.area_m2(z), row, 1e-9 * before_ref);
  }
  for (const auto& za : c.before.zones)
    EXPECT_NEAR(za.measured_m2, za.area_m2, 1e-9 * c.before.total_m2) << to_string(za.zone);
  for (const auto& za : c.after.zones)
    EXPECT_NEAR(za.measured_m2, za.area_m2, 1e-9 * c.after.total_m2) << to_string(za.zone);

  // Gross removed / added against GEOS differences of the outlines.
  auto outline = [](const Zoning& z) {
    std::vector<const MultiPolygon*> parts;
    for (const auto& p : z.parts) parts.push_back(&p.geometry);
    return geom::unite(parts);
  };
  const MultiPolygon ob = outline(before), oa = outline(after);
  const double removed_ref = geos_area(geom::subtract(ob, oa));
  const double added_ref = geos_area(geom::subtract(oa, ob));
  ASSERT_GT(removed_ref, 1e5);  // the random case really moves the boundary
  EXPECT_NEAR(c.removed.area_m2, removed_ref, 1e-9 * geos_area(ob));
  EXPECT_NEAR(c.added.area_m2, added_ref, 1e-9 * geos_area(oa));
  EXPECT_NEAR(c.net_change_m2(), geos_area(oa) - geos_area(ob), 1e-9 * geos_area(ob));
  EXPECT_GT(c.downgraded.area_m2, 0.0);
  EXPECT_GT(c.upgraded.area_m2, 0.0);
}

TEST(Compare, RandomCaseGeodesicRowsAgreeWithMeasuredZones) {
  const unsigned seed = 7;
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  const Zoning before = random_zoning(rng, "baseline", 0.0);
  const Zoning after = random_zoning(rng, "proposal", 400.0);
  CompareOptions o;
  o.area_method = AreaMethod::geodesic;
  const Comparison c = compare(before, after, o);
  // Cells are measured geodesically; a zone's union measured as a whole differs by the vertices
  // the overlay inserts on edges (joined by geodesics, not by the straight projected segment):
  // observed 1.6e-9 relative of the total (0.12 m² on 79 km²) — which is why zone areas are
  // derived from the cells (rows/columns add up exactly) and the direct measure is only shown.
  // Tolerance 1e-8 relative of the total.
  for (const auto& za : c.before.zones)
    EXPECT_NEAR(za.measured_m2, za.area_m2, 1e-8 * c.before.total_m2) << to_string(za.zone);
  for (const auto& za : c.after.zones)
    EXPECT_NEAR(za.measured_m2, za.area_m2, 1e-8 * c.after.total_m2) << to_string(za.zone);
  // Rows and columns add up to the zone figures (same summands; rounding only).
  for (Zone z : zones_of(ZoneModel::three_zone)) {
    double row = 0.0, col = 0.0;
    for (const auto& cell : c.matrix) {
      if (cell.from == z) row += cell.area_m2;
      if (cell.to == z) col += cell.area_m2;
    }
    EXPECT_NEAR(row, c.before.area_m2(z), 1e-9 * c.before.total_m2);
    EXPECT_NEAR(col, c.after.area_m2(z), 1e-9 * c.after.total_m2);
  }
  // Geodesic vs planar in GK zone CM 105E near the central meridian: within 0.1 %.
  const Comparison p = compare(before, after, planar());
  EXPECT_NEAR(c.before.total_m2, p.before.total_m2, 1e-3 * p.before.total_m2);
}

// Boundary noise: the baseline's outer edge redrawn with every vertex moved by < 0.5 m
// (densified every 10 m, jittered perpendicular by up to ±0.4 m), plus one real removal.
Ring densified_square(double x0, double y0, double x1, double y1, double step, std::mt19937* rng,
                      double jitter) {
  std::uniform_real_distribution<double> u(-jitter, jitter);
  Ring r;
  auto push = [&](double x, double y, double nx, double ny) {
    const double d = rng ? u(*rng) : 0.0;
    r.push_back({testing::kX0 + x + d * nx, testing::kY0 + y + d * ny});
  };
  for (double x = x0; x < x1; x += step) push(x, y0, 0, 1);
  for (double y = y0; y < y1; y += step) push(x1, y, 1, 0);
  for (double x = x1; x > x0; x -= step) push(x, y1, 0, 1);
  for (double y = y1; y > y0; y -= step) push(x0, y, 1, 0);
  r.push_back(r.front());
  return r;
}

TEST(Compare, SliverNoiseIsSeparatedFromRealChange) {
  const unsigned seed = 42;
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  MultiPolygon before_exp, after_exp;
  before_exp.polygons.push_back(Polygon{densified_square(0, 0, 2000, 2000, 10, nullptr, 0), {}});
  after_exp.polygons.push_back(Polygon{densified_square(0, 0, 2000, 2000, 10, &rng, 0.4), {}});
  // Real change: a 300 m × 200 m block cut out of the middle of the south edge.
  after_exp = geom::subtract(after_exp, rect(800, -10, 1100, 200));
  const Zoning before = make_zoning("baseline", {{Zone::experimental, before_exp}});
  const Zoning after = make_zoning("proposal", {{Zone::experimental, after_exp}});

  CompareOptions o = planar();
  o.noise.max_width_m = 0.5;
  o.noise.max_area_m2 = 5000.0;
  const Comparison c = compare(before, after, o);

  // The real piece: [800,1100]×[0,200] = 6e4 m² of baseline land (the jittered edge between
  // x 800 and 1100 lies within ±0.4 m of y = 0, so the piece differs by < 300·0.4 = 120 m²).
  ASSERT_GT(c.removed.pieces.size(), 10u);  // the jitter makes many slivers
  int real = 0;
  for (const auto& p : c.removed.pieces) {
    if (!p.noise) {
      ++real;
      EXPECT_NEAR(p.area_m2, 6e4, 120.0);
    } else {
      EXPECT_LE(p.width_m, 0.5);
    }
  }
  EXPECT_EQ(real, 1);
  EXPECT_NEAR(c.removed.significant_m2(), 6e4, 120.0);
  EXPECT_GT(c.removed.noise_m2, 0.0);
  EXPECT_NEAR(c.removed.area_m2, c.removed.significant_m2() + c.removed.noise_m2, 1e-6);
  // Every added piece is jitter: all noise, none significant, but still counted raw.
  EXPECT_GT(c.added.area_m2, 0.0);
  EXPECT_NEAR(c.added.significant_m2(), 0.0, 1e-9);
  EXPECT_EQ(c.noise_pieces().size(), c.removed.pieces.size() - 1 + c.added.pieces.size());
  // Raw figures still hold the noise: removed − added = −net.
  EXPECT_NEAR(c.removed.area_m2 - c.added.area_m2, -c.net_change_m2(), 1e-3);

  // Without a tolerance nothing is noise.
  const Comparison raw = compare(before, after, planar());
  EXPECT_TRUE(raw.noise_pieces().empty());
  EXPECT_NEAR(raw.removed.area_m2, c.removed.area_m2, 1e-6);
}

// In a geographic working CRS the sliver width is still in metres. A 0.01° square at 34°N is
// shifted east by 0.3 m (in degrees: 0.3 / (6371008.8 · π/180 · cos 34°)); the removed west
// sliver is 0.3 m wide (tolerance 1 %: the spherical approximation of the perimeter).
TEST(Compare, SliverWidthInGeographicCrsIsInMetres) {
  auto square = [](double x0, double y0, double d) {
    MultiPolygon mp;
    mp.polygons.push_back(
        Polygon{{{x0, y0}, {x0 + d, y0}, {x0 + d, y0 + d}, {x0, y0 + d}, {x0, y0}}, {}});
    return mp;
  };
  const double shift_deg = 0.3 / (6371008.8 * M_PI / 180.0 * std::cos(34.005 * M_PI / 180.0));
  Zoning before = make_zoning("baseline", {{Zone::experimental, square(105.0, 34.0, 0.01)}});
  Zoning after =
      make_zoning("proposal", {{Zone::experimental, square(105.0 + shift_deg, 34.0, 0.01)}});
  before.crs = after.crs = Crs::from_epsg(4490);
  CompareOptions o;
  o.area_method = AreaMethod::geodesic;
  o.noise.max_width_m = 0.5;
  const Comparison c = compare(before, after, o);
  ASSERT_EQ(c.removed.pieces.size(), 1u);
  EXPECT_NEAR(c.removed.pieces[0].width_m, 0.3, 0.003);
  EXPECT_TRUE(c.removed.pieces[0].noise);
}

}  // namespace
}  // namespace reserve
