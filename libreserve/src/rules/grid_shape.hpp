#pragma once
// The permutation test's exact measure (rules/carve_out_permutation.hpp): the area of A ∩ B for
// shapes in general position by Green's theorem, without a GEOS overlay, and GridShape, a shape
// behind a uniform grid that settles a box wholly inside or outside it in O(1). Private to the
// library.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "reserve/geometry.hpp"

namespace reserve::rules::carve {

// Rings of one shape, closed, outer rings counter-clockwise and holes clockwise (inside on the
// left).
using Rings = std::vector<std::vector<Point>>;

// `mp`'s rings oriented as Rings says, shifted by -origin so that the shoelace products stay
// small. Rings of fewer than 4 points are left out.
Rings oriented_rings(const MultiPolygon& mp, Point origin);

// Twice the signed area of the triangle a, b, p: > 0 when p lies left of a → b.
double orient(Point a, Point b, Point p);

// A shape in its own frame behind a uniform grid: per cell the edges whose box meets it, whether
// its centre is inside, and prefix counts of boundary cells and inside cells, so that a box wholly
// inside or outside is settled in O(1) and an exact overlap looks only at the edges near it.
class GridShape {
 public:
  GridShape() = default;
  GridShape(Rings rings, double area_m2);

  const Rings& rings() const { return rings_; }
  double area_m2() const { return area_m2_; }

  // Where `box` lies: -1 wholly outside the shape, +1 wholly inside, 0 either or both.
  int locate(const Envelope& box) const;

  // Area of this shape ∩ `other` (rings in this frame, oriented; `other_box` their envelope).
  // Exact by Green's theorem for boundaries in general position (no shared or collinear edges).
  double overlap_m2(const Rings& other, const Envelope& other_box) const;

 private:
  struct Edge {
    Point a, b;
  };
  int col(double x) const {
    return std::clamp(static_cast<int>((x - box_.min_x) / cell_), 0, nx_ - 1);
  }
  int row(double y) const {
    return std::clamp(static_cast<int>((y - box_.min_y) / cell_), 0, ny_ - 1);
  }
  std::size_t cell_index(int i, int j) const { return static_cast<std::size_t>(j) * nx_ + i; }
  // Inside this shape: the cell centre's state, flipped by the edges crossed on the way to p.
  bool contains(Point p) const;

  Rings rings_;
  double area_m2_ = 0.0;
  std::vector<Edge> edges_;
  Envelope box_;
  double cell_ = 1.0;
  int nx_ = 1, ny_ = 1;
  std::vector<std::size_t> start_;
  std::vector<std::uint32_t> cell_edges_;
  std::vector<char> centre_inside_;
  std::vector<std::uint32_t> boundary_sum_, inside_sum_;
};

}  // namespace reserve::rules::carve
