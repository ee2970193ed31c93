#include "analysis/overlay_zone_index.hpp"

#include <algorithm>

#include "zoning/resolved_zones.hpp"

namespace reserve::analysis {

PreparedShape make_prepared(geom::GeomPtr g) {
  PreparedShape s;
  s.geometry = std::move(g);
  if (s.geometry && !geom::is_empty(s.geometry.get())) s.prepared = geom::prepare(s.geometry.get());
  return s;
}

ZoneIndex::ZoneIndex(const Zoning& zoning, const zoning::ResolvedLayout* layout)
    : model_(zoning.model) {
  auto* h = geom::context();
  // Zones resolved once per zoning (the stricter wins where zones overlap), as compare() sees them.
  std::vector<Envelope> boxes;
  const ZoneModel parts_model =
      zoning.parts.empty() ? zoning.model : model_of(zoning.parts[0].zone);
  const zoning::ResolvedLayout resolved = zoning::layout_for(zoning, parts_model, layout);
  for (const auto& rz : resolved.zones) {
    if (rz.geometry.empty()) continue;
    const Zone zone = rz.zone;
    zones_.push_back(zone);
    geom::GeomPtr u = geom::to_geos(rz.geometry);
    // Each polygon of the zone's union goes into the R-tree on its own.
    const int n = GEOSGetNumGeometries_r(h, u.get());
    for (int i = 0; i < n; ++i) {
      const GEOSGeometry* part = GEOSGetGeometryN_r(h, u.get(), i);
      if (GEOSisEmpty_r(h, part) == 1) continue;
      IndexedPolygon ip;
      ip.zone = zone;
      ip.geometry = geom::check(GEOSGeom_clone_r(h, part), "clone zone polygon");
      ip.prepared = geom::prepare(ip.geometry.get());
      ip.segments = geom::SegmentIndex(ip.geometry.get());
      double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
      GEOSGeom_getXMin_r(h, part, &x0);
      GEOSGeom_getYMin_r(h, part, &y0);
      GEOSGeom_getXMax_r(h, part, &x1);
      GEOSGeom_getYMax_r(h, part, &y1);
      boxes.push_back(Envelope{x0, y0, x1, y1, true});
      polygons_.push_back(std::move(ip));
    }
    zone_shapes_[zone] = make_prepared(std::move(u));
  }
  tree_ = geom::EnvelopeIndex(boxes);
  std::sort(zones_.begin(), zones_.end(),
            [](Zone a, Zone b) { return strictness(a) > strictness(b); });

  // The union of the zones, strictest first (the layout's outline).
  outline_ = make_prepared(geom::to_geos(resolved.outline));
  if (!outline_.empty()) {
    boundary_ = make_prepared(geom::check(GEOSBoundary_r(h, outline_.geometry.get()), "boundary"));
    boundary_segments_ = geom::SegmentIndex(outline_.geometry.get());
  }
}

const PreparedShape& ZoneIndex::zone_shape(Zone z) const {
  auto it = zone_shapes_.find(z);
  return it == zone_shapes_.end() ? empty_ : it->second;
}

std::vector<std::size_t> ZoneIndex::candidates(double min_x, double min_y, double max_x,
                                               double max_y) const {
  return tree_.query(Envelope{min_x, min_y, max_x, max_y, true});  // ascending indices
}

}  // namespace reserve::analysis
