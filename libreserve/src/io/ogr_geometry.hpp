#pragma once
// OGR geometry → the library's Geometry, normalised once here: Z/M dropped, curves linearised,
// rings closed, outer rings counter-clockwise and holes clockwise, axes in x = east order.
// Validity is NOT repaired here (that is the zoning step's job). Private to the library.
#include <ogr_geometry.h>

#include <cstddef>
#include <optional>
#include <string>

#include "reserve/geometry.hpp"
#include "reserve/issue.hpp"

namespace reserve::io {

struct ConvertedGeometry {
  Geometry geometry;
  bool dropped_z = false;
  bool dropped_m = false;
  bool linearised = false;
  // Points and lines dropped from a collection that also holds polygons (they have no area; the
  // polygons are kept). The caller reports them.
  std::size_t dropped_lower_dimension_parts = 0;
  // Set when the feature must be skipped: null-geometry, empty-geometry,
  // mixed-geometry-collection, unsupported-geometry, non-finite-coordinate.
  std::optional<IssueCode> problem_code;
  std::string problem_message;
  std::optional<Point> problem_location;  // where to look, when known
};

// Curves (circular arcs of CURVEPOLYGON, COMPOUNDCURVE, MULTISURFACE — FileGDB and ArcGIS
// exports) become chords every kArcStepDegrees of arc. A chord of angle θ cuts r²(θ − sin θ)/2
// off its sector r²θ/2, a fraction ≈ θ²/6: 5·10⁻⁷ of an arc's sector at 0.1°, below the repair
// tolerance's 10⁻⁶. GDAL's default step of 4° loses 8·10⁻⁴ (0.25 ha of a 314 ha circle).
inline constexpr double kArcStepDegrees = 0.1;

// `g` may be null. `swap_axes` exchanges x and y (data stored latitude/northing first).
ConvertedGeometry convert_ogr_geometry(const OGRGeometry* g, bool swap_axes);

// Closes every ring and orients outer rings CCW and holes CW (in x = east, y = north axes).
void normalise_orientation(MultiPolygon& mp);

}  // namespace reserve::io
