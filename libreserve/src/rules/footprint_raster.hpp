#pragma once
// Bounds on how much conflict footprint a placed piece takes in, from the footprint's exact area
// per cell of a uniform grid. Private to the library: the permutation test
// (carve_out_permutation.cpp) settles most draws with these bounds and measures exactly only the
// draws whose bounds straddle the observed value.
//
// A cell wholly inside the placed piece takes in all of the footprint in it, a cell wholly outside
// none, and a cell the piece's boundary crosses, covering a fraction c of the cell that holds
// footprint area f, between max(0, c + f − cell) and min(c, f) (Fréchet's bounds). Cell areas of a
// polygon come from one pass over its edges (each edge adds, per cell it crosses, the signed area
// between it and the cell's right side; a prefix sum along each row gives every cell's covered
// area: the accumulation of exact-coverage font rasterisers), so a draw costs about the piece's
// edges and the cells they cross, and the cells inside are summed by row prefix sums.
#include <cstdint>
#include <vector>

#include "reserve/geometry.hpp"

namespace reserve::rules {

// Rings with the inside on the left (outer rings counter-clockwise, holes clockwise), closed.
using OrientedRings = std::vector<std::vector<Point>>;

class FootprintRaster {
 public:
  // `footprint`: disjoint polygons as oriented rings, in the world frame. The grid covers their
  // envelope with at most `max_cells` square cells.
  FootprintRaster(const std::vector<OrientedRings>& footprint, std::size_t max_cells);

  // Lower and upper bound on area(placed ∩ footprint), where `placed` are oriented rings rotated by
  // (cos, sin) about the origin and moved to `to`.
  void bounds(const OrientedRings& placed, Point to, double cos_a, double sin_a, double& lo,
              double& hi) const;

  // Rounding in the bounds stays far below this (m²; for a total area near `total_m2`).
  double slack_m2(double total_m2) const { return 1e-6 * (total_m2 + cell_ * cell_); }

 private:
  struct Entry {
    std::int32_t col;
    double cover;  // in cell areas
  };
  // Adds the coverage deltas of edge a→b (grid units) to `emit(row, col, delta)`.
  template <class Emit>
  void edge(Point a, Point b, Emit&& emit) const;

  double x0_ = 0.0, y0_ = 0.0, cell_ = 1.0;
  int nx_ = 0, ny_ = 0;
  std::vector<double> prefix_;  // per row nx_ + 1 running sums of the footprint area per cell
  // Scratch of bounds() (one thread per test): entries per row, rows with entries.
  mutable std::vector<std::vector<Entry>> rows_;
  mutable std::vector<int> touched_;
};

}  // namespace reserve::rules
