#pragma once
// The ellipsoidal area of the Chinese land surveys (图斑椭球面积): the series for the area of an
// ellipsoidal trapezoid published in 国土调查办发〔2008〕32号, "图幅理论面积与图斑椭球面积计算
// 公式及要求" (second national land survey, 2008; kept by the third survey on CGCS2000), summed
// over a polygon's edges. Private to the library; AreaMethod::survey is its public face.
#include "reserve/geometry.hpp"

namespace reserve::geom {

// Largest step (metres, in the projected plane) between vertices before a Gauss–Krüger ring is
// inverse-projected for the survey area.
//
// Why densify. Survey parcels are digitised in the Gauss–Krüger plane: an edge is straight there
// and curved in latitude/longitude. Inverse-projecting only its end points replaces it by the
// latitude/longitude chord; the two differ by the sagitta κ·L²/8, which for transverse Mercator
// on GRS80/CGCS2000 is at most 0.019 m for an edge of 0.01° (≈ 1.1 km) up to 54° N and 6° from
// the central meridian (measured with PROJ; see densify.hpp) and shrinks with the square of the
// edge. At 50 m the sagitta is ≤ 0.019 × (50/1113)² ≈ 4e-5 m and the area between chord and curve
// ≤ (2/3)·4e-5 m² per metre of boundary, i.e. ≤ 0.03 m² per km of boundary. The same step bounds
// the error of the trapezoid's mean longitude (below): for a 50 m edge, ΔL·ΔB²·|d(MN cos B)/dB|/12
// ≤ 2e-3 m² per edge, ≤ 0.04 m² per km. Edges shorter than the step gain no vertex.
inline constexpr double kSurveyDensifyStepM = 50.0;

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
