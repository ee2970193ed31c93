// The conflict footprint of 不以调代改 by connected components (rules/conflict_footprint.hpp)
// against the straightforward computation (one GEOS union of every buffer, then overlays with the
// whole reserve and the whole changed land) and against Shapely.
//
// Layout (metres from an origin; the same scaled to degrees for the lon/lat case): a 1000 m square
// reserve with a hole [600, 800]²; conflict features buffered by 50 m (16 segments per quarter
// circle, as the rule does): two points 60 m apart (overlapping buffers), a point 20 m inside the
// north edge (its buffer crosses the boundary), a line, a square [650, 750]² in the hole (its
// buffer touches the hole's edges along segments and takes in no land), a square crossing the east
// edge, and a point far outside. The changed land is the strip y ∈ [0, 300].
// Expected areas: Shapely 1.8.5 on GEOS 3.11.1, run by /usr/bin/python3 (the script is
// quoted at the end of this file): unary_union(buffers) ∩ reserve, and that ∩ changed.
#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <random>

#include "geom/geos.hpp"
#include "reserve/geometry.hpp"
#include "rules/conflict_footprint.hpp"

namespace reserve {
namespace {

struct Layout {
  geom::GeomPtr reserve, changed;
  std::vector<geom::GeomPtr> buffers;
};

Layout layout(double ox, double oy, double k) {
  auto* h = geom::context();
  const auto P = [&](double x, double y) { return Point{ox + k * x, oy + k * y}; };
  const auto box = [&](double x0, double y0, double x1, double y1) {
    return Polygon{{P(x0, y0), P(x1, y0), P(x1, y1), P(x0, y1), P(x0, y0)}, {}};
  };
  Layout out;
  Polygon reserve = box(0, 0, 1000, 1000);
  reserve.holes.push_back({P(600, 600), P(600, 800), P(800, 800), P(800, 600), P(600, 600)});
  out.reserve = geom::to_geos(reserve);
  out.changed = geom::to_geos(box(0, 0, 1000, 300));
  std::vector<geom::GeomPtr> features;
  features.push_back(geom::to_geos(P(200, 200)));
  features.push_back(geom::to_geos(P(260, 200)));
  features.push_back(geom::to_geos(P(500, 980)));
  features.push_back(geom::to_geos(LineString{P(100, 500), P(400, 500)}));
  features.push_back(geom::to_geos(box(650, 650, 750, 750)));
  features.push_back(geom::to_geos(box(900, 100, 1100, 300)));
  features.push_back(geom::to_geos(P(2000, 2000)));
  for (const auto& f : features)
    out.buffers.push_back(geom::check(GEOSBuffer_r(h, f.get(), 50.0 * k, 16), "buffer"));
  return out;
}

std::vector<geom::GeomPtr> clones(const std::vector<geom::GeomPtr>& v) {
  std::vector<geom::GeomPtr> out;
  for (const auto& g : v)
    out.push_back(geom::check(GEOSGeom_clone_r(geom::context(), g.get()), "c"));
  return out;
}

struct Figures {
  double footprint = 0.0, in_changed = 0.0;
};

// The rule's computation: components, each met with the reserve, then with the changed land.
Figures by_components(const Layout& l) {
  auto* h = geom::context();
  const geom::GeomPtr fp = rules::footprint_in(clones(l.buffers), l.reserve.get());
  EXPECT_EQ(GEOSisValid_r(h, fp.get()), 1);
  EXPECT_EQ(GEOSGeomTypeId_r(h, fp.get()), GEOS_MULTIPOLYGON);
  const rules::LargeOperand changed(l.changed.get());
  std::vector<geom::GeomPtr> in_changed;
  for (int i = 0; i < GEOSGetNumGeometries_r(h, fp.get()); ++i)
    in_changed.push_back(changed.intersection(GEOSGetGeometryN_r(h, fp.get(), i)));
  return {geom::planar_area(fp.get()),
          geom::planar_area(rules::collect_polygons(in_changed).get())};
}

// The straightforward one: one union of everything, overlays with the whole operands.
Figures global_union(const Layout& l) {
  auto* h = geom::context();
  const geom::GeomPtr all = geom::unite_all(clones(l.buffers));
  const geom::GeomPtr fp = geom::check(GEOSIntersection_r(h, all.get(), l.reserve.get()), "∩");
  const geom::GeomPtr in = geom::check(GEOSIntersection_r(h, fp.get(), l.changed.get()), "∩");
  return {geom::planar_area(fp.get()), geom::planar_area(in.get())};
}

TEST(ConflictFootprint, ComponentsGiveTheGlobalUnionsLandInAProjectedCrs) {
  const Layout l = layout(500000.0, 3000000.0, 1.0);
  // Hand count: the two overlapping point buffers are one component, the other five one each.
  EXPECT_EQ(rules::union_by_component(clones(l.buffers)).size(), 6u);
  const Figures fast = by_components(l), plain = global_union(l);
  EXPECT_NEAR(fast.footprint, 101080.11905465343, 1e-6);   // m², Shapely
  EXPECT_NEAR(fast.in_changed, 50414.026978908252, 1e-6);  // m², Shapely
  EXPECT_NEAR(fast.footprint, plain.footprint, 1e-9 * plain.footprint);
  EXPECT_NEAR(fast.in_changed, plain.in_changed, 1e-9 * plain.in_changed);
}

TEST(ConflictFootprint, ComponentsGiveTheGlobalUnionsLandInLonLat) {
  // 1e-5 degree per metre of the layout near 116° E, 40° N: planar areas in square degrees.
  const Layout l = layout(116.0, 40.0, 1e-5);
  EXPECT_EQ(rules::union_by_component(clones(l.buffers)).size(), 6u);
  const Figures fast = by_components(l), plain = global_union(l);
  EXPECT_NEAR(fast.footprint, 1.0108011905520241e-05, 1e-15);   // deg², Shapely
  EXPECT_NEAR(fast.in_changed, 5.0414026979230377e-06, 1e-15);  // deg², Shapely
  EXPECT_NEAR(fast.footprint, plain.footprint, 1e-9 * plain.footprint);
  EXPECT_NEAR(fast.in_changed, plain.in_changed, 1e-9 * plain.in_changed);
}

// Unbuffered polygons (distance_m = 0): squares touching only at a corner are one component (they
// have a point in common); their union is then two polygons, which GEOS keeps apart.
TEST(ConflictFootprint, PolygonsTouchingAtACornerOrAnEdgeAreOneComponent) {
  const auto sq = [](double x0, double y0, double x1, double y1) {
    return geom::to_geos(Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}, {}});
  };
  std::vector<geom::GeomPtr> corner;
  corner.push_back(sq(100, 800, 200, 900));
  corner.push_back(sq(200, 900, 300, 1000));
  corner.push_back(sq(500, 100, 550, 150));
  const auto parts = rules::union_by_component(clones(corner));
  ASSERT_EQ(parts.size(), 2u);  // hand: {corner pair}, {apart}
  EXPECT_DOUBLE_EQ(geom::planar_area(rules::collect_polygons(parts).get()), 22500.0);  // Shapely
  std::vector<geom::GeomPtr> edge = clones(corner);
  edge.push_back(sq(200, 800, 300, 900));  // shares an edge with each of the corner pair
  const auto joined = rules::union_by_component(std::move(edge));
  ASSERT_EQ(joined.size(), 2u);
  EXPECT_DOUBLE_EQ(geom::planar_area(rules::collect_polygons(joined).get()), 32500.0);  // Shapely
  const geom::GeomPtr reserve = sq(0, 0, 1000, 1000);
  EXPECT_DOUBLE_EQ(geom::planar_area(rules::footprint_in(clones(corner), reserve.get()).get()),
                   22500.0);  // all inside: hand
}

