#include "zoning/core_borders.hpp"

#include <vector>

#include "geom/directed_edges.hpp"
#include "geom/key_ids.hpp"

namespace reserve::zoning {

CoreBorders core_borders(const ResolvedLayout& layout) {
  const MultiPolygon* core = nullptr;
  std::size_t count = 0;
  for (const auto& rz : layout.zones) {
    if (rz.zone == Zone::core) core = &rz.geometry;
    for (const auto& poly : rz.geometry.polygons) {
      count += poly.outer.size();
      for (const auto& h : poly.holes) count += h.size();
    }
  }
  CoreBorders out;
  if (!core) return out;
  // The other zones' edges (interior on the left), numbered; whether each is experimental.
  geom::KeyIds<4> ids(count);
  std::vector<char> experimental;
  experimental.reserve(count);
  for (const auto& rz : layout.zones) {
    if (rz.zone == Zone::core) continue;
    geom::for_each_edge(rz.geometry, 0, [&](const geom::DirectedEdge& e, const Ring&, std::size_t) {
      bool added = false;
      const std::size_t id = ids.intern(geom::segment_key(e.from, e.to), &added);
      if (added) experimental.push_back(0);
      // An edge held by two zones (they overlap): either zone borders the core there.
      if (rz.zone == Zone::experimental) experimental[id] = 1;
    });
  }
  bool enclosed = true, twin_experimental = false;
  geom::for_each_edge(*core, 0, [&](const geom::DirectedEdge& e, const Ring&, std::size_t) {
    const std::size_t id = ids.find(geom::segment_key(e.to, e.from));
    if (id == geom::KeyIds<4>::none)
      enclosed = false;
    else if (experimental[id])
      twin_experimental = true;
  });
  out.enclosed = enclosed;
  out.may_touch_experimental = !(enclosed && !twin_experimental && layout.zones_disjoint);
  return out;
}

}  // namespace reserve::zoning
