// SegmentIndex::facet_distance_m / facet_within / meets against GEOS: the least distance between a
// feature's segments and the indexed boundary equals GEOSDistance between the two boundaries
// (GEOS's own DistanceOp, the independent reference), on seeded random star polygons with holes
// in Gauss–Krüger metres and in lon/lat degrees, with features that cross the boundary, touch it
// at a vertex or along an edge, lie in a hole, are multipolygons, are invalid (a bow-tie), or are
// points.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <random>
#include <string>

#include "geom/geos.hpp"
#include "geom/segment_index.hpp"
#include "support/star_ring.hpp"

namespace reserve {
namespace {

using geom::SegmentIndex;
using test::star_ring;

double geos_distance(const GEOSGeometry* a, const GEOSGeometry* b) {
  double d = -1.0;
  EXPECT_EQ(GEOSDistance_r(geom::context(), a, b, &d), 1);
  return d;
}

// The feature's boundary for polygons (GEOSDistance between two polygons is 0 when one holds the
// other; the facet distance is between boundaries), the feature itself for points.
geom::GeomPtr facets(const GEOSGeometry* g) {
  auto* h = geom::context();
  const int t = GEOSGeomTypeId_r(h, g);
  if (t == GEOS_POINT) return geom::check(GEOSGeom_clone_r(h, g), "clone");
  return geom::check(GEOSBoundary_r(h, g), "boundary");
}

Ring square(double x0, double y0, double side) {
  return {{x0, y0}, {x0 + side, y0}, {x0 + side, y0 + side}, {x0, y0 + side}, {x0, y0}};
}

// The facet distance measured one segment of g at a time (each a two-point line, or the point):
// every query then takes the nearest-first walk with no bound, never the box-query short cut that
// facet_distance_m and facet_within take once a bound is known, so the least of them is the plain
// path's answer.
double segment_by_segment(const SegmentIndex& index, const GEOSGeometry* g) {
  auto* h = geom::context();
  if (GEOSGeomTypeId_r(h, g) == GEOS_POINT) {
    double x = 0, y = 0;
    EXPECT_EQ(GEOSGeomGetX_r(h, g, &x), 1);
    EXPECT_EQ(GEOSGeomGetY_r(h, g, &y), 1);
    return index.facet_distance_m(Point{x, y});
  }
  const auto lines = facets(g);
  double best = std::numeric_limits<double>::infinity();
  for (int i = 0; i < GEOSGetNumGeometries_r(h, lines.get()); ++i) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, GEOSGetGeometryN_r(h, lines.get(), i));
    unsigned n = 0;
    EXPECT_EQ(GEOSCoordSeq_getSize_r(h, seq, &n), 1);
    for (unsigned k = 1; k < n; ++k) {
      double ax = 0, ay = 0, bx = 0, by = 0;
      GEOSCoordSeq_getXY_r(h, seq, k - 1, &ax, &ay);
      GEOSCoordSeq_getXY_r(h, seq, k, &bx, &by);
      GEOSCoordSequence* two = GEOSCoordSeq_create_r(h, 2, 2);
      GEOSCoordSeq_setXY_r(h, two, 0, ax, ay);
      GEOSCoordSeq_setXY_r(h, two, 1, bx, by);
      const auto line = geom::check(GEOSGeom_createLineString_r(h, two), "segment");
      best = std::min(best, index.facet_distance_m(line.get()));
    }
  }
  return best;
}

