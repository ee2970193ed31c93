// geom::proven_valid (the cheap validity proof inside geom::unite_by_edges) against GEOSisValid:
// whatever it proves GEOS must find valid, and it must refuse every invalid case. Expected
// validity of each case: Shapely 1.8.5 `is_valid` (/usr/bin/python3, run for this test), which
// agreed with GEOS here; whether the proof answers is by hand from its rules (touches only at
// vertices of both rings, no crossing there, no cycle of touches, nesting).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <initializer_list>
#include <random>
#include <string>
#include <vector>

#include "geom/edge_union.hpp"
#include "geom/geos.hpp"
#include "geom/ring_validity.hpp"
#include "geom/validity.hpp"
#include "reserve/error.hpp"
#include "reserve/io.hpp"

namespace reserve {
namespace {

Ring closed(std::initializer_list<Point> pts) {
  Ring r(pts);
  r.push_back(r.front());
  return r;
}

Ring square(double x0, double y0, double x1, double y1) {
  return closed({{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}});
}

bool geos_valid(const MultiPolygon& mp) {
  return GEOSisValid_r(geom::context(), geom::to_geos(mp).get()) == 1;
}

struct Case {
  std::string name;
  MultiPolygon mp;
  bool valid;   // Shapely 1.8.5 is_valid
  bool proven;  // by hand: does the proof answer?
};

std::vector<Case> cases() {
  std::vector<Case> out;
  const auto add = [&](std::string name, std::vector<Polygon> polys, bool valid, bool proven) {
    out.push_back(Case{std::move(name), MultiPolygon{std::move(polys)}, valid, proven});
  };
  add("hole", {Polygon{square(0, 0, 10, 10), {square(2, 2, 4, 4)}}}, true, true);
  add("hole touching the shell at a common vertex",
      {Polygon{square(0, 0, 10, 10), {closed({{0, 0}, {4, 2}, {2, 4}})}}}, true, true);
  add("hole touching the shell at two vertices (interior cut)",
      {Polygon{square(0, 0, 10, 10), {closed({{0, 0}, {10, 0}, {5, 5}})}}}, false, false);
  add("squares sharing an edge", {Polygon{square(0, 0, 1, 1), {}}, Polygon{square(1, 0, 2, 1), {}}},
      false, false);
  add("squares touching at a corner",
      {Polygon{square(0, 0, 1, 1), {}}, Polygon{square(1, 1, 2, 2), {}}}, true, true);
  add("overlapping squares (edges cross)",
      {Polygon{square(0, 0, 2, 2), {}}, Polygon{square(1, 1, 3, 3), {}}}, false, false);
  add("shell inside a shell", {Polygon{square(0, 0, 10, 10), {}}, Polygon{square(2, 2, 4, 4), {}}},
      false, false);
  add("shell inside a hole",
      {Polygon{square(0, 0, 10, 10), {square(2, 2, 8, 8)}}, Polygon{square(4, 4, 6, 6), {}}}, true,
      true);
  add("hole inside a hole",
      {Polygon{square(0, 0, 10, 10), {square(1, 1, 9, 9), square(2, 2, 4, 4)}}}, false, false);
  add("hole vertex on a shell edge (valid, not proven)",
      {Polygon{square(0, 0, 10, 10), {closed({{5, 0}, {7, 2}, {3, 2}})}}}, true, false);
  add("rings crossing each other at two common vertices",
      {Polygon{square(0, 0, 2, 2), {}}, Polygon{closed({{2, 2}, {1, 1}, {2, 0}, {3, 1}}), {}}},
      false, false);
  add("hole vertex 1e-13 off a shell edge (exact orientation decides)",
      {Polygon{square(0, 0, 10, 10), {closed({{5, 1e-13}, {7, 2}, {3, 2}})}}}, true, true);
  add("ring folding back on itself", {Polygon{closed({{0, 0}, {2, 0}, {1, 0}, {1, 1}}), {}}}, false,
      false);
  add("holes touching each other and the shell's edges",
      {Polygon{square(0, 0, 10, 10),
               {closed({{0, 5}, {5, 5}, {3, 7}}), closed({{5, 5}, {10, 5}, {7, 7}})}}},
      false, false);
  add("holes touching each other once",
      {Polygon{square(0, 0, 10, 10),
               {closed({{1, 5}, {5, 5}, {3, 7}}), closed({{5, 5}, {9, 5}, {7, 7}})}}},
      true, true);
  // Shapely 1.8.5 (GEOS 3.11.1) explain_validity named below each invalid case.
  add("self-touching shell (Ring Self-intersection at 3 3)",
      {Polygon{closed({{0, 0}, {6, 0}, {3, 3}, {6, 6}, {0, 6}, {3, 3}}), {}}}, false, false);
  add("duplicate vertex (valid, left to GEOS)",
      {Polygon{closed({{0, 0}, {10, 0}, {10, 0}, {10, 10}, {0, 10}}), {}}}, true, false);
  add("collinear spike (Self-intersection)",
      {Polygon{closed({{0, 0}, {10, 0}, {10, 5}, {14, 5}, {10, 5}, {10, 10}, {0, 10}}), {}}}, false,
      false);
  add("zero-area ring (Self-intersection at 5 0)", {Polygon{closed({{0, 0}, {5, 0}, {10, 0}}), {}}},
      false, false);
  add("collinear vertex on an edge",
      {Polygon{closed({{0, 0}, {5, 0}, {10, 0}, {10, 10}, {0, 10}}), {}}}, true, true);
  add("polygons touching at two vertices",
      {Polygon{square(0, 0, 2, 2), {}}, Polygon{closed({{2, 0}, {4, 1}, {2, 2}, {3, 1}}), {}}},
      true, true);
  add("hole sharing an edge with the shell (Self-intersection at 0 0)",
      {Polygon{square(0, 0, 10, 10), {closed({{0, 0}, {5, 0}, {5, 5}})}}}, false, false);
  add("shell in a hole, touching it at a vertex",
      {Polygon{square(0, 0, 10, 10), {square(2, 2, 8, 8)}},
       Polygon{closed({{2, 2}, {6, 4}, {4, 6}}), {}}},
      true, true);
  add("lon/lat cells touching at a corner",
      {Polygon{square(105.70, 33.75, 105.71, 33.76), {}},
       Polygon{square(105.71, 33.76, 105.72, 33.77), {}}},
      true, true);
  add("lon/lat hole at a shell vertex",
      {Polygon{square(105.70, 33.75, 105.71, 33.76),
               {closed({{105.70, 33.75}, {105.705, 33.752}, {105.702, 33.755}})}}},
      true, true);
  return out;
}

TEST(RingValidity, AgreesWithGeosAndAnswersWhereExpected) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(geos_valid(c.mp), c.valid);
    const bool proven = geom::proven_valid(c.mp);
    EXPECT_EQ(proven, c.proven);
    if (proven) {
      EXPECT_TRUE(c.valid);
    }
  }
}

