#pragma once
// RAII over the GEOS C API (_r functions, one context per thread) and conversions between GEOS
// geometries and the library's plain values. Private to the library.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "reserve/geometry.hpp"

namespace reserve::geom {

// The calling thread's GEOS context (created on first use, destroyed at thread exit). GEOS errors
// are captured and rethrown as reserve::InternalError by check().
GEOSContextHandle_t context();

struct GeomDeleter {
  void operator()(GEOSGeometry* g) const noexcept;
};
struct PreparedDeleter {
  void operator()(const GEOSPreparedGeometry* g) const noexcept;
};
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;
using PreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;

// Wraps a GEOS result; throws InternalError carrying GEOS's last message when it is null.
GeomPtr check(GEOSGeometry* g, const char* operation);

// True when GEOS can build the ring: at least four points once closed (three distinct ones when
// the first point is not repeated at the end).
bool ring_buildable(const Ring& ring) noexcept;

// Polygons: a hole that is not ring_buildable encloses no area and is left out (the shell and the
// other holes are kept); a shell that is not buildable is an InternalError, never a silent drop.
GeomPtr to_geos(const Point& p);
GeomPtr to_geos(const Polygon& p);
GeomPtr to_geos(const MultiPolygon& mp);  // always a MultiPolygon (possibly empty)
GeomPtr to_geos(const LineString& line);
GeomPtr to_geos(const Geometry& g);

// Polygonal parts of any GEOS geometry (collections are searched; points and lines dropped).
MultiPolygon polygons_from_geos(const GEOSGeometry* g);
// Any supported GEOS geometry; mixed collections keep the highest dimension.
Geometry geometry_from_geos(const GEOSGeometry* g);

// Set operations on valid inputs (OverlayNG). Results are polygonal and valid.
MultiPolygon unite(const std::vector<const MultiPolygon*>& parts);
MultiPolygon unite(const MultiPolygon& a, const MultiPolygon& b);
MultiPolygon intersect(const MultiPolygon& a, const MultiPolygon& b);
MultiPolygon subtract(const MultiPolygon& a, const MultiPolygon& b);

// GEOS-side helpers used by several modules.
GeomPtr unite_all(std::vector<GeomPtr> parts);  // cascaded union; empty → empty MultiPolygon
double planar_area(const GEOSGeometry* g);
bool is_empty(const GEOSGeometry* g);
PreparedPtr prepare(const GEOSGeometry* g);
// The first vertex of a Polygon's or MultiPolygon's first shell; nullopt when it has none.
std::optional<Point> first_shell_vertex(const GEOSGeometry* g);

// Validity: empty string when valid, else GEOS's reason ("Self-intersection[x y]").
std::string invalid_reason(const GEOSGeometry* g);

}  // namespace reserve::geom
