// Overlay of conflict features on before/after zonings. Point membership is checked against an
// independent brute-force implementation (ray casting + distance to segments, no GEOS) on
// thousands of random points, including points exactly on boundaries and within the tolerance.
// Polygon areas are checked against hand-computed rectangle areas and for the sum identity.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <random>

#include "analysis/zoning_fixtures.hpp"
#include "reserve/overlay.hpp"

namespace reserve {
namespace {

using testing::kX0;
using testing::kY0;
using testing::make_zoning;
using testing::rect;
using testing::rect_ring;
using testing::rect_ring_shape;

// ---- brute force -------------------------------------------------------------------------

struct Seg {
  Point a, b;
};

// Distance from p to segment ab, computed as |cross| / |ab| inside the segment's span so that a
// point exactly on an axis-parallel edge gives exactly 0.
double seg_distance(Point p, const Seg& s) {
  const double dx = s.b.x - s.a.x, dy = s.b.y - s.a.y;
  const double len2 = dx * dx + dy * dy;
  const double dot = (p.x - s.a.x) * dx + (p.y - s.a.y) * dy;
  if (dot <= 0) return std::hypot(p.x - s.a.x, p.y - s.a.y);
  if (dot >= len2) return std::hypot(p.x - s.b.x, p.y - s.b.y);
  const double cross = dx * (p.y - s.a.y) - dy * (p.x - s.a.x);
  return std::abs(cross) / std::sqrt(len2);
}

bool ray_inside(const Ring& ring, Point p) {
  bool in = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const Point& a = ring[i];
    const Point& b = ring[j];
    if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) in = !in;
  }
  return in;
}

std::vector<Seg> segments(const Ring& r) {
  std::vector<Seg> out;
  for (std::size_t i = 0; i + 1 < r.size(); ++i) out.push_back({r[i], r[i + 1]});
  return out;
}

struct BrutePolygon {
  Zone zone;
  Polygon poly;
};

struct BruteZoning {
  std::vector<BrutePolygon> polys;
  std::vector<Seg> outline_edges;  // the reserve's outer boundary, built by hand
};

double boundary_distance(const Polygon& poly, Point p) {
  double d = std::numeric_limits<double>::infinity();
  for (const auto& s : segments(poly.outer)) d = std::min(d, seg_distance(p, s));
  for (const auto& h : poly.holes)
    for (const auto& s : segments(h)) d = std::min(d, seg_distance(p, s));
  return d;
}

bool covers(const Polygon& poly, Point p) {
  if (boundary_distance(poly, p) == 0.0) return true;
  if (!ray_inside(poly.outer, p)) return false;
  for (const auto& h : poly.holes)
    if (ray_inside(h, p)) return false;
  return true;
}

// 0 inside, else the distance to the polygon.
double polygon_distance(const Polygon& poly, Point p) {
  return covers(poly, p) ? 0.0 : boundary_distance(poly, p);
}

struct BruteResult {
  Zone zone = Zone::outside;        // the strictest zone covering the point
  Zone protective = Zone::outside;  // the strictest zone within the tolerance (what counts)
  PointLocation location = PointLocation::outside;
  std::vector<Zone> near;
  double min_edge_distance = 0.0;  // to any zone boundary (to skip floating-point ties)
  double min_tolerance_gap = 0.0;  // min |d − tol| over the tolerance decisions
};

