// The R-tree of boundary segments (geom/segment_index) against brute force: on seeded random
// polygons with holes and random points, the indexed distance equals the minimum over every
// segment of the same point–segment distance, and agrees with GEOSDistance to the boundary.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

#include "geom/geos.hpp"
#include "geom/segment_index.hpp"
#include "support/star_ring.hpp"

namespace reserve {
namespace {

namespace bg = boost::geometry;
using geom::SegmentIndex;

using test::star_ring;

double brute_force(const std::vector<SegmentIndex::Segment>& segments, Point p) {
  double best = std::numeric_limits<double>::infinity();
  for (const auto& s : segments)
    best = std::min(best, bg::distance(SegmentIndex::BPoint(p.x, p.y), s));
  return best;
}

std::vector<SegmentIndex::Segment> segments_of(const MultiPolygon& mp) {
  std::vector<SegmentIndex::Segment> out;
  auto add = [&](const Ring& r) {
    for (std::size_t i = 1; i < r.size(); ++i)
      out.emplace_back(SegmentIndex::BPoint(r[i - 1].x, r[i - 1].y),
                       SegmentIndex::BPoint(r[i].x, r[i].y));
  };
  for (const auto& p : mp.polygons) {
    add(p.outer);
    for (const auto& h : p.holes) add(h);
  }
  return out;
}

TEST(SegmentIndex, EqualsBruteForceOnRandomPolygonsWithHoles) {
  const std::uint64_t seed = std::random_device{}();
  std::printf("SegmentIndex random seed: %llu\n", static_cast<unsigned long long>(seed));
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> coord(-20000.0, 20000.0);
  auto* h = geom::context();
  for (int shape = 0; shape < 20; ++shape) {
    // Two polygons in Gauss–Krüger-like coordinates; the first has two holes, well inside it.
    const double cx = 500000.0 + coord(rng), cy = 3800000.0 + coord(rng);
    MultiPolygon mp;
    Polygon a{star_ring(rng, cx, cy, 5000.0, 200 + shape * 50, false), {}};
    a.holes.push_back(star_ring(rng, cx - 1500.0, cy, 800.0, 40, true));
    a.holes.push_back(star_ring(rng, cx + 1500.0, cy + 500.0, 600.0, 30, true));
    mp.polygons.push_back(std::move(a));
    mp.polygons.push_back(Polygon{star_ring(rng, cx + 12000.0, cy, 2000.0, 100, false), {}});
    auto g = geom::to_geos(mp);
    ASSERT_EQ(geom::invalid_reason(g.get()), "") << "seed " << seed;
    const SegmentIndex index(g.get());
    const auto segments = segments_of(mp);
    ASSERT_EQ(index.size(), segments.size());
    auto boundary = geom::check(GEOSBoundary_r(h, g.get()), "boundary");
    for (int i = 0; i < 200; ++i) {
      const Point p{cx + coord(rng), cy + coord(rng)};
      const double indexed = index.distance_m(p);
      // Same formula, every segment: exactly equal.
      EXPECT_EQ(indexed, brute_force(segments, p))
          << "seed " << seed << " point " << p.x << " " << p.y;
      // GEOS's own distance to the boundary (an independent implementation): equal to 1e-9 m.
      auto pt = geom::to_geos(p);
      double geos_d = 0.0;
      ASSERT_EQ(GEOSDistance_r(h, boundary.get(), pt.get(), &geos_d), 1);
      EXPECT_NEAR(indexed, geos_d, 1e-9) << "seed " << seed;  // metres
      EXPECT_EQ(index.within(p, geos_d + 1e-6), true);
    }
  }
}

// The centre of a regular polygon is equally far from every run of segments: the nearest-first
// walk cannot stop early and must still visit them all (and find the least, by brute force).
TEST(SegmentIndex, CentreOfARegularPolygonSeesEveryRun) {
  constexpr int kVertices = 5000;
  constexpr double kPi = 3.14159265358979323846;
  Ring ring;
  for (int i = 0; i <= kVertices; ++i) {
    const double a = 2.0 * kPi * (i % kVertices) / kVertices;
    ring.push_back({500000.0 + 10000.0 * std::cos(a), 3800000.0 + 10000.0 * std::sin(a)});
  }
  MultiPolygon mp;
  mp.polygons.push_back(Polygon{ring, {}});
  auto g = geom::to_geos(mp);
  const SegmentIndex index(g.get());
  ASSERT_EQ(index.size(), static_cast<std::size_t>(kVertices));
  const auto segments = segments_of(mp);
  for (const Point p : {Point{500000.0, 3800000.0}, Point{500000.5, 3799999.0}}) {
    EXPECT_EQ(index.distance_m(p), brute_force(segments, p));
    // The apothem 10 km · cos(π / n), by hand: every edge's midpoint is that far from the centre.
    EXPECT_NEAR(index.distance_m(p), 10000.0 * std::cos(kPi / kVertices), 1.2);
    EXPECT_TRUE(index.within(p, 10000.0));
    EXPECT_FALSE(index.within(p, 9990.0));
  }
  // A segment's distance (GEOS's formula) as GEOSDistance measures it between the boundaries.
  auto* h = geom::context();
  auto boundary = geom::check(GEOSBoundary_r(h, g.get()), "boundary");
  auto probe = geom::to_geos(MultiPolygon{{Polygon{
      {{499990.0, 3799990.0}, {500010.0, 3799990.0}, {500010.0, 3800010.0}, {499990.0, 3799990.0}},
      {}}}});
  auto probe_boundary = geom::check(GEOSBoundary_r(h, probe.get()), "probe boundary");
  double geos_d = 0.0;
  ASSERT_EQ(GEOSDistance_r(h, boundary.get(), probe_boundary.get(), &geos_d), 1);
  EXPECT_NEAR(index.facet_distance_m(probe.get()), geos_d, 1e-9);
}

TEST(SegmentIndex, EmptyGeometryHasNoDistance) {
  auto g = geom::to_geos(MultiPolygon{});
  const SegmentIndex index(g.get());
  EXPECT_TRUE(index.empty());
  EXPECT_TRUE(std::isinf(index.distance_m({0.0, 0.0})));
  EXPECT_FALSE(index.within({0.0, 0.0}, 1e9));
}

}  // namespace
}  // namespace reserve