// `scale`: 1 for metres, ~1e-5 for degrees (the same shapes at lon/lat magnitudes).
void check_against_geos(std::uint64_t seed, double ox, double oy, double scale) {
  SCOPED_TRACE("seed " + std::to_string(seed) + " scale " + std::to_string(scale));
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> offset(-8000.0 * scale, 8000.0 * scale);
  std::uniform_real_distribution<double> size(20.0 * scale, 1500.0 * scale);
  auto* h = geom::context();
  // The target: a star polygon with a hole, and a second polygon beside it.
  MultiPolygon target;
  Polygon a{star_ring(rng, ox, oy, 5000.0 * scale, 300, false), {}};
  a.holes.push_back(star_ring(rng, ox - 1500.0 * scale, oy, 800.0 * scale, 40, true));
  target.polygons.push_back(std::move(a));
  target.polygons.push_back(
      Polygon{star_ring(rng, ox + 9000.0 * scale, oy, 2000.0 * scale, 80, false), {}});
  const auto tg = geom::to_geos(target);
  const auto boundary = geom::check(GEOSBoundary_r(h, tg.get()), "boundary");
  const SegmentIndex index(tg.get());

  std::vector<geom::GeomPtr> features;
  for (int i = 0; i < 150; ++i) {
    const double cx = ox + offset(rng), cy = oy + offset(rng);
    MultiPolygon f;
    f.polygons.push_back(Polygon{star_ring(rng, cx, cy, size(rng), 12, false, 0.3), {}});
    if (i % 3 == 0)  // a multipolygon: a second part elsewhere
      f.polygons.push_back(
          Polygon{star_ring(rng, ox + offset(rng), oy + offset(rng), size(rng), 8, false), {}});
    features.push_back(geom::to_geos(f));
    features.push_back(geom::to_geos(Point{cx, cy}));
  }
  // Touching the boundary at one of its vertices, and along one of its edges (exactly: the
  // feature reuses the boundary's own coordinates).
  const Ring& outer = target.polygons[0].outer;
  for (std::size_t k = 0; k + 1 < outer.size(); k += 37) {
    const Point p = outer[k], q = outer[k + 1];
    const double s = 30.0 * scale;
    MultiPolygon at_vertex;
    at_vertex.polygons.push_back(
        Polygon{{p, {p.x + s, p.y + 2 * s}, {p.x + 2 * s, p.y + s}, p}, {}});
    features.push_back(geom::to_geos(at_vertex));
    MultiPolygon along_edge;  // the edge pq and a point off it: both orientations of the triangle
    along_edge.polygons.push_back(Polygon{{p, q, {p.x + (q.y - p.y), p.y - (q.x - p.x)}, p}, {}});
    along_edge.polygons.push_back(Polygon{{p, {p.x - (q.y - p.y), p.y + (q.x - p.x)}, q, p}, {}});
    features.push_back(geom::to_geos(along_edge));
    features.push_back(geom::to_geos(p));
  }
  // Inside the hole, clear of it; an invalid bow-tie across the hole's edge.
  MultiPolygon in_hole;
  in_hole.polygons.push_back(
      Polygon{square(ox - 1550.0 * scale, oy - 50.0 * scale, 100.0 * scale), {}});
  features.push_back(geom::to_geos(in_hole));
  MultiPolygon bowtie;
  bowtie.polygons.push_back(Polygon{{{ox - 1500.0 * scale, oy},
                                     {ox, oy + 900.0 * scale},
                                     {ox, oy},
                                     {ox - 1500.0 * scale, oy + 900.0 * scale},
                                     {ox - 1500.0 * scale, oy}},
                                    {}});
  features.push_back(geom::to_geos(bowtie));

  int zero = 0;
  for (const auto& g : features) {
    const auto f = facets(g.get());
    const double expected = geos_distance(f.get(), boundary.get());
    const double got = index.facet_distance_m(g.get());
    // The same segment–segment formula as GEOS's DistanceOp: equal to rounding.
    EXPECT_NEAR(got, expected, 1e-9 * std::max(expected, scale)) << "seed " << seed;
    if (expected == 0.0) {
      ++zero;
      EXPECT_EQ(got, 0.0);
    }
    // The box-query short cut against the plain nearest-first walk: bit for bit, and at the
    // thresholds where a short cut could differ (exactly the distance, the next double below).
    const double plain = segment_by_segment(index, g.get());
    EXPECT_EQ(got, plain) << "seed " << seed;
    EXPECT_TRUE(index.facet_within(g.get(), plain));
    if (plain > 0.0) {
      EXPECT_FALSE(index.facet_within(g.get(), std::nextafter(plain, 0.0)));
      EXPECT_FALSE(index.facet_within(g.get(), 0.0));
    }
    if (GEOSGeomTypeId_r(h, g.get()) == GEOS_POINT) {  // SegmentIndex::within against distance_m
      double x = 0, y = 0;
      GEOSGeomGetX_r(h, g.get(), &x);
      GEOSGeomGetY_r(h, g.get(), &y);
      const double d = index.distance_m(Point{x, y});
      EXPECT_TRUE(index.within(Point{x, y}, d));
      EXPECT_EQ(index.within(Point{x, y}, std::nextafter(d, 0.0)), d == 0.0);
      EXPECT_EQ(index.within(Point{x, y}, d / 3.0), d == 0.0);
      EXPECT_TRUE(index.within(Point{x, y}, 2.0 * d));
    }
    EXPECT_TRUE(index.facet_within(g.get(), expected));
    if (expected > 0.0) EXPECT_FALSE(index.facet_within(g.get(), expected * (1.0 - 1e-6)));
    // meets(): some boundary segment meets the feature's envelope exactly when GEOS says the
    // boundary meets the envelope rectangle.
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    GEOSGeom_getXMin_r(h, g.get(), &x0);
    GEOSGeom_getYMin_r(h, g.get(), &y0);
    GEOSGeom_getXMax_r(h, g.get(), &x1);
    GEOSGeom_getYMax_r(h, g.get(), &y1);
    const auto box = geom::check(GEOSGeom_createRectangle_r(h, x0, y0, x1, y1), "box");
    const bool box_meets = GEOSIntersects_r(h, box.get(), boundary.get()) == 1;
    // meets() may say yes on a segment's envelope only (conservative), never no when GEOS says yes.
    if (box_meets) EXPECT_TRUE(index.meets(Envelope{x0, y0, x1, y1, true}));
  }
  EXPECT_GT(zero, 10);  // the touching cases are exercised
}

