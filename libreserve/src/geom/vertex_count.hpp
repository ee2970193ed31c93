#pragma once
// The number of stored vertices of a shape (closing vertices included): a measure of the work
// its overlays take. Private to the library.
#include <cstddef>

#include "reserve/geometry.hpp"

namespace reserve::geom {

inline std::size_t vertex_count(const MultiPolygon& m) {
  std::size_t n = 0;
  for (const Polygon& p : m.polygons) {
    n += p.outer.size();
    for (const Ring& h : p.holes) n += h.size();
  }
  return n;
}

inline std::size_t vertex_count(const Geometry& g) {
  std::size_t n = g.points.size() + vertex_count(g.polygons);
  for (const LineString& l : g.lines) n += l.size();
  return n;
}

}  // namespace reserve::geom