BruteResult brute(const BruteZoning& z, Point p, double tol) {
  BruteResult r;
  r.min_edge_distance = std::numeric_limits<double>::infinity();
  r.min_tolerance_gap = std::numeric_limits<double>::infinity();
  bool in_reserve = false;
  for (const auto& bp : z.polys) {
    const double bd = boundary_distance(bp.poly, p);
    r.min_edge_distance = std::min(r.min_edge_distance, bd);
    const double d = polygon_distance(bp.poly, p);
    if (d == 0.0) {
      in_reserve = true;
      if (r.zone == Zone::outside || strictness(bp.zone) > strictness(r.zone)) r.zone = bp.zone;
    }
    if (d > 0.0) r.min_tolerance_gap = std::min(r.min_tolerance_gap, std::abs(d - tol));
    if (d <= tol) r.near.push_back(bp.zone);
  }
  double outline_d = std::numeric_limits<double>::infinity();
  for (const auto& s : z.outline_edges) outline_d = std::min(outline_d, seg_distance(p, s));
  r.min_tolerance_gap = std::min(r.min_tolerance_gap, std::abs(outline_d - tol));
  if (outline_d <= tol)
    r.location = PointLocation::on_boundary;
  else
    r.location = in_reserve ? PointLocation::inside : PointLocation::outside;
  if (!in_reserve || outline_d <= tol) r.near.push_back(Zone::outside);
  std::sort(r.near.begin(), r.near.end(),
            [](Zone a, Zone b) { return strictness(a) > strictness(b); });
  r.near.erase(std::unique(r.near.begin(), r.near.end()), r.near.end());
  // Protection gets the benefit of the doubt: the strictest zone within the tolerance.
  for (Zone near_zone : r.near) {
    if (near_zone != Zone::outside) {
      r.protective = near_zone;
      break;
    }
  }
  return r;
}

Polygon shifted(std::vector<Point> outer, std::vector<std::vector<Point>> holes = {}) {
  Polygon p;
  for (auto& pt : outer) p.outer.push_back({kX0 + pt.x, kY0 + pt.y});
  p.outer.push_back(p.outer.front());
  for (auto& h : holes) {
    Ring r;
    for (auto& pt : h) r.push_back({kX0 + pt.x, kY0 + pt.y});
    r.push_back(r.front());
    p.holes.push_back(r);
  }
  return p;
}

// Baseline: core square, buffer ring, experimental ring with a diagonal corner, and a separate
// experimental island with a hole (a gap that is outside the reserve).
struct Fixture {
  Zoning zoning;
  BruteZoning brute;
};

Fixture baseline_fixture() {
  const Polygon core = shifted({{0, 0}, {1000, 0}, {1000, 1000}, {0, 1000}});
  const Polygon buffer = shifted({{-500, -500}, {1500, -500}, {1500, 1500}, {-500, 1500}},
                                 {{{0, 0}, {0, 1000}, {1000, 1000}, {1000, 0}}});
  const Polygon exp =
      shifted({{-1000, -1000}, {2000, -1000}, {2000, 1500}, {1500, 2000}, {-1000, 2000}},
              {{{-500, -500}, {-500, 1500}, {1500, 1500}, {1500, -500}}});
  const Polygon island = shifted({{3000, 0}, {4000, 0}, {4000, 1000}, {3000, 1000}},
                                 {{{3400, 400}, {3400, 600}, {3600, 600}, {3600, 400}}});
  Fixture f;
  f.zoning = make_zoning("baseline", {{Zone::core, MultiPolygon{{core}}},
                                      {Zone::buffer, MultiPolygon{{buffer}}},
                                      {Zone::experimental, MultiPolygon{{exp, island}}}});
  f.brute.polys = {{Zone::core, core},
                   {Zone::buffer, buffer},
                   {Zone::experimental, exp},
                   {Zone::experimental, island}};
  for (const Ring* r : {&exp.outer, &island.outer, &island.holes.front()})
    for (const auto& s : segments(*r)) f.brute.outline_edges.push_back(s);
  return f;
}

// Proposal: smaller, axis-parallel, no island.
Fixture proposal_fixture() {
  const Polygon core = shifted({{0, 0}, {1000, 0}, {1000, 1000}, {0, 1000}});
  const Polygon buffer = shifted({{-300, -300}, {1300, -300}, {1300, 1300}, {-300, 1300}},
                                 {{{0, 0}, {0, 1000}, {1000, 1000}, {1000, 0}}});
  const Polygon exp = shifted({{-800, -800}, {1800, -800}, {1800, 1800}, {-800, 1800}},
                              {{{-300, -300}, {-300, 1300}, {1300, 1300}, {1300, -300}}});
  Fixture f;
  f.zoning = make_zoning("proposal", {{Zone::core, MultiPolygon{{core}}},
                                      {Zone::buffer, MultiPolygon{{buffer}}},
                                      {Zone::experimental, MultiPolygon{{exp}}}});
  f.brute.polys = {{Zone::core, core}, {Zone::buffer, buffer}, {Zone::experimental, exp}};
  for (const auto& s : segments(exp.outer)) f.brute.outline_edges.push_back(s);
  return f;
}