// find_invalidity (on load and in repairs) asks the proof first: its verdict, reason and location
// must be GEOSisValidDetail's in every case, whichever way the rings run.
void expect_same_as_geos(const MultiPolygon& mp) {
  // Rings GEOS cannot build are find_invalidity's own finding, before any proof or GEOS.
  for (const auto& p : mp.polygons) {
    bool buildable = geom::ring_buildable(p.outer);
    for (const auto& r : p.holes) buildable = buildable && geom::ring_buildable(r);
    if (!buildable) {
      const auto got = geom::find_invalidity(mp);
      ASSERT_TRUE(got);
      EXPECT_EQ(got->reason, "Too few points in ring");
      return;
    }
  }
  auto* h = geom::context();
  const auto g = geom::to_geos(mp);
  char* reason = nullptr;
  GEOSGeometry* where = nullptr;
  const char valid = GEOSisValidDetail_r(h, g.get(), 0, &reason, &where);
  const geom::GeomPtr owned_where(where);
  const std::string why = reason ? reason : "";
  if (reason) GEOSFree_r(h, reason);
  const auto got = geom::find_invalidity(mp);
  ASSERT_EQ(got.has_value(), valid != 1);
  if (!got) return;
  EXPECT_EQ(got->reason, why);
  ASSERT_TRUE(got->location && where);
  double x = 0, y = 0;
  GEOSGeomGetX_r(h, where, &x);
  GEOSGeomGetY_r(h, where, &y);
  EXPECT_EQ(got->location->x, x);
  EXPECT_EQ(got->location->y, y);
}

