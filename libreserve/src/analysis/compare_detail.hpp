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

}  // namespace reserve::analysis
