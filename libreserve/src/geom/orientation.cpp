#include "geom/orientation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "geom/geos.hpp"

namespace reserve::geom {

int orientation(const Point& a, const Point& b, const Point& p) {
  const double left = (a.x - p.x) * (b.y - p.y);
  const double right = (a.y - p.y) * (b.x - p.x);
  const double det = left - right;
  const double sum = std::abs(left) + std::abs(right);
  constexpr double eps = std::numeric_limits<double>::epsilon() / 2;  // 2^-53
  constexpr double bound_a = (3.0 + 16.0 * eps) * eps;
  if (std::abs(det) > bound_a * sum) return det > 0 ? 1 : -1;
  const int o = GEOSOrientationIndex_r(context(), a.x, a.y, b.x, b.y, p.x, p.y);
  return (o == 1 || o == -1) ? o : 0;
}

std::optional<int> ray_crossing(const Point& a, const Point& b, const Point& p) {
  if (p == a) return std::nullopt;
  const bool up = a.y <= p.y && p.y < b.y;
  const bool down = b.y <= p.y && p.y < a.y;
  if (!up && !down) {
    if (a.y == p.y && b.y == p.y && std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x))
      return std::nullopt;
    return 0;
  }
  // On the ray when p lies on the edge's left going up, on its right going down.
  const int o = orientation(a, b, p);
  if (o == 0) return std::nullopt;
  if (up) return o > 0 ? 1 : 0;
  return o < 0 ? -1 : 0;
}

}  // namespace reserve::geom
