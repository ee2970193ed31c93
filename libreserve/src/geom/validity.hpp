#pragma once
// Polygon validity as a value, and the one repair the library allows: GEOS MakeValid with the
// STRUCTURE method (rings are re-assembled as areas, collapsed parts dropped). Never buffer(0),
// which silently deletes the lobes of a bow tie. Private to the library.
#include <optional>
#include <string>

#include "reserve/geometry.hpp"

namespace reserve::geom {

struct Invalidity {
  std::string reason;             // GEOS's reason, e.g. "Self-intersection", or ours
  std::optional<Point> location;  // where GEOS found it, when it says
};

// Why `mp` is not a valid OGC multipolygon, or nullopt when it is. Rings with fewer than four
// points (which GEOS cannot even build) are reported as "Too few points in ring" here.
std::optional<Invalidity> find_invalidity(const MultiPolygon& mp);

// The polygonal parts of GEOS MakeValid (STRUCTURE, keepCollapsed = 0) of `mp`; rings with fewer
// than four points are dropped first (they enclose no area). The result is re-checked: throws
// InternalError if GEOS hands back something still invalid.
MultiPolygon make_valid_polygons(const MultiPolygon& mp);

// Outer rings counter-clockwise, holes clockwise (the library's convention; GEOS ignores it,
// Boost.Geometry and some writers do not).
void orient_rings(MultiPolygon& mp);

}  // namespace reserve::geom
