#pragma once
// The edges of polygons as directed segments with the polygon's interior on their left (shells
// counter-clockwise, holes clockwise), compared bit for bit: two layouts share an edge when they
// hold the very same coordinates. Private to the library.
#include <bit>
#include <cstddef>
#include <cstdint>

#include "reserve/geometry.hpp"

namespace reserve::geom {

struct DirectedEdge {
  Point from, to;
  int label = 0;  // what lies on the left (e.g. a zone)
  bool operator==(const DirectedEdge& o) const noexcept {
    return std::bit_cast<std::uint64_t>(from.x) == std::bit_cast<std::uint64_t>(o.from.x) &&
           std::bit_cast<std::uint64_t>(from.y) == std::bit_cast<std::uint64_t>(o.from.y) &&
           std::bit_cast<std::uint64_t>(to.x) == std::bit_cast<std::uint64_t>(o.to.x) &&
           std::bit_cast<std::uint64_t>(to.y) == std::bit_cast<std::uint64_t>(o.to.y) &&
           label == o.label;
  }
  DirectedEdge reversed() const noexcept { return {to, from, label}; }
};

struct DirectedEdgeHash {
  std::size_t operator()(const DirectedEdge& e) const noexcept {
    std::uint64_t h = static_cast<std::uint64_t>(e.label) * 0x9E3779B97F4A7C15ull;
    for (double v : {e.from.x, e.from.y, e.to.x, e.to.y})
      h = (h ^ std::bit_cast<std::uint64_t>(v)) * 0x100000001B3ull + (h >> 29);
    return static_cast<std::size_t>(h);
  }
};

// Twice the signed area of a ring (counter-clockwise positive), relative to its first vertex.
inline double signed_area2(const Ring& r) noexcept {
  double sum = 0.0;
  for (std::size_t i = 1; i + 1 < r.size(); ++i)
    sum += (r[i].x - r[0].x) * (r[i + 1].y - r[0].y) - (r[i + 1].x - r[0].x) * (r[i].y - r[0].y);
  return sum;
}

// Calls f(edge, ring, i) for each edge of the ring (vertex i to the next, repeated points
// skipped), oriented with the interior on the left: `shell` says which side that is.
template <class F>
void for_each_ring_edge(const Ring& r, bool shell, int label, F&& f) {
  const std::size_t n = r.size();
  if (n < 2) return;
  const bool reverse = (signed_area2(r) > 0.0) != shell;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t j = i + 1 < n ? i + 1 : 0;
    if (r[i] == r[j]) continue;  // the closing point, or a repeated vertex
    f(reverse ? DirectedEdge{r[j], r[i], label} : DirectedEdge{r[i], r[j], label}, i);
  }
}

// Every edge of every ring of `mp`: f(edge, ring, i).
template <class F>
void for_each_edge(const MultiPolygon& mp, int label, F&& f) {
  for (const auto& poly : mp.polygons) {
    for_each_ring_edge(poly.outer, true, label,
                       [&](const DirectedEdge& e, std::size_t i) { f(e, poly.outer, i); });
    for (const auto& hole : poly.holes)
      for_each_ring_edge(hole, false, label,
                         [&](const DirectedEdge& e, std::size_t i) { f(e, hole, i); });
  }
}

}  // namespace reserve::geom