// A large operand is clipped from its tiles (LargeOperand::kTiledVertices) instead of whole; the
// land must be the same as GEOS's intersection with the whole operand. The operand: a wavy ring
// (radius 10 km ± 300 m, 6,000 vertices) with a wavy hole (radius 3 km ± 200 m, 2,000 vertices)
// and a second polygon to its east, so that polygons cross the outer boundary, the hole's boundary
// and tile borders, lie inside, in the hole and apart. Each 50 m point buffer on a 450 m lattice
// is intersected three ways: with the fast paths (tiles, the boundary's index), without them
// (LargeOperand(…, false)) and by GEOSIntersection with the whole operand (the reference).
void expect_tiles_give_the_whole_operands_land(double ox, double oy, double k, bool tiles_used) {
  auto* h = geom::context();
  const auto wavy = [&](double r, double wave, int n, double cx, double cy) {
    Ring ring;
    for (int i = 0; i < n; ++i) {
      const double a = 2.0 * 3.14159265358979323846 * i / n;
      const double rr = r + wave * std::sin(37.0 * a);
      ring.push_back(Point{ox + k * (cx + rr * std::cos(a)), oy + k * (cy + rr * std::sin(a))});
    }
    ring.push_back(ring.front());
    return ring;
  };
  MultiPolygon mp;
  mp.polygons.push_back(Polygon{wavy(10000, 300, 6000, 0, 0), {wavy(3000, 200, 2000, 0, 0)}});
  mp.polygons.push_back(Polygon{wavy(2000, 100, 800, 14000, 0), {}});
  const geom::GeomPtr operand = geom::to_geos(mp);
  ASSERT_EQ(GEOSisValid_r(h, operand.get()), 1);
  const rules::LargeOperand tiled(operand.get()), whole(operand.get(), false);
  double tiled_sum = 0.0, reference_sum = 0.0;
  int crossing = 0, returned_itself = 0;
  for (double y = -11000; y <= 11000; y += 450)
    for (double x = -11000; x <= 16500; x += 450) {
      const geom::GeomPtr p = geom::to_geos(Point{ox + k * x, oy + k * y});
      const geom::GeomPtr disc = geom::check(GEOSBuffer_r(h, p.get(), 50.0 * k, 16), "buffer");
      const geom::GeomPtr a = tiled.intersection(disc.get());
      const geom::GeomPtr b = whole.intersection(disc.get());
      const geom::GeomPtr c =
          geom::check(GEOSIntersection_r(h, disc.get(), operand.get()), "reference");
      const double area_a = geom::planar_area(a.get()), area_c = geom::planar_area(c.get());
      const double disc_area = geom::planar_area(disc.get());
      EXPECT_EQ(GEOSisValid_r(h, a.get()), 1);
      // 1e-9 of the disc's area (m², or deg² in lon/lat): rounding only.
      EXPECT_NEAR(area_a, area_c, 1e-9 * disc_area) << x << ", " << y;
      EXPECT_NEAR(geom::planar_area(b.get()), area_c, 1e-9 * disc_area) << x << ", " << y;
      if (area_c > 0.0 && area_c < disc_area * (1.0 - 1e-9)) ++crossing;
      // The consuming form: the same land; a disc wholly inside comes back itself.
      GEOSGeometry* given = GEOSGeom_clone_r(h, disc.get());
      const geom::GeomPtr owned = tiled.intersection(geom::GeomPtr(given));
      EXPECT_EQ(geom::planar_area(owned.get()), area_a) << x << ", " << y;
      if (owned.get() == given) {
        ++returned_itself;
        EXPECT_EQ(area_a, disc_area) << x << ", " << y;
      }
      tiled_sum += area_a;
      reference_sum += area_c;
    }
  EXPECT_NEAR(tiled_sum, reference_sum, 1e-9 * reference_sum);
  // The fast path ran, on polygons crossing a boundary (hand count is not needed: the lattice
  // crosses each wavy ring's ~60 km, ~19 km and ~12.6 km of boundary many times).
  EXPECT_GT(crossing, 50);
  EXPECT_GT(returned_itself, 100);
  if (tiles_used)
    EXPECT_GT(tiled.cuts_from_tiles(), 50u);
  else
    EXPECT_EQ(tiled.cuts_from_tiles(), 0u);
  EXPECT_EQ(whole.cuts_from_tiles(), 0u);
  // Most discs lie wholly inside, in the hole or outside: settled by the boundary's index.
  EXPECT_GT(tiled.settled_clear_of_boundary(), 1000u);
  EXPECT_EQ(whole.settled_clear_of_boundary(), 0u);
}