TEST(SegmentFacets, EqualGeosDistanceInMetres) {
  const std::uint64_t seed = std::random_device{}();
  std::printf("SegmentFacets metres seed: %llu\n", static_cast<unsigned long long>(seed));
  check_against_geos(seed, 500000.0, 3800000.0, 1.0);
}

TEST(SegmentFacets, EqualGeosDistanceInDegrees) {
  const std::uint64_t seed = std::random_device{}();
  std::printf("SegmentFacets degrees seed: %llu\n", static_cast<unsigned long long>(seed));
  check_against_geos(seed, 105.0, 35.0, 1e-5);  // ~1 m per 1e-5°
}

TEST(SegmentFacets, EmptySidesHaveNoDistance) {
  const auto empty = geom::to_geos(MultiPolygon{});
  const SegmentIndex none(empty.get());
  const auto pt = geom::to_geos(Point{1.0, 2.0});
  EXPECT_TRUE(std::isinf(none.facet_distance_m(pt.get())));
  EXPECT_FALSE(none.facet_within(pt.get(), 1e9));
  EXPECT_FALSE(none.meets(Envelope{0, 0, 10, 10, true}));
  MultiPolygon sq;
  sq.polygons.push_back(Polygon{square(0, 0, 10), {}});
  const auto g = geom::to_geos(sq);
  const SegmentIndex index(g.get());
  EXPECT_TRUE(std::isinf(index.facet_distance_m(empty.get())));
  // A box holding the whole square meets its segments; one beside it does not.
  EXPECT_TRUE(index.meets(Envelope{-1, -1, 11, 11, true}));
  EXPECT_TRUE(index.meets(Envelope{2, 2, 3, 12, true}));
  EXPECT_FALSE(index.meets(Envelope{2, 2, 3, 3, true}));
  EXPECT_FALSE(index.meets(Envelope{20, 20, 30, 30, true}));
  // Point (1, 2) lies 1 from the edge x = 0 (hand computation).
  EXPECT_EQ(index.facet_distance_m(pt.get()), 1.0);
}

}  // namespace
}  // namespace reserve
