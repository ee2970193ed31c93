// Unions over a zoning's parts: one zone, the whole reserve, and the areas per zone.
#include <vector>

#include "geom/geos.hpp"
#include "reserve/zoning.hpp"

namespace reserve {

MultiPolygon zone_geometry(const Zoning& zoning, Zone zone) {
  std::vector<const MultiPolygon*> parts;
  for (const auto& part : zoning.parts)
    if (part.zone == zone) parts.push_back(&part.geometry);
  if (parts.empty()) return {};
  return geom::unite(parts);
}

MultiPolygon reserve_outline(const Zoning& zoning) {
  std::vector<const MultiPolygon*> parts;
  parts.reserve(zoning.parts.size());
  for (const auto& part : zoning.parts) parts.push_back(&part.geometry);
  if (parts.empty()) return {};
  return geom::unite(parts);
}

std::vector<ZoneArea> zone_areas(const Zoning& zoning, const AreaCalculator& area) {
  std::vector<ZoneArea> out;
  for (Zone z : zones_of(zoning.model)) out.push_back({z, area.area_m2(zone_geometry(zoning, z))});
  return out;
}

}  // namespace reserve
