// Unions over a zoning's parts: one zone, the whole reserve, and the areas per zone. Zones are
// resolved first (zoning/resolved_zones.hpp): overlapping land belongs to the stricter zone.
#include <vector>

#include "geom/edge_union.hpp"
#include "geom/geos.hpp"
#include "reserve/zoning.hpp"
#include "zoning/resolved_zones.hpp"

namespace reserve {

MultiPolygon zone_geometry(const Zoning& zoning, Zone zone) {
  if (zone == Zone::outside) return {};
  for (auto& rz : zoning::resolved_zones(zoning, model_of(zone)))
    if (rz.zone == zone) return std::move(rz.geometry);
  return {};
}

MultiPolygon reserve_outline(const Zoning& zoning) {
  std::vector<const MultiPolygon*> parts;
  parts.reserve(zoning.parts.size());
  for (const auto& part : zoning.parts) parts.push_back(&part.geometry);
  if (parts.empty()) return {};
  return geom::unite_bordering(parts);  // zones bordering bit for bit: no overlay needed
}

std::vector<ZoneArea> zone_areas(const Zoning& zoning, const AreaCalculator& area) {
  std::vector<ZoneArea> out;
  for (const auto& rz : zoning::resolved_zones(zoning, zoning.model))
    out.push_back({rz.zone, area.area_m2(rz.geometry)});
  return out;
}

}  // namespace reserve
