// CGCS2000 3° Gauss–Krüger zones: zone numbers, EPSG codes, zone-prefixed eastings, and the
// working CRS choice for geographic data.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "reserve/crs.hpp"
#include "reserve/error.hpp"

namespace reserve {
namespace {
constexpr int kFirstZone = 25;  // central meridian 75°E
constexpr int kLastZone = 45;   // central meridian 135°E
constexpr int kFirstEpsgPrefixed = 4513;
constexpr int kFirstEpsgPlain = 4534;
}  // namespace

int gk3_zone_for_longitude(double lon_deg) {
  if (!std::isfinite(lon_deg) || lon_deg < -180.0 || lon_deg > 180.0)
    throw InputError("longitude " + std::to_string(lon_deg) +
                     " is not a longitude in degrees; is the data really geographic?");
  // Zone n covers [3n - 1.5°, 3n + 1.5°); the boundary meridian goes to the eastern zone.
  return static_cast<int>(std::floor((lon_deg + 1.5) / 3.0));
}

int gk3_epsg(int zone, bool zone_prefixed_easting) {
  if (zone < kFirstZone || zone > kLastZone)
    // A zone number below 1 means nothing to a reader (it came from a western longitude).
    throw InputError((zone >= 1 ? "3-degree Gauss-Kruger zone " + std::to_string(zone) + " is"
                                : std::string("the longitude is")) +
                     " outside CGCS2000's zones 25-45 (75-135°E); choose a projected working "
                     "CRS with --working-crs EPSG:xxxx");
  return (zone_prefixed_easting ? kFirstEpsgPrefixed : kFirstEpsgPlain) + (zone - kFirstZone);
}

std::optional<int> gk3_zone_from_prefixed_easting(double easting) {
  if (!std::isfinite(easting) || easting < 1.0e7 || easting >= 1.0e8) return std::nullopt;
  const int zone = static_cast<int>(std::floor(easting / 1.0e6));
  if (zone < kFirstZone || zone > kLastZone) return std::nullopt;
  return zone;
}

namespace {

// The CGCS2000 3° Gauss–Krüger zone (plain eastings) of a centre in degrees; outside China's zones
// an error suggesting the UTM zone. `why` says why a working CRS had to be chosen.
Crs gauss_kruger_for(double centre_lon, double centre_lat, const std::string& why) {
  const int zone = gk3_zone_for_longitude(centre_lon);
  if (zone < kFirstZone || zone > kLastZone) {
    // Outside China the GK zones do not exist; UTM is the usual projected CRS there. (--crs
    // would not help: it only labels data that has no CRS.)
    const int utm = std::clamp(static_cast<int>(std::floor((centre_lon + 180.0) / 6.0)) + 1, 1, 60);
    const bool north = centre_lat >= 0.0;
    char lon_text[32];
    std::snprintf(lon_text, sizeof lon_text, "%.3f°%s", std::abs(centre_lon),
                  centre_lon >= 0.0 ? "E" : "W");
    throw InputError(why + "the data's centre at longitude " + lon_text +
                     " lies outside China's CGCS2000 3-degree Gauss-Kruger zones (75-135°E), so "
                     "no working CRS can be chosen for it; choose a projected one in metres with "
                     "--working-crs, e.g. --working-crs EPSG:" +
                     std::to_string((north ? 32600 : 32700) + utm) + " (WGS 84 / UTM zone " +
                     std::to_string(utm) + (north ? "N" : "S") + ")");
  }
  return Crs::from_epsg(gk3_epsg(zone, false));
}

}  // namespace

Crs choose_working_crs(const Crs& crs, const Envelope& extent) {
  if (crs.empty())
    throw InputError("cannot choose a working CRS for data without a CRS; pass --crs EPSG:xxxx");
  // Distances, tolerances and planar areas are worked out in metres: a projected CRS in metres is
  // the working CRS as it is; one in other units (feet) is replaced like geographic data.
  if (crs.is_projected && std::abs(crs.linear_unit_m - 1.0) <= 1e-12) return crs;
  if (!crs.is_geographic && !crs.is_projected)
    throw InputError("the CRS '" + crs.label() +
                     "' is neither geographic nor projected; reproject the data first");
  if (!extent.valid)
    throw InputError("cannot choose a Gauss-Kruger zone for data without coordinates");
  Point centre{(extent.min_x + extent.max_x) / 2.0, (extent.min_y + extent.max_y) / 2.0};
  if (crs.is_geographic) return gauss_kruger_for(centre.x, centre.y, "");
  char unit[64];
  std::snprintf(unit, sizeof unit, "%.10g", crs.linear_unit_m);
  const std::string why = "the CRS " + crs.label() + " measures in units of " + unit +
                          " m, not metres, and distances and tolerances are in metres; ";
  const Point lonlat = Transformer(crs, Crs::from_epsg(4490)).apply(centre);
  return gauss_kruger_for(lonlat.x, lonlat.y, why);
}

}  // namespace reserve
