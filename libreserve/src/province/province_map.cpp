// The province overview map: reserve outlines coloured by their worst verdict (through the
// renderer's three hatch layers, relabelled), the cross-reserve overlaps cross-hatched, each
// reserve named at a point inside it.
#include "reserve/province.hpp"

namespace reserve {
namespace {

// Fail → the "removed" hatch (red), warn / incomplete → "downgraded" (orange), pass → "added"
// (green); reserves not checked get their outline only.
std::optional<ChangeKind> verdict_layer(const ProvinceReserve& row) {
  if (!row.result) return std::nullopt;
  switch (row.result->report.overall) {
    case VerdictStatus::fail: return ChangeKind::removed;
    case VerdictStatus::warn:
    case VerdictStatus::incomplete: return ChangeKind::downgraded;
    case VerdictStatus::pass: return ChangeKind::added;
    case VerdictStatus::not_evaluated: return std::nullopt;
  }
  return std::nullopt;
}

MapStyle overview_style() {
  MapStyle s = default_map_style();
  s.title = "自然保护地整合优化检查总览图";
  s.show_zones = false;
  s.show_zone_labels = false;
  s.round_scale = true;
  s.removed.label = "不通过 (fail)";
  s.removed.fill = {0.85, 0.1, 0.1, 0.35};
  s.downgraded.label = "警告/不完整 (warn, incomplete)";
  s.downgraded.fill = {0.95, 0.55, 0.0, 0.35};
  s.added.label = "通过 (pass)";
  s.added.fill = {0.1, 0.6, 0.2, 0.35};
  s.mining_right.label = "交叉重叠 (overlap of two reserves)";
  s.mining_right.cross = true;
  s.proposal_outline.label = "保护地边界 (reserve outline)";
  s.baseline_outline.label = "调整前交叉重叠 (overlap before)";
  SymbolStyle name;
  name.shape = SymbolShape::circle;
  name.size_mm = 1.2;
  name.label = "保护地名称 (reserve name)";
  s.facility_symbols["reserve"] = name;
  return s;
}

}  // namespace

RenderedMap render_province_map(const ProvinceResult& result, MapFormat format) {
  MapLayers layers;
  layers.crs = Crs::from_user_input(result.working_crs);
  int n = 0;
  for (const auto& row : result.reserves) {
    if (row.outline.empty()) continue;
    ++n;
    layers.proposal_outline.polygons.insert(layers.proposal_outline.polygons.end(),
                                            row.outline.polygons.begin(),
                                            row.outline.polygons.end());
    if (const auto kind = verdict_layer(row))
      layers.changes.push_back({"reserve-" + std::to_string(n), *kind, row.outline});
    MapFacility label;
    label.id = "name-" + std::to_string(n);
    label.category = "reserve";
    label.label = row.reserve;
    label.geometry.kind = GeometryKind::point;
    label.geometry.points.push_back(point_on_surface(row.outline));
    layers.facilities.push_back(std::move(label));
  }
  int k = 0;
  for (const auto& o : result.after_overlaps)
    layers.mining_rights.push_back(
        {"overlap-" + std::to_string(++k), o.reserve_a + " ∩ " + o.reserve_b, o.geometry});
  // Overlaps already in the before layer: their outline only (dashed, the baseline line).
  for (const auto& o : result.before_overlaps)
    layers.baseline_outline.polygons.insert(layers.baseline_outline.polygons.end(),
                                            o.geometry.polygons.begin(), o.geometry.polygons.end());
  return render_map_bytes(layers, overview_style(), format);
}

}  // namespace reserve
