// Applying a suggestion to the proposal: a zoning that the check reads like any other.
#include "suggest/apply.hpp"

#include "geom/geos.hpp"

namespace reserve::suggestion {

std::string label_for(const Zoning& proposal, Zone zone) {
  for (const auto& p : proposal.parts)
    if (p.zone == zone) return p.label;
  return chinese_name(zone);
}

Zoning apply_suggestion(const Zoning& proposal, const std::vector<SuggestedParcel>& parcels) {
  Zoning z = proposal;
  z.name = proposal.name.empty() ? "proposal (suggested)" : proposal.name + " (suggested)";
  std::vector<const MultiPolygon*> upgraded;
  for (const auto& p : parcels)
    if (p.action == SuggestionAction::upgrade) upgraded.push_back(&p.geometry);
  if (!upgraded.empty()) {
    const MultiPolygon cut = geom::unite(upgraded);
    for (auto& part : z.parts)
      for (const auto& p : parcels)
        if (p.action == SuggestionAction::upgrade && part.zone == p.zone_before) {
          part.geometry = geom::subtract(part.geometry, cut);
          break;
        }
    std::erase_if(z.parts, [](const ZonePart& part) { return part.geometry.empty(); });
  }
  for (const auto& p : parcels) {
    ZonePart part;
    part.feature_id = p.id;
    part.label = label_for(proposal, p.zone_after);
    part.zone = p.zone_after;
    part.geometry = p.geometry;
    part.where = SourceRef{"suggestion", "suggestion", p.id};
    z.parts.push_back(std::move(part));
  }
  return z;
}

}  // namespace reserve::suggestion
