#include "geom/geos.hpp"

#include <cstdarg>
#include <cstdio>
#include <string>

#include "io/text_encoding.hpp"
#include "reserve/error.hpp"

namespace reserve::geom {
namespace {

struct ThreadContext {
  GEOSContextHandle_t handle = nullptr;
  std::string last_error;
  ThreadContext() {
    handle = GEOS_init_r();
    GEOSContext_setErrorMessageHandler_r(handle, &ThreadContext::on_error, this);
  }
  ~ThreadContext() { GEOS_finish_r(handle); }
  ThreadContext(const ThreadContext&) = delete;
  ThreadContext& operator=(const ThreadContext&) = delete;

  static void on_error(const char* message, void* self) {
    // GEOS quotes input text (a WKT fragment) that need not be UTF-8.
    static_cast<ThreadContext*>(self)->last_error =
        message ? io::escape_invalid_utf8(message) : "unknown GEOS error";
  }
};

ThreadContext& thread_context() {
  thread_local ThreadContext ctx;
  return ctx;
}

GEOSCoordSequence* make_sequence(const std::vector<Point>& pts, bool close) {
  auto* h = context();
  const bool needs_closing = close && !pts.empty() && !(pts.front() == pts.back());
  const auto n = static_cast<unsigned>(pts.size() + (needs_closing ? 1 : 0));
  GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, n, 2);
  if (!seq) throw InternalError("GEOS could not allocate a coordinate sequence");
  for (unsigned i = 0; i < pts.size(); ++i) GEOSCoordSeq_setXY_r(h, seq, i, pts[i].x, pts[i].y);
  if (needs_closing) GEOSCoordSeq_setXY_r(h, seq, n - 1, pts.front().x, pts.front().y);
  return seq;
}

std::vector<Point> read_sequence(const GEOSCoordSequence* seq) {
  auto* h = context();
  unsigned n = 0;
  GEOSCoordSeq_getSize_r(h, seq, &n);
  std::vector<Point> pts(n);
  for (unsigned i = 0; i < n; ++i) GEOSCoordSeq_getXY_r(h, seq, i, &pts[i].x, &pts[i].y);
  return pts;
}

}  // namespace

bool ring_buildable(const Ring& ring) noexcept {
  if (ring.size() < 3) return false;
  return ring.front() == ring.back() ? ring.size() >= 4 : true;
}

namespace {

GEOSGeometry* make_ring(const Ring& ring) {
  auto* h = context();
  return GEOSGeom_createLinearRing_r(h, make_sequence(ring, true));
}

GEOSGeometry* make_polygon(const Polygon& p) {
  auto* h = context();
  if (p.outer.empty()) return GEOSGeom_createEmptyPolygon_r(h);
  GEOSGeometry* shell = make_ring(p.outer);
  if (!shell)
    throw InternalError("GEOS could not build a polygon ring: " + thread_context().last_error);
  // A hole of fewer than four points (closed) encloses no area and GEOS cannot build it. It is
  // left out here: passing GEOS a null hole used to fail the whole polygon, which then vanished
  // from every overlay as MULTIPOLYGON EMPTY. Dropping the hole keeps the shell and changes no
  // area; the validity check (geom::find_invalidity) still reports it, so it is never silent.
  std::vector<GEOSGeometry*> holes;
  holes.reserve(p.holes.size());
  for (const auto& hole : p.holes)
    if (ring_buildable(hole)) holes.push_back(make_ring(hole));
  GEOSGeometry* polygon =
      GEOSGeom_createPolygon_r(h, shell, holes.data(), static_cast<unsigned>(holes.size()));
  if (!polygon)
    throw InternalError("GEOS could not build a polygon: " + thread_context().last_error);
  return polygon;
}

Ring read_ring(const GEOSGeometry* ring) {
  return read_sequence(GEOSGeom_getCoordSeq_r(context(), ring));
}

Polygon read_polygon(const GEOSGeometry* g) {
  auto* h = context();
  Polygon p;
  if (GEOSisEmpty_r(h, g) == 1) return p;
  p.outer = read_ring(GEOSGetExteriorRing_r(h, g));
  const int holes = GEOSGetNumInteriorRings_r(h, g);
  for (int i = 0; i < holes; ++i) p.holes.push_back(read_ring(GEOSGetInteriorRingN_r(h, g, i)));
  return p;
}

void collect(const GEOSGeometry* g, Geometry& out) {
  auto* h = context();
  switch (GEOSGeomTypeId_r(h, g)) {
    case GEOS_POINT:
      if (GEOSisEmpty_r(h, g) != 1) {
        double x = 0, y = 0;
        GEOSGeomGetX_r(h, g, &x);
        GEOSGeomGetY_r(h, g, &y);
        out.points.push_back({x, y});
      }
      break;
    case GEOS_LINESTRING:
    case GEOS_LINEARRING:
      if (GEOSisEmpty_r(h, g) != 1)
        out.lines.push_back(read_sequence(GEOSGeom_getCoordSeq_r(h, g)));
      break;
    case GEOS_POLYGON:
      if (GEOSisEmpty_r(h, g) != 1) out.polygons.polygons.push_back(read_polygon(g));
      break;
    default: {
      const int n = GEOSGetNumGeometries_r(h, g);
      for (int i = 0; i < n; ++i) collect(GEOSGetGeometryN_r(h, g, i), out);
    }
  }
}

}  // namespace

