// 图斑椭球面积 as 国土调查办发〔2008〕32号 defines it. Formula (2) of the document, for the
// trapezoid between latitudes B1, B2 and longitude difference ΔL (radians):
//   S = 2 b² ΔL [ A sin(½(B2−B1)) cos Bm − B sin(3/2(B2−B1)) cos 3Bm + C sin(5/2(B2−B1)) cos 5Bm
//                 − D sin(7/2(B2−B1)) cos 7Bm + E sin(9/2(B2−B1)) cos 9Bm ],  Bm = (B1+B2)/2,
//   e² = (a²−b²)/a²,
//   A = 1 + (3/6)e² + (30/80)e⁴ + (35/112)e⁶ + (630/2304)e⁸
//   B =     (1/6)e² + (15/80)e⁴ + (21/112)e⁶ + (420/2304)e⁸
//   C =               (3/80)e⁴  + (7/112)e⁶  + (180/2304)e⁸
//   D =                            (1/112)e⁶  + (45/2304)e⁸
//   E =                                          (5/2304)e⁸
// (text as published, e.g. http://lyg148.com/showinfo.asp?id=3291 and
// http://ask.fsou.com/html/text/chl/1615/161599_1.html). It is the integral of M·N·cos B over
// the latitude span with (1 − e² sin²B)⁻² expanded to e⁸; the truncation error is of order e¹⁰
// ≈ 1e-11 relative. The document's own Gauss–Krüger inverse series (section 三) is replaced by
// PROJ's transverse Mercator inverse (AreaCalculator), which is accurate to far below its
// 0.0001″ rounding of B and L.
#include "geom/survey_area.hpp"

#include <cmath>

namespace reserve::geom {

SurveySeries survey_series(double a_m, double f) {
  SurveySeries s;
  s.b_m = a_m * (1.0 - f);
  const double e2 = (a_m * a_m - s.b_m * s.b_m) / (a_m * a_m);
  const double e4 = e2 * e2, e6 = e4 * e2, e8 = e4 * e4;
  s.A = 1.0 + 3.0 / 6.0 * e2 + 30.0 / 80.0 * e4 + 35.0 / 112.0 * e6 + 630.0 / 2304.0 * e8;
  s.B = 1.0 / 6.0 * e2 + 15.0 / 80.0 * e4 + 21.0 / 112.0 * e6 + 420.0 / 2304.0 * e8;
  s.C = 3.0 / 80.0 * e4 + 7.0 / 112.0 * e6 + 180.0 / 2304.0 * e8;
  s.D = 1.0 / 112.0 * e6 + 45.0 / 2304.0 * e8;
  s.E = 5.0 / 2304.0 * e8;
  return s;
}

double survey_trapezoid_m2(const SurveySeries& s, double dl_rad, double b1_rad, double b2_rad) {
  const double db = b2_rad - b1_rad;
  const double bm = 0.5 * (b1_rad + b2_rad);
  const double series =
      s.A * std::sin(0.5 * db) * std::cos(bm) - s.B * std::sin(1.5 * db) * std::cos(3.0 * bm) +
      s.C * std::sin(2.5 * db) * std::cos(5.0 * bm) -
      s.D * std::sin(3.5 * db) * std::cos(7.0 * bm) + s.E * std::sin(4.5 * db) * std::cos(9.0 * bm);
  return 2.0 * s.b_m * s.b_m * dl_rad * series;
}

double signed_survey_ring_area_m2(const SurveySeries& s, const Ring& lonlat) {
  std::size_t n = lonlat.size();
  if (n > 1 && lonlat.front() == lonlat.back()) --n;
  if (n < 3) return 0.0;
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  // Longitudes from the ring's first vertex keep ΔL small, so that the large terms of distant
  // edges do not cancel in floating point.
  const double l0 = lonlat[0].x;
  double sum = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const Point& p = lonlat[i];
    const Point& q = lonlat[(i + 1) % n];
    if (p.y == q.y) continue;  // along a parallel: no latitude span, no area
    const double mean_dl = (0.5 * (p.x + q.x) - l0) * kRad;
    sum += survey_trapezoid_m2(s, mean_dl, p.y * kRad, q.y * kRad);
  }
  return sum;
}

}  // namespace reserve::geom
