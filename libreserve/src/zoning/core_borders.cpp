#include "zoning/core_borders.hpp"

#include <algorithm>
#include <vector>

#include "geom/directed_edges.hpp"
#include "geom/key_ids.hpp"

namespace reserve::zoning {

CoreBorders core_borders(const ResolvedLayout& layout) {
  CoreBorders out;
  const MultiPolygon* core = nullptr;
  for (const auto& rz : layout.zones)
    if (rz.zone == Zone::core) core = &rz.geometry;
  if (!core) return out;
  // The core's edges reversed (interior of the neighbour on the left), numbered; the core is
  // the smallest zone, so its table is the one to build. Then each other zone's edges mark the
  // core edges they twin.
  std::size_t count = 0;
  for (const auto& poly : core->polygons) {
    count += poly.outer.size();
    for (const auto& h : poly.holes) count += h.size();
  }
  geom::KeyIds<4> ids(count);
  geom::for_each_edge(*core, 0, [&](const geom::DirectedEdge& e, const Ring&, std::size_t) {
    ids.intern(geom::segment_key(e.to, e.from));
  });
  std::vector<char> twinned(ids.size(), 0);
  bool twin_experimental = false;
  for (const auto& rz : layout.zones) {
    if (rz.zone == Zone::core) continue;
    geom::for_each_edge(rz.geometry, 0, [&](const geom::DirectedEdge& e, const Ring&, std::size_t) {
      const std::size_t id = ids.find(geom::segment_key(e.from, e.to));
      if (id == geom::KeyIds<4>::none) return;
      twinned[id] = 1;
      if (rz.zone == Zone::experimental) twin_experimental = true;
    });
  }
  out.enclosed = std::all_of(twinned.begin(), twinned.end(), [](char t) { return t != 0; });
  out.may_touch_experimental = !(out.enclosed && !twin_experimental && layout.zones_disjoint);
  return out;
}

}  // namespace reserve::zoning
