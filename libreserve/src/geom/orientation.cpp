#include "geom/orientation.hpp"

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

}  // namespace reserve::geom
