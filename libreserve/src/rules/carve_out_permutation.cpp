// The permutation test of the targeting statistic (see carve_out_permutation.hpp).
#include "rules/carve_out_permutation.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "geom/envelope_index.hpp"
#include "geom/segment_index.hpp"
#include "geom/validity.hpp"
#include "geom/vertex_count.hpp"
#include "reserve/error.hpp"
#include "rules/footprint_raster.hpp"
#include "rules/rule_helpers.hpp"

namespace reserve::rules {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Draws as large as the proposal's after which the test stops (Besag, J. & Clifford, P. 1991,
// "Sequential Monte Carlo p-values", Biometrika 78(2):301–304: stopping at the h-th exceedance
// after L draws gives the valid p-value h / L). A carve-out that chance matches easily is then
// settled in ~h / p draws instead of all of them, which bounds the cost where the pieces and the
// footprint are large (a reserve cut in half); a small p still takes every draw, as it must.
constexpr int kEnoughAsLarge = 50;

// Cells of the footprint's grid (FootprintRaster). A draw's bounds cost about the pieces' edges
// plus the cells their boundaries cross; coarser cells leave more draws to the exact measure. On
// the 50,000-vertex benchmark reserve (999 draws) 5 draws are measured exactly and
// the test takes 0.13 s instead of 2.3 s; 2^16 cells: 1 draw, 0.26 s; 2^20: none, 0.71 s.
constexpr std::size_t kRasterCells = 8192;

// Uniform in [0, 1) from the top 53 bits of one engine output. std::mt19937_64's output sequence
// is fixed by the C++ standard, but std::uniform_real_distribution (and every other std::
// distribution) is not: libstdc++, libc++ and MSVC turn the same engine output into different
// numbers, and have changed it between versions. Doing the conversion by hand keeps a seed's
// p-value the same on every build.
double unit_interval(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

// ---- The draws' measure: an exact overlap area without GEOS overlay ----------------------------
// A GEOS intersection per footprint part crossing a moved piece cost ~50 µs, and a draw on a large
// reserve has dozens of them. A draw's pieces are in general position (random rotation), so the
// area of A ∩ B follows from Green's theorem without building the overlay: ½ Σ cross(p, q) over the
// pieces (p, q) of A's edges inside B and of B's edges inside A, both with the inside on the left.
// Shared or collinear edges would make that ambiguous; they occur where the proposal's own pieces
// meet the footprint, so the observed value keeps the GEOS overlay above.

double cross(Point p, Point q) { return p.x * q.y - p.y * q.x; }
double orient(Point a, Point b, Point p) {
  return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
}

// Rings of one shape, closed, outer rings counter-clockwise and holes clockwise (inside on the
// left), shifted by -origin so that the shoelace products stay small.
using Rings = std::vector<std::vector<Point>>;

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

// A shape in its own frame behind a uniform grid: per cell the edges whose box meets it, whether
// its centre is inside, and prefix counts of boundary cells and inside cells, so that a box wholly
// inside or outside is settled in O(1) and an exact overlap looks only at the edges near it.
class GridShape {
 public:
  GridShape() = default;
  GridShape(Rings rings, double area_m2) : rings_(std::move(rings)), area_m2_(area_m2) {
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
        const auto s = [&](int ii, int jj) {
          return static_cast<std::size_t>(jj) * (nx_ + 1) + ii;
        };
        boundary_sum_[s(i + 1, j + 1)] = boundary_sum_[s(i, j + 1)] + boundary_sum_[s(i + 1, j)] -
                                         boundary_sum_[s(i, j)] + (boundary ? 1 : 0);
        inside_sum_[s(i + 1, j + 1)] = inside_sum_[s(i, j + 1)] + inside_sum_[s(i + 1, j)] -
                                       inside_sum_[s(i, j)] +
                                       (!boundary && centre_inside_[c] ? 1 : 0);
      }
  }

  const Rings& rings() const { return rings_; }
  double area_m2() const { return area_m2_; }

  // Where `box` lies: -1 wholly outside the shape, +1 wholly inside, 0 either or both.
  int locate(const Envelope& box) const {
    if (box.max_x < box_.min_x || box.min_x > box_.max_x || box.max_y < box_.min_y ||
        box.min_y > box_.max_y)
      return -1;
    const int i0 = col(box.min_x), i1 = col(box.max_x), j0 = row(box.min_y), j1 = row(box.max_y);
    const auto sum = [&](const std::vector<std::uint32_t>& v) {
      const auto s = [&](int ii, int jj) {
        return v[static_cast<std::size_t>(jj) * (nx_ + 1) + ii];
      };
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

  // Area of this shape ∩ `other` (rings in this frame, oriented; `other_box` their envelope).
  double overlap_m2(const Rings& other, const Envelope& other_box) const {
    // This shape's edges near `other`.
    std::vector<std::uint32_t> near;
    const int i0 = col(other_box.min_x), i1 = col(other_box.max_x);
    const int j0 = row(other_box.min_y), j1 = row(other_box.max_y);
    for (int j = j0; j <= j1; ++j)
      for (int i = i0; i <= i1; ++i) {
        const std::size_t c = cell_index(i, j);
        near.insert(near.end(), cell_edges_.begin() + start_[c],
                    cell_edges_.begin() + start_[c + 1]);
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
  bool contains(Point p) const {
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

// A piece as its vertices relative to its centroid, with what placing and measuring it needs.
struct Piece {
  MultiPolygon shape;           // centred on (0, 0); made valid once (GEOS MakeValid) if it was not
  geom::GeomPtr local;          // `shape` in GEOS
  geom::PreparedPtr prepared;   // … prepared: footprint parts are tested against it
  geom::SegmentIndex boundary;  // … its rings: is a footprint part clear of them?
  // A large piece cut into tiles (each prepared, behind an index): a footprint part crossing the
  // piece's boundary is intersected with the few tiles it meets, not with the whole piece.
  struct Tile {
    geom::GeomPtr geometry;
    geom::PreparedPtr prepared;
  };
  std::vector<Tile> tiles;
  std::unique_ptr<geom::EnvelopeIndex> tile_index;  // null: not tiled
  std::size_t vertices = 0;
  double area_m2 = 0.0;      // planar
  double radius_m = 0.0;     // farthest vertex from the centroid: the moved piece's box
  bool on_boundary = false;  // removed: placed at the boundary; downgraded: anywhere inside
  GridShape grid;            // `shape` for the draws' measure
  double depth = 0.0;        // removed: how far inside the reserve its centroid lies (m)
  Point centroid;            // where it is in the proposal
};

// A rigid motion: rotate by `angle` about the origin, then translate by `to`.
struct Motion {
  Point to;
  double angle = 0.0;
};

struct BoundarySegment {
  Point a, b;
  double end = 0.0;  // cumulative length at b; the reserve lies to the left of a → b
};

// A ring walked with the reserve on its left (an outer ring counter-clockwise, a hole clockwise),
// from its least vertex (x, then y), closed. The least vertex of a ring is a corner of its convex
// hull, never a vertex added along an edge.
Ring canonical_walk(const Ring& ring, bool hole) {
  Ring r(ring.begin(), ring.end());
  if (r.size() > 1 && r.front() == r.back()) r.pop_back();
  if (r.size() < 3) return {};
  Ring closed = r;
  closed.push_back(r.front());
  if ((signed_ring_area(closed) > 0.0) == hole) std::reverse(r.begin(), r.end());
  auto less = [](const Point& a, const Point& b) { return a.x < b.x || (a.x == b.x && a.y < b.y); };
  std::rotate(r.begin(), std::min_element(r.begin(), r.end(), less), r.end());
  r.push_back(r.front());
  return r;
}

// The reserve's rings as segments weighted by length, the reserve to the left of each. The rings
// are walked canonically (canonical_walk) in the order of their least vertices, so that the walk,
// and with it every draw, depends on the outline's point set and not on how its rings are written
// down (start vertex, orientation, ring order, vertices along edges).
std::vector<BoundarySegment> boundary_segments(const MultiPolygon& reserve) {
  std::vector<Ring> walks;
  for (const Polygon& p : reserve.polygons) {
    walks.push_back(canonical_walk(p.outer, false));
    for (const Ring& h : p.holes) walks.push_back(canonical_walk(h, true));
  }
  std::sort(walks.begin(), walks.end(), [](const Ring& a, const Ring& b) {
    return std::lexicographical_compare(
        a.begin(), a.end(), b.begin(), b.end(),
        [](const Point& p, const Point& q) { return p.x < q.x || (p.x == q.x && p.y < q.y); });
  });
  std::vector<BoundarySegment> out;
  double total = 0.0;
  for (const Ring& ring : walks) {
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
      const double len = std::hypot(ring[i + 1].x - ring[i].x, ring[i + 1].y - ring[i].y);
      if (!(len > 0.0)) continue;
      total += len;
      out.push_back({ring[i], ring[i + 1], total});
    }
  }
  return out;
}

MultiPolygon moved(const MultiPolygon& shape, Point to, double angle) {
  const double c = std::cos(angle), s = std::sin(angle);
  auto move_ring = [&](const Ring& r) {
    Ring out;
    out.reserve(r.size());
    for (const Point& p : r) out.push_back({to.x + c * p.x - s * p.y, to.y + s * p.x + c * p.y});
    return out;
  };
  MultiPolygon out;
  for (const Polygon& poly : shape.polygons) {
    Polygon m{move_ring(poly.outer), {}};
    for (const Ring& h : poly.holes) m.holes.push_back(move_ring(h));
    out.polygons.push_back(std::move(m));
  }
  return out;
}

// `mp` moved back by the inverse of `m` (into the frame of a piece centred on the origin).
MultiPolygon moved_back(const MultiPolygon& mp, const Motion& m) {
  MultiPolygon shifted = moved(mp, Point{-m.to.x, -m.to.y}, 0.0);
  return moved(shifted, Point{0.0, 0.0}, -m.angle);
}

Point moved_back(Point p, const Motion& m) {
  const double c = std::cos(m.angle), s = std::sin(m.angle);
  const double dx = p.x - m.to.x, dy = p.y - m.to.y;
  return {c * dx + s * dy, -s * dx + c * dy};
}

bool contains(const GEOSPreparedGeometry* area, Point p) {
  const geom::GeomPtr g = geom::to_geos(p);
  return GEOSPreparedContains_r(geom::context(), area, g.get()) == 1;
}

// Area of a ∩ b where a is prepared; b built from `b_value`. A rigid motion's rounding can make a
// valid but nearly touching ring invalid, which GEOS refuses to intersect; the statistic needs the
// area only, so the valid form of b (the same area) is measured then.
double overlap_m2(const GEOSPreparedGeometry* a_prepared, const GEOSGeometry* a,
                  const GEOSGeometry* b, const MultiPolygon& b_value, double b_area_m2) {
  auto* h = geom::context();
  if (GEOSPreparedIntersects_r(h, a_prepared, b) != 1) return 0.0;
  if (GEOSPreparedContains_r(h, a_prepared, b) == 1) return b_area_m2;
  geom::GeomPtr both(GEOSIntersection_r(h, a, b));
  if (!both) {
    const geom::GeomPtr valid = geom::to_geos(geom::make_valid_polygons(b_value));
    both = geom::check(GEOSIntersection_r(h, a, valid.get()), "piece ∩ footprint");
  }
  return geom::planar_area(both.get());
}

double overlap_m2(const GEOSPreparedGeometry* a_prepared, const GEOSGeometry* a,
                  const MultiPolygon& b_value, double b_area_m2) {
  const geom::GeomPtr b = geom::to_geos(b_value);
  return overlap_m2(a_prepared, a, b.get(), b_value, b_area_m2);
}

// Area of piece ∩ b, both in the piece's frame: tile by tile for a tiled piece (the tiles are
// disjoint, so their overlaps add up).
double piece_overlap_m2(const Piece& piece, const MultiPolygon& b_value, double b_area_m2) {
  if (!piece.tile_index)
    return overlap_m2(piece.prepared.get(), piece.local.get(), b_value, b_area_m2);
  const geom::GeomPtr b = geom::to_geos(b_value);
  double area = 0.0;
  for (std::size_t i : piece.tile_index->query(envelope_of(b_value))) {
    const Piece::Tile& t = piece.tiles[i];
    area += overlap_m2(t.prepared.get(), t.geometry.get(), b.get(), b_value, b_area_m2);
  }
  return area;
}

// Cuts a piece of more than 256 vertices into a grid of about vertices / 64 tiles.
void tile(Piece& p) {
  if (p.vertices <= 256) return;
  auto* h = geom::context();
  const int g =
      std::min(32, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(p.vertices) / 64.0))));
  const Envelope e = envelope_of(p.shape);
  std::vector<Envelope> boxes;
  for (int ix = 0; ix < g; ++ix) {
    for (int iy = 0; iy < g; ++iy) {
      const double x0 = e.min_x + e.width() * ix / g, x1 = e.min_x + e.width() * (ix + 1) / g;
      const double y0 = e.min_y + e.height() * iy / g, y1 = e.min_y + e.height() * (iy + 1) / g;
      geom::GeomPtr clip(GEOSClipByRect_r(h, p.local.get(), x0, y0, x1, y1));
      if (!clip) return;  // GEOS could not clip: measure against the whole piece
      if (!(geom::planar_area(clip.get()) > 0.0)) continue;
      Envelope box;
      box.expand(Point{x0, y0});
      box.expand(Point{x1, y1});
      boxes.push_back(box);
      Piece::Tile t;
      t.prepared = geom::prepare(clip.get());
      t.geometry = std::move(clip);
      p.tiles.push_back(std::move(t));
    }
  }
  p.tile_index = std::make_unique<geom::EnvelopeIndex>(boxes);
}

// The footprint as separate polygons behind an envelope index. Each pair (piece, footprint part)
// is measured in the frame of the one with more vertices, which is prepared once: the smaller one
// is moved (a mining-right buffer into the frame of a large removed piece, a small piece onto a
// large merged footprint), so a draw costs about the small geometries' size, not the large ones'.
class Footprint {
 public:
  // Parts with more vertices than `grid_above` get a GridShape (pieces are moved onto them).
  Footprint(const GEOSGeometry* footprint, std::size_t grid_above) {
    auto* h = geom::context();
    const int n = GEOSGetNumGeometries_r(h, footprint);
    std::vector<Envelope> boxes;
    for (int i = 0; i < n; ++i) {
      const GEOSGeometry* part = GEOSGetGeometryN_r(h, footprint, i);
      if (GEOSGeomTypeId_r(h, part) != GEOS_POLYGON || geom::is_empty(part)) continue;
      Part p;
      p.geometry = part;
      p.prepared = geom::prepare(part);
      p.value = geom::polygons_from_geos(part);
      p.vertices = geom::vertex_count(p.value);
      p.area_m2 = geom::planar_area(part);
      const Envelope e = envelope_of(p.value);
      p.center = Point{(e.min_x + e.max_x) / 2, (e.min_y + e.max_y) / 2};
      p.radius_m = std::hypot(e.width(), e.height()) / 2;
      p.rings = oriented_rings(p.value, p.center);
      if (p.vertices > grid_above)
        p.grid = std::make_unique<GridShape>(oriented_rings(p.value, p.center), p.area_m2);
      boxes.push_back(e);
      parts_.push_back(std::move(p));
    }
    index_ = std::make_unique<geom::EnvelopeIndex>(boxes);
  }
  bool empty() const { return parts_.empty(); }

  // The parts as oriented rings in the world frame (for the FootprintRaster).
  std::vector<OrientedRings> world_rings() const {
    std::vector<OrientedRings> out;
    out.reserve(parts_.size());
    for (const Part& p : parts_) out.push_back(oriented_rings(p.value, Point{0.0, 0.0}));
    return out;
  }

  // Planar area of (piece moved by m) ∩ footprint.
  double taken_in(const Piece& piece, const Motion& m) const {
    Envelope box;
    box.expand(Point{m.to.x - piece.radius_m, m.to.y - piece.radius_m});
    box.expand(Point{m.to.x + piece.radius_m, m.to.y + piece.radius_m});
    const std::vector<std::size_t> hits = index_->query(box);
    double area = 0.0;
    std::optional<MultiPolygon> placed;  // the piece in the world frame, made when first needed
    for (std::size_t i : hits) {
      const Part& part = parts_[i];
      if (part.vertices <= piece.vertices) {
        // A part whose bounding circle clears the piece's boundary lies wholly inside or wholly
        // outside it: one point test instead of building and intersecting the part.
        const Point c = moved_back(part.center, m);
        if (!piece.boundary.within(c, part.radius_m)) {
          if (contains(piece.prepared.get(), c)) area += part.area_m2;
          continue;
        }
        area += piece_overlap_m2(piece, moved_back(part.value, m), part.area_m2);
      } else {
        if (!placed) placed = moved(piece.shape, m.to, m.angle);
        area += overlap_m2(part.prepared.get(), part.geometry, *placed, piece.area_m2);
      }
    }
    return area;
  }

  // The same measure for a random draw, by GridShape (general position; see above). Each pair
  // (piece, part) is measured in the frame of the one with more vertices, as in taken_in().
  double drawn_in(const Piece& piece, const Motion& m) const {
    Envelope box;
    box.expand(Point{m.to.x - piece.radius_m, m.to.y - piece.radius_m});
    box.expand(Point{m.to.x + piece.radius_m, m.to.y + piece.radius_m});
    const double c = std::cos(m.angle), s = std::sin(m.angle);
    double area = 0.0;
    Rings moved_rings;
    // `rings` rotated by (cos, sin) and put at `at`, into moved_rings; returns their envelope.
    const auto place = [&](const Rings& rings, Point at, double cs, double sn) {
      moved_rings.resize(rings.size());
      Envelope e;
      for (std::size_t r = 0; r < rings.size(); ++r) {
        moved_rings[r].clear();
        for (const Point& p : rings[r]) {
          moved_rings[r].push_back({at.x + cs * p.x - sn * p.y, at.y + sn * p.x + cs * p.y});
          e.expand(moved_rings[r].back());
        }
      }
      return e;
    };
    const auto square = [](Point q, double r) {
      Envelope e;
      e.expand(Point{q.x - r, q.y - r});
      e.expand(Point{q.x + r, q.y + r});
      return e;
    };
    for (std::size_t i : index_->query(box)) {
      const Part& part = parts_[i];
      if (part.vertices <= piece.vertices) {
        const double dx = part.center.x - m.to.x, dy = part.center.y - m.to.y;
        const Point q{c * dx + s * dy, -s * dx + c * dy};  // the part's centre, piece frame
        const int where = piece.grid.locate(square(q, part.radius_m));
        if (where > 0) area += part.area_m2;
        if (where != 0) continue;
        const Envelope e = place(part.rings, q, c, -s);
        area += piece.grid.overlap_m2(moved_rings, e);
      } else {
        const Point q{m.to.x - part.center.x, m.to.y - part.center.y};  // piece, part frame
        const int where = part.grid->locate(square(q, piece.radius_m));
        if (where > 0) area += piece.area_m2;
        if (where != 0) continue;
        const Envelope e = place(piece.grid.rings(), q, c, s);
        area += part.grid->overlap_m2(moved_rings, e);
      }
    }
    return area;
  }

 private:
  struct Part {
    const GEOSGeometry* geometry = nullptr;  // owned by the caller's footprint
    geom::PreparedPtr prepared;
    MultiPolygon value;
    std::size_t vertices = 0;
    double area_m2 = 0.0;
    Point center;                     // of its envelope
    double radius_m = 0.0;            // of the circle round its envelope
    Rings rings;                      // relative to `center`, oriented
    std::unique_ptr<GridShape> grid;  // relative to `center`; only for parts larger than a piece
  };
  std::vector<Part> parts_;
  std::unique_ptr<geom::EnvelopeIndex> index_;
};

Point centroid_of(const GEOSGeometry* g) {
  auto* h = geom::context();
  auto c = geom::check(GEOSGetCentroid_r(h, g), "centroid");
  Point p;
  GEOSGeomGetX_r(h, c.get(), &p.x);
  GEOSGeomGetY_r(h, c.get(), &p.y);
  return p;
}

std::vector<Piece> pieces_of(const Comparison& comparison, const GEOSGeometry* reserve) {
  auto* h = geom::context();
  auto boundary = geom::check(GEOSBoundary_r(h, reserve), "reserve boundary");
  auto prepared_reserve = geom::prepare(reserve);
  std::vector<Piece> out;
  for (const ChangeSet* set : {&comparison.removed, &comparison.downgraded}) {
    for (const ChangePiece& cp : set->pieces) {
      if (cp.noise) continue;
      auto g = geom::to_geos(cp.geometry);
      Piece p;
      p.on_boundary = set == &comparison.removed;
      p.centroid = centroid_of(g.get());
      MultiPolygon shape;
      shape.polygons.push_back(cp.geometry);
      // Overlay pieces can carry rings that touch themselves; GEOS refuses to intersect those.
      if (!geom::invalid_reason(g.get()).empty()) shape = geom::make_valid_polygons(shape);
      p.shape = moved(shape, Point{-p.centroid.x, -p.centroid.y}, 0.0);
      p.local = geom::to_geos(p.shape);
      p.prepared = geom::prepare(p.local.get());
      p.boundary = geom::SegmentIndex(p.local.get());
      p.vertices = geom::vertex_count(p.shape);
      p.area_m2 = planar_area(p.shape);
      for (const Polygon& poly : p.shape.polygons)
        for (const Point& q : poly.outer) p.radius_m = std::max(p.radius_m, std::hypot(q.x, q.y));
      tile(p);
      p.grid = GridShape(oriented_rings(p.shape, Point{0.0, 0.0}), p.area_m2);
      if (p.on_boundary) {
        auto c = geom::to_geos(p.centroid);
        double dist = 0.0;
        GEOSDistance_r(h, c.get(), boundary.get(), &dist);
        const bool inside = GEOSPreparedContains_r(h, prepared_reserve.get(), c.get()) == 1;
        p.depth = inside ? dist : -dist;
      }
      out.push_back(std::move(p));
    }
  }
  return out;
}

// The convex hull of the pieces' outer vertices (Andrew's monotone chain), counter-clockwise: the
// box of a rotated piece is the box of its rotated hull, a few vertices instead of all.
std::vector<Point> convex_hull(const MultiPolygon& shape) {
  std::vector<Point> pts;
  for (const Polygon& poly : shape.polygons)
    pts.insert(pts.end(), poly.outer.begin(), poly.outer.end());
  std::sort(pts.begin(), pts.end(),
            [](Point a, Point b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
  if (pts.size() < 3) return pts;
  std::vector<Point> h(2 * pts.size());
  std::size_t k = 0;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    while (k >= 2 && orient(h[k - 2], h[k - 1], pts[i]) <= 0.0) --k;
    h[k++] = pts[i];
  }
  for (std::size_t i = pts.size() - 1, t = k + 1; i-- > 0;) {
    while (k >= t && orient(h[k - 2], h[k - 1], pts[i]) <= 0.0) --k;
    h[k++] = pts[i];
  }
  h.resize(k - 1);
  return h;
}

// A point of the boundary at arc length u·total, moved `depth` towards the reserve's inside.
Point boundary_point(const std::vector<BoundarySegment>& segs, double u, double depth) {
  const double at = u * segs.back().end;
  auto it = std::upper_bound(segs.begin(), segs.end(), at,
                             [](double v, const BoundarySegment& s) { return v < s.end; });
  if (it == segs.end()) it = segs.end() - 1;
  const double dx = it->b.x - it->a.x, dy = it->b.y - it->a.y;
  const double len = std::hypot(dx, dy);
  const double start = it->end - len;
  const double t = std::clamp((at - start) / len, 0.0, 1.0);
  // The reserve lies to the left: the left normal is (−dy, dx)/len.
  return {it->a.x + dx * t - dy / len * depth, it->a.y + dy * t + dx / len * depth};
}

// A uniform point of the reserve by rejection from its envelope. The attempts are bounded so
// that a degenerate reserve cannot loop for ever (a reserve filling 1e-3 of its envelope fails
// with probability (1 − 1e-3)^100000 ≈ 4e-44).
Point interior_point(std::mt19937_64& rng, const Envelope& box,
                     const GEOSPreparedGeometry* reserve) {
  auto* h = geom::context();
  for (int attempt = 0; attempt < 100000; ++attempt) {
    const Point p{box.min_x + unit_interval(rng) * box.width(),
                  box.min_y + unit_interval(rng) * box.height()};
    auto g = geom::to_geos(p);
    if (GEOSPreparedContains_r(h, reserve, g.get()) == 1) return p;
  }
  throw InternalError("permutation test: found no random point inside the baseline reserve");
}

}  // namespace

CarveOutPermutation carve_out_permutation(const Comparison& comparison, const GEOSGeometry* reserve,
                                          const GEOSGeometry* footprint, int draws,
                                          std::uint64_t seed, bool exact_every_draw) {
  if (draws < 1) throw UsageError("permutation test: the number of draws must be ≥ 1");
  CarveOutPermutation result;
  result.seed = seed;
  const std::vector<Piece> pieces = pieces_of(comparison, reserve);
  std::size_t smallest_piece = 0;
  for (std::size_t i = 0; i < pieces.size(); ++i)
    smallest_piece = i == 0 ? pieces[i].vertices : std::min(smallest_piece, pieces[i].vertices);
  const Footprint fp(footprint, smallest_piece);
  if (pieces.empty() || fp.empty()) return result;

  for (const Piece& p : pieces) result.observed_m2 += fp.taken_in(p, Motion{p.centroid, 0.0});
  const double bar = result.observed_m2 * (1.0 - 1e-9);

  const MultiPolygon outline = geom::polygons_from_geos(reserve);
  const std::vector<BoundarySegment> segs = boundary_segments(outline);
  if (segs.empty()) return result;
  const Envelope box = envelope_of(outline);
  auto prepared_reserve = geom::prepare(reserve);
  // Grid bounds settle most draws (rules/footprint_raster.hpp); only a draw whose bounds straddle
  // the observed value is measured exactly. Each bound holds with margin slack, so a draw settled
  // by them counts exactly when its exact measure would: the p-value is the same.
  const FootprintRaster raster(fp.world_rings(), kRasterCells);
  const double slack = raster.slack_m2(result.observed_m2);
  std::vector<FootprintRaster::ChunkedRings> outlines;
  for (const Piece& p : pieces) outlines.push_back(raster.chunked(p.grid.rings()));
  std::mt19937_64 rng(seed);
  std::vector<Motion> placed(pieces.size());
  std::vector<double> box_hi(pieces.size()), rest_after(pieces.size());
  std::vector<std::size_t> order(pieces.size());
  std::vector<double> cos_a(pieces.size()), sin_a(pieces.size());
  std::vector<std::vector<Point>> hulls;
  for (const Piece& p : pieces) hulls.push_back(convex_hull(p.shape));
  for (int d = 0; d < draws; ++d) {
    // Every random number of a draw is taken before any is used, so that the early exit below
    // cannot change the sequence of the next draw.
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      const Piece& p = pieces[i];
      const Point at = p.on_boundary ? boundary_point(segs, unit_interval(rng), p.depth)
                                     : interior_point(rng, box, prepared_reserve.get());
      placed[i] = Motion{at, 2.0 * kPi * unit_interval(rng)};
    }
    // First the footprint in the pieces' boxes (the box of the rotated hull; O(1) look-up each): a
    // draw that cannot reach the observed value even so is settled without walking any boundary.
    double lo = 0.0, hi = 0.0;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      cos_a[i] = std::cos(placed[i].angle);
      sin_a[i] = std::sin(placed[i].angle);
      const double m = pieces[i].radius_m * 1e-9 + 1e-3;  // the motion's rounding
      Envelope e;
      for (const Point& q : hulls[i])
        e.expand(Point{cos_a[i] * q.x - sin_a[i] * q.y, sin_a[i] * q.x + cos_a[i] * q.y});
      e.min_x += placed[i].to.x - m;
      e.max_x += placed[i].to.x + m;
      e.min_y += placed[i].to.y - m;
      e.max_y += placed[i].to.y + m;
      box_hi[i] = raster.box_upper(e);
      hi += box_hi[i];
    }
    if (hi + slack >= bar) {
      // Then piece by piece, the largest box first, each box's bound replaced by the grid walk's
      // (bounds of one piece are independent of the others'), until the draw is settled either
      // way: the pieces left keep their box bound. A piece whose box holds no footprint adds 0 to
      // both bounds without a walk.
      for (std::size_t i = 0; i < pieces.size(); ++i) order[i] = i;
      std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return box_hi[a] > box_hi[b] || (box_hi[a] == box_hi[b] && a < b);
      });
      double rest = 0.0;  // box bounds of the pieces not walked yet, summed from the smallest
      for (std::size_t k = pieces.size(); k-- > 0;) {
        rest += box_hi[order[k]];
        rest_after[k] = rest;
      }
      hi = 0.0;
      for (std::size_t k = 0; k < pieces.size(); ++k) {
        const std::size_t i = order[k];
        if (box_hi[i] == 0.0) break;  // sorted: the rest hold no footprint either
        if (lo - slack >= bar || hi + rest_after[k] + slack < bar) {
          hi += rest_after[k];
          break;
        }
        double l = 0.0, u = 0.0;
        raster.bounds(outlines[i], placed[i].to, cos_a[i], sin_a[i], l, u);
        lo += l;
        hi += std::min(u, box_hi[i]);
      }
    }
    if (exact_every_draw) {
      lo = 0.0;
      hi = bar + 2.0 * slack;
    }
    bool as_large = lo - slack >= bar;
    if (!as_large && hi + slack >= bar) {
      ++result.measured_exactly;
      double taken = 0.0;
      for (std::size_t i = 0; i < pieces.size() && taken < bar; ++i)
        taken +=
            fp.drawn_in(pieces[i], placed[i]);  // stops once as large: the rest cannot lower it
      as_large = taken >= bar;
    }
    if (as_large && ++result.as_large == kEnoughAsLarge && d + 1 < draws) {
      // Besag & Clifford's sequential p-value: once h draws were as large, p = h / draws made.
      result.draws = d + 1;
      result.p_value = static_cast<double>(kEnoughAsLarge) / result.draws;
      return result;
    }
  }
  result.draws = draws;
  result.p_value = (result.as_large + 1.0) / (draws + 1.0);
  return result;
}