GEOSContextHandle_t context() { return thread_context().handle; }

void GeomDeleter::operator()(GEOSGeometry* g) const noexcept {
  if (g) GEOSGeom_destroy_r(context(), g);
}
void PreparedDeleter::operator()(const GEOSPreparedGeometry* g) const noexcept {
  if (g) GEOSPreparedGeom_destroy_r(context(), g);
}

GeomPtr check(GEOSGeometry* g, const char* operation) {
  if (!g) {
    throw InternalError(std::string("GEOS ") + operation +
                        " failed: " + thread_context().last_error);
  }
  return GeomPtr(g);
}

GeomPtr to_geos(const Point& p) {
  return check(GEOSGeom_createPointFromXY_r(context(), p.x, p.y), "point");
}

GeomPtr to_geos(const Polygon& p) { return check(make_polygon(p), "polygon"); }

GeomPtr to_geos(const MultiPolygon& mp) {
  std::vector<GeomPtr> owned;  // freed if a later polygon throws
  owned.reserve(mp.polygons.size());
  for (const auto& p : mp.polygons) owned.push_back(GeomPtr(make_polygon(p)));
  std::vector<GEOSGeometry*> parts;
  parts.reserve(owned.size());
  for (auto& g : owned) parts.push_back(g.release());
  return check(GEOSGeom_createCollection_r(context(), GEOS_MULTIPOLYGON, parts.data(),
                                           static_cast<unsigned>(parts.size())),
               "multipolygon");
}

GeomPtr to_geos(const LineString& line) {
  return check(GEOSGeom_createLineString_r(context(), make_sequence(line, false)), "linestring");
}

GeomPtr to_geos(const Geometry& g) {
  auto* h = context();
  switch (g.kind) {
    case GeometryKind::empty:
      return check(GEOSGeom_createEmptyCollection_r(h, GEOS_GEOMETRYCOLLECTION), "empty");
    case GeometryKind::point: {
      if (g.points.size() == 1) return to_geos(g.points.front());
      std::vector<GEOSGeometry*> parts;
      for (const auto& p : g.points) parts.push_back(to_geos(p).release());
      return check(GEOSGeom_createCollection_r(h, GEOS_MULTIPOINT, parts.data(),
                                               static_cast<unsigned>(parts.size())),
                   "multipoint");
    }
    case GeometryKind::line: {
      if (g.lines.size() == 1) return to_geos(g.lines.front());
      std::vector<GEOSGeometry*> parts;
      for (const auto& l : g.lines) parts.push_back(to_geos(l).release());
      return check(GEOSGeom_createCollection_r(h, GEOS_MULTILINESTRING, parts.data(),
                                               static_cast<unsigned>(parts.size())),
                   "multilinestring");
    }
    case GeometryKind::polygon: return to_geos(g.polygons);
  }
  return check(nullptr, "conversion");
}

