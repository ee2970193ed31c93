// Issue 10.3: geographic inputs keep their edges. A lon/lat zoning's areas are those of polygons
// whose edges are straight in longitude/latitude (as GIS software and RFC 7946 draw them), not of
// the chords between projected vertices, and the audit names the edge model.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

#include "geom/densify.hpp"
#include "properties/property_fixtures.hpp"
#include "reserve/compare.hpp"
#include "reserve/report.hpp"
#include "reserve/rules.hpp"

namespace reserve::testing::properties {
namespace {

// Geodesic areas (CGCS2000 ellipsoid a = 6378137 m, f = 1/298.257222101) of lonlat_zoning()'s
// zones with every edge straight in lon/lat: pyproj 3 Geod.polygon_area_perimeter on the rings
// densified linearly in lon/lat to 1e-5° steps (run by hand, /usr/bin/python3, 2026-11-30).
// The same rings with edges straight in EPSG:4544 (chords) give core 23568878.036, buffer
// 127578473.737, experimental 420633809.452 m² — total −1455.7 m² off, experimental −2139.9 m².
constexpr double kCoreM2 = 23568593.476;
constexpr double kBufferM2 = 127578074.141;
constexpr double kExperimentalM2 = 420635949.335;

TEST(LonLatEdges, ZoneAreasAreThoseOfLonLatStraightEdges) {
  const Zoning z = load(lonlat_zoning(), "baseline");
  const Comparison c = compare(z, z, CompareOptions{});
  // Tolerance: 1 m² per km of the zone's boundary (issue 10.3's bound), from the summed perimeter.
  const double km = boundary_length_m(z) / 1000.0;
  std::cout << "core " << c.before.area_m2(Zone::core) << " m², buffer "
            << c.before.area_m2(Zone::buffer) << " m², experimental "
            << c.before.area_m2(Zone::experimental) << " m² (boundary " << km << " km)\n";
  EXPECT_NEAR(c.before.area_m2(Zone::core), kCoreM2, 1.0 * km);
  EXPECT_NEAR(c.before.area_m2(Zone::buffer), kBufferM2, 1.0 * km);
  EXPECT_NEAR(c.before.area_m2(Zone::experimental), kExperimentalM2, 1.0 * km);
}

TEST(LonLatEdges, CollinearLonLatVerticesChangeNothingBeyondTheBound) {
  const SourceZoning source = lonlat_zoning();
  const Zoning before = load(source, "baseline");
  const Zoning after = load(with_collinear_vertices(source, 4490), "proposal");
  const Comparison c = compare(before, after, compare_options(load_profile("three-no")));
  const double bound_m2 = 1e-3 * boundary_length_m(before);  // 1 m² per km of boundary
  std::cout << "net " << c.net_change_m2() << " m², removed " << c.removed.area_m2
            << " m², downgraded " << c.downgraded.area_m2 << " m², bound " << bound_m2 << " m²\n";
  EXPECT_LE(std::abs(c.net_change_m2()), bound_m2);
  for (const ChangeSet* set : {&c.removed, &c.added, &c.downgraded, &c.upgraded})
    EXPECT_LE(set->area_m2, bound_m2);
}

TEST(LonLatEdges, DensifyKeepsVerticesAndBoundsTheStep) {
  // By hand: an edge of 0.0012° (along a parallel, then a meridian) gets ceil(0.0012 / 0.0005)
  // − 1 = 2 vertices, at thirds; the closing diagonal of 0.0012·√2 = 0.001697° gets
  // ceil(3.39) − 1 = 3. The 4 vertices are kept: 4 + 2 + 2 + 3 = 11.
  MultiPolygon mp{
      {Polygon{{{105.0, 34.0}, {105.0012, 34.0}, {105.0012, 34.0012}, {105.0, 34.0}}, {}}}};
  geom::densify_lonlat(mp);
  const Ring& r = mp.polygons[0].outer;
  ASSERT_EQ(r.size(), 11u);
  EXPECT_EQ(r[0], (Point{105.0, 34.0}));
  EXPECT_NEAR(r[1].x, 105.0004, 1e-12);  // degrees
  EXPECT_EQ(r[3], (Point{105.0012, 34.0}));
  for (std::size_t i = 1; i < r.size(); ++i)
    EXPECT_LE(std::hypot(r[i].x - r[i - 1].x, r[i].y - r[i - 1].y), geom::kLonLatDensifyStepDeg);
}

TEST(LonLatEdges, TheAuditNamesTheEdgeModel) {
  const Zoning before = load(lonlat_zoning(), "baseline");
  const Zoning projected = load(holes_multi_zoning(), "proposal");
  const Audit a = make_audit(before, projected, load_profile("three-no"), "reserve check");
  ASSERT_EQ(a.inputs.size(), 2u);
  EXPECT_EQ(a.inputs[0].edge_model,
            "edges straight in EPSG:4490 (lon/lat), densified to ≤ 0.0005° before projecting "
            "into EPSG:4544");
  EXPECT_EQ(a.inputs[1].edge_model, "edges straight in the working CRS EPSG:4544");
}

}  // namespace
}  // namespace reserve::testing::properties
