// Footprint area per grid cell and a placed piece's bounds (see footprint_raster.hpp).
#include "rules/footprint_raster.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace reserve::rules {

// Coverage convention: an edge a→b adds (a.y − b.y) times the area between it and the right side
// of its cell to that cell, and (a.y − b.y) times a whole cell to every cell on its right; with the
// inside on the left, the sum over a ring is 1 per cell area inside it and 0 outside. The deltas
// are stored per cell: the partial area in the edge's cell, the rest in the next one, so that a
// running sum along the row gives each cell's covered fraction. Cells left of the grid carry into
// column 0; cells right of it are not kept.
template <class Emit>
void FootprintRaster::edge(Point a, Point b, Emit&& emit) const {
  if (a.y == b.y) return;  // a horizontal edge covers nothing
  const auto piece = [&](int row, Point p, Point q) {
    const double dv = p.y - q.y;
    const double um = 0.5 * (p.x + q.x);
    const double fl = std::floor(um);
    if (fl < 0.0) {
      emit(row, 0, dv);
      return;
    }
    if (fl >= nx_) return;
    const int i = static_cast<int>(fl);
    emit(row, i, dv * (fl + 1.0 - um));
    if (i + 1 < nx_) emit(row, i + 1, dv * (um - fl));
  };
  const double vlo = std::min(a.y, b.y), vhi = std::max(a.y, b.y);
  const int j0 = std::max(0, static_cast<int>(std::floor(std::max(vlo, -1.0))));
  const int j1 = std::min(ny_ - 1, static_cast<int>(std::floor(std::min(vhi, double(ny_)))));
  const double dy = b.y - a.y, dx = b.x - a.x;
  for (int j = j0; j <= j1; ++j) {
    double t0 = (j - a.y) / dy, t1 = (j + 1 - a.y) / dy;
    if (t0 > t1) std::swap(t0, t1);
    t0 = std::max(t0, 0.0);
    t1 = std::min(t1, 1.0);
    if (!(t0 < t1)) continue;
    const Point p{a.x + t0 * dx, a.y + t0 * dy}, q{a.x + t1 * dx, a.y + t1 * dy};
    // Split at the column lines between p and q that lie on the grid (0 … nx).
    const double ulo = std::min(p.x, q.x), uhi = std::max(p.x, q.x);
    const double k_first = std::max(std::floor(ulo) + 1.0, 0.0);
    const double k_last = std::min(std::ceil(uhi) - 1.0, static_cast<double>(nx_));
    if (k_first > k_last) {
      piece(j, p, q);
      continue;
    }
    Point from = p;
    const double du = q.x - p.x;
    const int n = static_cast<int>(k_last - k_first) + 1;
    for (int m = 0; m < n; ++m) {
      const double k = du > 0.0 ? k_first + m : k_last - m;
      const double s = (k - p.x) / du;
      const Point cut{k, p.y + s * (q.y - p.y)};
      piece(j, from, cut);
      from = cut;
    }
    piece(j, from, q);
  }
}

FootprintRaster::FootprintRaster(const std::vector<OrientedRings>& footprint,
                                 std::size_t max_cells) {
  Envelope box;
  for (const auto& rings : footprint)
    for (const auto& r : rings)
      for (const Point& p : r) box.expand(p);
  if (!(box.width() > 0.0) || !(box.height() > 0.0)) return;  // no area: nx_ = 0
  const double w = box.width(), h = box.height();
  cell_ = std::max({std::sqrt(w * h / static_cast<double>(std::max<std::size_t>(max_cells, 1))),
                    w / 8192.0, h / 8192.0});
  nx_ = std::max(1, static_cast<int>(std::ceil(w / cell_)));
  ny_ = std::max(1, static_cast<int>(std::ceil(h / cell_)));
  x0_ = box.min_x;
  y0_ = box.min_y;
  const std::size_t stride = static_cast<std::size_t>(nx_) + 1;
  prefix_.assign(stride * ny_, 0.0);
  const auto grid = [&](Point p) { return Point{(p.x - x0_) / cell_, (p.y - y0_) / cell_}; };
  for (const auto& rings : footprint)
    for (const auto& r : rings)
      for (std::size_t k = 0; k + 1 < r.size(); ++k)
        edge(grid(r[k]), grid(r[k + 1]),
             [&](int row, int col, double v) { prefix_[row * stride + col] += v; });
  // Deltas → covered area per cell → running sums (in place: a delta is read before its slot is
  // overwritten by the sum of the cells before it).
  const double cell_area = cell_ * cell_;
  for (int j = 0; j < ny_; ++j) {
    double* row = &prefix_[j * stride];
    double cover = 0.0, run = 0.0;
    for (int i = 0; i < nx_; ++i) {
      cover += row[i];
      row[i] = run;
      run += std::clamp(cover, 0.0, 1.0) * cell_area;
    }
    row[nx_] = run;
  }
  // Summed-area tables over the cells: footprint area, and cells holding any (an area of exactly
  // 0 leaves the row's running sum unchanged, so such a cell adds nothing to a bound).
  table_.assign(stride * (ny_ + 1), 0.0);
  nonempty_.assign(stride * (ny_ + 1), 0);
  for (int j = 0; j < ny_; ++j) {
    const double* row = &prefix_[j * stride];
    std::uint32_t count = 0;
    for (std::size_t i = 0; i < stride; ++i) {
      table_[(j + 1) * stride + i] = table_[j * stride + i] + row[i];
      nonempty_[(j + 1) * stride + i] = nonempty_[j * stride + i] + count;
      if (i < static_cast<std::size_t>(nx_) && row[i + 1] != row[i]) ++count;
    }
  }
  words_ = (static_cast<std::size_t>(nx_) + 63) / 64;
  deltas_.assign(static_cast<std::size_t>(nx_) * ny_, 0.0);
  marked_.assign(words_ * ny_, 0);
  row_marked_.assign(ny_, 0);
}

