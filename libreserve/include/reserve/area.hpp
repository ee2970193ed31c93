#pragma once
// Area by a named method. Every number a report shows says which method produced it, and the
// before and after zonings are always measured with the same method.
#include <memory>
#include <string>

#include "reserve/crs.hpp"
#include "reserve/export.hpp"
#include "reserve/geometry.hpp"

namespace reserve {

enum class AreaMethod {
  geodesic,  // Karney's algorithm (PROJ geod_polygonarea) on the CRS's ellipsoid; vertices are
             // taken to geographic coordinates and joined by geodesics (as PostGIS geography and
             // GDAL >= 3.9 OGR_G_GeodesicArea do). Default.
  planar,    // shoelace area in the working CRS's plane (projected CRS in metres only)
  survey,  // 图斑椭球面积 of the Chinese land surveys (国土调查办发〔2008〕32号): edges straight
           // in the working CRS (Gauss–Krüger plane; or lon/lat), densified to ≤ 10 m (≤ 0.0001°
           // in lon/lat), inverse-projected to latitude/longitude on the CRS's ellipsoid
           // (CGCS2000 for the national Gauss–Krüger CRSs) and summed from the document's
           // ellipsoidal trapezoid series (constants A–E). Differs from geodesic only by the edge
           // model (GK-straight lines, not geodesics): ~1e-8 relative on a reserve.
};

// "geodesic", "planar", "survey"
RESERVE_API const char* to_string(AreaMethod m) noexcept;
// Throws UsageError for an unknown name.
RESERVE_API AreaMethod area_method_from_string(const std::string& name);

inline constexpr double kSquareMetresPerHectare = 10000.0;
inline double to_ha(double area_m2) noexcept { return area_m2 / kSquareMetresPerHectare; }

// Measures areas of geometries given in `crs`. Not thread-safe; make one per thread.
class RESERVE_API AreaCalculator {
 public:
  AreaCalculator(const Crs& crs, AreaMethod method);
  ~AreaCalculator();
  AreaCalculator(AreaCalculator&&) noexcept;
  AreaCalculator& operator=(AreaCalculator&&) noexcept;
  AreaCalculator(const AreaCalculator&) = delete;
  AreaCalculator& operator=(const AreaCalculator&) = delete;

  AreaMethod method() const noexcept;
  const Crs& crs() const noexcept;
  // Never negative; holes subtracted. Each ring's area is the absolute value of its signed
  // (algebraic) area, so a self-intersecting ring (a bow tie) gets the absolute sum of its lobes
  // with opposite signs, as the shoelace formula gives it.
  double area_m2(const Polygon& p) const;
  double area_m2(const MultiPolygon& mp) const;
  // Length (m) of a line with the same method: the sum of geodesic distances between consecutive
  // vertices (geodesic), of straight-segment lengths in the plane (planar), or of geodesic
  // distances along the line densified as for the area (survey).
  double length_m(const LineString& line) const;
  // Ellipsoid behind the geodesic and survey methods: semi-major axis (m) and flattening. For
  // planar, those of the CRS's datum (for the record).
  double ellipsoid_a_m() const noexcept;
  double ellipsoid_f() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Geodesic area (m², never negative) of a ring given as (longitude, latitude) in degrees on an
// ellipsoid with semi-major axis a (m) and flattening f. Exposed for tests and reference checks.
RESERVE_API double geodesic_ring_area_m2(const Ring& lonlat, double a, double f);

}  // namespace reserve
