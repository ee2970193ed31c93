// geom::RingChunks::winding_number: the number of polygons of a (possibly overlapping) set that
// hold a point, told by the rings crossing the ray to its right. Expected values: GEOS, polygon by
// polygon (GEOSContains for the count, GEOSIntersects of the boundary for "on an edge"), on seeded
// random star-shaped polygons with holes that overlap one another, in projected metres with the
// zone-number false easting, at random points, at their vertices and at points on their edges.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "geom/geos.hpp"
#include "geom/point_in_area.hpp"
#include "geom/ring_chunks.hpp"
#include "support/star_ring.hpp"

namespace reserve {
namespace {

MultiPolygon overlapping_polygons(std::mt19937_64& rng) {
  MultiPolygon mp;
  std::uniform_real_distribution<double> at(-3000.0, 3000.0);
  for (int k = 0; k < 6; ++k) {
    const double cx = 35500000.0 + at(rng), cy = 3736000.0 + at(rng);
    Polygon p;
    p.outer = test::star_ring(rng, cx, cy, 2500.0, 40 + 10 * k, /*clockwise=*/false);
    if (k % 2 == 0) p.holes.push_back(test::star_ring(rng, cx, cy, 800.0, 17, true, 0.5));
    mp.polygons.push_back(std::move(p));
  }
  return mp;
}

TEST(RingWinding, CountsThePolygonsHoldingAPointAsGEOSDoes) {
  auto* h = geom::context();
  std::mt19937_64 rng(20261203);
  for (int round = 0; round < 5; ++round) {
    const MultiPolygon mp = overlapping_polygons(rng);
    const geom::RingChunks chunks(geom::to_geos(mp).get());
    ASSERT_TRUE(chunks.usable());
    std::vector<geom::GeomPtr> polys, boundaries;
    for (const Polygon& p : mp.polygons) {
      polys.push_back(geom::to_geos(MultiPolygon{{p}}));
      boundaries.push_back(geom::GeomPtr(GEOSBoundary_r(h, polys.back().get())));
    }
    std::vector<Point> probes;
    std::uniform_real_distribution<double> at(-6000.0, 6000.0);
    for (int i = 0; i < 2000; ++i) probes.push_back({35500000.0 + at(rng), 3736000.0 + at(rng)});
    for (const Polygon& p : mp.polygons)
      for (std::size_t i = 0; i + 1 < p.outer.size(); i += 7) {
        probes.push_back(p.outer[i]);                                               // a vertex
        probes.push_back({p.outer[i].x, 0.5 * (p.outer[i].y + p.outer[i + 1].y)});  // near an edge
      }
    probes.push_back({35500000.0 - 1e6, 3736000.0});  // outside the envelope
    int on_edges = 0, held = 0;
    for (const Point& q : probes) {
      auto pt = geom::to_geos(q);
      bool on_edge = false;
      int count = 0;
      for (std::size_t k = 0; k < polys.size(); ++k) {
        on_edge = on_edge || GEOSIntersects_r(h, boundaries[k].get(), pt.get()) == 1;
        count += GEOSContains_r(h, polys[k].get(), pt.get()) == 1 ? 1 : 0;
      }
      const auto w = chunks.winding_number(q);
      if (on_edge) {
        EXPECT_FALSE(w) << q.x << " " << q.y;
        ++on_edges;
      } else {
        ASSERT_TRUE(w) << q.x << " " << q.y;
        EXPECT_EQ(*w, count) << q.x << " " << q.y;
        held += count > 1 ? 1 : 0;
      }
    }
    EXPECT_GT(on_edges, 0);  // the vertices
    EXPECT_GT(held, 0);      // points in two polygons at once
  }
}

// geom::area_covers, the overlay's point placement, is GEOSPreparedCovers: by the rings, and
// by GEOS itself when the rings are not usable.
TEST(RingWinding, PointInAreaIsGEOSPreparedCoversAndContains) {
  auto* h = geom::context();
  std::mt19937_64 rng(7);
  MultiPolygon one;
  one.polygons.push_back(overlapping_polygons(rng).polygons.front());
  const auto g = geom::to_geos(one);
  const auto prepared = geom::prepare(g.get());
  const geom::RingChunks rings(g.get()), unusable;
  ASSERT_TRUE(rings.usable());
  std::vector<Point> probes(one.polygons[0].outer.begin(), one.polygons[0].outer.end());
  for (const Ring& hole : one.polygons[0].holes)
    probes.insert(probes.end(), hole.begin(), hole.end());
  std::uniform_real_distribution<double> at(-4000.0, 4000.0);
  for (int i = 0; i < 3000; ++i) probes.push_back({35500000.0 + at(rng), 3736000.0 + at(rng)});
  for (const Point& q : probes) {
    auto pt = geom::to_geos(q);
    const bool expected = GEOSPreparedCovers_r(h, prepared.get(), pt.get()) == 1;
    EXPECT_EQ(geom::area_covers(rings, prepared.get(), q), expected) << q.x << " " << q.y;
    EXPECT_EQ(geom::area_covers(unusable, prepared.get(), q), expected);
    const bool inside = GEOSPreparedContains_r(h, prepared.get(), pt.get()) == 1;
    EXPECT_EQ(geom::area_contains(rings, prepared.get(), q), inside) << q.x << " " << q.y;
    EXPECT_EQ(geom::area_contains(unusable, prepared.get(), q), inside);
    EXPECT_EQ(geom::PointInArea(g.get()).contains(q), inside);
  }
}

}  // namespace
}  // namespace reserve
