// Accessors of the comparison value types.
#include <algorithm>

#include "geom/geos.hpp"
#include "reserve/compare.hpp"

namespace reserve {

double ZoningSummary::area_m2(Zone z) const noexcept {
  for (const auto& za : zones)
    if (za.zone == z) return za.area_m2;
  return 0.0;
}

double ZoningSummary::share(Zone z) const noexcept {
  for (const auto& za : zones)
    if (za.zone == z) return za.share;
  return 0.0;
}

std::vector<Zone> strict_zones(ZoneModel model) {
  if (model == ZoneModel::two_zone) return {Zone::core_protection};
  return {Zone::core, Zone::buffer};
}

namespace {
MultiPolygon unite_pieces(const std::vector<ChangePiece>& pieces, bool significant_only) {
  std::vector<MultiPolygon> parts;
  parts.reserve(pieces.size());
  for (const auto& p : pieces) {
    if (significant_only && p.noise) continue;
    MultiPolygon mp;
    mp.polygons.push_back(p.geometry);
    parts.push_back(std::move(mp));
  }
  if (parts.empty()) return {};
  std::vector<const MultiPolygon*> ptrs;
  ptrs.reserve(parts.size());
  for (const auto& mp : parts) ptrs.push_back(&mp);
  return geom::unite(ptrs);
}
}  // namespace

MultiPolygon ChangeSet::significant_geometry() const { return unite_pieces(pieces, true); }
MultiPolygon ChangeSet::geometry() const { return unite_pieces(pieces, false); }

const TransitionCell* Comparison::cell(Zone from, Zone to) const noexcept {
  for (const auto& c : matrix)
    if (c.from == from && c.to == to) return &c;
  return nullptr;
}

double Comparison::total_after_noise_excluded_m2() const noexcept {
  if (added.noise_m2 == 0.0 && removed.noise_m2 == 0.0) return after.total_m2;
  return after.total_m2 - added.noise_m2 + removed.noise_m2;
}

double Comparison::strict_after_noise_excluded_m2() const noexcept {
  const auto strict = strict_zones(model);
  auto is_strict = [&](Zone z) {
    return std::find(strict.begin(), strict.end(), z) != strict.end();
  };
  double in_m2 = 0.0, out_m2 = 0.0;
  for (const ChangeSet* set : {&removed, &added, &downgraded, &upgraded})
    for (const auto& p : set->pieces) {
      if (!p.noise || is_strict(p.from) == is_strict(p.to)) continue;
      (is_strict(p.to) ? in_m2 : out_m2) += p.area_m2;
    }
  if (in_m2 == 0.0 && out_m2 == 0.0) return after.strict_m2;
  return after.strict_m2 - in_m2 + out_m2;
}

std::vector<ChangePiece> Comparison::noise_pieces() const {
  std::vector<ChangePiece> out;
  for (const ChangeSet* set : {&removed, &added, &downgraded, &upgraded})
    for (const auto& p : set->pieces)
      if (p.noise) out.push_back(p);
  return out;
}

Zoning map_to_two_zone(const Zoning& zoning, const LegacyToTwoZoneMap& map) {
  Zoning out = zoning;
  out.model = ZoneModel::two_zone;
  for (auto& part : out.parts)
    if (model_of(part.zone) == ZoneModel::three_zone && part.zone != Zone::outside)
      part.zone = map.map(part.zone);
  return out;
}

}  // namespace reserve
