// The overlay's short-cuts against plain GEOS: features whose envelope no zone boundary enters
// are placed by one point test (no intersection), and distances come from the zones' segment
// indexes instead of GEOSPreparedDistance. Compared with GEOS's own overlay and distance
// (GEOSIntersection, GEOSDifference, GEOSArea, GEOSDistance: the independent reference) on a
// zoning with a hole in the reserve, an island and zones sharing edges, for seeded random
// features (multipolygons among them) and for hand-placed ones: in the hole, touching a zone at a
// vertex or along an edge, holding a whole island, an invalid bow-tie, at an exact distance.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <random>
#include <string>

#include "analysis/feature_filter.hpp"
#include "analysis/overlay_zone_index.hpp"
#include "analysis/zoning_fixtures.hpp"
#include "geom/geos.hpp"
#include "reserve/overlay.hpp"
#include "support/star_ring.hpp"

namespace reserve {
namespace {

using testing::kX0;
using testing::kY0;
using testing::rect;
using testing::rect_ring;

// Core square, buffer ring around it, experimental land around that with a hole of the reserve
// (x 2000–2600, y 200–800) and an island (x 4000–4500, y 0–500). `shift` moves the core (and the
// buffer's hole with it) east, for a second zoning.
Zoning zoning_with_hole(double shift) {
  MultiPolygon core = rect(shift, 0, 1000 + shift, 1000);
  MultiPolygon buffer = rect(-500, -500, 1500 + shift, 1500);
  {
    Ring hole = rect_ring(shift, 0, 1000 + shift, 1000);
    std::reverse(hole.begin(), hole.end());
    buffer.polygons[0].holes.push_back(hole);
  }
  MultiPolygon experimental = rect(-1000, -1000, 3000, 2000);
  for (const auto& [x0, y0, x1, y1] : {std::array<double, 4>{-500, -500, 1500 + shift, 1500},
                                       std::array<double, 4>{2000, 200, 2600, 800}}) {
    Ring hole = rect_ring(x0, y0, x1, y1);
    std::reverse(hole.begin(), hole.end());
    experimental.polygons[0].holes.push_back(hole);
  }
  experimental.polygons.push_back(rect(4000, 0, 4500, 500).polygons[0]);
  return testing::make_zoning(
      "z" + std::to_string(static_cast<int>(shift)),
      {{Zone::core, core}, {Zone::buffer, buffer}, {Zone::experimental, experimental}});
}

MultiPolygon poly(std::vector<Point> ring) {
  for (auto& p : ring) p = {kX0 + p.x, kY0 + p.y};
  ring.push_back(ring.front());
  MultiPolygon mp;
  mp.polygons.push_back(Polygon{std::move(ring), {}});
  return mp;
}

// Random features over the zoning's surroundings and the hand-placed cases.
std::vector<MultiPolygon> features(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> ux(-1500, 5000), uy(-1500, 2500), size(5, 600);
  std::vector<MultiPolygon> out;
  for (int i = 0; i < 300; ++i) {
    MultiPolygon f;
    const double x = kX0 + ux(rng), y = kY0 + uy(rng), r = size(rng);
    f.polygons.push_back(Polygon{test::star_ring(rng, x, y, r, 10, false), {}});
    if (i % 3 == 0)  // a second part east of the first, apart from it (a valid multipolygon)
      f.polygons.push_back(Polygon{test::star_ring(rng, x + 2 * r + 300, y, 100, 7, false), {}});
    out.push_back(std::move(f));
  }
  out.push_back(poly({{2100, 300}, {2500, 300}, {2500, 700}, {2100, 700}}));  // in the hole
  out.push_back(poly({{2000, 300}, {2300, 300}, {2300, 600}, {2000, 600}}));  // on its edge
  out.push_back(poly({{1000, 1000}, {1100, 1050}, {1050, 1100}}));            // the core's corner
  out.push_back(poly({{1200, 1000}, {1300, 1000}, {1250, 900}}));  // in the buffer, clear of edges
  out.push_back(poly({{3900, -100}, {4600, -100}, {4600, 600}, {3900, 600}}));  // the island
  out.push_back(poly({{3100, 0}, {3400, 0}, {3400, 300}, {3100, 300}}));  // 100 m off the reserve
  out.push_back(poly({{3000, 2000}, {3200, 2000}, {3200, 2200}}));        // its corner
  out.push_back(poly({{300, 300}, {700, 300}, {700, 700}, {300, 700}}));  // deep in the core
  // Around the island with it in their hole, 100 m and 10 m from it: the island's ring lies
  // within the feature's envelope without meeting it, and outside it.
  for (const double gap : {100.0, 10.0}) {
    MultiPolygon annulus = poly({{3800, -200}, {4700, -200}, {4700, 700}, {3800, 700}});
    Ring hole;
    for (const Point& p :
         {Point{4000 - gap, -gap}, Point{4000 - gap, 500 + gap}, Point{4500 + gap, 500 + gap},
          Point{4500 + gap, -gap}, Point{4000 - gap, -gap}})
      hole.push_back({kX0 + p.x, kY0 + p.y});
    annulus.polygons[0].holes.push_back(hole);
    out.push_back(std::move(annulus));
  }
  return out;
}

double area_of(const GEOSGeometry* g) {
  double a = 0.0;
  EXPECT_EQ(GEOSArea_r(geom::context(), g, &a), 1);
  return a;
}

double distance(const GEOSGeometry* a, const GEOSGeometry* b) {
  double d = -1.0;
  EXPECT_EQ(GEOSDistance_r(geom::context(), a, b, &d), 1);
  return d;
}

double prepared_distance(const GEOSGeometry* shape, const GEOSGeometry* g) {
  const geom::PreparedPtr p = geom::prepare(shape);
  double d = -1.0;
  EXPECT_EQ(GEOSPreparedDistance_r(geom::context(), p.get(), g, &d), 1);
  return d;
}

void expect_close(double got, double want, const std::string& what) {
  EXPECT_NEAR(got, want, 1e-9 * std::max(1.0, std::abs(want))) << what;  // m or m², 1e-9 rel.
}

// One conflict feature per geometry, its index as id.
FeatureSet feature_set(const std::vector<Geometry>& geometries, FeatureCategory category) {
  FeatureSet set;
  set.crs = testing::test_crs();
  for (std::size_t i = 0; i < geometries.size(); ++i) {
    ConflictFeature f;
    f.id = std::to_string(i);
    f.category = category;
    f.geometry = geometries[i];
    set.features.push_back(std::move(f));
  }
  return set;
}

// Exact point-in-polygon, every piece counting, planar areas: nothing rounds the comparison.
OverlayOptions exact_planar() {
  OverlayOptions o;
  o.boundary_tolerance_m = 0.0;
  o.min_area_m2 = 0.0;
  o.area_method = AreaMethod::planar;
  return o;
}

TEST(OverlayFastPaths, ZoneIndexDistancesEqualGeos) {
  const std::uint64_t seed = std::random_device{}();
  std::printf("OverlayFastPaths distances seed: %llu\n", static_cast<unsigned long long>(seed));
  auto* h = geom::context();
  const Zoning z = zoning_with_hole(0);
  const analysis::ZoneIndex index(z);
  const auto boundary = geom::check(GEOSBoundary_r(h, index.outline().geometry.get()), "boundary");
  auto all = features(seed);
  MultiPolygon bowtie = poly({{900, 500}, {1100, 700}, {1100, 500}, {900, 700}});  // invalid
  all.push_back(bowtie);
  std::size_t n = 0;
  for (const auto& f : all) {
    const auto g = geom::to_geos(f);
    const std::string what = "feature " + std::to_string(n++) + " seed " + std::to_string(seed);
    // The boundary: GEOS 3.11's prepared line distance, between segments only (the path the
    // overlay took before the index: a ring inside g leaves it > 0).
    expect_close(index.boundary_distance_m(g.get()), prepared_distance(boundary.get(), g.get()),
                 what + " boundary");
    // Polygons: GEOSDistance, and the prepared path the overlay took before, agree.
    const double to_outline = distance(g.get(), index.outline().geometry.get());
    expect_close(index.outline_distance_m(g.get()), to_outline, what + " outline");
    expect_close(prepared_distance(index.outline().geometry.get(), g.get()), to_outline,
                 what + " outline, prepared");
    for (std::size_t i = 0; i < index.polygon_count(); ++i) {
      const double to_polygon = distance(g.get(), index.polygon(i).geometry.get());
      expect_close(index.polygon_distance_m(i, g.get()), to_polygon,
                   what + " polygon " + std::to_string(i));
      expect_close(prepared_distance(index.polygon(i).geometry.get(), g.get()), to_polygon,
                   what + " polygon, prepared");
    }
    // Points: the first vertex.
    const auto pt = geom::to_geos(f.polygons[0].outer[0]);
    expect_close(index.outline_distance_m(pt.get()),
                 distance(pt.get(), index.outline().geometry.get()), what + " point");
    for (std::size_t i = 0; i < index.polygon_count(); ++i)
      expect_close(index.polygon_distance_m(i, pt.get()),
                   distance(pt.get(), index.polygon(i).geometry.get()), what + " point");
  }
}

TEST(OverlayFastPaths, PlacementEqualsGeosOverlay) {
  const std::uint64_t seed = std::random_device{}();
  std::printf("OverlayFastPaths placement seed: %llu\n", static_cast<unsigned long long>(seed));
  auto* h = geom::context();
  const Zoning before = zoning_with_hole(0), after = zoning_with_hole(250);
  const auto shapes = features(seed);
  std::vector<Geometry> geometries;
  for (const auto& mp : shapes) geometries.push_back(Geometry::from(mp));
  const Overlay ov = overlay_features(feature_set(geometries, FeatureCategory::mining_right),
                                      before, after, exact_planar());
  ASSERT_EQ(ov.rows.size(), shapes.size());
  std::map<Zone, int> placed;
  for (int side = 0; side < 2; ++side) {
    const Zoning& z = side == 0 ? before : after;
    std::map<Zone, geom::GeomPtr> zones;
    for (const auto& p : z.parts) zones[p.zone] = geom::to_geos(p.geometry);
    std::vector<MultiPolygon const*> parts;
    for (const auto& p : z.parts) parts.push_back(&p.geometry);
    const auto outline = geom::to_geos(geom::unite(parts));
    const auto boundary = geom::check(GEOSBoundary_r(h, outline.get()), "boundary");
    for (std::size_t i = 0; i < shapes.size(); ++i) {
      const std::string what = "feature " + std::to_string(i) + " side " + std::to_string(side) +
                               " seed " + std::to_string(seed);
      const FeaturePlacement& got = side == 0 ? ov.rows[i].before : ov.rows[i].after;
      const auto g = geom::to_geos(shapes[i]);
      // Areas per zone and outside, by GEOS's overlay.
      Zone strictest = Zone::outside;
      std::map<Zone, double> want;
      for (const auto& [zone, zg] : zones) {
        const auto piece = geom::check(GEOSIntersection_r(h, g.get(), zg.get()), "piece");
        const double a = area_of(piece.get());
        if (a <= 0.0) continue;
        want[zone] = a;
        if (strictest == Zone::outside || strictness(zone) > strictness(strictest))
          strictest = zone;
      }
      const auto outside = geom::check(GEOSDifference_r(h, g.get(), outline.get()), "outside");
      ASSERT_FALSE(got.areas.empty()) << what;
      ASSERT_EQ(got.areas.back().zone, Zone::outside) << what;
      expect_close(got.areas.back().area_m2, area_of(outside.get()), what + " outside");
      std::map<Zone, double> have;
      for (std::size_t k = 0; k + 1 < got.areas.size(); ++k)
        have[got.areas[k].zone] = got.areas[k].area_m2;
      ASSERT_EQ(have.size(), want.size()) << what;
      for (const auto& [zone, a] : want) expect_close(have[zone], a, what + " zone area");
      EXPECT_EQ(got.zone, strictest) << what;
      ++placed[got.zone];
      // Between boundaries (GEOS 3.11's prepared line distance, as before the index).
      expect_close(got.distance_to_reserve_boundary_m, prepared_distance(boundary.get(), g.get()),
                   what + " boundary distance");
      // Distance to the stricter zones' union (the reserve when outside).
      std::vector<MultiPolygon const*> stricter;
      for (const auto& p : z.parts)
        if (strictness(p.zone) > strictness(got.zone)) stricter.push_back(&p.geometry);
      if (stricter.empty()) {
        EXPECT_FALSE(got.distance_to_stricter_zone_m.has_value()) << what;
      } else {
        ASSERT_TRUE(got.distance_to_stricter_zone_m.has_value()) << what;
        const auto u = geom::to_geos(geom::unite(stricter));
        expect_close(*got.distance_to_stricter_zone_m, distance(g.get(), u.get()),
                     what + " stricter distance");
      }
    }
  }
  // Every kind of placement is exercised.
  for (Zone zone : {Zone::core, Zone::buffer, Zone::experimental, Zone::outside})
    EXPECT_GT(placed[zone], 0) << to_string(zone);
}

// Points: the distance to the stricter zones comes from the covering found by place_point and
// the zones' segment indexes; compared with GEOSDistance to the stricter zones' union, on the
// features' first vertices (many on zone edges and corners) and random points.
TEST(OverlayFastPaths, PointStricterDistanceEqualsGeos) {
  const std::uint64_t seed = std::random_device{}();
  std::printf("OverlayFastPaths points seed: %llu\n", static_cast<unsigned long long>(seed));
  auto* h = geom::context();
  const Zoning before = zoning_with_hole(0), after = zoning_with_hole(250);
  std::vector<Point> points;
  for (const auto& f : features(seed)) points.push_back(f.polygons[0].outer[0]);
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> ux(-1500, 5000), uy(-1500, 2500);
  for (int i = 0; i < 300; ++i) points.push_back({kX0 + ux(rng), kY0 + uy(rng)});
  std::vector<Geometry> geometries;
  for (const Point& p : points) geometries.push_back(Geometry::from(p));
  const Overlay ov = overlay_features(feature_set(geometries, FeatureCategory::concentrator),
                                      before, after, exact_planar());
  ASSERT_EQ(ov.rows.size(), points.size());
  std::map<Zone, int> placed;
  for (int side = 0; side < 2; ++side) {
    const Zoning& z = side == 0 ? before : after;
    for (std::size_t i = 0; i < points.size(); ++i) {
      const std::string what = "point " + std::to_string(i) + " side " + std::to_string(side) +
                               " seed " + std::to_string(seed);
      const auto pt = geom::to_geos(points[i]);
      Zone strictest = Zone::outside;
      for (const auto& p : z.parts)
        if (GEOSIntersects_r(h, geom::to_geos(p.geometry).get(), pt.get()) == 1 &&
            (strictest == Zone::outside || strictness(p.zone) > strictness(strictest)))
          strictest = p.zone;
      const FeaturePlacement& got = side == 0 ? ov.rows[i].before : ov.rows[i].after;
      ASSERT_EQ(got.zone, strictest) << what;
      ++placed[got.zone];
      std::vector<MultiPolygon const*> stricter;
      for (const auto& p : z.parts)
        if (strictness(p.zone) > strictness(got.zone)) stricter.push_back(&p.geometry);
      if (stricter.empty()) {
        EXPECT_FALSE(got.distance_to_stricter_zone_m.has_value()) << what;
        continue;
      }
      ASSERT_TRUE(got.distance_to_stricter_zone_m.has_value()) << what;
      const auto u = geom::to_geos(geom::unite(stricter));
      expect_close(*got.distance_to_stricter_zone_m, distance(pt.get(), u.get()), what);
    }
  }
  for (Zone zone : {Zone::core, Zone::buffer, Zone::experimental, Zone::outside})
    EXPECT_GT(placed[zone], 0) << to_string(zone);
}

// The far-feature filter decides polygons through the segment index: it keeps exactly the
// features GEOS finds within the distance (+1 mm, the filter's margin) of either zoning's zones.
// The 400 m square in the reserve's hole lies exactly 100 m from the reserve.
TEST(OverlayFastPaths, FarFilterKeepsWhatGeosFindsNear) {
  const std::uint64_t seed = std::random_device{}();
  std::printf("OverlayFastPaths far seed: %llu\n", static_cast<unsigned long long>(seed));
  const Zoning before = zoning_with_hole(0), after = zoning_with_hole(250);
  const double d = 100.0;
  auto near_geos = [&](const GEOSGeometry* g) {
    for (const Zoning* z : {&before, &after})
      for (const auto& p : z->parts)
        if (distance(g, geom::to_geos(p.geometry).get()) <= d + 1e-3) return true;
    return false;
  };
  std::vector<bool> want;
  std::vector<Geometry> geometries;
  const auto shapes = features(seed);
  for (std::size_t i = 0; i < shapes.size(); ++i) {
    // Moved away from the reserve so that some are far: every other one by 1–3 km.
    MultiPolygon mp = shapes[i];
    const double dx = i % 2 == 0 ? 0.0 : 1000.0 + static_cast<double>(i % 7) * 300.0;
    for (auto& p : mp.polygons) {
      for (auto& v : p.outer) v.x += dx;
      for (auto& hole : p.holes)
        for (auto& v : hole) v.x += dx;
    }
    want.push_back(near_geos(geom::to_geos(mp).get()));
    geometries.push_back(Geometry::from(std::move(mp)));
  }
  FeatureSet set = feature_set(geometries, FeatureCategory::mining_right);
  const FarFeatures far = analysis::drop_far_features(set, before, after, d);
  std::size_t k = 0, n_far = 0;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (!want[i]) {
      ++n_far;
      continue;
    }
    ASSERT_LT(k, set.features.size()) << "feature " << i << " seed " << seed;
    EXPECT_EQ(set.features[k].id, std::to_string(i)) << "seed " << seed;
    ++k;
  }
  EXPECT_EQ(k, set.features.size()) << "seed " << seed;
  EXPECT_EQ(far.count, n_far) << "seed " << seed;
  EXPECT_GT(n_far, 10u);
}

}  // namespace
}  // namespace reserve
