#pragma once
// Coordinate reference systems as plain values (WKT2 text plus what the library needs to know),
// the CGCS2000 3° Gauss–Krüger zone rules, and coordinate transformation. Axis order inside the
// library is always the traditional GIS order (x = easting/longitude, y = northing/latitude).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "reserve/export.hpp"
#include "reserve/geometry.hpp"

namespace reserve {

struct RESERVE_API Crs {
  std::string wkt;          // WKT2:2019; empty means "unknown"
  std::string name;         // e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 105E"
  std::optional<int> epsg;  // when the CRS is identified as an EPSG code
  bool is_geographic = false;
  bool is_projected = false;
  // Metres per unit of a projected CRS's coordinates (0.3048006… for US survey feet); 1 for
  // metres and for CRSs that are not projected.
  double linear_unit_m = 1.0;

  bool empty() const noexcept { return wkt.empty(); }
  // "EPSG:4544", or the name when no code is known.
  std::string label() const;

  // Builds from "EPSG:4544", "4544", WKT, PROJJSON or a PROJ string. Throws UsageError when PROJ
  // cannot make sense of it.
  static Crs from_user_input(const std::string& text);
  static Crs from_epsg(int code);
};

// True when both describe the same CRS (PROJ equivalence, ignoring axis order and names).
RESERVE_API bool equivalent(const Crs& a, const Crs& b);

// CGCS2000 3° Gauss–Krüger zones. Zone n has central meridian 3n degrees, n = 25…45 (75°E…135°E).
RESERVE_API int gk3_zone_for_longitude(double lon_deg);
// EPSG code of the zone: without the zone prefix in the easting (4534…4554, default) or with it
// (4513…4533). Throws InputError for longitudes outside China's 25…45 zone range.
RESERVE_API int gk3_epsg(int zone, bool zone_prefixed_easting = false);
// The zone number in an easting carrying the 2-digit prefix (35512345.67 → 35), if it has one.
RESERVE_API std::optional<int> gk3_zone_from_prefixed_easting(double easting);

// The working CRS for data in `crs` whose extent is `extent` (in that CRS): the CRS itself when it
// is projected, else the CGCS2000 3° GK zone (no prefix) of the extent's centre.
RESERVE_API Crs choose_working_crs(const Crs& crs, const Envelope& extent);

// Transforms coordinates between two CRSs (PROJ, traditional axis order on both sides).
// Not thread-safe; make one per thread.
class RESERVE_API Transformer {
 public:
  Transformer(const Crs& from, const Crs& to);
  ~Transformer();
  Transformer(Transformer&&) noexcept;
  Transformer& operator=(Transformer&&) noexcept;
  Transformer(const Transformer&) = delete;
  Transformer& operator=(const Transformer&) = delete;

  bool is_identity() const noexcept;
  // True when PROJ knows no datum shift between the two CRSs and treats the datums as the same
  // ("ballpark"). Harmless for WGS 84 ↔ CGCS2000 (decimetres); wrong by tens of metres or more for
  // Xian 1980 or Beijing 1954 ↔ CGCS2000, which need a locally published transformation.
  bool is_ballpark() const noexcept;
  // PROJ's name for the operation, e.g. "Inverse of Gauss-Kruger CM 105E"; "" for identity.
  const std::string& description() const noexcept;
  // Throws InputError when a coordinate cannot be transformed (e.g. outside the CRS's domain).
  Point apply(Point p) const;
  void apply(Geometry& g) const;
  void apply(MultiPolygon& mp) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reserve
