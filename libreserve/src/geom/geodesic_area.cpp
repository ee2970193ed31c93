// Geodesic ring areas: the authalic trapezoid formula for short edges, Karney for the rest
// (geom/geodesic_area.hpp states the formula and its error bound).
#include "geom/geodesic_area.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace reserve::geom {
namespace {

constexpr double kRadPerDeg = 3.14159265358979323846 / 180.0;
constexpr double kFastMaxLatDeg = 85.0;     // beyond: the whole ring by Karney
constexpr double kTruncationPerM5 = 2e-22;  // m² per m⁵ (geodesic_area.hpp)
constexpr double kMaxEdgeErrorM2 = 1e-7;    // a short edge's bound; Karney's noise is ~1e-5 m²
constexpr double kFastMaxAreaM2 = 1e13;     // larger rings by Karney (its range reduction)

// The ring without its closing point: geodesic.h closes polygons itself.
std::size_t open_size(const Ring& ring) {
  std::size_t n = ring.size();
  if (n > 1 && ring.front() == ring.back()) --n;
  return n;
}

// Neumaier's compensated sum: long rings add tens of thousands of terms of both signs.
struct CompensatedSum {
  double sum = 0.0, carry = 0.0;
  void add(double v) {
    const double t = sum + v;
    carry += std::abs(sum) >= std::abs(v) ? (sum - t) + v : (v - t) + sum;
    sum = t;
  }
  double value() const { return sum + carry; }
};

// The longitude step from u to v in (−180°, 180°], without rounding it as Karney's AngDiff does
// not: an edge across the antimeridian would otherwise lose up to half an ulp of 360° (5e-16 rad,
// 0.02 m² at 70° of latitude once multiplied by c²·y) against Karney's S12 of a long edge.
double lon_step_deg(double u, double v) {
  const double d = v - u;  // Knuth's two-sum of v and −u: d + err is exactly v − u
  const double v_part = d + u;
  const double u_part = d - v_part;
  const double err = (v - v_part) + (-u - u_part);
  return std::remainder(d, 360.0) + err;  // remainder is exact
}

// A vertex as the formula uses it.
struct Vertex {
  double lon_deg, lat_deg, sin_lat, cos_lat, y;
};

}  // namespace

GeodesicAreaEllipsoid geodesic_area_ellipsoid(double a_m, double f) {
  GeodesicAreaEllipsoid ell;
  geod_init(&ell.geod, a_m, f);
  ell.a_m = a_m;
  ell.fast = f >= 0.0 && f <= 1.0 / 250.0 && a_m > 0.0;
  ell.e2 = f * (2.0 - f);
  ell.e = std::sqrt(ell.e2);
  // q(φ) = (1 − e²)·[sin φ/(1 − e² sin² φ) + atanh(e sin φ)/e]; 2 sin φ on a sphere.
  ell.qp = ell.e > 0.0 ? (1.0 - ell.e2) * (1.0 / (1.0 - ell.e2) + std::atanh(ell.e) / ell.e) : 2.0;
  ell.c2_m2 = a_m * a_m * ell.qp / 2.0;
  ell.k = a_m * a_m * (1.0 - ell.e2) / ell.c2_m2;
  return ell;
}

double signed_karney_ring_area_m2(const geod_geodesic& g, const Ring& lonlat) {
  const std::size_t n = open_size(lonlat);
  if (n < 3) return 0.0;
  geod_polygon poly;
  geod_polygon_init(&poly, 0);
  for (std::size_t i = 0; i < n; ++i) geod_polygon_addpoint(&g, &poly, lonlat[i].y, lonlat[i].x);
  double area = 0.0, perimeter = 0.0;
  geod_polygon_compute(&g, &poly, /*reverse=*/0, /*sign=*/1, &area, &perimeter);
  return area;
}