void add_permutation_test(TargetingStatistic& t, const Comparison& comparison,
                          const GEOSGeometry* reserve, const GEOSGeometry* footprint,
                          const NoAdjustingOptions& options) {
  if (options.permutation_draws < 0)
    throw UsageError(std::string(kNoAdjustingRuleId) +
                     ": permutation_draws must be ≥ 0 (0 turns the permutation test off)");
  if (options.permutation_draws == 0) return;
  const CarveOutPermutation r = carve_out_permutation(
      comparison, reserve, footprint, options.permutation_draws, options.permutation_seed);
  t.p_value = r.p_value;
  t.permutation_draws = r.draws;
  t.permutation_seed = r.seed;
}

std::vector<ParamSpec> permutation_param_specs() {
  return {
      {"permutation_draws", ParamType::number,
       "random placements of the removed and downgraded pieces in the permutation test of the "
       "targeting ratio (p = (k + 1) / (draws + 1)); 0 turns the test off",
       999.0, MeasureUnit::count},
      {"permutation_seed", ParamType::number,
       "seed of the permutation test's generator (std::mt19937_64); the same seed gives the same "
       "p-value on every platform",
       1.0, std::nullopt},
  };
}

void read_permutation_options(const RuleDefinition& def, const RuleConfig& config,
                              NoAdjustingOptions& o) {
  const double draws = number_param(def, config, "permutation_draws");
  const double seed = number_param(def, config, "permutation_seed");
  // 2^53: beyond it a TOML number is no longer an exact integer.
  if (!(draws >= 0.0) || draws != std::floor(draws) || draws > 1e7)
    throw UsageError(std::string(kNoAdjustingRuleId) +
                     ": permutation_draws must be a whole number from 0 to 10000000");
  if (!(seed >= 0.0) || seed != std::floor(seed) || seed > 9007199254740992.0)
    throw UsageError(std::string(kNoAdjustingRuleId) +
                     ": permutation_seed must be a whole number from 0 to 2^53");
  o.permutation_draws = static_cast<int>(draws);
  o.permutation_seed = static_cast<std::uint64_t>(seed);
}

void add_permutation_result(Verdict& v, const TargetingStatistic& t) {
  if (!t.p_value) return;
  v.measured.push_back(fraction("targeting_p_value", *t.p_value));
  v.measured.push_back(count("permutation_draws", static_cast<double>(t.permutation_draws)));
  const std::string p = fmt::format("{:.4f}", *t.p_value);
  v.explanation_en += fmt::format(
      " Permutation test: random placements of the same pieces take in as much conflict "
      "footprint with p = {} ({} draws, seed {}).",
      p, t.permutation_draws, t.permutation_seed);
  v.explanation_zh += fmt::format("置换检验：同样地块随机放置 {} 次（种子 {}），p = {}。",
                                  t.permutation_draws, t.permutation_seed, p);
}

}  // namespace reserve::rules
