#pragma once
// Small geometry helpers of the comparison. Private to the library.
#include <cmath>

#include "reserve/geometry.hpp"

namespace reserve::analysis {

// Planar length of a ring in CRS units (the closing segment included).
inline double ring_length(const Ring& ring) noexcept {
  double sum = 0.0;
  for (std::size_t i = 1; i < ring.size(); ++i)
    sum += std::hypot(ring[i].x - ring[i - 1].x, ring[i].y - ring[i - 1].y);
  if (ring.size() > 1 && !(ring.front() == ring.back()))
    sum += std::hypot(ring.front().x - ring.back().x, ring.front().y - ring.back().y);
  return sum;
}

// Length in metres of a ring given in degrees (lon, lat): equirectangular per segment at the
// segment's mean latitude on a sphere of radius 6371008.8 m. Relative error well below 1 % for
// the short segments of zone boundaries — enough to classify slivers, never used for a figure
// that a rule compares.
inline double ring_length_lonlat_m(const Ring& ring) noexcept {
  constexpr double kRadiusM = 6371008.8;
  constexpr double kDegToRad = 3.14159265358979323846 / 180.0;
  double sum = 0.0;
  for (std::size_t i = 1; i < ring.size(); ++i) {
    const double mean_lat = 0.5 * (ring[i].y + ring[i - 1].y) * kDegToRad;
    const double dx = (ring[i].x - ring[i - 1].x) * kDegToRad * std::cos(mean_lat);
    const double dy = (ring[i].y - ring[i - 1].y) * kDegToRad;
    sum += kRadiusM * std::hypot(dx, dy);
  }
  return sum;
}

}  // namespace reserve::analysis
