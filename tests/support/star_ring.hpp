#pragma once
// Random simple rings for geometry property tests: a star-shaped ring of n vertices around
// (cx, cy), its radius r × a random factor in [min_factor, 1) at each of n evenly spaced angles
// (a single-valued function of the angle, so the ring is simple). Counter-clockwise, or
// clockwise for holes; closed.
#include <cmath>
#include <random>

#include "reserve/geometry.hpp"

namespace reserve::test {

inline Ring star_ring(std::mt19937_64& rng, double cx, double cy, double r, int n, bool clockwise,
                      double min_factor = 0.7) {
  std::uniform_real_distribution<double> jitter(min_factor, 1.0);
  Ring ring;
  for (int i = 0; i < n; ++i) {
    const double t = 2.0 * M_PI * i / n * (clockwise ? -1.0 : 1.0);
    const double k = r * jitter(rng);
    ring.push_back({cx + k * std::cos(t), cy + k * std::sin(t)});
  }
  ring.push_back(ring.front());
  return ring;
}

}  // namespace reserve::test
