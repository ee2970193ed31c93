// The "suggestion" report section: targets, method, parcels (what, where, how much, why), the
// re-check, or the rules that cannot be met.
#include <nlohmann/json.hpp>

#include "report/format.hpp"
#include "reserve/suggest.hpp"

namespace reserve {
namespace {

using nlohmann::json;

json parcel_json(const SuggestedParcel& p) {
  const Point where = point_on_surface(p.geometry);
  return {{"id", p.id},
          {"action", to_string(p.action)},
          {"zone_before", to_string(p.zone_before)},
          {"zone_after", to_string(p.zone_after)},
          {"area_m2", p.area_m2},
          {"cost", p.cost},
          {"source", p.source},
          {"reason", p.reason},
          {"location", {where.x, where.y}}};
}

json section_json(const SuggestResult& r) {
  json targets = json::array();
  for (const auto& t : r.targets)
    targets.push_back({{"rule_id", t.rule_id},
                       {"title_zh", t.title_zh},
                       {"before", t.before},
                       {"after", t.after},
                       {"unit", to_string(t.unit)}});
  json parcels = json::array();
  for (const auto& p : r.parcels) parcels.push_back(parcel_json(p));
  json j = {{"status", to_string(r.status)},
            {"targets", targets},
            {"not_addressed", r.not_addressed},
            {"unmet", r.unmet},
            {"method", r.method},
            {"method_reason", r.method_reason},
            {"objective", r.objective},
            {"lower_bound", r.lower_bound},
            {"gap", r.gap},
            {"solve_seconds", r.solve_seconds},
            {"added_zone", to_string(r.added_zone)},
            {"conflict_buffer_m", r.conflict_buffer_m},
            {"candidate_features", r.candidate_features},
            {"parcels_considered", r.parcels_considered},
            {"parcels_reachable", r.parcels_reachable},
            {"upgrade_pieces", r.upgrade_pieces},
            {"slivers_dropped", r.slivers_dropped},
            {"conflict_excluded_m2", r.conflict_excluded_m2},
            {"parcels", parcels}};
  if (r.recheck) {
    json v = json::object();
    for (const auto& verdict : r.recheck->report.verdicts)
      v[verdict.rule_id] = to_string(verdict.status);
    j["recheck"] = v;
  }
  return j;
}

double total_m2(const SuggestResult& r, SuggestionAction a) {
  double s = 0.0;
  for (const auto& p : r.parcels)
    if (p.action == a) s += p.area_m2;
  return s;
}

std::string summary_line(const SuggestResult& r) {
  using report::fixed;
  switch (r.status) {
    case SuggestStatus::not_needed:
      return "No suggestion needed: 不瘦身 and the core + buffer rules already pass.";
    case SuggestStatus::infeasible: {
      std::string s = "No combination of the candidates can pass:";
      for (const auto& u : r.unmet) s += "\n- " + u;
      return s;
    }
    case SuggestStatus::solved: break;
  }
  std::size_t adds = 0, ups = 0;
  for (const auto& p : r.parcels) (p.action == SuggestionAction::add ? adds : ups) += 1;
  return "Add " + std::to_string(adds) + " parcel(s), " +
         report::ha(total_m2(r, SuggestionAction::add)) + " ha, and upgrade " +
         std::to_string(ups) + " piece(s), " + report::ha(total_m2(r, SuggestionAction::upgrade)) +
         " ha. Method: " + r.method + " (" + r.method_reason + "), objective " +
         fixed(r.objective, 2) + ", lower bound " + fixed(r.lower_bound, 2) + ", gap " +
         fixed(r.gap * 100.0, 2) + " %, " + fixed(r.solve_seconds, 3) + " s.";
}

std::string markdown(const SuggestResult& r) {
  using report::markdown_escape;
  std::string md = summary_line(r) + "\n\n";
  md += "Candidate features " + std::to_string(r.candidate_features) +
        "; parcels outside the "
        "proposal " +
        std::to_string(r.parcels_considered) + " (" + std::to_string(r.parcels_reachable) +
        " contiguous with the reserve); upgrade pieces " + std::to_string(r.upgrade_pieces) +
        "; slivers dropped " + std::to_string(r.slivers_dropped) +
        "; land kept out for conflicts (buffer " + report::fixed(r.conflict_buffer_m, 0) + " m) " +
        report::ha(r.conflict_excluded_m2) + " ha.\n\n";
  if (!r.not_addressed.empty()) {
    md += "Failing rules a suggestion cannot restore:";
    for (const auto& id : r.not_addressed) md += " " + id;
    md += "\n\n";
  }
  if (!r.parcels.empty()) {
    md += "| id | action | zone | area (ha) | cost | where (x, y) | source | why |\n";
    md += "|---|---|---|---:|---:|---|---|---|\n";
    for (const auto& p : r.parcels) {
      const Point w = point_on_surface(p.geometry);
      md += "| " + p.id + " | " + to_string(p.action) + " | " + chinese_name(p.zone_before) +
            " → " + chinese_name(p.zone_after) + " | " + report::ha(p.area_m2) + " | " +
            report::fixed(p.cost, 2) + " | " + report::fixed(w.x, 1) + ", " +
            report::fixed(w.y, 1) + " | " + markdown_escape(p.source) + " | " +
            markdown_escape(p.reason) + " |\n";
    }
  }
  if (r.recheck) {
    md += "\nThe proposal with the suggestion applied, checked again:";
    for (const auto& v : r.recheck->report.verdicts)
      md += " " + v.rule_id + " " + report::status_symbol(v.status) + ";";
    md += "\n";
  }
  return md;
}

std::string html(const SuggestResult& r) {
  using report::html_escape;
  std::string h = "<p>" + html_escape(summary_line(r)) + "</p>\n";
  if (!r.parcels.empty()) {
    h += "<table><thead><tr><th>id</th><th>action</th><th>zone</th><th>area (ha)</th>"
         "<th>cost</th><th>source</th><th>why</th></tr></thead><tbody>\n";
    for (const auto& p : r.parcels)
      h += "<tr><td>" + html_escape(p.id) + "</td><td>" + to_string(p.action) + "</td><td>" +
           chinese_name(p.zone_before) + " → " + chinese_name(p.zone_after) + "</td><td>" +
           report::ha(p.area_m2) + "</td><td>" + report::fixed(p.cost, 2) + "</td><td>" +
           html_escape(p.source) + "</td><td>" + html_escape(p.reason) + "</td></tr>\n";
    h += "</tbody></table>\n";
  }
  if (r.recheck) {
    h += "<p>Checked again with the suggestion applied:";
    for (const auto& v : r.recheck->report.verdicts)
      h += " " + html_escape(v.rule_id) + " " + report::status_symbol(v.status) + ";";
    h += "</p>\n";
  }
  return h;
}

}  // namespace

ReportSection suggestion_section(const SuggestResult& r) {
  ReportSection s;
  s.id = "suggestion";
  s.title_zh = "达标建议";
  s.title_en = "What it would take to pass";
  s.json = section_json(r).dump();
  s.markdown = markdown(r);
  s.html = html(r);
  return s;
}

}  // namespace reserve
