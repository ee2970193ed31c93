// Green's-theorem overlap areas and the grid shape (see grid_shape.hpp). Why:
// A GEOS intersection per footprint part crossing a moved piece cost ~50 µs, and a draw on a large
// reserve has dozens of them. A draw's pieces are in general position (random rotation), so the
// area of A ∩ B follows from Green's theorem without building the overlay: ½ Σ cross(p, q) over the
// pieces (p, q) of A's edges inside B and of B's edges inside A, both with the inside on the left.
// Shared or collinear edges would make that ambiguous; they occur where the proposal's own pieces
// meet the footprint, so the observed value keeps the GEOS overlay (carve_out_pieces.cpp).
#include "rules/grid_shape.hpp"

#include <algorithm>
#include <cmath>

namespace reserve::rules::carve {
namespace {

double cross(Point p, Point q) { return p.x * q.y - p.y * q.x; }

// Whether segments a→b and c→d cross, a zero orientation counting as negative (a consistent
// tie-break, so that the crossings along a ring keep the inside/outside parity); t: where on a→b.
bool crossing(Point a, Point b, Point c, Point d, double& t) {
  const double o1 = orient(c, d, a), o2 = orient(c, d, b);
  if ((o1 > 0.0) == (o2 > 0.0)) return false;
  if ((orient(a, b, c) > 0.0) == (orient(a, b, d) > 0.0)) return false;
  t = o1 / (o1 - o2);
  return true;
}

bool boxes_meet(Point a, Point b, Point c, Point d) {
  return std::max(a.x, b.x) >= std::min(c.x, d.x) && std::max(c.x, d.x) >= std::min(a.x, b.x) &&
         std::max(a.y, b.y) >= std::min(c.y, d.y) && std::max(c.y, d.y) >= std::min(a.y, b.y);
}

// Adds ½ cross over the parts of a→b where `inside` holds; it starts as given and flips at each t.
double inside_parts(Point a, Point b, bool inside, std::vector<double>& ts) {
  std::sort(ts.begin(), ts.end());
  double sum = 0.0, from = 0.0;
  const auto at = [&](double t) { return Point{a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)}; };
  for (double t : ts) {
    if (inside) sum += cross(at(from), at(t));
    inside = !inside;
    from = t;
  }
  if (inside) sum += cross(at(from), b);
  return sum;
}

// Even–odd point-in-rings by a ray to +x (half-open in y).
bool inside_rings(const Rings& rings, Point p) {
  bool in = false;
  for (const auto& r : rings)
    for (std::size_t i = 0; i + 1 < r.size(); ++i) {
      const Point a = r[i], b = r[i + 1];
      if ((a.y > p.y) != (b.y > p.y) && p.x < a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y))
        in = !in;
    }
  return in;
}

}  // namespace

double orient(Point a, Point b, Point p) {
  return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
}

Rings oriented_rings(const MultiPolygon& mp, Point origin) {
  Rings out;
  auto add = [&](const Ring& r, bool hole) {
    if (r.size() < 4) return;
    std::vector<Point> ring;
    ring.reserve(r.size());
    for (const Point& p : r) ring.push_back({p.x - origin.x, p.y - origin.y});
    if ((signed_ring_area(ring) > 0.0) == hole) std::reverse(ring.begin(), ring.end());
    out.push_back(std::move(ring));
  };
  for (const Polygon& p : mp.polygons) {
    add(p.outer, false);
    for (const Ring& h : p.holes) add(h, true);
  }
  return out;
}

