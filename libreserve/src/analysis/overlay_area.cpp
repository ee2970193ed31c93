#include "analysis/overlay_area.hpp"

#include "reserve/error.hpp"

namespace reserve::analysis {

PieceArea::PieceArea(const Crs& crs, AreaMethod method) : method_(method) {
  if (crs.is_geographic)
    throw UsageError("the overlay needs a projected working CRS in metres, not " + crs.name +
                     "; choose a Gauss–Krüger working CRS");
  if (method != AreaMethod::planar) calculator_ = std::make_unique<AreaCalculator>(crs, method);
}

PieceArea::~PieceArea() = default;

double PieceArea::whole_m2(const GEOSGeometry* g) {
  scale_ = 1.0;
  if (!g || geom::is_empty(g)) return 0.0;
  const double planar = geom::planar_area(g);
  if (method_ == AreaMethod::planar) return planar;
  const double area = calculator_->area_m2(geom::polygons_from_geos(g));
  scale_ = planar > 0.0 ? area / planar : 1.0;
  return area;
}

double PieceArea::piece_m2(const GEOSGeometry* g) const {
  if (!g || geom::is_empty(g)) return 0.0;
  return geom::planar_area(g) * scale_;
}

}  // namespace reserve::analysis
