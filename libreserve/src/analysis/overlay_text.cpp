// `reserve overlay`'s text: per feature the area in each zone before and after (a zone's name is
// only ever followed by the area in that zone), the layers' "N of M used", and the left-out rows.
#include <string>

#include "report/format.hpp"
#include "reserve/overlay.hpp"

namespace reserve {
namespace {

using report::fixed;

// "核心区 1.20 ha, 区外 0.30 ha" — each zone with its own area; "–" when there is none.
std::string zone_areas(const FeaturePlacement& p) {
  std::string s;
  for (const auto& a : p.areas) {
    if (a.area_m2 <= 0.0) continue;
    s += (s.empty() ? "" : ", ") + std::string(chinese_name(a.zone)) + " " +
         fixed(to_ha(a.area_m2), 2) + " ha";
  }
  return s.empty() ? "–" : s;
}

}  // namespace

std::string overlay_text(const ConflictOverlay& c) {
  std::string out = "Conflict features × zones (working CRS " + c.features.crs.label() + ", " +
                    to_string(c.overlay.area_method) + " areas, boundary tolerance " +
                    fixed(c.overlay.boundary_tolerance_m, 2) + " m)\n";
  for (const auto& row : c.overlay.rows) {
    const auto& f = c.features.features.at(row.feature_index);
    out += "  " + f.id + "  " + f.label() + "  [" + chinese_name(f.category) + "]  " +
           chinese_name(row.before.zone) + " → " + chinese_name(row.after.zone) + "  (" +
           chinese_name(row.change) + ")";
    if (row.is_point) {
      out += "  before: " + std::string(to_string(row.before.location)) + ", " +
             fixed(row.before.distance_to_reserve_boundary_m, 1) +
             " m to boundary; after: " + to_string(row.after.location);
    } else {
      out += "  area " + fixed(to_ha(row.area_m2), 2) + " ha; before: " + zone_areas(row.before) +
             "; after: " + zone_areas(row.after);
      if (row.freed_area_m2 > 0.0) out += "; freed " + fixed(to_ha(row.freed_area_m2), 2) + " ha";
      if (row.downgraded_area_m2 > 0.0)
        out += "; downgraded " + fixed(to_ha(row.downgraded_area_m2), 2) + " ha";
    }
    out += "\n";
  }
  for (const auto& l : c.features.left_out)
    out += "  NOT USED  " + l.label + "  (" + l.where.file +
           (l.where.layer.empty() ? "" : ":" + l.where.layer) + "): " + to_string(l.code) + ", " +
           l.reason + "\n";
  out += "Summary: " + std::to_string(c.overlay.rows.size()) + " feature(s) analysed; " +
         std::to_string(c.overlay.count(StatusChange::freed)) + " freed, " +
         std::to_string(c.overlay.count(StatusChange::partly_freed)) + " partly freed, " +
         std::to_string(c.overlay.count(StatusChange::downgraded)) + " downgraded, " +
         std::to_string(c.overlay.count(StatusChange::newly_included)) + " newly included, " +
         std::to_string(c.overlay.count(StatusChange::upgraded)) + " upgraded\n";
  if (!c.features.sources.empty()) out += "Layers: " + c.features.used_summary() + "\n";
  if (!c.features.left_out.empty())
    out += "INCOMPLETE: " + std::to_string(rows_left_out(c.features.left_out)) +
           " feature(s) could not be used; what depends on them is not known\n";
  return out;
}

}  // namespace reserve
