// Why the short-cuts return what the overlay returns: OverlayNG's result is built from the noded
// edges of both operands. When the large operand's boundary neither crosses nor touches the small
// geometry g (g lies in its interior, or apart from it), no edge of it meets g: the noded edges of
// g are g's own, and the result is g rebuilt (or nothing). Overlaying g with a rectangle in the
// same relation — around g, or apart from it — rebuilds g through the same steps; only the
// labelling of g's edges (inside or outside the other operand) is looked up in a four-vertex
// rectangle instead of a 50,000-vertex outline. The reports of the benchmark workloads and the
// sample are byte-identical with and without the short-cuts.
#include "geom/prepared_overlay.hpp"

#include <algorithm>

namespace reserve::geom {
namespace {

struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

Box envelope_of(const GEOSGeometry* g) {
  auto* h = context();
  Box b;
  GEOSGeom_getXMin_r(h, g, &b.x0);
  GEOSGeom_getYMin_r(h, g, &b.y0);
  GEOSGeom_getXMax_r(h, g, &b.x1);
  GEOSGeom_getYMax_r(h, g, &b.y1);
  return b;
}

// A margin well beyond the one OverlayNG clips the operands to (a tenth of the envelope's size).
double margin(const Box& b) { return std::max(b.x1 - b.x0, b.y1 - b.y0) + 1.0; }

// A rectangle holding g's envelope with a wide margin.
GeomPtr rectangle_around(const GEOSGeometry* g) {
  const Box b = envelope_of(g);
  const double m = margin(b);
  return check(GEOSGeom_createRectangle_r(context(), b.x0 - m, b.y0 - m, b.x1 + m, b.y1 + m),
               "rectangle");
}

// A rectangle apart from g's envelope by a wide margin.
GeomPtr rectangle_apart(const GEOSGeometry* g) {
  const Box b = envelope_of(g);
  const double m = margin(b);
  return check(
      GEOSGeom_createRectangle_r(context(), b.x1 + m, b.y1 + m, b.x1 + 2 * m, b.y1 + 2 * m),
      "rectangle");
}

}  // namespace

GeomPtr prepared_intersection(const GEOSGeometry* g, const GEOSGeometry* operand,
                              const GEOSPreparedGeometry* prepared) {
  auto* h = context();
  if (prepared && !is_empty(g)) {
    if (GEOSPreparedIntersects_r(h, prepared, g) != 1)
      return check(GEOSGeom_createEmptyPolygon_r(h), "empty");
    if (GEOSPreparedContainsProperly_r(h, prepared, g) == 1)
      return check(GEOSIntersection_r(h, g, rectangle_around(g).get()), "intersection");
  }
  return check(GEOSIntersection_r(h, g, operand), "intersection");
}

GeomPtr prepared_difference(const GEOSGeometry* g, const GEOSGeometry* operand,
                            const GEOSPreparedGeometry* prepared) {
  auto* h = context();
  if (prepared && !is_empty(g)) {
    if (GEOSPreparedContainsProperly_r(h, prepared, g) == 1)
      return check(GEOSGeom_createEmptyPolygon_r(h), "empty");
    if (GEOSPreparedIntersects_r(h, prepared, g) != 1)
      return check(GEOSDifference_r(h, g, rectangle_apart(g).get()), "difference");
  }
  return check(GEOSDifference_r(h, g, operand), "difference");
}

PreparedOperand::PreparedOperand(GeomPtr g) : geometry_(std::move(g)) {
  if (geometry_ && !is_empty(geometry_.get())) prepared_ = prepare(geometry_.get());
}

}  // namespace reserve::geom
