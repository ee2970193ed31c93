// Overlapping zones of one zoning resolved once, the stricter zone winning.
#include "zoning/resolved_zones.hpp"

#include <optional>

#include "geom/edge_union.hpp"
#include "geom/geos.hpp"
#include "geom/interiors_meet.hpp"
#include "geom/ring_validity.hpp"

namespace reserve::zoning {
namespace {

bool boxes_meet(const Envelope& a, const Envelope& b) {
  return a.valid && b.valid && a.min_x <= b.max_x && b.min_x <= a.max_x && a.min_y <= b.max_y &&
         b.min_y <= a.max_y;
}

bool interiors_may_meet(const MultiPolygon& a, const MultiPolygon& b) {
  const geom::GeomPtr ga = geom::to_geos(a), gb = geom::to_geos(b);
  const geom::PreparedPtr pa = geom::prepare(ga.get()), pb = geom::prepare(gb.get());
  return geom::interiors_may_meet(a, pa.get(), b, pb.get());
}

}  // namespace

namespace {

// resolved_zones, and the union of all zones when the last step proved it by edges (else null);
// `disjoint` is cleared when some zone was not proven to share no area with the stricter ones.
std::vector<ResolvedZone> resolve_zones(const Zoning& zoning, ZoneModel model,
                                        std::optional<MultiPolygon>* all_united, bool* disjoint) {
  std::vector<ResolvedZone> out;
  MultiPolygon stricter;  // union of the zones already placed (all stricter than the next)
  const std::vector<Zone> zones = zones_of(model);
  for (std::size_t i = 0; i < zones.size(); ++i) {
    const Zone zone = zones[i];
    std::vector<const MultiPolygon*> parts;
    for (const auto& part : zoning.parts)
      if (part.zone == zone && !part.geometry.empty()) parts.push_back(&part.geometry);
    ResolvedZone rz{zone, {}};
    if (!parts.empty()) {
      MultiPolygon own = geom::unite(parts);
      // Zones that only border the stricter ones (shared edges, bit for bit, also where three
      // zones meet) are united by their edges; that union answering proves that they overlap
      // nowhere (geom/edge_union.hpp), so the zone stays whole and no overlay is needed.
      std::optional<MultiPolygon> joined;
      if (stricter.empty())
        joined = own;
      else
        joined = geom::unite_by_edges({&stricter, &own});
      if (joined) {
        rz.geometry = std::move(own);
        stricter = std::move(*joined);
        if (all_united) *all_united = stricter;
      } else {
        // Only zones whose envelopes meet can overlap. The difference keeps the zone's own
        // vertices (OverlayNG adds nodes only where boundaries cross), so zones that merely share
        // edges keep their area to rounding.
        const bool may_overlap = boxes_meet(envelope_of(own), envelope_of(stricter)) &&
                                 interiors_may_meet(own, stricter);
        // The union for the zones after this one; none after the last (a large union saved).
        const bool last = i + 1 == zones.size();
        MultiPolygon next_stricter = last ? MultiPolygon{} : geom::unite(stricter, own);
        rz.geometry = may_overlap ? geom::subtract(own, stricter) : std::move(own);
        stricter = std::move(next_stricter);
        if (all_united) all_united->reset();
        if (disjoint) *disjoint = false;
      }
    }
    out.push_back(std::move(rz));
  }
  return out;
}

}  // namespace

std::vector<ResolvedZone> resolved_zones(const Zoning& zoning, ZoneModel model) {
  return resolve_zones(zoning, model, nullptr, nullptr);
}

namespace {

// The usual layout, every zone bordering the stricter ones bit for bit: each zone united with
// the stricter ones by edges, and only the last union proven valid. Its edges are the sum of
// every zone's boundary, so its validity alone shows that no two zones share area (the winding
// argument of geom/edge_union.hpp); the unions before it need no proof of their own. Nullopt
// when some union does not answer or the last is not valid: resolve_zones then goes step by
// step, with overlays where needed.
std::optional<ResolvedLayout> resolve_by_edges(const Zoning& zoning, ZoneModel model) {
  ResolvedLayout out;
  out.model = model;
  out.zones_disjoint = true;
  MultiPolygon stricter;
  bool united = false;  // some union by edges was made (else `stricter` is one zone's own union)
  for (const Zone zone : zones_of(model)) {
    std::vector<const MultiPolygon*> parts;
    for (const auto& part : zoning.parts)
      if (part.zone == zone && !part.geometry.empty()) parts.push_back(&part.geometry);
    ResolvedZone rz{zone, {}};
    if (!parts.empty()) {
      rz.geometry = geom::unite(parts);
      if (stricter.empty()) {
        stricter = rz.geometry;
      } else {
        auto joined = geom::unite_by_edges({&stricter, &rz.geometry}, /*prove=*/false);
        if (!joined) return std::nullopt;
        stricter = std::move(*joined);
        united = true;
      }
    }
    out.zones.push_back(std::move(rz));
  }
  if (united && !geom::proven_valid(stricter) &&
      GEOSisValid_r(geom::context(), geom::to_geos(stricter).get()) != 1)
    return std::nullopt;
  out.outline = std::move(stricter);
  return out;
}

}  // namespace

ResolvedLayout resolve_layout(const Zoning& zoning, ZoneModel model) {
  if (auto fast = resolve_by_edges(zoning, model)) return std::move(*fast);
  ResolvedLayout out;
  out.model = model;
  std::optional<MultiPolygon> all_united;
  out.zones_disjoint = true;
  out.zones = resolve_zones(zoning, model, &all_united, &out.zones_disjoint);
  if (all_united) {
    out.outline = std::move(*all_united);  // the last zone's step united everything by edges
    return out;
  }
  std::vector<const MultiPolygon*> all;
  for (const auto& rz : out.zones)
    if (!rz.geometry.empty()) all.push_back(&rz.geometry);
  // The resolved zones share their borders bit for bit where no overlap was cut away: the union
  // by cancelling those edges, without an overlay (the overlay where they do not).
  if (!all.empty()) out.outline = geom::unite_bordering(all);
  return out;
}

ResolvedLayout layout_for(const Zoning& zoning, ZoneModel model, const ResolvedLayout* given) {
  if (given && given->model == model) return *given;
  return resolve_layout(zoning, model);
}

}  // namespace reserve::zoning
