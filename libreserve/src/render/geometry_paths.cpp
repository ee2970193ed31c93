// Geometries as Cairo paths in page points, the strokes and hatching drawn on them, and the exact
// test whether a geometry shows in the map extent.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "geom/geos.hpp"
#include "render/draw_layers.hpp"
#include "render/symbols.hpp"
#include "reserve/error.hpp"

namespace reserve::render {
namespace {

// Starts a new sub-path at the first point and adds a segment to each next one (page points).
void path_points(cairo_t* cr, const std::vector<Point>& points, const MapTransform& t) {
  bool first = true;
  for (const Point& p : points) {
    const Point q = t.to_page_pt(p);
    if (first)
      cairo_move_to(cr, q.x, q.y);
    else
      cairo_line_to(cr, q.x, q.y);
    first = false;
  }
}

void path_ring(cairo_t* cr, const Ring& ring, const MapTransform& t) {
  path_points(cr, ring, t);
  cairo_close_path(cr);
}

void path_polygon(cairo_t* cr, const Polygon& poly, const MapTransform& t) {
  path_ring(cr, poly.outer, t);
  for (const Ring& h : poly.holes) path_ring(cr, h, t);
}

// Exact test whether a geometry reaches into the map extent (an envelope overlap is not enough:
// an L-shaped zone or a bending river can have its box in the map and nothing visible, and then
// it must not get a legend entry). GEOS trouble (invalid input) falls back to the envelope test.
bool reaches_extent(const geom::GeomPtr& g, const Envelope& e) {
  if (!g) return true;
  Polygon r;
  r.outer = {{e.min_x, e.min_y},
             {e.max_x, e.min_y},
             {e.max_x, e.max_y},
             {e.min_x, e.max_y},
             {e.min_x, e.min_y}};
  const geom::GeomPtr rect = geom::to_geos(r);
  const char result = GEOSIntersects_r(geom::context(), g.get(), rect.get());
  return result != 0;  // 1 intersects, 2 GEOS exception: draw it anyway
}

}  // namespace

void path_multipolygon(cairo_t* cr, const MultiPolygon& mp, const MapTransform& t) {
  cairo_new_path(cr);
  for (const Polygon& p : mp.polygons) path_polygon(cr, p, t);
}

void path_lines(cairo_t* cr, const std::vector<LineString>& lines, const MapTransform& t) {
  cairo_new_path(cr);
  for (const LineString& l : lines) path_points(cr, l, t);
}

bool reaches_extent(const MultiPolygon& mp, const Envelope& e) {
  try {
    return reaches_extent(geom::to_geos(mp), e);
  } catch (const Error&) {
    return true;
  }
}

bool reaches_extent(const Geometry& g, const Envelope& e) {
  try {
    return reaches_extent(geom::to_geos(g), e);
  } catch (const Error&) {
    return true;
  }
}

bool reaches_extent(const std::vector<LineString>& lines, const Envelope& e) {
  for (const auto& l : lines) {
    if (l.size() < 2) continue;
    try {
      if (reaches_extent(geom::to_geos(l), e)) return true;
    } catch (const Error&) {
      return true;
    }
  }
  return false;
}

void stroke_with_style(cairo_t* cr, const LineStyle& l) {
  set_colour(cr, l.colour);
  const double w = l.width_mm * kPtPerMm;
  cairo_set_line_width(cr, w);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
  if (l.dashed) {
    const double dashes[2] = {std::max(2.5, w * 5.0), std::max(1.5, w * 3.0)};
    cairo_set_dash(cr, dashes, 2, 0.0);
  } else {
    cairo_set_dash(cr, nullptr, 0, 0.0);
  }
  cairo_stroke(cr);
  cairo_set_dash(cr, nullptr, 0, 0.0);
}

// Fills the current path with the hatch's translucent fill, then strokes parallel lines clipped
// to it. Lines are anchored to the page origin so adjacent polygons' hatching lines up.
void hatch_current_path(cairo_t* cr, const HatchStyle& h, double x0, double y0, double x1,
                        double y1) {
  cairo_save(cr);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  if (h.fill.a > 0.0) {
    set_colour(cr, h.fill);
    cairo_fill_preserve(cr);
  }
  cairo_clip(cr);
  set_colour(cr, h.colour);
  cairo_set_line_width(cr, h.line_width_mm * kPtPerMm);
  const double spacing = h.spacing_mm * kPtPerMm;
  for (int set = 0; set < (h.cross ? 2 : 1); ++set) {
    const double a = (h.angle_deg + 90.0 * set) * std::numbers::pi / 180.0;
    const double dx = std::cos(a), dy = -std::sin(a);  // line direction (page y is down)
    const double nx = -dy, ny = dx;                    // normal
    double lo = 1e300, hi = -1e300;
    for (double x : {x0, x1})
      for (double y : {y0, y1}) {
        lo = std::min(lo, x * nx + y * ny);
        hi = std::max(hi, x * nx + y * ny);
      }
    const double len = std::hypot(x1 - x0, y1 - y0) + spacing;
    const double cx = (x0 + x1) / 2.0, cy = (y0 + y1) / 2.0;
    const double along = cx * dx + cy * dy;
    cairo_new_path(cr);
    for (double d = std::floor(lo / spacing) * spacing; d <= hi; d += spacing) {
      // Point on the line nearest to the box centre, then half the diagonal either way.
      const double px = d * nx + along * dx, py = d * ny + along * dy;
      cairo_move_to(cr, px - dx * len / 2.0, py - dy * len / 2.0);
      cairo_line_to(cr, px + dx * len / 2.0, py + dy * len / 2.0);
    }
    cairo_stroke(cr);
  }
  cairo_restore(cr);
}

}  // namespace reserve::render
