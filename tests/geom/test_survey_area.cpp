// The survey area method (图斑椭球面积, 国土调查办发〔2008〕32号) against independent references:
// (all run once with tests/geom/survey_area_reference.py)
// - map-sheet theoretical areas: the exact closed form of an ellipsoidal quadrangle (authalic
//   q function, implemented here independently of the document's series) and pyproj 3.4
//   Geod(ellps='GRS80').polygon_area_perimeter on the sheet boundary densified along its
//   parallels (2000–8000 points per edge), run once; GRS80 = CGCS2000 (a = 6378137 m,
//   f = 1/298.257222101). The stored copies of the document that we found give the formula and
//   the constants but no worked sheet areas, so these are the reference;
// - Gauss–Krüger polygons: pyproj Transformer EPSG:4544→4490 of the boundary densified to 1 m in
//   the plane, then Geod(ellps='GRS80') — the ellipsoidal area of the region whose edges are
//   straight in the Gauss–Krüger plane, which is what the survey method measures.
#include <gtest/gtest.h>

#include <cmath>

#include "geom/survey_area.hpp"
#include "reserve/area.hpp"
#include "reserve/crs.hpp"
#include "reserve/error.hpp"

namespace reserve {
namespace {

constexpr double kA = 6378137.0;
constexpr double kF = 1.0 / 298.257222101;
constexpr double kRad = 3.14159265358979323846 / 180.0;

// Exact area between the equator and latitude phi per radian of longitude is b²/2 · q(phi), with
// q(phi) = sin phi / (1 − e² sin² phi) + 1/(2e) · ln((1 + e sin phi) / (1 − e sin phi))
// (the authalic-latitude integral; e.g. Snyder, Map Projections — A Working Manual, eq. 3-12).
double closed_form_quadrangle_m2(double lon0, double lon1, double lat0, double lat1) {
  const double b = kA * (1.0 - kF), e2 = kF * (2.0 - kF), e = std::sqrt(e2);
  auto q = [&](double lat_deg) {
    const double s = std::sin(lat_deg * kRad);
    return s / (1.0 - e2 * s * s) + std::log((1.0 + e * s) / (1.0 - e * s)) / (2.0 * e);
  };
  return b * b * (lon1 - lon0) * kRad / 2.0 * (q(lat1) - q(lat0));
}

Ring lonlat_rect(double lon0, double lat0, double lon1, double lat1) {
  return {{lon0, lat0}, {lon1, lat0}, {lon1, lat1}, {lon0, lat1}, {lon0, lat0}};
}

struct Sheet {
  const char* name;
  double lon0, lat0, dlon_deg, dlat_deg;
  double pyproj_m2;  // pyproj Geod(ellps='GRS80') on the densified boundary
};

// Standard sheets of the national series: 1:10 000 = 3′45″ × 2′30″, 1:50 000 = 15′ × 10′,
// 1:1 000 000 = 6° × 4° (sheet J-50).
const Sheet kSheets[] = {
    {"1:10000 at 40N", 116.0, 40.0, 3.75 / 60, 2.5 / 60, 24684446.24253},
    {"1:10000 at 22N", 102.0, 22.0, 3.75 / 60, 2.5 / 60, 29772406.03860},
    {"1:50000 at 30N", 111.0, 30.0, 15.0 / 60, 10.0 / 60, 445288499.5057},
    {"1:1000000 J-50", 114.0, 36.0, 6.0, 4.0, 233930090078.7},
};

// Formula (2) summed over the sheet's edges is exact for a quadrangle bounded by meridians and
// parallels, up to the series' truncation (terms of order e¹⁰ ≈ 1e-11 relative). Tolerance:
// 1e-11 relative + 1e-4 m² against the closed form; 1e-10 relative + 0.01 m² against pyproj
// (its densified parallels carry that much).
TEST(SurveyArea, MapSheetTheoreticalAreasMatchTheClosedFormAndPyproj) {
  const geom::SurveySeries s = geom::survey_series(kA, kF);
  for (const Sheet& sh : kSheets) {
    const double lon1 = sh.lon0 + sh.dlon_deg, lat1 = sh.lat0 + sh.dlat_deg;
    const double exact = closed_form_quadrangle_m2(sh.lon0, lon1, sh.lat0, lat1);
    const double trapezoid =
        geom::survey_trapezoid_m2(s, sh.dlon_deg * kRad, sh.lat0 * kRad, lat1 * kRad);
    EXPECT_NEAR(trapezoid, exact, 1e-11 * exact + 1e-4) << sh.name;
    EXPECT_NEAR(trapezoid, sh.pyproj_m2, 1e-10 * sh.pyproj_m2 + 0.01) << sh.name;
    const double ring =
        geom::signed_survey_ring_area_m2(s, lonlat_rect(sh.lon0, sh.lat0, lon1, lat1));
    EXPECT_NEAR(ring, exact, 1e-11 * exact + 1e-4) << sh.name;
  }
}

TEST(SurveyArea, RingAreaIsSignedByOrientationAndIgnoresTheClosingPoint) {
  const geom::SurveySeries s = geom::survey_series(kA, kF);
  const Ring ccw = lonlat_rect(116.0, 40.0, 116.0625, 40.0 + 2.5 / 60);
  const double expected = 24684446.24253;  // pyproj, as above
  EXPECT_NEAR(geom::signed_survey_ring_area_m2(s, ccw), expected, 0.01);
  EXPECT_NEAR(geom::signed_survey_ring_area_m2(s, Ring(ccw.rbegin(), ccw.rend())), -expected, 0.01);
  EXPECT_NEAR(geom::signed_survey_ring_area_m2(s, Ring(ccw.begin(), ccw.end() - 1)), expected,
              0.01);
  EXPECT_EQ(geom::signed_survey_ring_area_m2(s, Ring{{116, 40}, {116.1, 40.1}}), 0.0);
}

// The series constants for CGCS2000 by hand: e² = f(2 − f) = 0.006694380022900788; then
// A = 1 + e²/2 + 3/8 e⁴ + 5/16 e⁶ + 35/128 e⁸ = 1.003364089834193, B = e²/6 + 3/16 e⁴ + …
// = 0.0011241893819271245, C = 3/80 e⁴ + … = 1.6994594735189056e-6 (python3 fractions.Fraction
// with the document's coefficients, run once).
TEST(SurveyArea, SeriesConstantsForCgcs2000) {
  const geom::SurveySeries s = geom::survey_series(kA, kF);
  EXPECT_NEAR(s.b_m, 6356752.314140356, 1e-6);  // GRS80 semi-minor axis (Moritz 1980), 1 µm
  EXPECT_NEAR(s.A, 1.003364089834193, 1e-15);
  EXPECT_NEAR(s.B, 0.0011241893819271245, 1e-16);  // rounding of the double sums
  EXPECT_NEAR(s.C, 1.6994594735189056e-6, 1e-19);
}

// A lon/lat sheet through the public calculator: edges along meridians and parallels gain
// vertices every 0.0005° but stay on them, so the area is the sheet's theoretical area.
TEST(SurveyArea, CalculatorOnGeographicCgcs2000GivesTheSheetArea) {
  const AreaCalculator calc(Crs::from_epsg(4490), AreaMethod::survey);
  EXPECT_EQ(calc.method(), AreaMethod::survey);
  const Ring sheet = lonlat_rect(111.0, 30.0, 111.25, 30.0 + 10.0 / 60);
  EXPECT_NEAR(calc.area_m2(Polygon{sheet, {}}), 445288499.5057, 0.01);
}

// A triangle of 20 km sides 150–170 km east of the central meridian of EPSG:4544 (105°E), where
// Gauss–Krüger-straight edges and geodesics part most. References (pyproj, as in the header):
// survey-like (1 m densified) 199873617.890 m² (0.5 m: …893, 5 m: …888 — ±0.005 m² of noise);
// geodesic 199873822.932 m². So on this triangle the survey area is 205.04 m² (1.0e-6) below
// the geodesic one, and 126382 m² below the planar 2e8 m² (GK scale factor). Tolerance 0.1 m²
// (5e-10): the bound of geom/survey_area.hpp at its 10 m step is ≤ 0.003 m² per km, ≤ 0.18 m² on
// these 60 km of boundary (at 50 m this test was 0.53 m² off, as that bound predicts).
TEST(SurveyArea, GaussKrugerTriangleHasStraightPlaneEdges) {
  const Crs crs = Crs::from_epsg(4544);
  const Polygon tri{{{650000, 3000000}, {670000, 3000000}, {660000, 3020000}, {650000, 3000000}},
                    {}};
  const double survey = AreaCalculator(crs, AreaMethod::survey).area_m2(tri);
  const double geodesic = AreaCalculator(crs, AreaMethod::geodesic).area_m2(tri);
  EXPECT_NEAR(survey, 199873617.890, 0.1);
  EXPECT_NEAR(geodesic - survey, 199873822.932 - 199873617.890, 0.1);
}

TEST(SurveyArea, HolesSubtractAndLengthFollowsTheDensifiedLine) {
  const Crs crs = Crs::from_epsg(4544);
  const AreaCalculator survey(crs, AreaMethod::survey);
  const AreaCalculator geodesic(crs, AreaMethod::geodesic);
  // A 1 km square with a 200 m hole, 65 km east of the central meridian. pyproj (survey-like,
  // 1 m and 0.5 m densification): 959898.50039 m²; geodesic edges: 959898.50243 m² (geodesic's
  // own figure for the square alone is checked in test_area.cpp). The Gauss–Krüger-straight
  // edges bulge by ~2e-4 m against the geodesics here, and the opposite edges nearly cancel:
  // survey − geodesic = −0.0020 m². Tolerance 0.0005 m² (5e-10 relative).
  const Polygon square{{{565000, 3736000},
                        {566000, 3736000},
                        {566000, 3737000},
                        {565000, 3737000},
                        {565000, 3736000}},
                       {{{565400, 3736400},
                         {565400, 3736600},
                         {565600, 3736600},
                         {565600, 3736400},
                         {565400, 3736400}}}};
  EXPECT_NEAR(survey.area_m2(square), 959898.50039, 0.0005);
  EXPECT_NEAR(survey.area_m2(square) - geodesic.area_m2(square), -0.0020, 0.0005);
  const LineString line{{565000, 3736000}, {566000, 3736000}};
  EXPECT_NEAR(survey.length_m(line), geodesic.length_m(line), 1e-6);  // 1 µm on 1 km
}

TEST(SurveyArea, MethodNamesRoundTrip) {
  EXPECT_STREQ(to_string(AreaMethod::survey), "survey");
  EXPECT_EQ(area_method_from_string("survey"), AreaMethod::survey);
  EXPECT_THROW(area_method_from_string("ellipsoidal"), UsageError);
}

}  // namespace
}  // namespace reserve