std::string zones_text(const std::vector<Zone>& zones) {
  std::string s;
  for (Zone z : zones) s += std::string(s.empty() ? "" : ",") + to_string(z);
  return s;
}

// The distance to the stricter zones is the least distance to any one of them (no union is
// built): checked against the brute force distance to each stricter polygon (ray casting and
// segment distances, no GEOS), for points in every zone of both fixtures — the experimental
// ring with its diagonal corner and the island (stricter: core and buffer), the buffer ring
// (stricter: core), the core (none) and outside (the whole reserve).
TEST(Overlay, StricterZoneDistanceEqualsBruteForce) {
  const Fixture before = baseline_fixture();
  const Fixture after = proposal_fixture();
  std::mt19937 rng(20261201);
  std::uniform_real_distribution<double> ux(-1500, 4500), uy(-1500, 2500);
  FeatureSet set;
  set.crs = testing::test_crs();
  std::vector<Point> points;
  for (int i = 0; i < 3000; ++i) {
    points.push_back({kX0 + ux(rng), kY0 + uy(rng)});
    ConflictFeature f;
    f.id = std::to_string(i);
    f.category = FeatureCategory::concentrator;
    f.geometry = Geometry::from(points.back());
    set.features.push_back(f);
  }
  OverlayOptions o;
  o.boundary_tolerance_m = 0.0;
  o.area_method = AreaMethod::planar;
  const Overlay ov = overlay_features(set, before.zoning, after.zoning, o);
  ASSERT_EQ(ov.rows.size(), points.size());
  std::map<Zone, int> compared;
  for (std::size_t i = 0; i < points.size(); ++i) {
    for (int side = 0; side < 2; ++side) {
      const BruteZoning& bz = side == 0 ? before.brute : after.brute;
      const FeaturePlacement& got = side == 0 ? ov.rows[i].before : ov.rows[i].after;
      const Zone zone = brute(bz, points[i], 0.0).zone;
      ASSERT_EQ(got.zone, zone) << "point " << i << " side " << side;
      double want = std::numeric_limits<double>::infinity();
      for (const auto& bp : bz.polys)
        if (zone == Zone::outside || strictness(bp.zone) > strictness(zone))
          want = std::min(want, polygon_distance(bp.poly, points[i]));
      if (std::isinf(want)) {
        EXPECT_FALSE(got.distance_to_stricter_zone_m.has_value()) << "point " << i;
      } else {
        ASSERT_TRUE(got.distance_to_stricter_zone_m.has_value()) << "point " << i;
        EXPECT_NEAR(*got.distance_to_stricter_zone_m, want, 1e-9) << "point " << i;
      }
      ++compared[zone];
    }
  }
  for (Zone z : {Zone::core, Zone::buffer, Zone::experimental, Zone::outside})
    EXPECT_GT(compared[z], 50) << to_string(z);
}