TEST(RingValidity, FindInvalidityAnswersAsGeosDoes) {
  for (Case c : cases()) {
    SCOPED_TRACE(c.name);
    expect_same_as_geos(c.mp);
    for (auto& p : c.mp.polygons) std::reverse(p.outer.begin(), p.outer.end());
    expect_same_as_geos(c.mp);
  }
}

// Every polygon layer of the repository's test and sample data (corpus zonings in lon/lat,
// golden cases with bow ties, self-overlapping rights and carved holes), as read: the proof
// claims nothing GEOS refutes, and find_invalidity answers as GEOS
// (rings of fewer than four points are its own finding).
TEST(RingValidity, RepositoryDataAgreesWithGeos) {
  namespace fs = std::filesystem;
  std::size_t polygons = 0, proven = 0, invalid = 0;
  for (const char* dir : {"/tests", "/data"}) {
    for (const auto& entry :
         fs::recursive_directory_iterator(std::string(RESERVE_SOURCE_DIR) + dir)) {
      const std::string ext = entry.path().extension().string();
      if (ext != ".geojson" && ext != ".gpkg" && ext != ".shp") continue;
      DatasetInfo info;
      try {
        info = inspect_dataset(entry.path().string());
      } catch (const Error&) {
        continue;  // not a dataset GDAL opens here (e.g. a deliberately broken input)
      }
      for (const auto& layer : info.layers) {
        ReadOptions options;
        options.layer = layer.name;
        options.assume_crs = "EPSG:4326";
        Layer read;
        try {
          read = read_layer(entry.path().string(), options);
        } catch (const Error&) {
          continue;
        }
        for (const auto& f : read.features) {
          if (f.geometry.kind != GeometryKind::polygon) continue;
          SCOPED_TRACE(entry.path().string() + " feature " + f.id);
          ++polygons;
          if (geom::proven_valid(f.geometry.polygons)) {
            ++proven;
            EXPECT_TRUE(geos_valid(f.geometry.polygons));
          }
          if (!geos_valid(f.geometry.polygons)) ++invalid;
          expect_same_as_geos(f.geometry.polygons);
        }
      }
    }
  }
  // The data holds both kinds, so neither answer of the comparison goes untested.
  EXPECT_GT(polygons, 100u);
  EXPECT_GT(proven, 50u);
  EXPECT_GT(invalid, 0u);
}

// Random rings on a coarse grid (many collinear runs, shared vertices, touches and crossings):
// whatever the proof claims valid GEOS must find valid.
TEST(RingValidity, RandomGridRingsNeverProvenInvalid) {
  std::mt19937 rng(20261201);
  std::uniform_int_distribution<int> coord(0, 6), count(3, 7), holes(0, 2), polys(1, 3);
  std::size_t proven = 0, refuted = 0;
  for (int trial = 0; trial < 4000; ++trial) {
    MultiPolygon mp;
    const int np = polys(rng);
    for (int p = 0; p < np; ++p) {
      Polygon poly;
      const auto ring = [&] {
        Ring r;
        const int n = count(rng);
        for (int i = 0; i < n; ++i) r.push_back({double(coord(rng)), double(coord(rng))});
        r.push_back(r.front());
        return r;
      };
      poly.outer = ring();
      const int nh = holes(rng);
      for (int k = 0; k < nh; ++k) poly.holes.push_back(ring());
      mp.polygons.push_back(std::move(poly));
    }
    const bool valid = geos_valid(mp);
    if (geom::proven_valid(mp)) {
      ++proven;
      EXPECT_TRUE(valid) << "trial " << trial;
    } else if (!valid) {
      ++refuted;
    }
  }
  EXPECT_GT(proven, 100u);  // the comparison is not empty
  EXPECT_GT(refuted, 100u);
}

