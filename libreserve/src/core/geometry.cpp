#include "reserve/geometry.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/finite_vertices.hpp"
#include "geom/geos.hpp"
#include "geom/wkt_text.hpp"
#include "reserve/error.hpp"

namespace reserve {

Geometry Geometry::from(Point p) {
  Geometry g;
  g.kind = GeometryKind::point;
  g.points.push_back(p);
  return g;
}

Geometry Geometry::from(MultiPolygon mp) {
  Geometry g;
  if (!mp.empty()) g.kind = GeometryKind::polygon;
  g.polygons = std::move(mp);
  return g;
}

Geometry Geometry::from(Polygon p) {
  MultiPolygon mp;
  mp.polygons.push_back(std::move(p));
  return from(std::move(mp));
}

void Envelope::expand(const Point& p) {
  if (!valid) {
    min_x = max_x = p.x;
    min_y = max_y = p.y;
    valid = true;
    return;
  }
  min_x = std::min(min_x, p.x);
  max_x = std::max(max_x, p.x);
  min_y = std::min(min_y, p.y);
  max_y = std::max(max_y, p.y);
}

void Envelope::expand(const Envelope& e) {
  if (!e.valid) return;
  expand(Point{e.min_x, e.min_y});
  expand(Point{e.max_x, e.max_y});
}

Envelope envelope_of(const MultiPolygon& mp) {
  Envelope e;
  for (const auto& p : mp.polygons)
    for (const auto& pt : p.outer) e.expand(pt);
  return e;
}

Envelope envelope_of(const Geometry& g) {
  Envelope e = envelope_of(g.polygons);
  for (const auto& p : g.points) e.expand(p);
  for (const auto& l : g.lines)
    for (const auto& p : l) e.expand(p);
  return e;
}

double signed_ring_area(const Ring& ring) noexcept {
  if (ring.size() < 3) return 0.0;
  // Shifted to the first vertex: keeps precision for large Gauss–Krüger coordinates.
  const double x0 = ring.front().x, y0 = ring.front().y;
  double twice = 0.0;
  for (std::size_t i = 0, n = ring.size(); i < n; ++i) {
    const Point& a = ring[i];
    const Point& b = ring[(i + 1) % n];
    twice += (a.x - x0) * (b.y - y0) - (b.x - x0) * (a.y - y0);
  }
  return twice / 2.0;
}

double planar_area(const Polygon& p) noexcept {
  double a = std::abs(signed_ring_area(p.outer));
  for (const auto& h : p.holes) a -= std::abs(signed_ring_area(h));
  return std::max(a, 0.0);
}

double planar_area(const MultiPolygon& mp) noexcept {
  double a = 0.0;
  for (const auto& p : mp.polygons) a += planar_area(p);
  return a;
}

Point point_on_surface(const MultiPolygon& mp) {
  auto g = geom::to_geos(mp);
  auto p = geom::check(GEOSPointOnSurface_r(geom::context(), g.get()), "point on surface");
  Geometry out = geom::geometry_from_geos(p.get());
  if (out.points.empty()) throw InputError("cannot locate a point on an empty geometry");
  return out.points.front();
}

namespace {

std::string write_wkt(const GEOSGeometry* g, int decimals) {
  auto* h = geom::context();
  GEOSWKTWriter* w = GEOSWKTWriter_create_r(h);
  GEOSWKTWriter_setOutputDimension_r(h, w, 2);
  if (decimals >= 0) {
    GEOSWKTWriter_setRoundingPrecision_r(h, w, decimals);
    GEOSWKTWriter_setTrim_r(h, w, 1);
  }
  char* text = GEOSWKTWriter_write_r(h, w, g);
  std::string out = text ? text : "";
  GEOSFree_r(h, text);
  GEOSWKTWriter_destroy_r(h, w);
  return out;
}

}  // namespace

std::string to_wkt(const Geometry& g, int decimals) {
  if (g.kind == GeometryKind::polygon) return to_wkt(g.polygons, decimals);
  return write_wkt(geom::to_geos(g).get(), decimals);
}

std::string to_wkt(const MultiPolygon& mp, int decimals) {
  // At the default settings the text is written directly (the same bytes, without GEOS).
  if (std::string out; decimals < 0 && geom::append_multipolygon_wkt(out, mp)) return out;
  return write_wkt(geom::to_geos(mp).get(), decimals);
}

namespace {

// GEOS's WKT reader recurses once per '(' level: 30,000 levels overflow the stack (a segfault,
// not an exception). Real geometries need at most 4 (a collection of multipolygons); nested
// collections are legal but rare, so the limit leaves plenty of room.
constexpr int kMaxWktNesting = 64;

int wkt_nesting_depth(const std::string& wkt) noexcept {
  int depth = 0, deepest = 0;
  for (char c : wkt) {
    if (c == '(') deepest = std::max(deepest, ++depth);
    if (c == ')') --depth;
  }
  return deepest;
}

}  // namespace

Geometry geometry_from_wkt(const std::string& wkt) {
  if (const int depth = wkt_nesting_depth(wkt); depth > kMaxWktNesting)
    throw InputError("the WKT is nested " + std::to_string(depth) + " levels deep (at most " +
                     std::to_string(kMaxWktNesting) + " are read); it is not a usable geometry");
  auto* h = geom::context();
  GEOSWKTReader* r = GEOSWKTReader_create_r(h);
  GEOSGeometry* g = GEOSWKTReader_read_r(h, r, wkt.c_str());
  GEOSWKTReader_destroy_r(h, r);
  if (!g) throw InputError("not valid WKT: " + wkt.substr(0, 80));
  geom::GeomPtr owned(g);
  Geometry out = geom::geometry_from_geos(g);
  if (const auto bad = find_non_finite_vertex(out))
    throw InputError("vertex " + std::to_string(bad->vertex) +
                     " has a coordinate that is not a finite number (NaN or infinity)");
  return out;
}

std::string to_wkb(const Geometry& g) {
  auto* h = geom::context();
  auto gg = geom::to_geos(g);
  GEOSWKBWriter* w = GEOSWKBWriter_create_r(h);
  GEOSWKBWriter_setOutputDimension_r(h, w, 2);
  GEOSWKBWriter_setByteOrder_r(h, w, GEOS_WKB_NDR);
  std::size_t size = 0;
  unsigned char* buf = GEOSWKBWriter_write_r(h, w, gg.get(), &size);
  std::string out(reinterpret_cast<const char*>(buf), size);
  GEOSFree_r(h, buf);
  GEOSWKBWriter_destroy_r(h, w);
  return out;
}

Geometry geometry_from_wkb(const std::string& wkb) {
  auto* h = geom::context();
  GEOSWKBReader* r = GEOSWKBReader_create_r(h);
  GEOSGeometry* g =
      GEOSWKBReader_read_r(h, r, reinterpret_cast<const unsigned char*>(wkb.data()), wkb.size());
  GEOSWKBReader_destroy_r(h, r);
  if (!g) throw InputError("not valid WKB (" + std::to_string(wkb.size()) + " bytes)");
  geom::GeomPtr owned(g);
  return geom::geometry_from_geos(g);
}

}  // namespace reserve
