// The areas of g ∩ b and g − b by Green's theorem (geom/overlap_area.hpp), measured without GEOS's
// overlay. Expected values: hand-computed shapes (squares, a hole), and on seeded random zone-like
// polygons (holes, several parts, 10⁴–10⁶ m across, in projected metres with and without the
// zone-number false easting) GEOSArea of GEOSIntersection_r / GEOSDifference_r, the overlay the
// measure replaces. Where the boundaries are not in general position (shared edges, a vertex on
// the other boundary) the measure must decline, so that the caller overlays.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "geom/geos.hpp"
#include "geom/overlap_area.hpp"
#include "geom/ring_chunks.hpp"
#include "support/star_ring.hpp"

namespace reserve {
namespace {

Ring box_ring(double x0, double y0, double x1, double y1) {
  return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
}

geom::GeomPtr from_wkt(const std::string& wkt) {
  auto* h = geom::context();
  GEOSWKTReader* r = GEOSWKTReader_create_r(h);
  geom::GeomPtr g(GEOSWKTReader_read_r(h, r, wkt.c_str()));
  GEOSWKTReader_destroy_r(h, r);
  return g;
}

// Both forms of the measure: against b's own geometry, and against b's ring chunks (the overlay's
// form).
struct Both {
  std::optional<geom::OverlapAreas> whole, chunked;
};

Both measure(const GEOSGeometry* g, const GEOSGeometry* b) {
  const geom::RingChunks chunks(b);
  return Both{geom::overlap_areas(g, b), geom::overlap_areas(g, chunks)};
}

double geos_area(geom::GeomPtr g) { return geom::planar_area(g.get()); }

TEST(OverlapArea, CrossingSquaresByHand) {
  // [0,10]² against [5,15]×[−5,5]: the overlap is [5,10]×[0,5], 25; g − b is 100 − 25 = 75.
  auto g = geom::to_geos(MultiPolygon{{Polygon{box_ring(0, 0, 10, 10), {}}}});
  auto b = geom::to_geos(MultiPolygon{{Polygon{box_ring(5, -5, 15, 5), {}}}});
  const Both m = measure(g.get(), b.get());
  ASSERT_TRUE(m.whole && m.chunked);
  EXPECT_NEAR(m.whole->inside, 25.0, 1e-12);
  EXPECT_NEAR(m.whole->outside, 75.0, 1e-12);
  EXPECT_NEAR(m.chunked->inside, 25.0, 1e-12);
  EXPECT_NEAR(m.chunked->outside, 75.0, 1e-12);
}

TEST(OverlapArea, HoleOfTheZoneInsideTheFeatureByHand) {
  // b: [0,100]² with the hole [40,60]²; g: [30,70]² holds the hole wholly (no crossing at all).
  // g ∩ b = 1600 − 400 = 1200, g − b = the hole, 400.
  Polygon zone{box_ring(0, 0, 100, 100), {box_ring(40, 40, 60, 60)}};
  std::reverse(zone.holes[0].begin(), zone.holes[0].end());
  auto b = geom::to_geos(MultiPolygon{{zone}});
  auto g = geom::to_geos(MultiPolygon{{Polygon{box_ring(30, 30, 70, 70), {}}}});
  const Both m = measure(g.get(), b.get());
  ASSERT_TRUE(m.whole && m.chunked);
  EXPECT_NEAR(m.whole->inside, 1200.0, 1e-9);
  EXPECT_NEAR(m.whole->outside, 400.0, 1e-9);
  EXPECT_NEAR(m.chunked->inside, 1200.0, 1e-9);
  EXPECT_NEAR(m.chunked->outside, 400.0, 1e-9);
  EXPECT_TRUE(m.chunked->boundaries_meet);  // the hole's ring lies inside g
  // g wholly inside b away from the hole: all of it inside, exactly nothing outside.
  auto inner = geom::to_geos(MultiPolygon{{Polygon{box_ring(5, 5, 15, 15), {}}}});
  const Both w = measure(inner.get(), b.get());
  ASSERT_TRUE(w.whole && w.chunked);
  EXPECT_EQ(w.chunked->inside, 100.0);
  EXPECT_EQ(w.chunked->outside, 0.0);
  EXPECT_FALSE(w.chunked->boundaries_meet);
  // Wholly outside b (in its hole): nothing inside, boundaries apart.
  auto in_hole = geom::to_geos(MultiPolygon{{Polygon{box_ring(45, 45, 55, 55), {}}}});
  const Both apart = measure(in_hole.get(), b.get());
  ASSERT_TRUE(apart.whole && apart.chunked);
  EXPECT_EQ(apart.chunked->inside, 0.0);
  EXPECT_EQ(apart.chunked->outside, 100.0);
  EXPECT_FALSE(apart.chunked->boundaries_meet);
}

TEST(OverlapArea, RingOrientationDoesNotMatter) {
  // The same squares as by hand, written with clockwise shells (GEOS keeps the given order).
  auto g = from_wkt("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0))");
  auto b = from_wkt("POLYGON ((5 -5, 5 5, 15 5, 15 -5, 5 -5))");
  const Both m = measure(g.get(), b.get());
  ASSERT_TRUE(m.whole && m.chunked);
  EXPECT_NEAR(m.chunked->inside, 25.0, 1e-12);
  EXPECT_NEAR(m.chunked->outside, 75.0, 1e-12);
}

TEST(OverlapArea, DeclinesWhereTheBoundariesAreNotInGeneralPosition) {
  auto b = geom::to_geos(MultiPolygon{{Polygon{box_ring(0, 0, 10, 10), {}}}});
  const std::vector<std::string> degenerate = {
      "POLYGON ((10 0, 20 0, 20 10, 10 10, 10 0))",  // shares an edge from outside
      "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))",     // the same square
      "POLYGON ((5 5, 10 5, 10 8, 5 8, 5 5))",       // an edge along b's edge, inside
      "POLYGON ((10 5, 15 2, 15 8, 10 5))",          // a vertex on b's edge, outside
      "POLYGON ((5 15, 15 5, 15 15, 5 15))",         // an edge through b's corner (10, 10)
  };
  for (const auto& wkt : degenerate) {
    auto g = from_wkt(wkt);
    const Both m = measure(g.get(), b.get());
    EXPECT_FALSE(m.whole) << wkt;
    EXPECT_FALSE(m.chunked) << wkt;
  }
}

struct Tally {
  int cases = 0, answered = 0;
};

// A zone-like b (a 1,200-vertex star with two holes, a second star) and features across its
// boundary, around its holes, inside, outside, as multipolygons and with holes of their own;
// some share b's vertices and edges (the measure must decline those or get them right).
void compare_with_geos(std::mt19937_64& rng, double cx, double cy, double scale, Tally& tally) {
  auto* h = geom::context();
  Polygon a{test::star_ring(rng, cx, cy, scale, 1200, false, 0.8), {}};
  a.holes.push_back(test::star_ring(rng, cx - 0.3 * scale, cy, 0.15 * scale, 300, true, 0.8));
  a.holes.push_back(
      test::star_ring(rng, cx + 0.3 * scale, cy + 0.1 * scale, 0.1 * scale, 40, true, 0.8));
  const Ring shell = a.outer;
  MultiPolygon zone{{std::move(a)}};
  zone.polygons.push_back(
      Polygon{test::star_ring(rng, cx + 2.5 * scale, cy, 0.5 * scale, 400, false, 0.8), {}});
  auto b = geom::to_geos(zone);
  ASSERT_EQ(geom::invalid_reason(b.get()), "");
  const geom::RingChunks chunks(b.get());

  std::uniform_real_distribution<double> u(-1.3, 1.3), size(0.005, 0.15), unit(0.0, 1.0);
  std::vector<MultiPolygon> features;
  for (int i = 0; i < 80; ++i) {  // stars anywhere near: across the shell, in holes, outside
    const double x = cx + u(rng) * scale, y = cy + u(rng) * scale, s = size(rng) * scale;
    features.push_back(MultiPolygon{{Polygon{test::star_ring(rng, x, y, s, 24, false), {}}}});
  }
  for (int i = 0; i < 15; ++i) {  // two parts; one with a hole of its own
    const double x = cx + u(rng) * scale, y = cy + u(rng) * scale, s = size(rng) * scale;
    Ring inner = box_ring(x - s / 4, y - s / 4, x + s / 4, y + s / 4);
    std::reverse(inner.begin(), inner.end());
    features.push_back(MultiPolygon{{Polygon{box_ring(x - s, y - s, x + s, y + s), {inner}},
                                     Polygon{box_ring(x + 2 * s, y, x + 3 * s, y + s), {}}}});
  }
  for (int i = 0; i < 10; ++i) {  // sharing three of the shell's vertices (and two edges)
    const std::size_t k = static_cast<std::size_t>(unit(rng) * 1000.0);
    const Point p = shell[k], q = shell[k + 1], r = shell[k + 2];
    features.push_back(
        MultiPolygon{{Polygon{{p, q, r, {cx + 1.2 * (q.x - cx), cy + 1.2 * (q.y - cy)}, p}, {}}}});
  }
  for (const MultiPolygon& f : features) {
    auto g = geom::to_geos(f);
    if (GEOSisValid_r(h, g.get()) != 1) continue;
    ++tally.cases;
    const double whole = geom::planar_area(g.get());
    const double in = geos_area(geom::check(GEOSIntersection_r(h, g.get(), b.get()), "∩"));
    const double out = geos_area(geom::check(GEOSDifference_r(h, g.get(), b.get()), "−"));
    const auto m = geom::overlap_areas(g.get(), chunks);
    const auto w = geom::overlap_areas(g.get(), b.get());
    // 1e-9 of the feature's area, and the rounding of either side's shoelace sums and overlay
    // vertices, which follows the coordinates' magnitude, not the area: 16 ε · |coordinate| ·
    // extent (a 2 m² feature at easting 35,500,000 m: ~1e-8 m² between two compilers).
    const Envelope e = envelope_of(f);
    const double magnitude =
        std::max({std::fabs(e.min_x), std::fabs(e.max_x), std::fabs(e.min_y), std::fabs(e.max_y)});
    const double tol = 1e-9 * whole + 16.0 * std::numeric_limits<double>::epsilon() * magnitude *
                                          std::max(e.width(), e.height());
    if (m) {
      ++tally.answered;
      EXPECT_NEAR(m->inside, in, tol) << "x " << cx << " seed case " << tally.cases;
      EXPECT_NEAR(m->outside, out, tol) << "x " << cx << " seed case " << tally.cases;
    }
    if (w) {
      EXPECT_NEAR(w->inside, in, tol);
      EXPECT_NEAR(w->outside, out, tol);
    }
  }
}

TEST(OverlapArea, AgreesWithTheGeosOverlayOnRandomZones) {
  const std::uint64_t seed = std::random_device{}();
  std::printf("OverlapArea random seed: %llu\n", static_cast<unsigned long long>(seed));
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937_64 rng(seed);
  Tally tally;
  for (int round = 0; round < 3; ++round) {
    compare_with_geos(rng, 500000.0 + 1000.0 * round, 3800000.0, 5000.0, tally);  // GK metres
    compare_with_geos(rng, 35500000.0, 3800000.0, 200.0 * (round + 1), tally);    // zone easting
    compare_with_geos(rng, 0.0, 0.0, 1e6, tally);                                 // large shapes
  }
  // The measure must have answered most features (else the overlay never takes the fast path
  // and this test proves little): all but those sharing vertices with b, roughly.
  EXPECT_GT(tally.cases, 800);
  EXPECT_GT(tally.answered, tally.cases * 3 / 4) << tally.answered << " of " << tally.cases;
}

TEST(RingChunks, RunsNearABoxFollowTheRingInOrder) {
  // A 100-vertex counter-clockwise square ring written clockwise: stored reversed (interior on
  // the left), and the runs near a corner come as one or two runs of consecutive edges.
  Ring cw;
  for (int i = 0; i <= 25; ++i) cw.push_back({0.0, 25.0 - i});  // down the left side
  for (int i = 1; i <= 25; ++i) cw.push_back({static_cast<double>(i), 0.0});
  for (int i = 1; i <= 25; ++i) cw.push_back({25.0, static_cast<double>(i)});
  for (int i = 1; i <= 25; ++i) cw.push_back({25.0 - i, 25.0});
  std::reverse(cw.begin(), cw.end());  // now clockwise
  auto g = geom::to_geos(MultiPolygon{{Polygon{cw, {}}}});
  const geom::RingChunks chunks(g.get());
  ASSERT_TRUE(chunks.usable());
  const auto& ring = chunks.ring(0);
  double twice = 0.0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i)
    twice += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y;
  EXPECT_DOUBLE_EQ(twice / 2.0, 625.0);  // counter-clockwise: positive
  const auto runs = chunks.runs_near(Envelope{24.5, 24.5, 26.0, 26.0, true});
  ASSERT_FALSE(runs.empty());
  bool has_corner = false;
  for (const auto& run : runs) {
    EXPECT_LT(run.first, run.last);
    for (std::size_t i = run.first; i <= run.last; ++i)
      has_corner = has_corner || (ring[i].x == 25.0 && ring[i].y == 25.0);
  }
  EXPECT_TRUE(has_corner);
  EXPECT_TRUE(chunks.runs_near(Envelope{30, 30, 31, 31, true}).empty());
  // Not polygonal: unusable, so that callers overlay.
  auto line = from_wkt("LINESTRING (0 0, 1 1)");
  EXPECT_FALSE(geom::RingChunks(line.get()).usable());
}

}  // namespace
}  // namespace reserve