TEST(ConflictFootprint, TilesOfALargeOperandGiveTheWholeOperandsLandInAProjectedCrs) {
  expect_tiles_give_the_whole_operands_land(500000.0, 3000000.0, 1.0, true);
}

TEST(ConflictFootprint, TilesOfALargeOperandGiveTheWholeOperandsLandInLonLat) {
  // The cut's margin includes one CRS unit (1° here), wider than any tile of this 0.3° operand:
  // every cut comes from the whole operand, and the land is still GEOS's.
  expect_tiles_give_the_whole_operands_land(116.0, 40.0, 1e-5, false);
}

// Point buffers declared as discs (union_by_component's shortcuts) against the same buffers
// without the declaration (every pair decided by GEOSIntersects, every lone shape validated). Pairs
// of points are placed at centre distances from 0.99 to 1.01 times the radii's sum, in steps of
// 0.0002, in random directions: below cos(π/64) ≈ 0.99759 the shortcut joins them, above 1 it
// keeps them apart, and in between GEOS decides (two 64-gons facing each other with edges or
// vertices). Mixed with a polygon buffer that swallows some discs. The components and their land
// must be the same.
void expect_disc_shortcuts_give_geos_components(double ox, double oy, double k) {
  auto* h = geom::context();
  std::mt19937_64 rng(7);
  const auto unit = [&] { return static_cast<double>(rng() >> 11) * 0x1.0p-53; };
  const double d = 50.0 * k;
  std::vector<geom::GeomPtr> shapes;
  std::vector<std::optional<rules::Disc>> discs;
  const auto add_point = [&](Point p) {
    const geom::GeomPtr g = geom::to_geos(p);
    shapes.push_back(geom::check(GEOSBuffer_r(h, g.get(), d, 16), "buffer"));
    discs.push_back(rules::Disc{p, d});
  };
  for (int i = 0; i <= 100; ++i) {
    const double dist = 2.0 * d * (0.99 + 0.0002 * i);
    const double a = 2.0 * 3.14159265358979323846 * unit();
    const Point p{ox + k * 400.0 * i, oy};
    add_point(p);
    add_point(Point{p.x + dist * std::cos(a), p.y + dist * std::sin(a)});
  }
  // A polygon (not a disc) over the first pairs.
  const geom::GeomPtr square = geom::to_geos(Polygon{{{ox - k * 100, oy - k * 100},
                                                      {ox + k * 1300, oy - k * 100},
                                                      {ox + k * 1300, oy + k * 100},
                                                      {ox - k * 100, oy + k * 100},
                                                      {ox - k * 100, oy - k * 100}},
                                                     {}});
  shapes.push_back(geom::check(GEOSBuffer_r(h, square.get(), d, 16), "buffer"));
  discs.push_back(std::nullopt);
  // Discs against a polygon: a rectangle buffered by d has a straight north side at y = 200 + d
  // (x from 0 to 2000). Centres north of it at 0.99 to 1.01 times the radius from that side (the
  // disc and the polygon settled by the shortcut below cos(π/64) and above 1, by GEOS between),
  // centres inside it, and centres off its rounded corners.
  const double y0 = 2000.0;
  const geom::GeomPtr block = geom::to_geos(Polygon{{{ox, oy + k * y0},
                                                     {ox + k * 2000, oy + k * y0},
                                                     {ox + k * 2000, oy + k * (y0 + 200)},
                                                     {ox, oy + k * (y0 + 200)},
                                                     {ox, oy + k * y0}},
                                                    {}});
  shapes.push_back(geom::check(GEOSBuffer_r(h, block.get(), d, 16), "buffer"));
  discs.push_back(std::nullopt);
  for (int i = 0; i <= 100; ++i)
    add_point(Point{ox + k * 19.0 * i, oy + k * (y0 + 200) + d + d * (0.99 + 0.0002 * i)});
  for (int i = 0; i < 10; ++i) add_point(Point{ox + k * 200.0 * i, oy + k * (y0 + 100)});
  for (int i = 0; i <= 20; ++i) {  // off the north-east corner, along its diagonal
    const double r = d + d * (0.99 + 0.001 * i);
    add_point(Point{ox + k * 2000 + r * std::sqrt(0.5), oy + k * (y0 + 200) + r * std::sqrt(0.5)});
  }
  const auto fast = rules::union_by_component(clones(shapes), discs);
  const auto plain = rules::union_by_component(clones(shapes));
  ASSERT_EQ(fast.size(), plain.size());
  // Of 101 pairs, those below cos(π/64) (38) meet for sure, those above 1 (50) do not; of the
  // 122 discs round the block, those north of it above 1 (50) and off its corner beyond the
  // circle stay apart.
  EXPECT_GT(plain.size(), 100u);
  EXPECT_LT(plain.size(), 202u - 38u + 122u);
  for (std::size_t i = 0; i < fast.size(); ++i) {
    const double a = geom::planar_area(fast[i].get()), b = geom::planar_area(plain[i].get());
    EXPECT_NEAR(a, b, 1e-9 * b) << i;  // m² (deg² in lon/lat): the same components
  }
}