TEST(Overlay, PointMembershipEqualsBruteForceOnRandomAndBoundaryPoints) {
  const Fixture before = baseline_fixture();
  const Fixture after = proposal_fixture();
  const double tol = 5.0;  // metres
  const unsigned seed = std::random_device{}();
  std::printf("[ seed ] Overlay.PointMembership seed = %u\n", seed);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> ux(-1500, 4500), uy(-1500, 2500), unit(0, 1);

  std::vector<Point> points;
  for (int i = 0; i < 3000; ++i) points.push_back({kX0 + ux(rng), kY0 + uy(rng)});
  // Vertices and points on axis-parallel edges of both zonings: exactly on a boundary.
  std::vector<Seg> edges;
  for (const Fixture* f : {&before, &after})
    for (const auto& bp : f->brute.polys) {
      for (const auto& s : segments(bp.poly.outer)) edges.push_back(s);
      for (const auto& h : bp.poly.holes)
        for (const auto& s : segments(h)) edges.push_back(s);
    }
  std::uniform_int_distribution<std::size_t> pick(0, edges.size() - 1);
  for (int i = 0; i < 800; ++i) {
    const Seg& s = edges[pick(rng)];
    if (i % 4 == 0) {
      points.push_back(s.a);  // a vertex
    } else if (s.a.x == s.b.x || s.a.y == s.b.y) {
      // An integer metre along an axis-parallel edge: exactly representable, exactly on it.
      const double t = std::floor(unit(rng) * 100) / 100;
      points.push_back(
          {s.a.x + std::round(t * (s.b.x - s.a.x)), s.a.y + std::round(t * (s.b.y - s.a.y))});
    }
  }
  // Within the tolerance: on an edge, moved perpendicular by less than (or more than) tol.
  for (int i = 0; i < 1500; ++i) {
    const Seg& s = edges[pick(rng)];
    const double t = unit(rng);
    const double dx = s.b.x - s.a.x, dy = s.b.y - s.a.y, len = std::hypot(dx, dy);
    const double off = (unit(rng) * 2 - 1) * tol * 1.6;
    points.push_back({s.a.x + t * dx - dy / len * off, s.a.y + t * dy + dx / len * off});
  }

  FeatureSet set;
  set.crs = testing::test_crs();
  for (std::size_t i = 0; i < points.size(); ++i) {
    ConflictFeature f;
    f.id = std::to_string(i);
    f.category = FeatureCategory::concentrator;
    f.geometry = Geometry::from(points[i]);
    set.features.push_back(f);
  }
  OverlayOptions o;
  o.boundary_tolerance_m = tol;
  o.area_method = AreaMethod::planar;
  const Overlay ov = overlay_features(set, before.zoning, after.zoning, o);
  ASSERT_EQ(ov.rows.size(), points.size());

  int compared_zone = 0, compared_tol = 0, mismatches = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    for (int side = 0; side < 2; ++side) {
      const BruteZoning& bz = side == 0 ? before.brute : after.brute;
      const FeaturePlacement& got = side == 0 ? ov.rows[i].before : ov.rows[i].after;
      const BruteResult want = brute(bz, points[i], tol);
      // Zone (the strictest within the tolerance): exact on-boundary points and points clear of
      // every boundary and of the tolerance distance (1e-7 m) are decided identically by any
      // exact method; closer ones depend on floating-point rounding.
      if ((want.min_edge_distance == 0.0 || want.min_edge_distance > 1e-7) &&
          want.min_tolerance_gap > 1e-7) {
        ++compared_zone;
        if (got.zone != want.protective) {
          ++mismatches;
          ADD_FAILURE() << "point " << i << " (" << points[i].x - kX0 << ", " << points[i].y - kY0
                        << ") side " << side << ": zone " << to_string(got.zone) << " vs brute "
                        << to_string(want.protective);
        }
      }
      if (want.min_tolerance_gap > 1e-7) {
        ++compared_tol;
        if (got.location != want.location ||
            zones_text(got.zones_within_tolerance) != zones_text(want.near)) {
          ++mismatches;
          ADD_FAILURE() << "point " << i << " (" << points[i].x - kX0 << ", " << points[i].y - kY0
                        << ") side " << side << ": " << to_string(got.location) << " ["
                        << zones_text(got.zones_within_tolerance) << "] vs brute "
                        << to_string(want.location) << " [" << zones_text(want.near) << "]";
        }
      }
      if (mismatches > 20) return;
    }
  }
  // Most points must actually have been compared (not skipped as ties).
  EXPECT_GT(compared_zone, static_cast<int>(points.size()) * 2 * 9 / 10);
  EXPECT_GT(compared_tol, static_cast<int>(points.size()) * 2 * 9 / 10);
}

