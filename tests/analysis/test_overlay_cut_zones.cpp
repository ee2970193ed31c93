// The overlay on zones of many vertices, where each zone polygon is cut to a rectangle around the
// feature before it is overlaid (geom/prepared_overlay: operands of 256 vertices or more). The
// nested squares of zoning_fixtures with a vertex every 10 m along every edge (core 400 vertices,
// the rings 1,200 and 2,000): the same shapes, so the areas are the hand-computed rectangle areas
// below, for features across zone boundaries, along a shared edge, across the reserve outline,
// inside one zone, and as multipolygons.
#include <gtest/gtest.h>

#include <algorithm>

#include "analysis/zoning_fixtures.hpp"
#include "reserve/overlay.hpp"

namespace reserve {
namespace {

using testing::rect;

// The rectangle [x0,x1]×[y0,y1] (metres from the origin) with a vertex every `step` metres.
Ring dense_rect_ring(double x0, double y0, double x1, double y1, double step) {
  Ring r;
  for (double x = x0; x < x1; x += step) r.push_back({testing::kX0 + x, testing::kY0 + y0});
  for (double y = y0; y < y1; y += step) r.push_back({testing::kX0 + x1, testing::kY0 + y});
  for (double x = x1; x > x0; x -= step) r.push_back({testing::kX0 + x, testing::kY0 + y1});
  for (double y = y1; y > y0; y -= step) r.push_back({testing::kX0 + x0, testing::kY0 + y});
  r.push_back(r.front());
  return r;
}

MultiPolygon dense_rect(double x0, double y0, double x1, double y1) {
  return MultiPolygon{{Polygon{dense_rect_ring(x0, y0, x1, y1, 10.0), {}}}};
}

MultiPolygon dense_frame(double x0, double y0, double x1, double y1, double hx0, double hy0,
                         double hx1, double hy1) {
  Ring hole = dense_rect_ring(hx0, hy0, hx1, hy1, 10.0);
  std::reverse(hole.begin(), hole.end());
  return MultiPolygon{{Polygon{dense_rect_ring(x0, y0, x1, y1, 10.0), {hole}}}};
}

// Core [0,1000]², buffer to [-500,1500]², experimental to [-1000, east]×[-1000,2000].
Zoning dense_nested_squares(const std::string& name, double east) {
  return testing::make_zoning(
      name, {{Zone::core, dense_rect(0, 0, 1000, 1000)},
             {Zone::buffer, dense_frame(-500, -500, 1500, 1500, 0, 0, 1000, 1000)},
             {Zone::experimental, dense_frame(-1000, -1000, east, 2000, -500, -500, 1500, 1500)}});
}

double area_in(const FeaturePlacement& p, Zone z) {
  for (const auto& a : p.areas)
    if (a.zone == z) return a.area_m2;
  return -1.0;  // not listed
}

TEST(OverlayCutZones, AreasOnManyVertexZonesByHand) {
  const Zoning before = dense_nested_squares("baseline", 2000);
  const Zoning after = dense_nested_squares("proposal", 1800);  // experimental ends at x = 1800
  FeatureSet set;
  set.crs = testing::test_crs();
  auto add = [&](std::string id, MultiPolygon mp) {
    ConflictFeature f;
    f.id = std::move(id);
    f.category = FeatureCategory::mining_right;
    f.geometry = Geometry::from(std::move(mp));
    set.features.push_back(f);
  };
  add("straddle", rect(900, 400, 1100, 600));    // core | buffer at x = 1000
  add("outline", rect(1900, 100, 2100, 300));    // experimental | outside at x = 2000
  add("shared-edge", rect(1000, 0, 1200, 100));  // buffer, along the core's east edge
  MultiPolygon two = rect(100, 100, 200, 200);   // core …
  two.polygons.push_back(rect(1600, 1600, 1700, 1700).polygons.front());  // … and experimental
  add("two-parts", two);
  add("inside", rect(400, 400, 600, 600));  // in the core only
  OverlayOptions o;
  o.area_method = AreaMethod::planar;
  const Overlay ov = overlay_features(set, before, after, o);
  ASSERT_EQ(ov.rows.size(), 5u);
  const double tol = 1e-6;  // m²; the areas are sums of products of whole metres

  // straddle: 100 m × 200 m on each side of x = 1000.
  const auto& s = ov.rows[0];
  EXPECT_NEAR(area_in(s.before, Zone::core), 20000.0, tol);
  EXPECT_NEAR(area_in(s.before, Zone::buffer), 20000.0, tol);
  EXPECT_NEAR(area_in(s.before, Zone::outside), 0.0, tol);
  EXPECT_EQ(s.before.areas.size(), 3u);
  EXPECT_EQ(s.change, StatusChange::unchanged);

  // outline: before 100 × 200 in experimental (x 1900–2000) and 100 × 200 outside; after the
  // proposal ends at x = 1800, so all of it is outside: 20000 m² freed.
  const auto& e = ov.rows[1];
  EXPECT_NEAR(area_in(e.before, Zone::experimental), 20000.0, tol);
  EXPECT_NEAR(area_in(e.before, Zone::outside), 20000.0, tol);
  EXPECT_NEAR(area_in(e.after, Zone::outside), 40000.0, tol);
  EXPECT_EQ(e.after.areas.size(), 1u);
  EXPECT_NEAR(e.freed_area_m2, 20000.0, tol);
  EXPECT_EQ(e.change, StatusChange::freed);
  EXPECT_NEAR(e.before.distance_to_reserve_boundary_m, 0.0, 1e-9);

  // shared-edge: 200 × 100 in the buffer; the core, which it only touches, is not listed.
  const auto& g = ov.rows[2];
  EXPECT_NEAR(area_in(g.before, Zone::buffer), 20000.0, tol);
  EXPECT_EQ(area_in(g.before, Zone::core), -1.0);
  EXPECT_EQ(g.before.areas.size(), 2u);  // buffer, outside (0)
  EXPECT_EQ(g.before.zone, Zone::buffer);

  // two-parts: 100 × 100 in the core and 100 × 100 in the experimental zone.
  const auto& t = ov.rows[3];
  EXPECT_NEAR(t.area_m2, 20000.0, tol);
  EXPECT_NEAR(area_in(t.before, Zone::core), 10000.0, tol);
  EXPECT_NEAR(area_in(t.before, Zone::experimental), 10000.0, tol);
  EXPECT_EQ(area_in(t.before, Zone::buffer), -1.0);
  EXPECT_EQ(t.before.zone, Zone::core);

  // inside: 200 × 200 in the core, 400 m from the core's edge and 1400 m from the outline.
  const auto& i = ov.rows[4];
  EXPECT_NEAR(area_in(i.before, Zone::core), 40000.0, tol);
  EXPECT_NEAR(i.before.distance_to_reserve_boundary_m, 1400.0, 1e-6);
  EXPECT_EQ(i.change, StatusChange::unchanged);
}

}  // namespace
}  // namespace reserve