// Rings of thousands of edges: the proof sweeps them band by band (about 64 edges a band), and a
// pair of edges is looked at once, in the first band holding both. A wavy frame (outer ring and
// hole both crossing every vertical line, as a large reserve's experimental zone) must be proven;
// a vertex pushed across the hole, in one band far from the first, must not be; random grid
// rings densified into short edges (tall and flat ones mixed) are never proven when GEOS finds
// them invalid.
Ring wavy_circle(double r, double amplitude, int n) {
  Ring ring;
  for (int i = 0; i < n; ++i) {
    const double t = 2.0 * 3.14159265358979 * i / n;
    const double rr = r + amplitude * std::sin(37.0 * t);
    ring.push_back({500000.0 + rr * std::cos(t), 3700000.0 + rr * std::sin(t)});
  }
  ring.push_back(ring.front());
  return ring;
}

TEST(RingValidity, LargeRingsSweptInBandsAgreeWithGeos) {
  Ring outer = wavy_circle(1000.0, 30.0, 20000);
  Ring hole = wavy_circle(500.0, 20.0, 10000);
  std::reverse(hole.begin(), hole.end());
  const MultiPolygon frame{{Polygon{outer, {hole}}}};
  EXPECT_TRUE(geos_valid(frame));
  EXPECT_TRUE(geom::proven_valid(frame));
  // Outer vertex 5000 (a quarter of the way round, near the top) pulled inside the hole: its two
  // edges cross the hole's ring.
  Ring crossing = outer;
  crossing[5000] = {500000.0, 3700000.0 + 100.0};
  const MultiPolygon bad{{Polygon{crossing, {hole}}}};
  EXPECT_FALSE(geos_valid(bad));
  EXPECT_FALSE(geom::proven_valid(bad));

  std::mt19937 rng(20261202);
  std::uniform_int_distribution<int> coord(0, 6), count(3, 7), pieces(1, 60);
  std::size_t proven = 0, refuted = 0;
  for (int trial = 0; trial < 600; ++trial) {
    MultiPolygon mp;
    for (int p = 0; p < 1 + trial % 2; ++p) {
      Ring r;
      const int n = count(rng);
      std::vector<Point> corners;
      for (int i = 0; i < n; ++i) corners.push_back({100.0 * coord(rng), 100.0 * coord(rng)});
      for (int i = 0; i < n; ++i) {
        const Point a = corners[i], b = corners[(i + 1) % n];
        const int k = pieces(rng);
        for (int j = 0; j < k; ++j)
          r.push_back({a.x + (b.x - a.x) * j / k, a.y + (b.y - a.y) * j / k});
      }
      r.push_back(r.front());
      mp.polygons.push_back(Polygon{std::move(r), {}});
    }
    SCOPED_TRACE(trial);
    const bool valid = geos_valid(mp);
    if (geom::proven_valid(mp)) {
      ++proven;
      EXPECT_TRUE(valid);
    } else if (!valid) {
      ++refuted;
    }
  }
  EXPECT_GT(proven, 20u);
  EXPECT_GT(refuted, 100u);
}

TEST(RingValidity, ProofDoesNotDependOnRingOrientation) {
  for (Case c : cases()) {
    SCOPED_TRACE(c.name);
    for (auto& p : c.mp.polygons) {
      std::reverse(p.outer.begin(), p.outer.end());
      for (auto& h : p.holes) std::reverse(h.begin(), h.end());
    }
    EXPECT_EQ(geom::proven_valid(c.mp), c.proven);
  }
}

