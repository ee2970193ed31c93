// Uses the installed library the way a consumer would: one umbrella header, a shipped profile
// found by name, and a geodesic area. Prints what it found; exits non-zero when a value is off.
#include <cmath>
#include <cstdio>
#include <reserve/reserve.hpp>

int main() {
  const reserve::Profile profile = reserve::load_profile("three-no");
  std::printf("profile %s from %s\n", profile.name.c_str(), profile.path.c_str());

  // A 0.1° x 0.1° cell at 113–113.1°E, 23–23.1°N in CGCS2000 (lon/lat, GRS80 ellipsoid).
  // Expected 113,496,423.2 m², from pyproj 3.4 Geod(ellps="GRS80").polygon_area_perimeter.
  const reserve::Polygon cell{{{113.0, 23.0}, {113.1, 23.0}, {113.1, 23.1}, {113.0, 23.1}}, {}};
  const reserve::AreaCalculator area(reserve::Crs::from_epsg(4490), reserve::AreaMethod::geodesic);
  const double area_m2 = area.area_m2(cell);
  std::printf("libreserve %s: area %.1f m2\n", RESERVE_VERSION_STRING, area_m2);
  const double tolerance_m2 = 1.0;  // 1 m² on 1.1e8 m²: both are GeographicLib-exact.
  if (profile.name != "three-no" || std::fabs(area_m2 - 113496423.2) > tolerance_m2) return 1;
  return 0;
}
