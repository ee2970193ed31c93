#pragma once
// Signed area of a ring whose vertices are joined by geodesics on an ellipsoid (the geodesic
// area method). Karney's algorithm (PROJ's geodesic.h, geod_polygon_*) solves a full geodesic
// inverse problem per edge (about 2 µs); short edges are measured here by a closed formula
// (about 50 ns) that agrees with it to far below its own rounding. Private to the library;
// AreaMethod::geodesic is its public face.
//
// The short-edge formula. With the authalic latitude β (sin β = q(φ)/q(90°)) the map
// (λ, y = sin β) is the ellipsoid's cylindrical equal-area projection scaled by c² (c the
// authalic radius): a region's area is c² times its plane area there, exactly. A ring's area is
// therefore the shoelace sum over its edges of c²·∫y dλ along each edge, the integral taken
// along the image of the geodesic. For an edge of Δλ, Δφ the trapezoid rule with its
// Euler–Maclaurin term gives c²·[Δλ·(y1 + y2)/2 − Δλ³·y''/12] + O(Δ⁵), where y'' comes from
// the geodesic's equations (dα/dλ = sin φ and dφ/dλ = (N/M)·cos φ·cot α, Clairaut) at the
// edge's middle: Δλ³·y'' = Δλ·Δφ²·(h' + h·g'/g − h·sin φ/g) − h·g·sin φ·Δλ³, with
// h = dy/dφ = M·N·cos φ/c² and g = (N/M)·cos φ.
//
// The error bound relied on. The truncation error of one edge of length L (m) with |φ| ≤ φmax
// is below kTruncationPerM5·(1 + tan⁴ φmax)·L⁵ = 2e-22·(1 + tan⁴ φmax)·L⁵ m², measured against
// the same formula summed over the edge cut into 64 pieces along the geodesic
// (GRS80, |φ| ≤ 85°, 300 azimuths per 5° of latitude, L = 3–30 km: the observed error is at
// most 0.19 of this bound). An edge takes the formula only when that bound is ≤ 1e-7 m²
// (L ≤ ~830 m at 35°, ~550 m at 60°); Karney's own per-edge rounding is ~1e-5 m² (its terms are
// differences of numbers of order e²a² ≈ 3e11 m²), so the two agree to within Karney's noise,
// 1e-4 to 5e-4 m² on a ring of 64 to 512 vertices: ≤ 1e-9 relative for rings above ~1e6 m², and
// below, closer to the exact area than Karney (a 30 m² ring agrees with a local ellipsoidal
// Lambert equal-area shoelace to 1e-8 m², Karney to 2e-6 m²). Longer edges take Karney's
// per-edge area (geod_geninverse S12) in the same sum. A whole ring goes to Karney's
// geod_polygon when a vertex lies beyond 85° of latitude, an edge spans 180° of longitude or
// more, the ring encircles a pole, the ellipsoid is not an earth-like oblate one
// (0 ≤ f ≤ 1/250), or the area exceeds 1e13 m² (a fiftieth of the Earth).
#include <geodesic.h>

#include "reserve/geometry.hpp"

namespace reserve::geom {

// What the area formulas need of an ellipsoid (semi-major axis a_m, flattening f).
struct GeodesicAreaEllipsoid {
  geod_geodesic geod{};  // Karney's, for long edges and whole-ring fallbacks
  double a_m = 0.0;
  double e2 = 0.0;  // first eccentricity squared
  double e = 0.0;
  double qp = 2.0;     // q(90°): y = q(φ)/qp = sin β
  double c2_m2 = 0.0;  // authalic radius squared (a²·qp/2)
  double k = 0.0;      // a²(1 − e²)/c², so that h = k·cos φ/(1 − e² sin² φ)²
  bool fast = false;   // the short-edge formula applies (0 ≤ f ≤ 1/250)
};
GeodesicAreaEllipsoid geodesic_area_ellipsoid(double a_m, double f);

// Signed geodesic area (m², counter-clockwise positive) of a ring of (longitude, latitude) in
// degrees; the closing point may be present or not; fewer than 3 vertices: 0. Short edges by the
// closed formula above, the rest by Karney.
double signed_geodesic_ring_area_m2(const GeodesicAreaEllipsoid& ell, const Ring& lonlat);

// The same by Karney's geod_polygon alone (the reference the fast route is tested against).
double signed_karney_ring_area_m2(const geod_geodesic& g, const Ring& lonlat);

}  // namespace reserve::geom