namespace {

Vertex vertex_of(const GeodesicAreaEllipsoid& ell, const Point& p) {
  Vertex v{p.x, p.y, std::sin(p.y * kRadPerDeg), std::cos(p.y * kRadPerDeg), 0.0};
  const double s = v.sin_lat;
  v.y = ell.e > 0.0
            ? (1.0 - ell.e2) * (s / (1.0 - ell.e2 * s * s) + std::atanh(ell.e * s) / ell.e) / ell.qp
            : s;
  return v;
}

// c²·∫(y − y0) dλ along the geodesic from u to v (the area between the edge and the parallel
// of y0, eastward positive above it), by the formula when its bound allows, else by Karney.
double edge_area_m2(const GeodesicAreaEllipsoid& ell, const Vertex& u, const Vertex& v,
                    double dlon_deg, double y0) {
  const double dl = dlon_deg * kRadPerDeg;
  const double dp = (v.lat_deg - u.lat_deg) * kRadPerDeg;
  // The middle of the edge: averages of the ends' sin and cos are off by O(Δφ²), which moves the
  // O(Δ³) term by O(Δ⁵), inside the bound.
  const double s = 0.5 * (u.sin_lat + v.sin_lat);
  const double c = 0.5 * (u.cos_lat + v.cos_lat);
  // Length (upper estimate: the meridian radius is < 1.01 a) and the formula's bound.
  const double len2 = 1.01 * 1.01 * ell.a_m * ell.a_m * (dp * dp + c * c * dl * dl);
  const double t_max = std::max(std::abs(u.sin_lat / u.cos_lat), std::abs(v.sin_lat / v.cos_lat));
  const double bound =
      kTruncationPerM5 * (1.0 + t_max * t_max * t_max * t_max) * len2 * len2 * std::sqrt(len2);
  if (bound > kMaxEdgeErrorM2) {
    double s12_m2 = 0.0;
    geod_geninverse(&ell.geod, u.lat_deg, u.lon_deg, v.lat_deg, v.lon_deg, nullptr, nullptr,
                    nullptr, nullptr, nullptr, nullptr, &s12_m2);
    return s12_m2 - ell.c2_m2 * dl * y0;  // S12 is the same integral from the equator (y = 0)
  }
  const double w = 1.0 - ell.e2 * s * s;
  const double h = ell.k * c / (w * w);
  const double h_prime = ell.k / (w * w * w) * (-s * w + 4.0 * ell.e2 * s * c * c);
  const double g = c * w / (1.0 - ell.e2);
  const double g_prime = -s * (w + 2.0 * ell.e2 * c * c) / (1.0 - ell.e2);
  const double dl3_y2 =
      dl * dp * dp * (h_prime + h * g_prime / g - h * s / g) - h * g * s * dl * dl * dl;
  return ell.c2_m2 * (dl * ((u.y - y0) + (v.y - y0)) / 2.0 - dl3_y2 / 12.0);
}

}  // namespace

double signed_geodesic_ring_area_m2(const GeodesicAreaEllipsoid& ell, const Ring& lonlat) {
  const std::size_t n = open_size(lonlat);
  if (n < 3) return 0.0;
  if (!ell.fast) return signed_karney_ring_area_m2(ell.geod, lonlat);
  const Vertex first = vertex_of(ell, lonlat[0]);
  // Areas are taken from the first vertex's parallel (the terms stay small; over a closed ring
  // that does not encircle a pole the longitude steps sum to 0, so the reference cancels).
  const double y0 = first.y;
  CompensatedSum area, turn_deg;
  Vertex u = first;
  for (std::size_t i = 1; i <= n; ++i) {
    const Vertex v = i < n ? vertex_of(ell, lonlat[i]) : first;
    const double dlon_deg = lon_step_deg(u.lon_deg, v.lon_deg);
    if (!(std::abs(v.lat_deg) <= kFastMaxLatDeg) || !(std::abs(dlon_deg) < 180.0))
      return signed_karney_ring_area_m2(ell.geod, lonlat);
    turn_deg.add(dlon_deg);
    area.add(edge_area_m2(ell, u, v, dlon_deg, y0));
    u = v;
  }
  // Around a pole the longitude steps sum to ±360°: Karney's polygon handles that case.
  if (std::abs(turn_deg.value()) > 180.0) return signed_karney_ring_area_m2(ell.geod, lonlat);
  const double signed_area = -area.value();  // eastward edges below the interior: CCW positive
  if (!(std::abs(signed_area) <= kFastMaxAreaM2))
    return signed_karney_ring_area_m2(ell.geod, lonlat);
  return signed_area;
}

}  // namespace reserve::geom
