// geom::append_multipolygon_wkt (the report's WKT written without GEOS) against GEOS's own WKT
// writer at the settings to_wkt used before (2D, no trimming, default precision): the text must be
// the same bytes, on coordinates where a formatter could differ (halfway cases at the 16th
// decimal, negative zero, large and tiny magnitudes, lon/lat), rings left open, holes, holes
// GEOS cannot build, several polygons.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

#include "geom/geos.hpp"
#include "geom/wkt_text.hpp"
#include "reserve/geometry.hpp"

namespace reserve {
namespace {

// The reference: GEOS's writer on the GEOS geometry (what to_wkt wrote before the direct writer).
std::string geos_wkt(const MultiPolygon& mp) {
  auto* h = geom::context();
  auto g = geom::to_geos(mp);
  GEOSWKTWriter* w = GEOSWKTWriter_create_r(h);
  GEOSWKTWriter_setOutputDimension_r(h, w, 2);
  char* text = GEOSWKTWriter_write_r(h, w, g.get());
  std::string out = text;
  GEOSFree_r(h, text);
  GEOSWKTWriter_destroy_r(h, w);
  return out;
}

std::string direct_wkt(const MultiPolygon& mp) {
  std::string out;
  EXPECT_TRUE(geom::append_multipolygon_wkt(out, mp));
  return out;
}

Ring square(double x, double y, double s, bool closed = true) {
  Ring r{{x, y}, {x + s, y}, {x + s, y + s}, {x, y + s}};
  if (closed) r.push_back(r.front());
  return r;
}

TEST(WktText, SameBytesAsGeosOnHandPickedCoordinates) {
  // 2^-17 = 0.00000762939453125 has 17 decimals ending in 5: a tie at the 16th decimal, which
  // printf (and GEOS's iostream) rounds to even.
  const double tie = std::ldexp(1.0, -17);
  const std::vector<double> values = {0.0,
                                      -0.0,
                                      tie,
                                      3 * tie,
                                      1 + tie,
                                      -5 * tie,
                                      571955.29372192407,
                                      3729058.78577934,
                                      113.26543211,
                                      23.1234567,
                                      1e-300,
                                      -1e-20,
                                      1e15 + 0.5,
                                      123456789.0,
                                      0.1,
                                      -180.0};
  for (double v : values) {
    SCOPED_TRACE(v);
    const MultiPolygon mp{{Polygon{{{v, 0.0}, {v + 1.0, v}, {v, v + 2.0}, {v, 0.0}}, {}}}};
    EXPECT_EQ(direct_wkt(mp), geos_wkt(mp));
  }
}

TEST(WktText, SameBytesAsGeosOnRandomPolygonsWithHoles) {
  std::mt19937_64 rng(20261201);
  std::uniform_real_distribution<double> metres(-1e7, 1e7), degrees(-180.0, 180.0);
  std::uniform_int_distribution<int> exponent(-30, 30);
  for (int k = 0; k < 200; ++k) {
    auto coordinate = [&] {
      switch (k % 3) {
        case 0: return metres(rng);
        case 1: return degrees(rng);
        default: return std::ldexp(degrees(rng), exponent(rng));
      }
    };
    MultiPolygon mp;
    for (int p = 0; p < 1 + k % 3; ++p) {
      Polygon poly;
      for (int i = 0; i < 5; ++i) poly.outer.push_back({coordinate(), coordinate()});
      if (k % 2) poly.outer.push_back(poly.outer.front());  // closed; else left open
      if (k % 4 == 1) poly.holes.push_back(square(coordinate(), coordinate(), 1.0, k % 8 == 1));
      mp.polygons.push_back(std::move(poly));
    }
    EXPECT_EQ(direct_wkt(mp), geos_wkt(mp)) << "case " << k;
  }
}

TEST(WktText, HolesGeosCannotBuildAreLeftOutAsByGeos) {
  // A two-point hole encloses nothing; geom::to_geos leaves it out, so the text has no ring for it.
  Polygon p{square(0, 0, 10), {square(1, 1, 2), Ring{{5, 5}, {6, 6}}, square(6, 6, 1, false)}};
  const MultiPolygon mp{{p, Polygon{square(20, 0, 1), {}}}};
  const std::string text = direct_wkt(mp);
  EXPECT_EQ(text, geos_wkt(mp));
  EXPECT_EQ(text.find("5.0000000000000000 5.0000000000000000"), std::string::npos);
}

TEST(WktText, LeavesToGeosWhatItDoesNotWrite) {
  std::string out = "kept";
  EXPECT_FALSE(geom::append_multipolygon_wkt(out, MultiPolygon{}));
  EXPECT_FALSE(
      geom::append_multipolygon_wkt(out, MultiPolygon{{Polygon{Ring{{0, 0}, {1, 1}}, {}}}}));
  EXPECT_FALSE(geom::append_multipolygon_wkt(
      out, MultiPolygon{{Polygon{{{0, 0}, {1, 0}, {NAN, 1}, {0, 0}}, {}}}}));
  EXPECT_EQ(out, "kept");
  // to_wkt still writes those through GEOS.
  EXPECT_EQ(to_wkt(MultiPolygon{}), "MULTIPOLYGON EMPTY");
}

TEST(WktText, ToWktTextParsesBackToTheSameCoordinatesAtMetreScale) {
  // Projected coordinates of 1e5..1e7 m have at least 22 significant digits with 16 decimals:
  // more than the 17 a double needs, so the text reads back bit for bit.
  const MultiPolygon mp{{Polygon{{{571955.29372192407, 3729058.7857793402},
                                  {571951.37184160866, 3729032.1952496734},
                                  {571960.58314164157, 3729015.5644620201},
                                  {571955.29372192407, 3729058.7857793402}},
                                 {}}}};
  const Geometry back = geometry_from_wkt(to_wkt(mp));
  ASSERT_EQ(back.polygons.polygons.size(), 1u);
  EXPECT_EQ(back.polygons.polygons[0].outer, mp.polygons[0].outer);
}

}  // namespace
}  // namespace reserve