FootprintRaster::Block FootprintRaster::block(double u0, double v0, double u1, double v1) const {
  Block b;
  u0 = std::floor(u0), v0 = std::floor(v0), u1 = std::floor(u1), v1 = std::floor(v1);
  if (u1 < 0.0 || v1 < 0.0 || u0 >= nx_ || v0 >= ny_) return b;
  b.i0 = static_cast<std::size_t>(std::max(u0, 0.0));
  b.i1 = static_cast<std::size_t>(std::min(u1, nx_ - 1.0)) + 1;
  b.j0 = static_cast<std::size_t>(std::max(v0, 0.0));
  b.j1 = static_cast<std::size_t>(std::min(v1, ny_ - 1.0)) + 1;
  return b;
}

template <class T>
T FootprintRaster::block_sum(const std::vector<T>& table, const Block& b) const {
  const std::size_t stride = static_cast<std::size_t>(nx_) + 1;
  return table[b.j1 * stride + b.i1] - table[b.j0 * stride + b.i1] - table[b.j1 * stride + b.i0] +
         table[b.j0 * stride + b.i0];
}

double FootprintRaster::box_upper(const Envelope& box) const {
  if (nx_ == 0) return 0.0;
  const Block b = block((box.min_x - x0_) / cell_, (box.min_y - y0_) / cell_,
                        (box.max_x - x0_) / cell_, (box.max_y - y0_) / cell_);
  return b.empty() ? 0.0 : std::max(0.0, block_sum(table_, b));
}

FootprintRaster::ChunkedRings FootprintRaster::chunked(const OrientedRings& rings) const {
  ChunkedRings out;
  out.rings = rings;
  const double limit = 0.5 * cell_;
  for (const auto& r : rings) {
    std::vector<Chunk> chunks;
    for (std::size_t s = 0; s + 1 < r.size();) {
      const auto dist = [&](std::size_t k) { return std::hypot(r[k].x - r[s].x, r[k].y - r[s].y); };
      std::size_t e = s + 1;
      double reach = dist(e);
      while (e + 1 < r.size() && dist(e + 1) <= limit) reach = std::max(reach, dist(++e));
      chunks.push_back({static_cast<std::uint32_t>(e), reach});
      s = e;
    }
    out.chunks.push_back(std::move(chunks));
  }
  return out;
}

void FootprintRaster::bounds(const OrientedRings& placed, Point to, double cos_a, double sin_a,
                             double& lo, double& hi) const {
  ChunkedRings plain;
  plain.rings = placed;
  bounds(plain, to, cos_a, sin_a, lo, hi);
}

