#include "io/ogr_geometry.hpp"

#include <algorithm>
#include <memory>

#include "core/finite_vertices.hpp"

namespace reserve::io {
namespace {

struct OgrGeomDeleter {
  void operator()(OGRGeometry* g) const noexcept { OGRGeometryFactory::destroyGeometry(g); }
};
using OgrGeomPtr = std::unique_ptr<OGRGeometry, OgrGeomDeleter>;

struct Collector {
  bool swap = false;
  Geometry out;
  int dimension = -1;
  bool mixed = false;
  bool unsupported = false;

  Point point(double x, double y) const { return swap ? Point{y, x} : Point{x, y}; }

  LineString line(const OGRSimpleCurve& c) const {
    LineString pts;
    pts.reserve(static_cast<std::size_t>(c.getNumPoints()));
    for (int i = 0; i < c.getNumPoints(); ++i) pts.push_back(point(c.getX(i), c.getY(i)));
    return pts;
  }

  void note_dimension(int dim) {
    if (dimension >= 0 && dimension != dim) mixed = true;
    dimension = std::max(dimension, dim);
  }

  void add(const OGRGeometry& g) {
    if (g.IsEmpty()) return;
    const OGRwkbGeometryType flat = wkbFlatten(g.getGeometryType());
    switch (flat) {
      case wkbPoint: {
        note_dimension(0);
        const auto& p = *g.toPoint();
        out.points.push_back(point(p.getX(), p.getY()));
        return;
      }
      case wkbLineString: {
        note_dimension(1);
        out.lines.push_back(line(*g.toLineString()));
        return;
      }
      case wkbPolygon:
      case wkbTriangle: {
        note_dimension(2);
        const auto& poly = *g.toCurvePolygon();
        Polygon p;
        const OGRCurve* ext = poly.getExteriorRingCurve();
        if (ext == nullptr || ext->IsEmpty()) return;
        p.outer = line(*ext->toSimpleCurve());
        for (int i = 0; i < poly.getNumInteriorRings(); ++i) {
          const OGRCurve* hole = poly.getInteriorRingCurve(i);
          if (hole != nullptr && !hole->IsEmpty()) p.holes.push_back(line(*hole->toSimpleCurve()));
        }
        out.polygons.polygons.push_back(std::move(p));
        return;
      }
      case wkbMultiPoint:
      case wkbMultiLineString:
      case wkbMultiPolygon:
      case wkbGeometryCollection:
      case wkbPolyhedralSurface:
      case wkbTIN: {
        if (flat == wkbPolyhedralSurface || flat == wkbTIN) {
          for (const auto* part : *g.toPolyhedralSurface()) add(*part);
          return;
        }
        for (const auto* part : *g.toGeometryCollection()) add(*part);
        return;
      }
      default: unsupported = true; return;
    }
  }
};

bool is_closed(const Ring& r) { return r.size() >= 2 && r.front() == r.back(); }

}  // namespace

void normalise_orientation(MultiPolygon& mp) {
  for (auto& poly : mp.polygons) {
    if (!poly.outer.empty() && !is_closed(poly.outer)) poly.outer.push_back(poly.outer.front());
    if (signed_ring_area(poly.outer) < 0.0) std::reverse(poly.outer.begin(), poly.outer.end());
    for (auto& hole : poly.holes) {
      if (!hole.empty() && !is_closed(hole)) hole.push_back(hole.front());
      if (signed_ring_area(hole) > 0.0) std::reverse(hole.begin(), hole.end());
    }
  }
}

ConvertedGeometry convert_ogr_geometry(const OGRGeometry* g, bool swap_axes) {
  ConvertedGeometry result;
  if (g == nullptr) {
    result.problem_code = IssueCode::null_geometry;
    result.problem_message = "the feature has no geometry; it is skipped";
    return result;
  }
  if (g->IsEmpty()) {
    result.problem_code = IssueCode::empty_geometry;
    result.problem_message = "the feature's geometry is empty; it is skipped";
    return result;
  }
  result.dropped_z = g->Is3D() != 0;
  result.dropped_m = g->IsMeasured() != 0;
  OgrGeomPtr linear;
  const OGRGeometry* src = g;
  if (g->hasCurveGeometry(TRUE)) {
    linear.reset(g->getLinearGeometry(kArcStepDegrees));
    if (!linear) {
      result.problem_code = IssueCode::unsupported_geometry;
      result.problem_message = "the curved geometry cannot be linearised; it is skipped";
      return result;
    }
    result.linearised = true;
    src = linear.get();
  }
  Collector c;
  c.swap = swap_axes;
  c.add(*src);
  if (c.unsupported) {
    result.problem_code = IssueCode::unsupported_geometry;
    result.problem_message = std::string("geometry type ") + src->getGeometryName() +
                             " is not supported; the feature is skipped";
    return result;
  }
  if (c.mixed && c.dimension == 2) {
    // A collection of polygons with stray points or lines (an overlay's by-product, e.g.
    // PostGIS ST_Intersection): the area is all in the polygons, so keep them rather than lose
    // the feature's land; read_layer reports what was dropped.
    result.dropped_lower_dimension_parts = c.out.points.size() + c.out.lines.size();
    c.out.points.clear();
    c.out.lines.clear();
  } else if (c.mixed) {
    result.problem_code = IssueCode::mixed_geometry_collection;
    result.problem_message =
        "the GeometryCollection mixes points and lines; split it into one geometry type per "
        "layer. The feature is skipped";
    return result;
  }
  // Before orienting rings: a NaN makes the signed area NaN and the vertex order meaningless.
  if (const auto bad = find_non_finite_vertex(c.out)) {
    result.problem_code = IssueCode::non_finite_coordinate;
    result.problem_message = "vertex " + std::to_string(bad->vertex) +
                             " has a coordinate that is not a finite number (NaN or infinity); "
                             "the geometry is invalid and the feature is skipped. Fix the vertex "
                             "in the source data" +
                             (bad->near ? " (it follows the vertex at the location given)" : "");
    result.problem_location = bad->near;
    return result;
  }
  switch (c.dimension) {
    case 0: c.out.kind = GeometryKind::point; break;
    case 1: c.out.kind = GeometryKind::line; break;
    case 2:
      c.out.kind = GeometryKind::polygon;
      normalise_orientation(c.out.polygons);
      break;
    default:
      result.problem_code = IssueCode::empty_geometry;
      result.problem_message = "the feature's geometry is empty; it is skipped";
      return result;
  }
  result.geometry = std::move(c.out);
  return result;
}

}  // namespace reserve::io
