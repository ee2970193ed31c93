#pragma once
// The ellipsoidal area of the Chinese land surveys (图斑椭球面积): the series for the area of an
// ellipsoidal trapezoid published in 国土调查办发〔2008〕32号, "图幅理论面积与图斑椭球面积计算
// 公式及要求" (second national land survey, 2008; kept by the third survey on CGCS2000), summed
// over a polygon's edges. Private to the library; AreaMethod::survey is its public face.
#include "reserve/geometry.hpp"

namespace reserve::geom {

// Largest step between vertices before a ring is inverse-projected for the survey area: metres
// in a projected (Gauss–Krüger) plane, degrees in a geographic CRS.
//
// Why densify, and why 10 m. Two errors fall with the square of the step s:
// - the edge model. Survey parcels are digitised in the Gauss–Krüger plane: an edge is straight
//   there and curved in latitude/longitude. Inverse-projecting only its end points replaces it by
//   the latitude/longitude chord, off the curve by the sagitta κ·s²/8: ≤ 0.019 m for s ≈ 1.1 km
//   (0.01°) up to 54° N and 6° from the central meridian (transverse Mercator on GRS80/CGCS2000,
//   measured with PROJ; see densify.hpp), so ≤ 1.6e-6 m at 10 m, enclosing ≤ 1e-6 m² per metre
//   of boundary (0.001 m² per km);
// - the trapezoid sum. Each edge's strip is measured at the edge's mean longitude, which is exact
//   only for meridians and parallels; for a sloping edge the strip is off by
//   ΔL·ΔB²·|d(MN cos B)/dB|/12 ≈ s³·tan B/(12 R) at worst (R ≈ 6.37e6 m), systematically, i.e.
//   ≤ s²·tan B/(12 R) per metre of boundary: 1.8e-6 m² per metre at s = 10 m and B = 54°
//   (0.0018 m² per km; 0.045 m² per km at 50 m, which a 20 km triangle at 27° N showed: 0.53 m²
//   off pyproj at 50 m, 0.02 m² at 10 m).
// So the survey area of a polygon is within ≈ 0.003 m² per km of boundary of the ellipsoidal area
// of the region its Gauss–Krüger-straight edges enclose. Edges shorter than the step gain no
// vertex; a sample check measures its areas with it in about the time geodesic areas take.
inline constexpr double kSurveyDensifyStepM = 10.0;
// The same step for rings in a geographic CRS, whose edges are taken as straight in lon/lat
// (as GIS software draws them): 0.0001° ≈ 11 m.
inline constexpr double kSurveyDensifyStepDeg = 0.0001;

// The constants of the series for an ellipsoid with semi-major axis a_m (metres) and flattening
// f (CGCS2000: a = 6378137 m, f = 1/298.257222101).
struct SurveySeries {
  double b_m = 0.0;  // semi-minor axis
  double A = 0.0, B = 0.0, C = 0.0, D = 0.0, E = 0.0;
};
SurveySeries survey_series(double a_m, double f);

// Area (m²) of the ellipsoidal trapezoid between the parallels b1_rad and b2_rad and two
// meridians dl_rad apart (formula (2) of the document), signed: positive when b2 > b1 and
// dl > 0. With dl = the sheet's longitude difference this is also the theoretical area of a map
// sheet (formula (1), there with ΔL in minutes of arc).
double survey_trapezoid_m2(const SurveySeries& s, double dl_rad, double b1_rad, double b2_rad);

// Signed area (m², counter-clockwise positive) of a ring of (longitude, latitude) in degrees: the
// sum over its edges of the trapezoid between the edge and the ring's first meridian, the edge
// standing at its mean longitude over its latitude span. Exact for edges along meridians and
// parallels; edges of other directions must be short (see kSurveyDensifyStepM). The closing
// point may be present or not. Fewer than 3 distinct vertices: 0.
double signed_survey_ring_area_m2(const SurveySeries& s, const Ring& lonlat);

}  // namespace reserve::geom
