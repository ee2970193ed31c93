#pragma once
// The land of a polygonal geometry inside a rectangle, for the overlays confined to the
// rectangles around changed edges (geom/changed_regions.hpp). Private to the library.
#include "geom/geos.hpp"
#include "reserve/geometry.hpp"

namespace reserve::geom {

// `g` as land only (its polygons), null when `g` is null or has none: a zone touching a clip edge
// leaves a line beside the polygons, and an overlay refuses mixed-dimension input.
GeomPtr land_only(GeomPtr g);

// g ∩ box as land only, null when nothing is left (or g is null). GEOSClipByRect cuts g in one
// pass over its vertices, where an overlay nodes g's edges with the rectangle's: several times
// faster on zones of thousands of vertices. The edges kept are g's own, bit for bit; the points
// where g's edges cross the rectangle's sides are interpolated (not OverlayNG's intersection
// points), so two geometries that share an edge across a side may be cut a rounding apart there:
// callers use the cut where that is only rounding (areas, or land far from the sides). The
// OverlayNG intersection instead when a vertex of g (`plain`, g in our types) lies on a side's line
// (GEOS's cut has given land outside g for edges along a side: libgeos/geos#605) or GEOS cannot
// cut g.
GeomPtr land_in_rectangle(const GEOSGeometry* g, const MultiPolygon& plain, const Envelope& box);

}  // namespace reserve::geom