GridShape::GridShape(Rings rings, double area_m2) : rings_(std::move(rings)), area_m2_(area_m2) {
  std::size_t n = 0;
  for (const auto& r : rings_) {
    for (std::size_t i = 0; i + 1 < r.size(); ++i) {
      edges_.push_back({r[i], r[i + 1]});
      box_.expand(r[i]);
    }
  }
  n = edges_.size();
  const double w = std::max(box_.width(), 1e-9), h = std::max(box_.height(), 1e-9);
  const double cells = std::clamp(16.0 * static_cast<double>(n), 64.0, 1048576.0);
  cell_ = std::sqrt(w * h / cells);
  nx_ = std::clamp(static_cast<int>(std::ceil(w / cell_)), 1, 4096);
  ny_ = std::clamp(static_cast<int>(std::ceil(h / cell_)), 1, 4096);
  cell_ = std::max(w / nx_, h / ny_) * (1.0 + 1e-9);
  std::vector<std::vector<std::uint32_t>> lists(static_cast<std::size_t>(nx_) * ny_);
  for (std::uint32_t e = 0; e < n; ++e) {
    const Edge& s = edges_[e];
    const int i0 = col(std::min(s.a.x, s.b.x)), i1 = col(std::max(s.a.x, s.b.x));
    const int j0 = row(std::min(s.a.y, s.b.y)), j1 = row(std::max(s.a.y, s.b.y));
    for (int j = j0; j <= j1; ++j)
      for (int i = i0; i <= i1; ++i) lists[cell_index(i, j)].push_back(e);
  }
  start_.assign(lists.size() + 1, 0);
  for (std::size_t c = 0; c < lists.size(); ++c) start_[c + 1] = start_[c] + lists[c].size();
  cell_edges_.reserve(start_.back());
  for (const auto& l : lists) cell_edges_.insert(cell_edges_.end(), l.begin(), l.end());
  // Cell centres by a scanline per row; prefix sums over (boundary, inside) cells.
  centre_inside_.assign(lists.size(), 0);
  std::vector<double> xs;
  for (int j = 0; j < ny_; ++j) {
    const double y = box_.min_y + (j + 0.5) * cell_;
    xs.clear();
    for (const Edge& s : edges_)
      if ((s.a.y > y) != (s.b.y > y))
        xs.push_back(s.a.x + (y - s.a.y) * (s.b.x - s.a.x) / (s.b.y - s.a.y));
    std::sort(xs.begin(), xs.end());
    std::size_t k = 0;
    for (int i = 0; i < nx_; ++i) {
      const double x = box_.min_x + (i + 0.5) * cell_;
      while (k < xs.size() && xs[k] <= x) ++k;
      centre_inside_[cell_index(i, j)] = (k % 2) == 1;
    }
  }
  boundary_sum_.assign(static_cast<std::size_t>(nx_ + 1) * (ny_ + 1), 0);
  inside_sum_ = boundary_sum_;
  for (int j = 0; j < ny_; ++j)
    for (int i = 0; i < nx_; ++i) {
      const std::size_t c = cell_index(i, j);
      const bool boundary = start_[c + 1] > start_[c];
      const auto s = [&](int ii, int jj) { return static_cast<std::size_t>(jj) * (nx_ + 1) + ii; };
      boundary_sum_[s(i + 1, j + 1)] = boundary_sum_[s(i, j + 1)] + boundary_sum_[s(i + 1, j)] -
                                       boundary_sum_[s(i, j)] + (boundary ? 1 : 0);
      inside_sum_[s(i + 1, j + 1)] = inside_sum_[s(i, j + 1)] + inside_sum_[s(i + 1, j)] -
                                     inside_sum_[s(i, j)] +
                                     (!boundary && centre_inside_[c] ? 1 : 0);
    }
}

int GridShape::locate(const Envelope& box) const {
  if (box.max_x < box_.min_x || box.min_x > box_.max_x || box.max_y < box_.min_y ||
      box.min_y > box_.max_y)
    return -1;
  const int i0 = col(box.min_x), i1 = col(box.max_x), j0 = row(box.min_y), j1 = row(box.max_y);
  const auto sum = [&](const std::vector<std::uint32_t>& v) {
    const auto s = [&](int ii, int jj) { return v[static_cast<std::size_t>(jj) * (nx_ + 1) + ii]; };
    return s(i1 + 1, j1 + 1) - s(i0, j1 + 1) - s(i1 + 1, j0) + s(i0, j0);
  };
  if (sum(boundary_sum_) > 0) return 0;
  const std::uint32_t inside = sum(inside_sum_);
  if (inside == 0) return -1;
  const bool within_grid = box.min_x >= box_.min_x && box.max_x <= box_.max_x &&
                           box.min_y >= box_.min_y && box.max_y <= box_.max_y;
  const auto cells = static_cast<std::uint32_t>((i1 - i0 + 1) * (j1 - j0 + 1));
  return within_grid && inside == cells ? 1 : 0;
}

