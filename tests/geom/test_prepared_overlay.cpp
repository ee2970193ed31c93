// The cut overlay (geom/prepared_overlay: the large operand cut to a rectangle around the feature
// first) against the straightforward one (GEOSIntersection_r / GEOSDifference_r with the whole
// operand), on seeded random zone-like operands of many vertices (holes, several polygons) and
// features placed where the two could differ: across the operand's boundary, along it (sharing
// the operand's own vertices and edges), around holes, as multipolygons, touching the operand
// from outside, inside and apart, in a projected CRS's metres and in lon/lat degrees. The expected
// value is the straightforward overlay itself: the two results must be the same geometry, vertex
// for vertex (after GEOSNormalize), not merely close.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>

#include "geom/geos.hpp"
#include "geom/prepared_overlay.hpp"
#include "support/star_ring.hpp"

namespace reserve {
namespace {

// Jitter 0.8–1.0: holes well apart from the shell.
Ring star_ring(std::mt19937_64& rng, double cx, double cy, double r, int n, bool clockwise) {
  return test::star_ring(rng, cx, cy, r, n, clockwise, 0.8);
}

Ring box_ring(double x0, double y0, double x1, double y1) {
  return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
}

std::string wkt(const GEOSGeometry* g) {
  auto* h = geom::context();
  GEOSWKTWriter* w = GEOSWKTWriter_create_r(h);
  GEOSWKTWriter_setRoundingPrecision_r(h, w, 17);
  char* text = GEOSWKTWriter_write_r(h, w, g);
  std::string out = text ? text : "";
  GEOSFree_r(h, text);
  GEOSWKTWriter_destroy_r(h, w);
  return out.substr(0, 300);
}

// The same geometry, vertex for vertex: both normalised, then compared exactly.
void expect_same(const GEOSGeometry* fast, const GEOSGeometry* plain, const std::string& what) {
  auto* h = geom::context();
  auto a = geom::check(GEOSGeom_clone_r(h, fast), "clone");
  auto b = geom::check(GEOSGeom_clone_r(h, plain), "clone");
  ASSERT_EQ(GEOSNormalize_r(h, a.get()), 0);
  ASSERT_EQ(GEOSNormalize_r(h, b.get()), 0);
  const bool both_empty = geom::is_empty(a.get()) && geom::is_empty(b.get());
  EXPECT_TRUE(both_empty || GEOSEqualsExact_r(h, a.get(), b.get(), 0.0) == 1)
      << what << "\n fast:  " << wkt(a.get()) << "\n plain: " << wkt(b.get());
}

struct Counts {
  int cases = 0;
  int cut = 0;  // cases where clip_around did cut the operand (the fast path ran)
  std::size_t settled_by_rings = 0;  // PreparedOperand placed the feature by its rings alone
  std::size_t sent_by_edges = 0;     // PreparedOperand found its edges meeting the operand's
};

// Operand: a large star polygon with two holes and a second star polygon; features around it.
// `scale` is the operand's radius (metres or degrees), (cx, cy) its centre.
void run_shapes(std::mt19937_64& rng, double cx, double cy, double scale, Counts& counts) {
  auto* h = geom::context();
  MultiPolygon zone;
  Polygon a{star_ring(rng, cx, cy, scale, 1200, false), {}};
  a.holes.push_back(star_ring(rng, cx - 0.3 * scale, cy, 0.15 * scale, 300, true));
  a.holes.push_back(star_ring(rng, cx + 0.3 * scale, cy + 0.1 * scale, 0.1 * scale, 40, true));
  const Ring shell = a.outer;
  const Ring hole = a.holes[0];
  zone.polygons.push_back(std::move(a));
  zone.polygons.push_back(
      Polygon{star_ring(rng, cx + 2.5 * scale, cy, 0.5 * scale, 400, false), {}});
  auto operand = geom::to_geos(zone);
  ASSERT_EQ(geom::invalid_reason(operand.get()), "");
  auto prepared = geom::prepare(operand.get());
  const geom::PreparedOperand whole(geom::check(GEOSGeom_clone_r(h, operand.get()), "clone"));

  std::uniform_real_distribution<double> u(-1.3, 1.3), size(0.005, 0.08), unit(0.0, 1.0);
  std::vector<MultiPolygon> features;
  for (int i = 0; i < 60; ++i) {  // boxes anywhere near: across the shell, in holes, outside
    const double x = cx + u(rng) * scale, y = cy + u(rng) * scale, s = size(rng) * scale;
    features.push_back(MultiPolygon{{Polygon{box_ring(x, y, x + s, y + 0.6 * s), {}}}});
  }
  auto along = [&](const Ring& ring, int first, int count, double out) {
    // A feature sharing `count` consecutive edges of the ring, closed by a point pushed `out`
    // (a fraction of the scale) away from the ring's centre: it lies along the boundary.
    Ring r;
    for (int k = 0; k <= count; ++k) r.push_back(ring[(first + k) % (ring.size() - 1)]);
    const Point mid = ring[(first + count / 2) % (ring.size() - 1)];
    r.push_back({mid.x + out * (mid.x - cx), mid.y + out * (mid.y - cy)});
    r.push_back(r.front());
    Polygon p{r, {}};
    auto g = geom::to_geos(MultiPolygon{{p}});
    if (GEOSisValid_r(h, g.get()) != 1) return;  // the pushed point folded the ring over
    if (!(geom::planar_area(g.get()) > 0.0)) return;
    features.push_back(MultiPolygon{{std::move(p)}});
  };
  for (int i = 0; i < 20; ++i) {
    const int first = static_cast<int>(unit(rng) * static_cast<double>(shell.size() - 1));
    along(shell, first, 3 + i % 5, 0.05);      // outside, sharing edges (touching the outline)
    along(shell, first, 3 + i % 5, -0.03);     // inside, sharing edges
    along(hole, first % 299, 2 + i % 4, 0.2);  // in the hole, sharing its edges
  }
  for (int i = 0; i < 15; ++i) {  // multipolygon features: one part across, one apart
    const double x = cx + u(rng) * scale, y = cy + u(rng) * scale, s = size(rng) * scale;
    features.push_back(MultiPolygon{{Polygon{box_ring(x, y, x + s, y + s), {}},
                                     Polygon{box_ring(x + 2 * s, y, x + 3 * s, y + s), {}}}});
  }
  for (int i = 0; i < 10; ++i) {  // features with a hole of their own, across the shell
    const double t = 2.0 * M_PI * unit(rng);
    const double x = cx + 0.9 * scale * std::cos(t), y = cy + 0.9 * scale * std::sin(t);
    const double s = 0.1 * scale;
    Ring inner = box_ring(x - s / 3, y - s / 3, x + s / 3, y + s / 3);
    std::reverse(inner.begin(), inner.end());
    features.push_back(MultiPolygon{{Polygon{box_ring(x - s, y - s, x + s, y + s), {inner}}}});
  }

  for (std::size_t i = 0; i < features.size(); ++i) {
    auto g = geom::to_geos(features[i]);
    if (GEOSisValid_r(h, g.get()) != 1) continue;
    ++counts.cases;
    if (geom::clip_around(operand.get(), g.get())) ++counts.cut;
    const std::string what = "feature " + std::to_string(i) + ": " + wkt(g.get());
    auto plain_i = geom::check(GEOSIntersection_r(h, g.get(), operand.get()), "intersection");
    auto plain_d = geom::check(GEOSDifference_r(h, g.get(), operand.get()), "difference");
    expect_same(geom::clipped_intersection(g.get(), operand.get()).get(), plain_i.get(),
                "∩ " + what);
    expect_same(geom::clipped_difference(g.get(), operand.get()).get(), plain_d.get(), "− " + what);
    expect_same(geom::prepared_intersection(g.get(), operand.get(), prepared.get()).get(),
                plain_i.get(), "prepared ∩ " + what);
    expect_same(geom::prepared_difference(g.get(), operand.get(), prepared.get()).get(),
                plain_d.get(), "prepared − " + what);
    expect_same(whole.intersection(g.get()).get(), plain_i.get(), "operand ∩ " + what);
    expect_same(whole.difference(g.get()).get(), plain_d.get(), "operand − " + what);
  }
  counts.settled_by_rings += whole.settled_by_rings();
  counts.sent_by_edges += whole.sent_by_edges();
}

TEST(PreparedOverlay, CutOverlayIsTheWholeOverlayVertexForVertex) {
  const std::uint64_t seed = std::random_device{}();
  std::printf("PreparedOverlay random seed: %llu\n", static_cast<unsigned long long>(seed));
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937_64 rng(seed);
  Counts counts;
  for (int round = 0; round < 3; ++round) {
    run_shapes(rng, 500000.0 + 1000.0 * round, 3800000.0, 5000.0, counts);  // GK metres
    run_shapes(rng, 105.3 + 0.1 * round, 33.6, 0.05, counts);               // lon/lat degrees
  }
  // The fast path must actually have run on most features (else the test proves nothing).
  EXPECT_GT(counts.cases, 500);
  EXPECT_GT(counts.cut, counts.cases / 3) << counts.cut << " of " << counts.cases << " cut";
  // Boxes wholly inside, in a hole or apart: placed by PreparedOperand's rings, not GEOS.
  EXPECT_GT(counts.settled_by_rings, static_cast<std::size_t>(counts.cases / 10))
      << counts.settled_by_rings << " of " << counts.cases;
  // Features across the shell or along it: sent to the overlay by their edges, not GEOS's
  // predicates.
  EXPECT_GT(counts.sent_by_edges, static_cast<std::size_t>(counts.cases / 10))
      << counts.sent_by_edges << " of " << counts.cases;
}

TEST(PreparedOverlay, SmallOrEnclosedOperandsAreNotCut) {
  auto* h = geom::context();
  // 5 vertices: overlaid whole.
  MultiPolygon small{{Polygon{box_ring(0, 0, 100, 100), {}}}};
  auto op = geom::to_geos(small);
  auto f = geom::to_geos(MultiPolygon{{Polygon{box_ring(90, 90, 110, 110), {}}}});
  EXPECT_FALSE(geom::clip_around(op.get(), f.get()));
  // Many vertices, but the rectangle around the feature reaches past the star's upper-right
  // corner (the cut could not keep the envelope), or holds the whole star.
  std::mt19937_64 rng(7);
  MultiPolygon star{{Polygon{star_ring(rng, 50, 50, 40, 500, false), {}}}};
  auto big = geom::to_geos(star);
  EXPECT_FALSE(geom::clip_around(big.get(), f.get()));
  auto g = geom::to_geos(MultiPolygon{{Polygon{box_ring(0, 0, 100, 100), {}}}});
  EXPECT_FALSE(geom::clip_around(big.get(), g.get()));
  // A small feature at the star's edge: cut; the cut holds the star's envelope (its corner
  // squares) and is valid.
  auto tiny = geom::to_geos(MultiPolygon{{Polygon{box_ring(88, 49, 89, 51), {}}}});
  auto cut = geom::clip_around(big.get(), tiny.get());
  ASSERT_TRUE(cut);
  EXPECT_EQ(geom::invalid_reason(cut.get()), "");
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0, a0 = 0, b0 = 0, a1 = 0, b1 = 0;
  GEOSGeom_getExtent_r(h, cut.get(), &x0, &y0, &x1, &y1);
  GEOSGeom_getExtent_r(h, big.get(), &a0, &b0, &a1, &b1);
  EXPECT_EQ(x0, a0);
  EXPECT_EQ(y0, b0);
  EXPECT_EQ(x1, a1);
  EXPECT_EQ(y1, b1);
}

}  // namespace
}  // namespace reserve
