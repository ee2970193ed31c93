#pragma once
// One area measure for a feature and its pieces, so pieces add up. Private to the library.
//
// Geodesic areas of a polygon's overlay pieces do not add up to the geodesic area of the polygon
// beyond ~1e-8 relative (Karney's per-edge areas are accurate to ~1e-5 m² each, and pieces add
// edges). So a feature is measured once with the chosen method and its pieces get that area in
// proportion to their planar areas in the working CRS: the pieces add up to the whole to ~1e-12,
// and each piece differs from its own geodesic area by the variation of the projection's scale
// across the feature (~1e-5 relative for a 1 km feature 200 km from the central meridian).
#include <memory>

#include "geom/geos.hpp"
#include "reserve/area.hpp"
#include "reserve/crs.hpp"

namespace reserve::analysis {

class PieceArea {
 public:
  PieceArea(const Crs& crs, AreaMethod method);
  ~PieceArea();
  // Measures a whole feature with the method and fixes the scale for its pieces.
  double whole_m2(const GEOSGeometry* g);
  // A piece of the last whole feature: planar area × (whole / planar whole).
  double piece_m2(const GEOSGeometry* g) const;
  // The same for a piece known by its planar area (geom/overlap_area.hpp).
  double planar_piece_m2(double planar_m2) const { return planar_m2 * scale_; }

 private:
  AreaMethod method_;
  std::unique_ptr<AreaCalculator> calculator_;  // geodesic only
  double scale_ = 1.0;
};

}  // namespace reserve::analysis