TEST(Overlay, PointOnBoundaryAndDistancesByHand) {
  const Fixture before = baseline_fixture();
  const Fixture after = proposal_fixture();
  FeatureSet set;
  set.crs = testing::test_crs();
  auto add = [&](std::string id, double x, double y) {
    ConflictFeature f;
    f.id = std::move(id);
    f.category = FeatureCategory::concentrator;
    f.geometry = Geometry::from(Point{kX0 + x, kY0 + y});
    set.features.push_back(f);
  };
  add("in-exp", 1800, 0);   // experimental before (200 m inside the outer edge x=2000)
  add("edge", -1000, 0);    // on the baseline's outer boundary
  add("near", -1000.5, 0);  // 0.5 m outside the baseline, within a 1 m tolerance
  add("gap", 3500, 500);    // in the island's hole: outside
  OverlayOptions o;
  o.boundary_tolerance_m = 1.0;
  o.area_method = AreaMethod::planar;
  const Overlay ov = overlay_features(set, before.zoning, after.zoning, o);

  // in-exp: before experimental; distance to boundary x=2000 is 200 m (hand); to the nearest
  // stricter zone (buffer edge x=1500) 300 m. After: x=1800 is the proposal's outer edge → on
  // the boundary, zone experimental (covered), change unchanged.
  EXPECT_EQ(ov.rows[0].before.zone, Zone::experimental);
  EXPECT_EQ(ov.rows[0].before.location, PointLocation::inside);
  EXPECT_NEAR(ov.rows[0].before.distance_to_reserve_boundary_m, 200.0, 1e-9);
  ASSERT_TRUE(ov.rows[0].before.distance_to_stricter_zone_m.has_value());
  EXPECT_NEAR(*ov.rows[0].before.distance_to_stricter_zone_m, 300.0, 1e-9);
  EXPECT_EQ(ov.rows[0].after.location, PointLocation::on_boundary);
  EXPECT_EQ(ov.rows[0].after.zone, Zone::experimental);
  EXPECT_EQ(ov.rows[0].change, StatusChange::unchanged);

  EXPECT_EQ(ov.rows[1].before.location, PointLocation::on_boundary);
  EXPECT_EQ(ov.rows[1].before.zone, Zone::experimental);  // boundary points are covered
  EXPECT_EQ(ov.rows[1].after.zone, Zone::outside);
  EXPECT_EQ(ov.rows[1].change, StatusChange::freed);

  EXPECT_EQ(ov.rows[2].before.location, PointLocation::on_boundary);
  // 0.5 m outside, within the 1 m tolerance of the experimental zone: counts as in it.
  EXPECT_EQ(ov.rows[2].before.zone, Zone::experimental);
  EXPECT_NEAR(ov.rows[2].before.distance_to_reserve_boundary_m, 0.5, 1e-9);
  EXPECT_EQ(zones_text(ov.rows[2].before.zones_within_tolerance), "experimental,outside");

  EXPECT_EQ(ov.rows[3].before.zone, Zone::outside);
  EXPECT_EQ(ov.rows[3].before.location, PointLocation::outside);
  EXPECT_NEAR(ov.rows[3].before.distance_to_reserve_boundary_m, 100.0, 1e-9);  // hole edge
}

