#pragma once
// WKT of a multipolygon written directly, without building the GEOS geometry and running its WKT
// writer (a quarter of the report writing on large reports). Private to the library.
#include <string>

#include "reserve/geometry.hpp"

namespace reserve::geom {

// Appends `mp` as GEOS's WKT writer writes the multipolygon geom::to_geos(mp) at its default
// settings (2D, no trimming, 16 decimals in fixed notation: every coordinate as "%.16f" prints
// it), byte for byte, and returns true. Returns false, appending nothing, where GEOS would write
// something else or not build the geometry (no polygons, an empty or unbuildable shell).
bool append_multipolygon_wkt(std::string& out, const MultiPolygon& mp);

}  // namespace reserve::geom