TEST(ConflictFootprint, DiscShortcutsGiveGeosComponentsInAProjectedCrs) {
  expect_disc_shortcuts_give_geos_components(500000.0, 3000000.0, 1.0);
}

TEST(ConflictFootprint, DiscShortcutsGiveGeosComponentsInLonLat) {
  expect_disc_shortcuts_give_geos_components(116.0, 40.0, 1e-5);
}

// GEOS's buffer of a point is what union_by_component's disc shortcuts assume: 64 vertices (and
// the closing one) at the radius from the point (to rounding).
TEST(ConflictFootprint, APointBufferIsARegular64GonOnTheCircle) {
  auto* h = geom::context();
  const Point c{523456.25, 3012345.5};
  const geom::GeomPtr p = geom::to_geos(c);
  const geom::GeomPtr b = geom::check(GEOSBuffer_r(h, p.get(), 100.0, 16), "buffer");
  const MultiPolygon mp = geom::polygons_from_geos(b.get());
  ASSERT_EQ(mp.polygons.size(), 1u);
  EXPECT_TRUE(mp.polygons[0].holes.empty());
  ASSERT_EQ(mp.polygons[0].outer.size(), 65u);
  for (const Point& q : mp.polygons[0].outer)
    EXPECT_NEAR(std::hypot(q.x - c.x, q.y - c.y), 100.0, 1e-6);  // m
}

