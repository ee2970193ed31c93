// Densifying lon/lat edges before projection (see densify.hpp for the choice of the step).
#include "geom/densify.hpp"

#include <cmath>
#include <cstdio>
#include <vector>

namespace reserve::geom {
namespace {

// Appends the points strictly between a and b (b excluded), linearly in the source coordinates.
void append_between(const Point& a, const Point& b, double step_deg, std::vector<Point>& out) {
  const double d = std::hypot(b.x - a.x, b.y - a.y);
  const double n = std::ceil(d / step_deg);
  if (!(n > 1.0)) return;  // also catches NaN
  const auto count = static_cast<long>(n);
  for (long k = 1; k < count; ++k) {
    // a + (b − a)·k/n: each inserted vertex depends only on the edge's end points, so the same
    // edge is densified identically wherever it occurs (shared zone boundaries stay shared).
    const double t = static_cast<double>(k) / n;
    out.push_back(Point{a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t});
  }
}

void densify_path(std::vector<Point>& path, double step_deg) {
  if (path.size() < 2) return;
  std::vector<Point> out;
  out.reserve(path.size());
  for (std::size_t i = 0; i + 1 < path.size(); ++i) {
    out.push_back(path[i]);
    append_between(path[i], path[i + 1], step_deg, out);
  }
  out.push_back(path.back());
  path = std::move(out);
}

// A ring's closing edge is an edge too: an open ring is closed first (GEOS closes it anyway).
void densify_ring(Ring& ring, double step_deg) {
  if (ring.size() >= 2 && !(ring.front() == ring.back())) ring.push_back(ring.front());
  densify_path(ring, step_deg);
}

std::string fixed_step(double step_deg) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g°", step_deg);
  return buf;
}

}  // namespace

void densify_ring_linear(Ring& ring, double step) { densify_ring(ring, step); }
void densify_path_linear(std::vector<Point>& path, double step) { densify_path(path, step); }

void densify_lonlat(MultiPolygon& mp, double step_deg) {
  for (auto& poly : mp.polygons) {
    densify_ring(poly.outer, step_deg);
    for (auto& hole : poly.holes) densify_ring(hole, step_deg);
  }
}

void densify_lonlat(Geometry& g, double step_deg) {
  for (auto& line : g.lines) densify_path(line, step_deg);
  densify_lonlat(g.polygons, step_deg);
}

void to_working_crs(MultiPolygon& mp, const Crs& source, const Transformer& to_working) {
  if (to_working.is_identity()) return;
  if (source.is_geographic) densify_lonlat(mp);
  to_working.apply(mp);
}

void to_working_crs(Geometry& g, const Crs& source, const Transformer& to_working) {
  if (to_working.is_identity()) return;
  if (source.is_geographic) densify_lonlat(g);
  to_working.apply(g);
}

std::string edge_model(const Crs& source, const Crs& working) {
  const std::string src = source.empty() ? std::string("the source CRS") : source.label();
  if (source.is_geographic) {
    return "edges straight in " + src + " (lon/lat), densified to ≤ " +
           fixed_step(kLonLatDensifyStepDeg) + " before projecting into " + working.label();
  }
  if (source.empty() || working.empty() || equivalent(source, working))
    return "edges straight in the working CRS " + working.label();
  return "edges straight in the working CRS " + working.label() + " (vertices reprojected from " +
         src + ")";
}

}  // namespace reserve::geom
