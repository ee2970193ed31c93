#pragma once
// Plain geometry values. Coordinates are (x, y) in the traditional GIS order: easting/longitude
// first, northing/latitude second, whatever the CRS authority says. Rings are closed (first
// point == last point); outer rings are counter-clockwise and holes clockwise once normalised.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "reserve/export.hpp"

namespace reserve {

struct Point {
  double x = 0.0;
  double y = 0.0;
  friend bool operator==(const Point&, const Point&) = default;
};

using Ring = std::vector<Point>;

struct Polygon {
  Ring outer;
  std::vector<Ring> holes;
};

struct MultiPolygon {
  std::vector<Polygon> polygons;
  bool empty() const noexcept { return polygons.empty(); }
};

using LineString = std::vector<Point>;

enum class GeometryKind { empty, point, line, polygon };

// A feature's geometry after normalisation: multi-parts of one dimension. Mixed collections are
// rejected at the I/O boundary.
struct Geometry {
  GeometryKind kind = GeometryKind::empty;
  std::vector<Point> points;      // kind == point (one or more)
  std::vector<LineString> lines;  // kind == line
  MultiPolygon polygons;          // kind == polygon

  static Geometry from(Point p);
  static Geometry from(MultiPolygon mp);
  static Geometry from(Polygon p);
  bool empty() const noexcept { return kind == GeometryKind::empty; }
};

struct Envelope {
  double min_x = 0.0, min_y = 0.0, max_x = 0.0, max_y = 0.0;
  bool valid = false;  // false until something was added
  void expand(const Point& p);
  void expand(const Envelope& e);
  double width() const noexcept { return valid ? max_x - min_x : 0.0; }
  double height() const noexcept { return valid ? max_y - min_y : 0.0; }
  bool contains(const Point& p) const noexcept {
    return valid && p.x >= min_x && p.x <= max_x && p.y >= min_y && p.y <= max_y;
  }
};

RESERVE_API Envelope envelope_of(const Geometry& g);
RESERVE_API Envelope envelope_of(const MultiPolygon& mp);

// Signed shoelace area of a ring in CRS units² (positive for counter-clockwise).
RESERVE_API double signed_ring_area(const Ring& ring) noexcept;
// Planar area in CRS units² of a polygon / multipolygon (holes subtracted; never negative).
RESERVE_API double planar_area(const Polygon& p) noexcept;
RESERVE_API double planar_area(const MultiPolygon& mp) noexcept;

// A point guaranteed to be inside the multipolygon (GEOS point-on-surface); for locating findings.
RESERVE_API Point point_on_surface(const MultiPolygon& mp);

// WKT and WKB (ISO, little endian) conversions, through GEOS. Parsing errors throw InputError.
RESERVE_API std::string to_wkt(const Geometry& g, int decimals = -1);
RESERVE_API std::string to_wkt(const MultiPolygon& mp, int decimals = -1);
RESERVE_API Geometry geometry_from_wkt(const std::string& wkt);
RESERVE_API std::string to_wkb(const Geometry& g);
RESERVE_API Geometry geometry_from_wkb(const std::string& wkb);

}  // namespace reserve