MultiPolygon polygons_from_geos(const GEOSGeometry* g) {
  Geometry tmp;
  collect(g, tmp);
  return std::move(tmp.polygons);
}

Geometry geometry_from_geos(const GEOSGeometry* g) {
  Geometry out;
  collect(g, out);
  if (!out.polygons.empty()) {
    out.kind = GeometryKind::polygon;
    out.points.clear();
    out.lines.clear();
  } else if (!out.lines.empty()) {
    out.kind = GeometryKind::line;
    out.points.clear();
  } else if (!out.points.empty()) {
    out.kind = GeometryKind::point;
  }
  return out;
}

GeomPtr unite_all(std::vector<GeomPtr> parts) {
  auto* h = context();
  std::vector<GEOSGeometry*> raw;
  raw.reserve(parts.size());
  for (auto& p : parts) raw.push_back(p.release());
  GeomPtr coll = check(GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, raw.data(),
                                                   static_cast<unsigned>(raw.size())),
                       "collection");
  return check(GEOSUnaryUnion_r(h, coll.get()), "union");
}

MultiPolygon unite(const std::vector<const MultiPolygon*>& parts) {
  std::vector<GeomPtr> g;
  g.reserve(parts.size());
  for (const auto* p : parts) g.push_back(to_geos(*p));
  return polygons_from_geos(unite_all(std::move(g)).get());
}

MultiPolygon unite(const MultiPolygon& a, const MultiPolygon& b) { return unite({&a, &b}); }

MultiPolygon intersect(const MultiPolygon& a, const MultiPolygon& b) {
  auto ga = to_geos(a), gb = to_geos(b);
  return polygons_from_geos(
      check(GEOSIntersection_r(context(), ga.get(), gb.get()), "intersection").get());
}

MultiPolygon subtract(const MultiPolygon& a, const MultiPolygon& b) {
  auto ga = to_geos(a), gb = to_geos(b);
  return polygons_from_geos(
      check(GEOSDifference_r(context(), ga.get(), gb.get()), "difference").get());
}

double planar_area(const GEOSGeometry* g) {
  double a = 0.0;
  if (GEOSArea_r(context(), g, &a) != 1) throw InternalError("GEOS area failed");
  return a;
}

bool is_empty(const GEOSGeometry* g) { return GEOSisEmpty_r(context(), g) == 1; }

std::optional<Point> first_shell_vertex(const GEOSGeometry* g) {
  auto* h = context();
  const GEOSGeometry* first = g ? GEOSGetGeometryN_r(h, g, 0) : nullptr;  // a Polygon: itself
  const GEOSGeometry* shell = first ? GEOSGetExteriorRing_r(h, first) : nullptr;
  const GEOSCoordSequence* seq = shell ? GEOSGeom_getCoordSeq_r(h, shell) : nullptr;
  Point p;
  if (!seq || GEOSCoordSeq_getXY_r(h, seq, 0, &p.x, &p.y) != 1) return std::nullopt;
  return p;
}

PreparedPtr prepare(const GEOSGeometry* g) {
  const GEOSPreparedGeometry* p = GEOSPrepare_r(context(), g);
  if (!p) throw InternalError("GEOS prepare failed: " + thread_context().last_error);
  return PreparedPtr(p);
}

std::string invalid_reason(const GEOSGeometry* g) {
  auto* h = context();
  if (GEOSisValid_r(h, g) == 1) return {};
  char* reason = GEOSisValidReason_r(h, g);
  std::string r = reason ? reason : "invalid geometry";
  GEOSFree_r(h, reason);
  return r;
}

}  // namespace reserve::geom
