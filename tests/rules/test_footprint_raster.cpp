// The grid bounds of the permutation test (rules/footprint_raster.hpp): for a piece placed at
// random positions and angles, the lower and upper bound always bracket the exact area of
// (placed piece ∩ footprint), measured independently by a GEOS overlay; a piece covering the
// whole footprint has both bounds equal to the footprint's area (hand).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "geom/geos.hpp"
#include "reserve/geometry.hpp"
#include "rules/footprint_raster.hpp"

namespace reserve {
namespace {

using rules::OrientedRings;

// Counter-clockwise square [x0, x1] × [y0, y1].
std::vector<Point> square(double x0, double y0, double x1, double y1) {
  return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
}

// A disc of radius r (64 vertices) centred at c, counter-clockwise.
std::vector<Point> disc(Point c, double r) {
  std::vector<Point> out;
  for (int i = 0; i <= 64; ++i) {
    const double a = 2.0 * 3.14159265358979323846 * (i % 64) / 64.0;
    out.push_back({c.x + r * std::cos(a), c.y + r * std::sin(a)});
  }
  return out;
}

// Footprint: 3 squares and a disc with a square hole (clockwise), in projected metres.
std::vector<OrientedRings> footprint() {
  return {{square(500000, 3000000, 500400, 3000300)},
          {square(501000, 3001000, 501200, 3001600)},
          {square(500100, 3002000, 500900, 3002100)},
          {disc({503400, 3003400}, 500),
           {{503300, 3003300},
            {503300, 3003500},
            {503500, 3003500},
            {503500, 3003300},
            {503300, 3003300}}}};
}

geom::GeomPtr as_geos(const std::vector<OrientedRings>& parts) {
  MultiPolygon mp;
  for (const auto& rings : parts) {
    Polygon p{rings[0], {}};
    for (std::size_t i = 1; i < rings.size(); ++i) p.holes.push_back(rings[i]);
    mp.polygons.push_back(p);
  }
  return geom::to_geos(mp);
}

// An L-shaped piece (1,200 m arms, 300 m wide) with a notch, centred near the origin.
OrientedRings piece() {
  return {{{-600, -600},
           {600, -600},
           {600, -300},
           {-300, -300},
           {-300, 600},
           {-450, 600},
           {-450, 100},
           {-600, 100},
           {-600, -600}}};
}

double exact_overlap(const OrientedRings& p, Point to, double angle, const GEOSGeometry* fp) {
  Ring moved;
  for (const Point& q : p[0])
    moved.push_back({to.x + std::cos(angle) * q.x - std::sin(angle) * q.y,
                     to.y + std::sin(angle) * q.x + std::cos(angle) * q.y});
  const geom::GeomPtr g = geom::to_geos(Polygon{moved, {}});
  const geom::GeomPtr both = geom::check(GEOSIntersection_r(geom::context(), g.get(), fp), "∩");
  return geom::planar_area(both.get());
}

TEST(FootprintRaster, BoundsBracketTheExactOverlapAtRandomPlacements) {
  const auto fp = footprint();
  const geom::GeomPtr fp_geos = as_geos(fp);
  for (std::size_t cells : {64u, 1024u, 65536u}) {
    const rules::FootprintRaster raster(fp, cells);
    std::mt19937_64 rng(3);
    int tight = 0;
    for (int k = 0; k < 400; ++k) {
      const Point to{499500.0 + static_cast<double>(rng() % 5000),
                     2999500.0 + static_cast<double>(rng() % 5000)};
      const double angle =
          static_cast<double>(rng() % 3600) / 3600.0 * 2.0 * 3.14159265358979323846;
      double lo = 0.0, hi = 0.0;
      raster.bounds(piece(), to, std::cos(angle), std::sin(angle), lo, hi);
      const double exact = exact_overlap(piece(), to, angle, fp_geos.get());
      // 1e-6 m²: rounding only (areas up to 1e6 m²).
      EXPECT_LE(lo, exact + 1e-6) << cells << " cells, placement " << k;
      EXPECT_GE(hi, exact - 1e-6) << cells << " cells, placement " << k;
      if (exact > 0.0 && hi - lo < 0.5 * exact) ++tight;
    }
    // The bounds are not vacuous: with fine cells most overlapping placements are pinned down.
    if (cells == 65536u) {
      EXPECT_GT(tight, 10);
    }
  }
}

TEST(FootprintRaster, APieceCoveringTheWholeFootprintTakesInAllOfIt) {
  const auto fp = footprint();
  const rules::FootprintRaster raster(fp, 4096);
  // Area by hand: 400·300 + 200·600 + 800·100 + (regular 64-gon of radius 500: ½·64·500²·sin(2π/64)
  // = 782,172.325…) − 200·200.
  const double expected = 120000.0 + 120000.0 + 80000.0 +
                          0.5 * 64 * 500.0 * 500.0 * std::sin(2.0 * 3.14159265358979323846 / 64) -
                          40000.0;
  const OrientedRings big = {square(-10000, -10000, 10000, 10000)};
  double lo = 0.0, hi = 0.0;
  raster.bounds(big, {501700.0, 3001700.0}, 1.0, 0.0, lo, hi);
  EXPECT_NEAR(lo, expected, 1e-6);                              // m²
  EXPECT_NEAR(hi, expected, 1e-6);                              // m²
  raster.bounds(big, {601700.0, 3001700.0}, 1.0, 0.0, lo, hi);  // 100 km away: nothing
  EXPECT_EQ(lo, 0.0);
  EXPECT_EQ(hi, 0.0);
}

// A piece with many short edges (so that chunks hold several): the L-shape with each edge cut into
// 10 m steps, and a hole made of a densified disc.
OrientedRings dense_piece() {
  OrientedRings out;
  std::vector<Point> outer;
  const OrientedRings whole = piece();
  const auto& l = whole[0];
  for (std::size_t k = 0; k + 1 < l.size(); ++k) {
    const double len = std::hypot(l[k + 1].x - l[k].x, l[k + 1].y - l[k].y);
    const int n = static_cast<int>(std::ceil(len / 10.0));
    for (int i = 0; i < n; ++i)
      outer.push_back(
          {l[k].x + (l[k + 1].x - l[k].x) * i / n, l[k].y + (l[k + 1].y - l[k].y) * i / n});
  }
  outer.push_back(outer.front());
  out.push_back(outer);
  std::vector<Point> hole = disc({-450.0, -450.0}, 100.0);  // inside the L's corner arm
  std::reverse(hole.begin(), hole.end());                   // clockwise: a hole
  out.push_back(hole);
  return out;
}

// The chunked walk steps over runs of edges whose cells hold no footprint; it must give the plain
// walk's bounds (to rounding) wherever the piece lies: over the footprint, across the grid's
// edges, beside it and beyond it. Both still bracket the GEOS overlap.
TEST(FootprintRaster, TheChunkedWalkGivesThePlainWalksBounds) {
  const auto fp = footprint();
  const geom::GeomPtr fp_geos = as_geos(fp);
  const OrientedRings p = dense_piece();
  for (std::size_t cells : {16u, 256u, 4096u, 65536u}) {
    const rules::FootprintRaster raster(fp, cells);
    const rules::FootprintRaster::ChunkedRings chunked = raster.chunked(p);
    std::size_t edges = 0, chunks = 0;
    for (std::size_t r = 0; r < p.size(); ++r) {
      edges += p[r].size() - 1;
      chunks += chunked.chunks[r].size();
    }
    // Edges of 10 m: with cells of 61 m and more (4096 cells or fewer over 3.9 km) a chunk holds
    // several; with 15 m cells (65536) each edge is its own chunk, the plain walk.
    if (cells <= 4096u) {
      EXPECT_LT(chunks, edges) << cells << " cells: chunks hold several edges";
    } else {
      EXPECT_EQ(chunks, edges);
    }
    std::mt19937_64 rng(7);
    for (int k = 0; k < 300; ++k) {
      // The footprint spans (500000, 3000000)–(503900, 3003900): placements 2 km beyond it.
      const Point to{498000.0 + static_cast<double>(rng() % 8000),
                     2998000.0 + static_cast<double>(rng() % 8000)};
      const double angle =
          static_cast<double>(rng() % 3600) / 3600.0 * 2.0 * 3.14159265358979323846;
      double lo = 0.0, hi = 0.0, plain_lo = 0.0, plain_hi = 0.0;
      raster.bounds(chunked, to, std::cos(angle), std::sin(angle), lo, hi);
      raster.bounds(p, to, std::cos(angle), std::sin(angle), plain_lo, plain_hi);
      // 1e-6 m²: rounding only (areas up to 1e6 m²).
      EXPECT_NEAR(lo, plain_lo, 1e-6) << cells << " cells, placement " << k;
      EXPECT_NEAR(hi, plain_hi, 1e-6) << cells << " cells, placement " << k;
      Ring outer, hole;
      for (const Point& q : p[0])
        outer.push_back({to.x + std::cos(angle) * q.x - std::sin(angle) * q.y,
                         to.y + std::sin(angle) * q.x + std::cos(angle) * q.y});
      for (const Point& q : p[1])
        hole.push_back({to.x + std::cos(angle) * q.x - std::sin(angle) * q.y,
                        to.y + std::sin(angle) * q.x + std::cos(angle) * q.y});
      const geom::GeomPtr g = geom::to_geos(Polygon{outer, {hole}});
      const geom::GeomPtr both =
          geom::check(GEOSIntersection_r(geom::context(), g.get(), fp_geos.get()), "∩");
      const double exact = geom::planar_area(both.get());
      EXPECT_LE(lo, exact + 1e-6) << cells << " cells, placement " << k;
      EXPECT_GE(hi, exact - 1e-6) << cells << " cells, placement " << k;
      // The box bound: the footprint in the cells of the piece's box (radius 850 m: the L's
      // farthest corner, √(600² + 600²) = 848.5 m) is no less than the walk's upper bound.
      Envelope box;
      box.expand(Point{to.x - 850.0, to.y - 850.0});
      box.expand(Point{to.x + 850.0, to.y + 850.0});
      EXPECT_GE(raster.box_upper(box), hi - 1e-6) << cells << " cells, placement " << k;
    }
  }
}

TEST(FootprintRaster, ABoxOverTheWholeFootprintHoldsAllOfItAndAFarBoxNone) {
  const rules::FootprintRaster raster(footprint(), 4096);
  // As in the test above: the footprint's area by hand.
  const double expected = 120000.0 + 120000.0 + 80000.0 +
                          0.5 * 64 * 500.0 * 500.0 * std::sin(2.0 * 3.14159265358979323846 / 64) -
                          40000.0;
  Envelope all;
  all.expand(Point{490000.0, 2990000.0});
  all.expand(Point{510000.0, 3010000.0});
  EXPECT_NEAR(raster.box_upper(all), expected, 1e-6);  // m²
  Envelope far;
  far.expand(Point{600000.0, 3000000.0});
  far.expand(Point{601000.0, 3001000.0});
  EXPECT_EQ(raster.box_upper(far), 0.0);
  // Cells (61 m) round the first square, (500000, 3000000)–(500400, 3000300), hold only it.
  Envelope first;
  first.expand(Point{499900.0, 2999900.0});
  first.expand(Point{500450.0, 3000350.0});
  EXPECT_NEAR(raster.box_upper(first), 120000.0, 1e-6);  // m²: 400 × 300
}

}  // namespace
}  // namespace reserve
