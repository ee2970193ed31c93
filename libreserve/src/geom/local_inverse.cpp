// A biquadratic fit of a projection's inverse over a small envelope (geom/local_inverse.hpp).
#include "geom/local_inverse.hpp"

#include <cmath>

namespace reserve::geom {
namespace {

// Lagrange's basis on the nodes −1, 0, 1.
struct Basis {
  double m, z, p;
};
Basis basis(double u) { return {0.5 * u * (u - 1.0), 1.0 - u * u, 0.5 * u * (u + 1.0)}; }

// The fit at (u, v) in [−1, 1]² of the grid values g (row by row: v = −1, 0, 1; u = −1, 0, 1).
Point fit(const LocalFitNodes& g, double u, double v) {
  const Basis bu = basis(u), bv = basis(v);
  const double wu[3] = {bu.m, bu.z, bu.p}, wv[3] = {bv.m, bv.z, bv.p};
  double x = 0.0, y = 0.0;
  for (int j = 0; j < 3; ++j) {
    double rx = 0.0, ry = 0.0;
    for (int i = 0; i < 3; ++i) {
      rx += wu[i] * g[static_cast<std::size_t>(3 * j + i)].x;
      ry += wu[i] * g[static_cast<std::size_t>(3 * j + i)].y;
    }
    x += wv[j] * rx;
    y += wv[j] * ry;
  }
  return {x, y};
}

}  // namespace

LocalFitNodes local_fit_nodes(const Envelope& e) {
  const double xs[3] = {e.min_x, 0.5 * (e.min_x + e.max_x), e.max_x};
  const double ys[3] = {e.min_y, 0.5 * (e.min_y + e.max_y), e.max_y};
  LocalFitNodes n{};
  for (int j = 0; j < 3; ++j)
    for (int i = 0; i < 3; ++i) n[static_cast<std::size_t>(3 * j + i)] = {xs[i], ys[j]};
  const double qx0 = 0.75 * e.min_x + 0.25 * e.max_x, qx1 = 0.25 * e.min_x + 0.75 * e.max_x;
  const double qy0 = 0.75 * e.min_y + 0.25 * e.max_y, qy1 = 0.25 * e.min_y + 0.75 * e.max_y;
  n[9] = {qx0, qy0};
  n[10] = {qx1, qy0};
  n[11] = {qx0, qy1};
  n[12] = {qx1, qy1};
  return n;
}

std::optional<Ring> fitted_lonlat(const Ring& ring, const Envelope& e,
                                  const LocalFitNodes& projected) {
  for (const Point& p : projected)
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) return std::nullopt;
  const double cx = 0.5 * (e.min_x + e.max_x), cy = 0.5 * (e.min_y + e.max_y);
  const double hx = 0.5 * (e.max_x - e.min_x), hy = 0.5 * (e.max_y - e.min_y);
  if (!(hx > 0.0) || !(hy > 0.0)) return std::nullopt;
  constexpr double kQuarters[4][2] = {{-0.5, -0.5}, {0.5, -0.5}, {-0.5, 0.5}, {0.5, 0.5}};
  for (std::size_t q = 0; q < 4; ++q) {
    const Point f = fit(projected, kQuarters[q][0], kQuarters[q][1]);
    const Point& exact = projected[9 + q];
    if (!(std::abs(f.x - exact.x) <= kLocalFitToleranceDeg) ||
        !(std::abs(f.y - exact.y) <= kLocalFitToleranceDeg))
      return std::nullopt;
  }
  Ring out;
  out.reserve(ring.size());
  for (const Point& p : ring) out.push_back(fit(projected, (p.x - cx) / hx, (p.y - cy) / hy));
  return out;
}

}  // namespace reserve::geom