void FootprintRaster::bounds(const ChunkedRings& placed, Point to, double cos_a, double sin_a,
                             double& lo, double& hi) const {
  lo = hi = 0.0;
  if (nx_ == 0) return;
  std::vector<int>& touched = touched_;
  touched.clear();
  const auto emit = [&](int row, int col, double v) {
    if (!row_marked_[row]) {
      row_marked_[row] = 1;
      touched.push_back(row);
    }
    const std::size_t r = static_cast<std::size_t>(row);
    deltas_[r * nx_ + col] += v;
    marked_[r * words_ + static_cast<std::size_t>(col) / 64] |= std::uint64_t{1} << (col % 64);
  };
  const auto grid = [&](Point p) {
    return Point{(to.x + cos_a * p.x - sin_a * p.y - x0_) / cell_,
                 (to.y + sin_a * p.x + cos_a * p.y - y0_) / cell_};
  };
  // Edges within one cell of the grid (most of them) are summed before they are emitted: their
  // deltas to the cell, Σ dv·(i + 1 − u_mid), and to the next one, Σ dv − that (as in edge()).
  int cell_i = -1, cell_j = -1;
  double in_cell = 0.0, dv_sum = 0.0;
  const auto flush = [&] {
    if (cell_i < 0) return;
    emit(cell_j, cell_i, in_cell);
    if (cell_i + 1 < nx_) emit(cell_j, cell_i + 1, dv_sum - in_cell);
    cell_i = -1;
    in_cell = dv_sum = 0.0;
  };
  const auto step = [&](Point prev, Point cur) {
    // Truncation is the floor on the grid (non-negative coordinates); the range test comes
    // first, so that the casts stay in range.
    if (prev.x >= 0.0 && prev.x < nx_ && prev.y >= 0.0 && prev.y < ny_ && cur.x >= 0.0 &&
        cur.x < nx_ && cur.y >= 0.0 && cur.y < ny_ &&
        static_cast<int>(prev.x) == static_cast<int>(cur.x) &&
        static_cast<int>(prev.y) == static_cast<int>(cur.y)) {
      const int i = static_cast<int>(prev.x), j = static_cast<int>(prev.y);
      const double fi = i;
      if (i != cell_i || j != cell_j) {
        flush();
        cell_i = i;
        cell_j = j;
      }
      const double dv = prev.y - cur.y;
      in_cell += dv * (fi + 1.0 - 0.5 * (prev.x + cur.x));
      dv_sum += dv;
    } else {
      flush();
      edge(prev, cur, emit);
    }
  };
  // A chunk a → … → b within `reach` (grid units) of a, over cells without footprint: in each row
  // its edges pass on clip(a.y) − clip(b.y) to the cells right of its cells (clip: the part of the
  // row's band below y); cells left of the grid carry into column 0, as in edge().
  const auto step_over = [&](Point a, Point b, double reach) {
    flush();
    const double right = std::floor(a.x + reach) + 1.0;
    if (right >= nx_) return;
    const int col = right < 0.0 ? 0 : static_cast<int>(right);
    const int j0 = static_cast<int>(std::clamp(std::floor(a.y - reach), 0.0, double(ny_)));
    const int j1 = static_cast<int>(std::clamp(std::floor(a.y + reach), -1.0, ny_ - 1.0));
    for (int j = j0; j <= j1; ++j) {
      const double v = std::clamp(a.y - j, 0.0, 1.0) - std::clamp(b.y - j, 0.0, 1.0);
      if (v != 0.0) emit(j, col, v);
    }
  };
  // 1e-6 of a cell beyond a chunk's reach covers the rounding of the rigid motion.
  const double reach_scale = 1.0 / cell_;
  for (std::size_t ri = 0; ri < placed.rings.size(); ++ri) {
    const auto& r = placed.rings[ri];
    if (r.empty()) continue;
    Point prev = grid(r[0]);
    std::size_t k = 1;
    if (ri < placed.chunks.size()) {
      for (const Chunk& c : placed.chunks[ri]) {
        if (c.last >= k + 1) {  // two edges or more: worth a look at its cells
          const double reach = c.reach * reach_scale + 1e-6;
          const Block b = block(prev.x - reach, prev.y - reach, prev.x + reach, prev.y + reach);
          if (b.empty() || block_sum(nonempty_, b) == 0) {
            const Point last = grid(r[c.last]);
            step_over(prev, last, reach);
            prev = last;
            k = c.last + 1;
            continue;
          }
        }
        for (; k <= c.last; ++k) {
          const Point cur = grid(r[k]);
          step(prev, cur);
          prev = cur;
        }
      }
    }
    for (; k < r.size(); ++k) {
      const Point cur = grid(r[k]);
      step(prev, cur);
      prev = cur;
    }
  }
  flush();
  const double cell_area = cell_ * cell_;
  const std::size_t stride = static_cast<std::size_t>(nx_) + 1;
  // Cells between the ones the boundary touches are wholly inside (cover 1) or outside (0).
  const auto run = [&](const double* p, double cover, int from, int to_col) {
    if (to_col <= from) return;
    const double f = p[to_col] - p[from];
    if (cover > 1.0 - 1e-6) {
      lo += f;
      hi += f;
    } else if (cover >= 1e-6) {
      hi += f;  // not a whole cell count: only the safe bound
    }
  };
  for (int row : touched) {
    const std::size_t r = static_cast<std::size_t>(row);
    const double* p = &prefix_[r * stride];
    double* deltas = &deltas_[r * nx_];
    std::uint64_t* marked = &marked_[r * words_];
    double cover = 0.0;
    int next = 0;
    // The marked cells in column order (lowest set bit first), each read and cleared.
    for (std::size_t w = 0; w < words_; ++w) {
      for (std::uint64_t bits = marked[w]; bits != 0; bits &= bits - 1) {
        const int col = static_cast<int>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
        run(p, cover, next, col);
        cover += deltas[col];
        deltas[col] = 0.0;
        const double c = std::clamp(cover, 0.0, 1.0) * cell_area;
        const double f = p[col + 1] - p[col];
        lo += std::max(0.0, c + f - cell_area);
        hi += std::min(c, f);
        next = col + 1;
      }
      marked[w] = 0;
    }
    run(p, cover, next, nx_);
    row_marked_[r] = 0;
  }
}

}  // namespace reserve::rules