// Discs wholly inside a polygon buffer of their component (facilities inside a mining right) are
// left out of its union. A mining right [0, 400] × [0, 200] m buffered by 50 m (straight sides at
// x = −50, x = 450, y = −50, y = 250) and points buffered by 30 m. By hand, the circles round
// (100, 100), (300, 60) and (390, 100) are 150, 110 and 60 m from the nearest side: inside; the one
// round (440, 100), 10 m from x = 450, crosses it. Expected: with only the inside discs, the
// component's land is the mining right's buffer itself, vertex for vertex; with the crossing disc,
// the land of GEOS's union of all (discs undeclared: nothing left out), to 1e-9 relative.
void expect_discs_inside_a_buffer_are_left_out(double ox, double oy, double k) {
  auto* h = geom::context();
  const auto P = [&](double x, double y) { return Point{ox + k * x, oy + k * y}; };
  const geom::GeomPtr right =
      geom::to_geos(Polygon{{P(0, 0), P(400, 0), P(400, 200), P(0, 200), P(0, 0)}, {}});
  const geom::GeomPtr right_buffer =
      geom::check(GEOSBuffer_r(h, right.get(), 50.0 * k, 16), "buffer");
  const auto with_points = [&](const std::vector<Point>& points) {
    std::vector<geom::GeomPtr> shapes;
    std::vector<std::optional<rules::Disc>> discs;
    shapes.push_back(geom::check(GEOSGeom_clone_r(h, right_buffer.get()), "clone"));
    discs.push_back(std::nullopt);
    for (const Point& p : points) {
      const geom::GeomPtr g = geom::to_geos(p);
      shapes.push_back(geom::check(GEOSBuffer_r(h, g.get(), 30.0 * k, 16), "buffer"));
      discs.push_back(rules::Disc{p, 30.0 * k});
    }
    return std::pair(std::move(shapes), std::move(discs));
  };
  auto [inside, inside_discs] = with_points({P(100, 100), P(300, 60), P(390, 100)});
  const auto kept = rules::union_by_component(std::move(inside), inside_discs);
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(GEOSEqualsExact_r(h, kept[0].get(), right_buffer.get(), 0.0), 1);
  auto [crossing, crossing_discs] = with_points({P(100, 100), P(300, 60), P(440, 100)});
  const auto fast = rules::union_by_component(clones(crossing), crossing_discs);
  const auto plain = rules::union_by_component(clones(crossing));
  ASSERT_EQ(fast.size(), 1u);
  ASSERT_EQ(plain.size(), 1u);
  const double a = geom::planar_area(fast[0].get()), b = geom::planar_area(plain[0].get());
  EXPECT_NEAR(a, b, 1e-9 * b);
  EXPECT_GT(a, geom::planar_area(right_buffer.get()));  // the crossing disc adds land
}

