#include "io/crs_checks.hpp"

#include <cmath>
#include <sstream>

namespace reserve::io {
namespace {

// The 3° Gauss–Krüger CRS families in the EPSG registry (zones 25…45 each).
struct GkFamily {
  const char* datum;
  int first_plain;     // zone 25, easting without zone prefix
  int first_prefixed;  // zone 25, easting with zone prefix
};
constexpr GkFamily kFamilies[] = {
    {"CGCS2000", 4534, 4513}, {"Xian 1980", 2370, 2349}, {"Beijing 1954", 2422, 2401}};

std::string fmt(double v) {
  std::ostringstream s;
  s.precision(10);
  s << v;
  return s.str();
}

std::optional<int> common_prefix_zone(const Envelope& e) {
  auto a = gk3_zone_from_prefixed_easting(e.min_x);
  auto b = gk3_zone_from_prefixed_easting(e.max_x);
  if (a && b && *a == *b) return a;
  return std::nullopt;
}

bool northing_like(double v) { return v >= 1.0e6 && v < 1.0e7; }

}  // namespace

void check_extent_matches_crs(const Crs& crs, const Envelope& extent, const SourceRef& where) {
  if (!extent.valid || crs.empty()) return;
  if (crs.is_geographic) {
    if (extent.min_x < -180.0 || extent.max_x > 360.0 || extent.min_y < -90.0 ||
        extent.max_y > 90.0) {
      const std::string coordinates = "(x " + fmt(extent.min_x) + "…" + fmt(extent.max_x) + ", y " +
                                      fmt(extent.min_y) + "…" + fmt(extent.max_y) + ")";
      // Degrees in the wrong order (a GeoJSON written latitude first, as its old "crs" member
      // urn:ogc:def:crs:EPSG::4490 suggests): x fits a latitude and y only a longitude. They
      // are degrees, and saying "not degrees" sent users looking for a projected CRS.
      if (extent.min_x >= -90.0 && extent.max_x <= 90.0 && extent.min_y >= -180.0 &&
          extent.max_y <= 180.0)
        throw InputError("the CRS is geographic (" + crs.label() + ") and the coordinates " +
                             coordinates +
                             " are degrees, but latitude first: y is beyond ±90°, so it holds "
                             "the longitudes. Write the file longitude first (x = longitude, "
                             "as GeoJSON, KML, Shapefile and GeoPackage store it)",
                         where);
      std::string hint = suggest_crs_from_extent(extent);
      throw InputError("the CRS is geographic (" + crs.label() + ") but the coordinates " +
                           coordinates + " are not degrees" + (hint.empty() ? "" : "; " + hint),
                       where);
    }
    return;
  }
  if (!crs.epsg) return;
  const int code = *crs.epsg;
  for (const auto& f : kFamilies) {
    if (code >= f.first_plain && code <= f.first_plain + 20 && extent.max_x >= 1.0e7) {
      const auto zone = common_prefix_zone(extent);
      std::string advice = "check the CRS";
      if (zone)
        advice = "the eastings carry the zone prefix " + std::to_string(*zone) +
                 ", so the CRS is " + f.datum + " 3-degree Gauss-Kruger zone " +
                 std::to_string(*zone) +
                 ": pass --crs EPSG:" + std::to_string(f.first_prefixed + *zone - 25) +
                 " (or fix the .prj)";
      throw InputError("the CRS " + crs.label() + " (" + crs.name +
                           ") expects eastings without the zone prefix, but the eastings reach " +
                           fmt(extent.max_x) + "; " + advice,
                       where);
    }
    if (code >= f.first_prefixed && code <= f.first_prefixed + 20) {
      const int crs_zone = code - f.first_prefixed + 25;
      const auto zone = common_prefix_zone(extent);
      if (!zone) {
        throw InputError("the CRS " + crs.label() + " (" + crs.name +
                             ") expects eastings with the zone prefix " + std::to_string(crs_zone) +
                             " (8 digits), but they run " + fmt(extent.min_x) + "…" +
                             fmt(extent.max_x) + "; if they have no prefix pass --crs EPSG:" +
                             std::to_string(f.first_plain + crs_zone - 25),
                         where);
      }
      if (*zone != crs_zone)
        throw InputError("the eastings carry zone prefix " + std::to_string(*zone) +
                             " but the CRS " + crs.label() + " is zone " +
                             std::to_string(crs_zone) +
                             "; pass --crs EPSG:" + std::to_string(f.first_prefixed + *zone - 25),
                         where);
    }
  }
}

std::string suggest_crs_from_extent(const Envelope& e) {
  if (!e.valid) return {};
  if (auto zone = common_prefix_zone(e); zone && northing_like(e.min_y) && northing_like(e.max_y))
    return "the coordinates look like 3-degree Gauss-Kruger eastings with zone prefix " +
           std::to_string(*zone) +
           " (8 digits) and northings (7 digits); for CGCS2000 pass --crs EPSG:" +
           std::to_string(gk3_epsg(*zone, true)) +
           " (Xian 1980: EPSG:" + std::to_string(2349 + *zone - 25) + ")";
  if (auto zone = gk3_zone_from_prefixed_easting(e.min_y);
      zone && gk3_zone_from_prefixed_easting(e.max_y) == zone && northing_like(e.min_x) &&
      northing_like(e.max_x))
    return "x looks like northings and y like zone-prefixed eastings (zone " +
           std::to_string(*zone) +
           "): the axes are swapped (Chinese surveying tables list X = northing first); swap "
           "them, then use EPSG:" +
           std::to_string(gk3_epsg(*zone, true));
  if (e.min_x >= 73.0 && e.max_x <= 136.0 && e.min_y >= 3.0 && e.max_y <= 54.0)
    return "the coordinates look like longitude/latitude in degrees; pass --crs EPSG:4490 "
           "(CGCS2000) or EPSG:4326 (WGS 84)";
  if (e.min_x >= 1.0e5 && e.max_x <= 9.0e5 && northing_like(e.min_y) && northing_like(e.max_y))
    return "the coordinates look like 3-degree Gauss-Kruger metres without zone prefix; pass "
           "--crs with the zone's code (CGCS2000: EPSG:4534 for 75°E … EPSG:4554 for 135°E; "
           "e.g. EPSG:4544 for 105°E)";
  return {};
}

}  // namespace reserve::io