double GridShape::overlap_m2(const Rings& other, const Envelope& other_box) const {
  // This shape's edges near `other`.
  std::vector<std::uint32_t> near;
  const int i0 = col(other_box.min_x), i1 = col(other_box.max_x);
  const int j0 = row(other_box.min_y), j1 = row(other_box.max_y);
  for (int j = j0; j <= j1; ++j)
    for (int i = i0; i <= i1; ++i) {
      const std::size_t c = cell_index(i, j);
      near.insert(near.end(), cell_edges_.begin() + start_[c], cell_edges_.begin() + start_[c + 1]);
    }
  std::sort(near.begin(), near.end());
  near.erase(std::unique(near.begin(), near.end()), near.end());
  // Only the edges whose box meets `other`'s can cross it; `reach` bounds them, so that an edge
  // of `other` outside it is crossed by none.
  const Point lo{other_box.min_x, other_box.min_y}, hi{other_box.max_x, other_box.max_y};
  Envelope reach;
  std::erase_if(near,
                [&](std::uint32_t e) { return !boxes_meet(edges_[e].a, edges_[e].b, lo, hi); });
  for (std::uint32_t e : near) {
    reach.expand(edges_[e].a);
    reach.expand(edges_[e].b);
  }
  const Point reach_lo{reach.min_x, reach.min_y}, reach_hi{reach.max_x, reach.max_y};
  std::vector<double> ts;
  double sum = 0.0;
  // `other`'s edges inside this shape: the parity walks along each ring from its first vertex.
  for (const auto& r : other) {
    bool in = contains(r[0]);
    for (std::size_t k = 0; k + 1 < r.size(); ++k) {
      ts.clear();
      double t = 0.0;
      if (reach.valid && boxes_meet(r[k], r[k + 1], reach_lo, reach_hi)) {
        for (std::uint32_t e : near) {
          const Edge& s = edges_[e];
          if (boxes_meet(r[k], r[k + 1], s.a, s.b) && crossing(r[k], r[k + 1], s.a, s.b, t))
            ts.push_back(t);
        }
      }
      const bool ends_in = (ts.size() % 2 == 1) != in;
      sum += inside_parts(r[k], r[k + 1], in, ts);
      in = ends_in;
    }
  }
  // This shape's edges inside `other`.
  for (std::uint32_t e : near) {
    const Edge& s = edges_[e];
    ts.clear();
    double t = 0.0;
    for (const auto& r : other)
      for (std::size_t k = 0; k + 1 < r.size(); ++k)
        if (boxes_meet(s.a, s.b, r[k], r[k + 1]) && crossing(s.a, s.b, r[k], r[k + 1], t))
          ts.push_back(t);
    sum += inside_parts(s.a, s.b, inside_rings(other, s.a), ts);
  }
  return std::max(0.0, 0.5 * sum);
}

bool GridShape::contains(Point p) const {
  if (!box_.contains(p)) return false;
  const int i = col(p.x), j = row(p.y);
  const std::size_t c = cell_index(i, j);
  const Point centre{box_.min_x + (i + 0.5) * cell_, box_.min_y + (j + 0.5) * cell_};
  bool in = centre_inside_[c] != 0;
  double t = 0.0;
  for (std::size_t k = start_[c]; k < start_[c + 1]; ++k) {
    const Edge& s = edges_[cell_edges_[k]];
    if (crossing(centre, p, s.a, s.b, t)) in = !in;
  }
  return in;
}

}  // namespace reserve::rules::carve
