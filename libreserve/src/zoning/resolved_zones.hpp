#pragma once
// A zoning's zones with overlaps resolved once: every piece of land belongs to one zone only.
// Private to the library.
#include <vector>

#include "reserve/geometry.hpp"
#include "reserve/zone.hpp"
#include "reserve/zoning.hpp"

namespace reserve::zoning {

struct ResolvedZone {
  Zone zone = Zone::core;
  MultiPolygon geometry;  // the zone's union minus every stricter zone; empty when absent
};

// Each zone of `model` (zones_of(model), strictest first) as the union of its parts minus the
// union of the parts of every stricter zone: where zones of one zoning overlap, the stricter one
// wins. The overlap itself is a finding of validate_zoning ("zone-overlap", with its area and a
// location); resolving it here, from this zoning alone, is what makes a side's figures
// independent of the zoning it is compared with and a zoning compared with itself change nothing.
// Parts of other models are ignored.
std::vector<ResolvedZone> resolved_zones(const Zoning& zoning, ZoneModel model);

// A zoning's resolved zones and their union, computed once by the caller of several steps (the
// check: the comparison and the validation) and handed to each, instead of each step resolving
// the zoning again (on a 50,000-vertex reserve each resolution and union costs tenths of a second).
struct ResolvedLayout {
  ZoneModel model = ZoneModel::three_zone;
  std::vector<ResolvedZone> zones;  // resolved_zones(zoning, model)
  MultiPolygon outline;             // union of the non-empty zones, in that order (strictest first)
  // Every zone was united with the stricter ones by their edges, which proves that no two zones
  // share any area (geom/edge_union.hpp): parts of different zones then need no overlap test.
  bool zones_disjoint = false;
};

ResolvedLayout resolve_layout(const Zoning& zoning, ZoneModel model);

// The layouts of a check's two zonings, handed down to the overlay (null: resolved where needed).
struct LayoutPair {
  const ResolvedLayout* before = nullptr;
  const ResolvedLayout* after = nullptr;
};

// The layout when `given` holds the zoning's zones in `model`, else resolved now.
ResolvedLayout layout_for(const Zoning& zoning, ZoneModel model, const ResolvedLayout* given);

}  // namespace reserve::zoning
