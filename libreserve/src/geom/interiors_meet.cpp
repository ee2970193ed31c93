#include "geom/interiors_meet.hpp"

#include <unordered_set>
#include <vector>

#include "geom/directed_edges.hpp"
#include "reserve/error.hpp"

namespace reserve::geom {
namespace {

using EdgeSet = std::unordered_set<DirectedEdge, DirectedEdgeHash>;

EdgeSet edges_of(const MultiPolygon& mp) {
  EdgeSet out;
  for_each_edge(mp, 0, [&](const DirectedEdge& e, const Ring&, std::size_t) { out.insert(e); });
  return out;
}

// The edges of `mp` that `other` does not hold reversed, joined into runs along their rings.
GeomPtr unshared_lines(const MultiPolygon& mp, const EdgeSet& other) {
  std::vector<LineString> runs;
  const Ring* run_ring = nullptr;
  for_each_edge(mp, 0, [&](const DirectedEdge& e, const Ring& ring, std::size_t i) {
    if (other.count(e.reversed())) return;
    const Point& p = ring[i];
    const Point& q = ring[i + 1 < ring.size() ? i + 1 : 0];
    if (run_ring == &ring && !runs.empty() && runs.back().back() == p) {
      runs.back().push_back(q);
    } else {
      runs.push_back({p, q});
      run_ring = &ring;
    }
  });
  if (runs.empty()) return nullptr;
  auto* h = context();
  std::vector<GEOSGeometry*> lines;
  lines.reserve(runs.size());
  for (const auto& r : runs) lines.push_back(to_geos(r).release());
  return check(GEOSGeom_createCollection_r(h, GEOS_MULTILINESTRING, lines.data(),
                                           static_cast<unsigned>(lines.size())),
               "unshared edges");
}

bool meets(const GEOSPreparedGeometry* prepared, const GEOSGeometry* lines) {
  if (!lines) return false;
  const char r = GEOSPreparedIntersects_r(context(), prepared, lines);
  if (r == 2) throw InternalError("GEOS prepared intersects failed");
  return r == 1;
}

}  // namespace

bool interiors_may_meet(const MultiPolygon& a, const GEOSPreparedGeometry* pa,
                        const MultiPolygon& b, const GEOSPreparedGeometry* pb) {
  if (a.empty() || b.empty()) return false;
  const EdgeSet ea = edges_of(a), eb = edges_of(b);
  if (meets(pb, unshared_lines(a, eb).get())) return true;
  return meets(pa, unshared_lines(b, ea).get());
}

}  // namespace reserve::geom