// Coordinates whose offsets lie beyond float's range (the sweep keeps its boxes as float offsets):
// the proof still agrees with GEOS, and the conversion stays defined (the sanitizer build checks
// float-cast-overflow). A square 1e300 wide with a square hole, valid; two crossing squares that
// large, invalid (never proven).
TEST(RingValidity, HugeCoordinatesAreProvenAsGeosDecides) {
  MultiPolygon holed;
  holed.polygons.push_back(Polygon{square(-1e300, -1e300, 1e300, 1e300), {}});
  Ring hole = square(-1e299, -1e299, 1e299, 1e299);
  std::reverse(hole.begin(), hole.end());
  holed.polygons[0].holes.push_back(hole);
  ASSERT_TRUE(geos_valid(holed));
  EXPECT_TRUE(geom::proven_valid(holed));
  MultiPolygon crossing;
  crossing.polygons.push_back(Polygon{square(0, 0, 2e300, 2e300), {}});
  crossing.polygons.push_back(Polygon{square(1e300, 1e300, 3e300, 3e300), {}});
  ASSERT_FALSE(geos_valid(crossing));
  EXPECT_FALSE(geom::proven_valid(crossing));
}

// Zones meeting at a point: the linked rings touch at a vertex, which the proof accepts; the
// union (two unit squares, 2 m² by hand) must still equal the overlay's.
TEST(RingValidity, UnionByEdgesAnswersForZonesMeetingAtAPoint) {
  const MultiPolygon a{{Polygon{square(0, 0, 1, 1), {}}}};
  const MultiPolygon b{{Polygon{square(1, 1, 2, 2), {}}}};
  const auto u = geom::unite_by_edges({&a, &b});
  ASSERT_TRUE(u);
  ASSERT_EQ(u->polygons.size(), 2u);
  const auto g = geom::to_geos(*u);
  EXPECT_NEAR(geom::planar_area(g.get()), 2.0, 1e-12);
  const auto overlay = geom::to_geos(geom::unite({&a, &b}));
  EXPECT_EQ(GEOSEquals_r(geom::context(), g.get(), overlay.get()), 1);
}

// A proof is kept by content: the same polygon again is not proven again, and a polygon that
// differs in one coordinate's last bit, or is cut into rings differently, is proven afresh.
// Expected: GEOSisValid.
TEST(RingValidity, ProofsAreKeptByContentOnly) {
  Ring ring;  // a 100-gon: above the size from which proofs are kept
  for (int i = 0; i < 100; ++i) {
    const double t = 2.0 * M_PI * i / 100;
    ring.push_back({500000.0 + 1000.0 * std::cos(t), 3800000.0 + 1000.0 * std::sin(t)});
  }
  ring.push_back(ring.front());
  const MultiPolygon disc{{Polygon{ring, {}}}};
  ASSERT_TRUE(geos_valid(disc));
  const std::size_t before = geom::proofs_reused();
  EXPECT_TRUE(geom::proven_valid(disc));
  EXPECT_TRUE(geom::proven_valid(disc));
  EXPECT_GE(geom::proofs_reused(), before + 1);
  // One vertex moved across the ring: a bow-tie, not valid; not taken for the disc.
  MultiPolygon crossed = disc;
  std::swap(crossed.polygons[0].outer[10], crossed.polygons[0].outer[60]);
  ASSERT_FALSE(geos_valid(crossed));
  EXPECT_FALSE(geom::proven_valid(crossed));
  EXPECT_FALSE(geom::proven_valid(crossed));
  // The last bit of one coordinate: another polygon, still valid.
  MultiPolygon nudged = disc;
  nudged.polygons[0].outer[5].x = std::nextafter(nudged.polygons[0].outer[5].x, 0.0);
  EXPECT_TRUE(geom::proven_valid(nudged));
  // The same vertices as two polygons of 50 (each closed): a different content.
  MultiPolygon halves;
  for (int k = 0; k < 2; ++k) {
    Ring half(ring.begin() + 50 * k, ring.begin() + 50 * k + 50);
    half.push_back(half.front());
    halves.polygons.push_back(Polygon{half, {}});
  }
  EXPECT_EQ(geom::proven_valid(halves), geos_valid(halves));
}

}  // namespace
}  // namespace reserve