TEST(Overlay, PolygonAreasPerZoneByHandAndStatus) {
  // Baseline nested squares (core [0,1000]², buffer to [-500,1500]², experimental to
  // [-1000,2000]²); proposal: same but the experimental ring stops at x = 1800 on the east.
  const Zoning before = testing::nested_squares("baseline");
  const Zoning after = make_zoning(
      "proposal",
      {{Zone::core, rect(0, 0, 1000, 1000)},
       {Zone::buffer, rect_ring_shape(-500, -500, 1500, 1500, 0, 0, 1000, 1000)},
       {Zone::experimental, rect_ring_shape(-1000, -1000, 1800, 2000, -500, -500, 1500, 1500)}});
  FeatureSet set;
  set.crs = testing::test_crs();
  auto add = [&](std::string id, FeatureCategory c, MultiPolygon mp) {
    ConflictFeature f;
    f.id = std::move(id);
    f.category = c;
    f.geometry = Geometry::from(std::move(mp));
    set.features.push_back(f);
  };
  add("straddle", FeatureCategory::mining_right, rect(900, 400, 1100, 600));  // core | buffer
  add("east", FeatureCategory::mine, rect(1700, 0, 2100, 100));  // exp | outside (before)
  add("carved", FeatureCategory::tailings_pond, rect(1850, 500, 1950, 600));  // freed
  OverlayOptions o;
  o.area_method = AreaMethod::planar;
  const Overlay ov = overlay_features(set, before, after, o);

  // straddle: 100 × 200 = 20000 m² in core and in buffer (hand).
  const auto& s = ov.rows[0];
  EXPECT_NEAR(s.area_m2, 40000.0, 1e-6);
  ASSERT_EQ(s.before.areas.size(), 3u);
  EXPECT_EQ(s.before.areas[0].zone, Zone::core);
  EXPECT_NEAR(s.before.areas[0].area_m2, 20000.0, 1e-6);
  EXPECT_EQ(s.before.areas[1].zone, Zone::buffer);
  EXPECT_NEAR(s.before.areas[1].area_m2, 20000.0, 1e-6);
  EXPECT_EQ(s.before.areas[2].zone, Zone::outside);
  EXPECT_NEAR(s.before.areas[2].area_m2, 0.0, 1e-6);
  EXPECT_EQ(s.before.zone, Zone::core);
  EXPECT_EQ(s.change, StatusChange::unchanged);

  // east: x 1700–2100 × 100: before 300 × 100 = 30000 in experimental, 100 × 100 outside;
  // after 100 × 100 experimental (1700–1800), 300 × 100 outside: 20000 m² freed.
  const auto& e = ov.rows[1];
  EXPECT_NEAR(e.before.areas[0].area_m2, 30000.0, 1e-6);
  EXPECT_NEAR(e.before.areas.back().area_m2, 10000.0, 1e-6);
  EXPECT_NEAR(e.after.areas[0].area_m2, 10000.0, 1e-6);
  EXPECT_NEAR(e.freed_area_m2, 20000.0, 1e-6);
  EXPECT_EQ(e.change, StatusChange::partly_freed);

  // carved: entirely in the removed strip: freed, 10000 m².
  EXPECT_EQ(ov.rows[2].change, StatusChange::freed);
  EXPECT_NEAR(ov.rows[2].freed_area_m2, 10000.0, 1e-6);
  EXPECT_EQ(ov.rows[2].after.zone, Zone::outside);
  EXPECT_EQ(ov.count(StatusChange::freed), 1u);
}

TEST(Overlay, DowngradeAcrossModelsUsesTheLegacyMap) {
  // Baseline three-zone; proposal two-zone where the old buffer's east half becomes general
  // control. With the default map (buffer → core protection) that is a downgrade.
  const Zoning before = testing::nested_squares("baseline");
  const Zoning after = make_zoning(
      "proposal",
      {{Zone::core_protection, rect(-500, -500, 1000, 1500)},
       {Zone::general_control, rect_ring_shape(-1000, -1000, 2000, 2000, -500, -500, 1000, 1500)}});
  FeatureSet set;
  set.crs = testing::test_crs();
  ConflictFeature f;
  f.id = "smelter";
  f.category = FeatureCategory::smelter;
  f.geometry = Geometry::from(rect(1100, 0, 1200, 100));  // old buffer → general control
  set.features.push_back(f);
  OverlayOptions o;
  o.area_method = AreaMethod::planar;
  const Overlay ov = overlay_features(set, before, after, o);
  EXPECT_EQ(ov.rows[0].before.zone, Zone::buffer);
  EXPECT_EQ(ov.rows[0].after.zone, Zone::general_control);
  EXPECT_EQ(ov.rows[0].change, StatusChange::downgraded);
  EXPECT_NEAR(ov.rows[0].downgraded_area_m2, 10000.0, 1e-6);  // 100 × 100, hand
}

