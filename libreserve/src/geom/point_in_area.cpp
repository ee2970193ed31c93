#include "geom/point_in_area.hpp"

namespace reserve::geom {
namespace {

// GEOS's answer for a point: covers (interior or boundary) or contains (interior).
bool prepared_answer(const GEOSPreparedGeometry* prepared, Point p, bool boundary_counts) {
  if (!prepared) return false;
  const GeomPtr pt = to_geos(p);
  auto* h = context();
  return (boundary_counts ? GEOSPreparedCovers_r(h, prepared, pt.get())
                          : GEOSPreparedContains_r(h, prepared, pt.get())) == 1;
}

}  // namespace

bool area_covers(const RingChunks& rings, const GEOSPreparedGeometry* prepared, Point p) {
  if (!rings.usable()) return prepared_answer(prepared, p, true);
  const auto w = rings.winding_number(p);
  return !w || *w > 0;  // nullopt: on an edge
}

bool area_contains(const RingChunks& rings, const GEOSPreparedGeometry* prepared, Point p) {
  if (!rings.usable()) return prepared_answer(prepared, p, false);
  const auto w = rings.winding_number(p);
  return w && *w > 0;
}

PointInArea::PointInArea(const GEOSGeometry* area) : rings_(area) {
  if (!rings_.usable() && area && !is_empty(area)) prepared_ = prepare(area);
}

}  // namespace reserve::geom
