#pragma once
// Small zonings for CLI tests of bad input: axis-parallel squares in CGCS2000 3° GK zone 35
// (EPSG:4544), given in local metres from E 500000, N 3700000 (the central meridian).
#include <string>
#include <vector>

#include "support/gdal_writer.hpp"

namespace reserve::test {

// WKT of the square [x0, x0+size] × [y0, y0+size] in local metres.
inline std::string gk_square(double x0, double y0, double size) {
  auto p = [](double x, double y) {
    return std::to_string(500000.0 + x) + " " + std::to_string(3700000.0 + y);
  };
  return "POLYGON ((" + p(x0, y0) + ", " + p(x0 + size, y0) + ", " + p(x0 + size, y0 + size) +
         ", " + p(x0, y0 + size) + ", " + p(x0, y0) + "))";
}

// A layer "zones" in EPSG:4544 with one zone field `field`, one feature per (label, wkt).
inline LayerSpec gk_zoning(const std::string& driver, const std::string& field,
                           const std::vector<std::pair<std::string, std::string>>& zones) {
  LayerSpec spec;
  spec.driver = driver;
  spec.layer = "zones";
  spec.epsg = 4544;
  spec.geometry_type = "Polygon";
  spec.fields = {FieldSpec{field}};
  for (const auto& [label, wkt] : zones) spec.features.push_back({wkt, {label}});
  return spec;
}

}  // namespace reserve::test