TEST(Overlay, RandomPolygonAreasSumToTheFeatureArea) {
  const Fixture before = baseline_fixture();
  const Fixture after = proposal_fixture();
  const unsigned seed = std::random_device{}();
  std::printf("[ seed ] Overlay.RandomPolygonAreas seed = %u\n", seed);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> ux(-1500, 4500), uy(-1500, 2500), size(5, 800),
      angle(0, 3.14159);
  FeatureSet set;
  set.crs = testing::test_crs();
  for (int i = 0; i < 300; ++i) {
    // A rotated rectangle (a mining right's corner points), often straddling zone boundaries.
    const double cx = kX0 + ux(rng), cy = kY0 + uy(rng), w = size(rng), h = size(rng),
                 a = angle(rng);
    Polygon p;
    for (auto [sx, sy] : {std::pair{-1, -1}, {1, -1}, {1, 1}, {-1, 1}, {-1, -1}})
      p.outer.push_back({cx + std::cos(a) * sx * w / 2 - std::sin(a) * sy * h / 2,
                         cy + std::sin(a) * sx * w / 2 + std::cos(a) * sy * h / 2});
    ConflictFeature f;
    f.id = std::to_string(i);
    f.category = FeatureCategory::mining_right;
    f.geometry = Geometry::from(p);
    set.features.push_back(f);
  }
  for (AreaMethod m : {AreaMethod::planar, AreaMethod::geodesic}) {
    OverlayOptions o;
    o.area_method = m;
    const Overlay ov = overlay_features(set, before.zoning, after.zoning, o);
    for (const auto& row : ov.rows) {
      for (const FeaturePlacement* side : {&row.before, &row.after}) {
        double sum = 0.0;
        for (const auto& za : side->areas) sum += za.area_m2;
        // Tolerance: 1e-9 relative (the brief's bound; pieces share their vertices).
        EXPECT_NEAR(sum, row.area_m2, 1e-9 * row.area_m2)
            << to_string(m) << " feature " << row.feature_id;
      }
    }
  }
}

}  // namespace
}  // namespace reserve

namespace reserve {
namespace {

TEST(Overlay, GeodesicPiecesAreApportionedCloseToTheirOwnGeodesicArea) {
  // A mining right straddling core | buffer at x = 1000: the two pieces are rectangles whose
  // geodesic areas AreaCalculator measures directly. The overlay apportions the whole's geodesic
  // area by planar shares; the difference is the projection's scale variation across 200 m
  // (~1e-8 here, bound 1e-6 relative), while the pieces add up to the whole to 1e-12.
  const Zoning before = testing::nested_squares("baseline");
  FeatureSet set;
  set.crs = testing::test_crs();
  ConflictFeature f;
  f.id = "straddle";
  f.category = FeatureCategory::mining_right;
  f.geometry = Geometry::from(rect(900, 400, 1100, 600));
  set.features.push_back(f);
  OverlayOptions o;
  o.area_method = AreaMethod::geodesic;
  const Overlay ov = overlay_features(set, before, before, o);
  const AreaCalculator calc(testing::test_crs(), AreaMethod::geodesic);
  const double whole = calc.area_m2(rect(900, 400, 1100, 600));
  const double core = calc.area_m2(rect(900, 400, 1000, 600));
  const double buffer = calc.area_m2(rect(1000, 400, 1100, 600));
  const auto& row = ov.rows[0];
  EXPECT_DOUBLE_EQ(row.area_m2, whole);
  ASSERT_EQ(row.before.areas.size(), 3u);
  EXPECT_NEAR(row.before.areas[0].area_m2, core, 1e-6 * core);
  EXPECT_NEAR(row.before.areas[1].area_m2, buffer, 1e-6 * buffer);
  EXPECT_NEAR(
      row.before.areas[0].area_m2 + row.before.areas[1].area_m2 + row.before.areas[2].area_m2,
      whole, 1e-12 * whole);
}

}  // namespace
}  // namespace reserve
