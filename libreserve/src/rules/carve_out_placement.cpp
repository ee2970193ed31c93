// Where the permutation test puts a piece (see carve_out_placement.hpp).
#include "rules/carve_out_placement.hpp"

#include <algorithm>
#include <cmath>

#include "reserve/error.hpp"

namespace reserve::rules::carve {
namespace {

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

}  // namespace

double unit_interval(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

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

Point interior_point(std::mt19937_64& rng, const Envelope& box, const geom::PointInArea& reserve) {
  for (int attempt = 0; attempt < 100000; ++attempt) {
    const Point p{box.min_x + unit_interval(rng) * box.width(),
                  box.min_y + unit_interval(rng) * box.height()};
    if (reserve.contains(p)) return p;
  }
  throw InternalError("permutation test: found no random point inside the baseline reserve");
}

}  // namespace reserve::rules::carve
