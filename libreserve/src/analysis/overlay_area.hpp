#pragma once
// One area measure for every piece of an overlay, so pieces add up. Private to the library.
#include <memory>

#include "geom/geos.hpp"
#include "reserve/area.hpp"
#include "reserve/crs.hpp"

namespace reserve::analysis {

class PieceArea {
 public:
  PieceArea(const Crs& crs, AreaMethod method);
  ~PieceArea();
  double area_m2(const GEOSGeometry* g) const;  // polygonal parts only; never negative

 private:
  AreaMethod method_;
  std::unique_ptr<AreaCalculator> calculator_;  // geodesic only
};

}  // namespace reserve::analysis
