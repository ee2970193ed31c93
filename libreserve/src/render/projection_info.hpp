#pragma once
// What the map furniture needs to know about the working CRS at the map centre, from PROJ:
// the point scale factor k and the meridian convergence (proj_factors), the linear unit, a
// Chinese CRS note derived from the CRS's datum, method and parameters, and an inverse
// transform to geographic coordinates.
#include <memory>
#include <string>

#include "reserve/crs.hpp"
#include "reserve/geometry.hpp"

namespace reserve::render {

struct ProjectionInfo {
  double scale_factor = 1.0;     // k at the centre (grid distance / ground distance)
  double convergence_deg = 0.0;  // PROJ's meridian convergence at the centre
  double metres_per_unit = 1.0;  // CRS linear unit
  bool conformal = true;         // meridional and parallel scales agree
  Point centre_lonlat;           // degrees
  std::string note;  // e.g. "2000国家大地坐标系 高斯-克吕格投影（3度带） 中央经线105°"
};

// Throws InputError when the CRS is empty, not projected or PROJ cannot evaluate it at `centre`.
ProjectionInfo projection_info(const Crs& crs, Point centre);

// Projected → geographic (lon, lat degrees) on the CRS's own geodetic base.
class ToGeographic {
 public:
  explicit ToGeographic(const Crs& crs);
  ~ToGeographic();
  ToGeographic(const ToGeographic&) = delete;
  ToGeographic& operator=(const ToGeographic&) = delete;
  Point apply(Point projected) const;  // throws InputError when PROJ fails

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reserve::render
