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

  // A shape's rings cut into chunks for bounds(): runs of consecutive edges that stay within half
  // a cell of the run's first vertex (rotation keeps that distance). A chunk whose cells hold no
  // footprint adds nothing to either bound, and what its edges pass on to the cells right of it in
  // each row is fixed by its two end points (the coverage sums telescope along the path), so
  // bounds() steps over it without moving its inner vertices. The bounds are those of the plain
  // walk up to rounding.
  struct Chunk {
    std::uint32_t last = 0;  // index of the chunk's last vertex in its ring
    double reach = 0.0;      // farthest vertex of the chunk from its first one (m)
  };
  struct ChunkedRings {
    OrientedRings rings;
    std::vector<std::vector<Chunk>> chunks;  // per ring; empty: every edge walked
  };
  ChunkedRings chunked(const OrientedRings& rings) const;

  // Lower and upper bound on area(placed ∩ footprint), where `placed` are oriented rings rotated by
  // (cos, sin) about the origin and moved to `to`. Without chunks every edge is walked.
  void bounds(const ChunkedRings& placed, Point to, double cos_a, double sin_a, double& lo,
              double& hi) const;
  void bounds(const OrientedRings& placed, Point to, double cos_a, double sin_a, double& lo,
              double& hi) const;

  // An upper bound on area(placed ∩ footprint) for a placed piece that lies inside `box` (world
  // frame): the footprint area of the grid cells the box meets, from the summed-area table in
  // O(1). No better than bounds()' upper bound, but it costs nothing per edge: a draw whose pieces'
  // boxes hold too little footprint is settled without walking their boundaries.
  double box_upper(const Envelope& box) const;

  // Rounding in the bounds stays far below this (m²; for a total area near `total_m2`).
  double slack_m2(double total_m2) const { return 1e-6 * (total_m2 + cell_ * cell_); }

 private:
  // Adds the coverage deltas of edge a→b (grid units) to `emit(row, col, delta)`.
  template <class Emit>
  void edge(Point a, Point b, Emit&& emit) const;
  // Cells [i0, i1) × [j0, j1) clamped to the grid: (rows, cols) corners of the summed tables.
  struct Block {
    std::size_t i0 = 0, i1 = 0, j0 = 0, j1 = 0;
    bool empty() const { return i0 >= i1 || j0 >= j1; }
  };
  Block block(double u0, double v0, double u1, double v1) const;  // grid units, inclusive
  template <class T>
  T block_sum(const std::vector<T>& table, const Block& b) const;

  double x0_ = 0.0, y0_ = 0.0, cell_ = 1.0;
  int nx_ = 0, ny_ = 0;
  std::vector<double> prefix_;  // per row nx_ + 1 running sums of the footprint area per cell
  // (ny_ + 1) × (nx_ + 1) sums of the footprint area over the cells below and left of a corner.
  std::vector<double> table_;
  std::vector<std::uint32_t> nonempty_;  // the same sums of the count of cells holding footprint
  // Scratch of bounds() (one thread per test), all zero between calls: the coverage deltas per
  // cell, a bit per cell that got one (so that a row's cells are visited in column order without
  // sorting), whether a row got any, and the rows that did.
  mutable std::vector<double> deltas_;
  mutable std::vector<std::uint64_t> marked_;
  mutable std::vector<char> row_marked_;
  mutable std::vector<int> touched_;
  std::size_t words_ = 0;  // 64-bit words of marked_ per row
};

}  // namespace reserve::rules