TEST(ConflictFootprint, DiscsInsideAPolygonBufferAreLeftOutInAProjectedCrs) {
  expect_discs_inside_a_buffer_are_left_out(500000.0, 3000000.0, 1.0);
}

TEST(ConflictFootprint, DiscsInsideAPolygonBufferAreLeftOutInLonLat) {
  expect_discs_inside_a_buffer_are_left_out(116.0, 40.0, 1e-5);
}

TEST(ConflictFootprint, CollectingConsumedPartsGivesTheCopiesPolygonsAndKeepsLonePolygons) {
  auto* h = geom::context();
  const auto square = [](double x0, double y0, double side) {
    return Polygon{{{x0, y0}, {x0 + side, y0}, {x0 + side, y0 + side}, {x0, y0 + side}, {x0, y0}},
                   {}};
  };
  MultiPolygon two;
  two.polygons = {square(10, 0, 2), square(20, 0, 3)};
  std::vector<geom::GeomPtr> parts;
  parts.push_back(geom::to_geos(square(0, 0, 1)));
  parts.push_back(geom::to_geos(two));
  parts.push_back(geom::check(GEOSGeom_createEmptyPolygon_r(h), "empty"));
  const GEOSGeometry* lone = parts.front().get();
  const geom::GeomPtr copied = rules::collect_polygons(parts);
  const geom::GeomPtr consumed = rules::collect_polygons(std::move(parts));
  EXPECT_TRUE(parts.empty());
  ASSERT_EQ(GEOSGetNumGeometries_r(h, consumed.get()), 3);
  EXPECT_EQ(GEOSGetGeometryN_r(h, consumed.get(), 0), lone);  // in itself, not a copy
  EXPECT_EQ(GEOSEqualsExact_r(h, copied.get(), consumed.get(), 0.0), 1);
  EXPECT_EQ(geom::planar_area(consumed.get()), 1.0 + 4.0 + 9.0);  // 1² + 2² + 3²
}

TEST(ConflictFootprint, NoShapesGiveAnEmptyFootprint) {
  const Layout l = layout(0.0, 0.0, 1.0);
  const geom::GeomPtr fp = rules::footprint_in({}, l.reserve.get());
  EXPECT_TRUE(geom::is_empty(fp.get()));
}

}  // namespace
}  // namespace reserve

// /tmp/noadj_expected.py, run with /usr/bin/python3 (Shapely 1.8.5, GEOS 3.11.1):
//   def layout(ox, oy, k, d):
//       P = lambda x, y: (ox + k * x, oy + k * y)
//       reserve = Polygon([P(0,0), P(1000,0), P(1000,1000), P(0,1000)],
//                         [[P(600,600), P(800,600), P(800,800), P(600,800)]])
//       shapes = [Point(P(200,200)), Point(P(260,200)), Point(P(500,980)),
//                 LineString([P(100,500), P(400,500)]), box(*P(650,650), *P(750,750)),
//                 box(*P(900,100), *P(1100,300)), Point(P(2000,2000))]
//       bufs = [s.buffer(k * d, 16) for s in shapes]
//       fp = unary_union(bufs).intersection(reserve)
//       return fp.area, fp.intersection(box(*P(0,0), *P(1000,300))).area
//   layout(500000, 3000000, 1.0, 50.0) → 101080.11905465343, 50414.026978908252
//   layout(116.0, 40.0, 1e-5, 50.0)    → 1.0108011905520241e-05, 5.0414026979230377e-06
//   unary_union of the squares: corner pair + apart 22500; with the edge square 32500.
