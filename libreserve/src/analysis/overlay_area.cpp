#include "analysis/overlay_area.hpp"

#include "reserve/error.hpp"

namespace reserve::analysis {

PieceArea::PieceArea(const Crs& crs, AreaMethod method) : method_(method) {
  if (method == AreaMethod::planar) {
    if (crs.is_geographic)
      throw UsageError("planar areas need a projected working CRS in metres, not " + crs.name +
                       "; choose a Gauss–Krüger working CRS");
    return;
  }
  calculator_ = std::make_unique<AreaCalculator>(crs, method);
}

PieceArea::~PieceArea() = default;

double PieceArea::area_m2(const GEOSGeometry* g) const {
  if (!g || geom::is_empty(g)) return 0.0;
  if (method_ == AreaMethod::planar) return geom::planar_area(g);
  return calculator_->area_m2(geom::polygons_from_geos(g));
}

}  // namespace reserve::analysis
