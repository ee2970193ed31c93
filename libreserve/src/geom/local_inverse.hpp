#pragma once
// A small ring's vertices taken to (longitude, latitude) through a biquadratic fit of the
// projection's inverse over the ring's envelope, checked against the projection itself. Private
// to the library (geom/area.cpp).
//
// Why: a geodesic area inverse-projects every vertex, and PROJ's inverse transverse Mercator
// costs about as much per vertex as the rest of the area: on the 50,000-vertex benchmark reserve
// the inverse projection of small rings (buffers of facilities, 64 vertices each; mining rights;
// the pieces of the ledger) took 8 % of the check's CPU. The fit needs 13 projected points per
// ring: the envelope's 3 × 3 grid, through which the fit passes, and the centres of its four
// quarters, where the fit's error is near its largest and is measured against PROJ.
//
// The error bound. On an envelope of half-size h the fit's error is of the order of the third
// derivatives of the inverse, h³/R² (R the earth's radius): 2.5e-8 m for a 200 m envelope, far
// below a coordinate's own precision. A fit is used only when its error at the four checked points
// is at most kLocalFitToleranceDeg (1e-12°, 0.1 mm on the ground), else the ring is projected
// vertex by vertex; a vertex moved by δ moves an area by at most δ times the perimeter
// (≤ 1e-8 relative for a 64-gon of radius 100 m at the tolerance itself).
#include <array>
#include <optional>

#include "reserve/geometry.hpp"

namespace reserve::geom {

// Rings with fewer vertices are projected vertex by vertex (13 projected points would not pay).
inline constexpr std::size_t kLocalFitMinVertices = 24;
// Envelopes larger than this (metres on either side) are not fitted: the check would fail.
inline constexpr double kLocalFitMaxExtentM = 1000.0;
inline constexpr double kLocalFitToleranceDeg = 1e-12;

// The 13 points to project for a fit over `e` (not degenerate): the 3 × 3 grid row by row from
// (min_x, min_y), then the quarters' centres.
using LocalFitNodes = std::array<Point, 13>;
LocalFitNodes local_fit_nodes(const Envelope& e);

// `ring` in (lon, lat) from the nodes' projections (same order as local_fit_nodes), or nullopt
// when the fit misses a checked point by more than the tolerance or a node did not project.
std::optional<Ring> fitted_lonlat(const Ring& ring, const Envelope& e,
                                  const LocalFitNodes& projected);

}  // namespace reserve::geom
