#pragma once
// Edges straight in the source CRS: densifying geographic (lon/lat) geometry before it is
// projected, so that a projected chord follows the lon/lat-straight edge it stands for.
// Private to the library.
#include <string>

#include "reserve/crs.hpp"
#include "reserve/geometry.hpp"

namespace reserve::geom {

// Largest step between consecutive vertices of a lon/lat edge after densify_lonlat(), degrees.
//
// Why this step. GIS software and RFC 7946 draw an edge straight in longitude/latitude. Projected
// into a Gauss–Krüger (transverse Mercator) working CRS that edge is a curve; reprojecting only
// its end points replaces it by the chord, which misses the curve by the sagitta s = κ·L²/8
// (κ the curvature of the projected edge, L its length) and encloses an area of ≈ (2/3)·s·L
// between chord and curve, i.e. (2/3)·s m² per metre of boundary. Measured with PROJ (EPSG:4490
// → transverse Mercator on GRS80, 0–6° from the central meridian, every direction), an edge of
// 0.01° has a sagitta of at most 0.019 m up to 54° N (China's extent) and 0.014–0.019 m up to
// 60° N; the sagitta scales with the square of the step. At 0.0005° (≈ 56 m on the ground) it
// is at most 0.019 × 0.05² ≈ 5e-5 m, so each densified edge deviates from the true curve by at
// most ≈ 0.03 m² per km of boundary — far below the 1 m² per km that re-vertexing a boundary may
// change a figure by. Real digitised edges are mostly shorter than the step and gain no vertex.
inline constexpr double kLonLatDensifyStepDeg = 0.0005;

// Inserts vertices along every edge of the geometry's lines and rings, linearly in the source
// coordinates (longitude, latitude in degrees), so that no edge is longer than step_deg
// (Euclidean in degrees). Existing vertices are kept, in order; points are unchanged. An edge
// of length d gets ceil(d / step_deg) − 1 new vertices, evenly spaced.
void densify_lonlat(Geometry& g, double step_deg = kLonLatDensifyStepDeg);
void densify_lonlat(MultiPolygon& mp, double step_deg = kLonLatDensifyStepDeg);
// The same for one ring in any coordinates (metres of a projected CRS too): vertices inserted
// linearly so that no edge is longer than `step` (Euclidean, in the ring's own units); an open
// ring is closed first. densify_path_linear() leaves an open line open.
void densify_ring_linear(Ring& ring, double step);
void densify_path_linear(std::vector<Point>& path, double step);

// Brings source geometry into the working CRS with the edge model above: densified first when the
// source CRS is geographic, then reprojected vertex by vertex. Identity transformers leave the
// geometry as it is.
void to_working_crs(Geometry& g, const Crs& source, const Transformer& to_working);
void to_working_crs(MultiPolygon& mp, const Crs& source, const Transformer& to_working);

// The edge model in words for the audit block, e.g. "straight in EPSG:4490 (lon/lat), densified
// to ≤ 0.0005° before projecting into EPSG:4544".
std::string edge_model(const Crs& source, const Crs& working);

}  // namespace reserve::geom
