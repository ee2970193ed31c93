#pragma once
// A NaN or infinite coordinate makes every later step meaningless (GEOS may even call such a
// polygon valid), so the readers refuse it at the boundary. Private to the library.
#include <cmath>
#include <cstddef>
#include <optional>

#include "reserve/geometry.hpp"

namespace reserve {

struct NonFiniteVertex {
  std::size_t vertex = 0;     // 1-based, counting every vertex of the geometry in order
  std::optional<Point> near;  // the closest earlier finite vertex, as a location to look at
};

inline std::optional<NonFiniteVertex> find_non_finite_vertex(const Geometry& g) {
  std::size_t n = 0;
  std::optional<Point> last_finite;
  std::optional<NonFiniteVertex> found;
  auto visit = [&](const Point& p) {
    if (found) return;
    ++n;
    if (std::isfinite(p.x) && std::isfinite(p.y)) {
      last_finite = p;
    } else {
      found = NonFiniteVertex{n, last_finite};
    }
  };
  for (const auto& p : g.points) visit(p);
  for (const auto& l : g.lines)
    for (const auto& p : l) visit(p);
  for (const auto& poly : g.polygons.polygons) {
    for (const auto& p : poly.outer) visit(p);
    for (const auto& h : poly.holes)
      for (const auto& p : h) visit(p);
  }
  return found;
}

}  // namespace reserve
