// The overlay as JSON (the shape of `reserve overlay --json`) and the "conflicts" report section
// built from it and the ledger.
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "analysis/features_json.hpp"
#include "check/ledger_json.hpp"
#include "report/format.hpp"
#include "report/issue_json.hpp"
#include "reserve/check.hpp"

namespace reserve {
namespace {

// One escaping and number format for every report part (report/format.hpp).
using report::fixed;
using report::html_escape;
const auto md_escape = report::markdown_escape;

nlohmann::json placement_json(const FeaturePlacement& p, bool is_point) {
  nlohmann::json j;
  j["zone"] = to_string(p.zone);
  j["zone_zh"] = chinese_name(p.zone);
  j["distance_to_reserve_boundary_m"] = p.distance_to_reserve_boundary_m;
  j["distance_to_stricter_zone_m"] = p.distance_to_stricter_zone_m
                                         ? nlohmann::json(*p.distance_to_stricter_zone_m)
                                         : nlohmann::json(nullptr);
  if (is_point) {
    j["location"] = to_string(p.location);
    j["zones_within_tolerance"] = nlohmann::json::array();
    for (Zone z : p.zones_within_tolerance) j["zones_within_tolerance"].push_back(to_string(z));
  } else {
    j["inside_area_m2"] = p.inside_area_m2;
    j["areas"] = nlohmann::json::array();
    for (const auto& a : p.areas)
      j["areas"].push_back(
          {{"zone", to_string(a.zone)}, {"area_m2", a.area_m2}, {"share", a.share}});
  }
  return j;
}

// "N of M features lie farther than D m from the reserve": the far features as one count.
std::string far_sentence(const FarFeatures& far) {
  return std::to_string(far.count) + " of " + std::to_string(far.total) +
         " features lie farther than " + fixed(far.distance_m, 0) +
         " m from the reserve (not listed; 距保护区超过 " + fixed(far.distance_m, 0) +
         " 米的要素只计数，不逐一列出)";
}

nlohmann::json far_json(const FarFeatures& far) {
  nlohmann::json j = {{"count", far.count}, {"total", far.total}};
  if (std::isfinite(far.distance_m)) {
    j["distance_m"] = far.distance_m;
    j["text"] = far_sentence(far);
  } else {
    j["distance_m"] = nullptr;  // no filter: every feature is listed
  }
  return j;
}

nlohmann::json overlay_json(const ConflictOverlay& c) {
  nlohmann::json j;
  j["working_crs"] = c.features.crs.label();
  j["area_method"] = to_string(c.overlay.area_method);
  j["boundary_tolerance_m"] = c.overlay.boundary_tolerance_m;
  j["features"] = nlohmann::json::array();
  for (const auto& row : c.overlay.rows) {
    const auto& f = c.features.features.at(row.feature_index);
    nlohmann::json fj;
    fj["id"] = f.id;
    fj["label"] = f.label();  // FID, row in the layer, name, licence: unambiguous
    fj["name"] = f.name;
    fj["category"] = to_string(f.category);
    fj["category_zh"] = chinese_name(f.category);
    fj["source"] = {{"file", f.where.file}, {"layer", f.where.layer}, {"feature", f.where.feature}};
    fj["geometry"] = row.is_point ? "point" : "polygon";
    if (!row.is_point) fj["area_m2"] = row.area_m2;
    fj["before"] = placement_json(row.before, row.is_point);
    fj["after"] = placement_json(row.after, row.is_point);
    fj["change"] = to_string(row.change);
    fj["change_zh"] = chinese_name(row.change);
    fj["freed_area_m2"] = row.freed_area_m2;
    fj["downgraded_area_m2"] = row.downgraded_area_m2;
    if (f.mining_right) {
      fj["licence_number"] = f.mining_right->licence_number;
      fj["holder"] = f.mining_right->holder;
      fj["right_type"] = f.mining_right->right_type;
      fj["valid_from"] = f.mining_right->valid_from;
      fj["valid_to"] = f.mining_right->valid_to;
    }
    if (f.built_year) fj["built_year"] = *f.built_year;
    if (!f.treatment.empty()) fj["treatment"] = f.treatment;
    j["features"].push_back(std::move(fj));
  }
  j["skipped_count"] = c.features.skipped_count;
  analysis::add_inputs_used(j, c.features);  // layers "N of M used", left-out features, repairs
  j["issues"] = nlohmann::json::array();
  for (const auto& i : c.features.issues) j["issues"].push_back(report::issue_json(i));
  nlohmann::json counts;
  for (auto s : {StatusChange::unchanged, StatusChange::freed, StatusChange::partly_freed,
                 StatusChange::downgraded, StatusChange::newly_included, StatusChange::upgraded})
    counts[to_string(s)] = c.overlay.count(s);
  j["summary"] = {{"features", c.overlay.rows.size()},
                  {"skipped", c.features.skipped_count},
                  {"changes", counts}};
  j["far_features"] = far_json(c.far);
  return j;
}

}  // namespace

std::string overlay_json_text(const ConflictOverlay& conflicts) {
  return overlay_json(conflicts).dump();
}

ReportSection conflicts_section(const CheckConflicts& c) {
  ReportSection s;
  s.id = "conflicts";
  s.title_zh = "矿业权、设施与保护区功能区叠加及整改台账";
  s.title_en = "Mining rights and facilities × zones, and the rectification ledger";
  nlohmann::json j = overlay_json(c.overlay);
  // The ledger's rows go in as text (check/ledger_json): a placeholder in the document, replaced
  // in the printed text; should a feature's text look like it, the rows are parsed in instead.
  const std::string rows = ledger_rows_json(c.ledger);
  const std::string placeholder = "\x01reserve-ledger-rows\x01";
  j["ledger"] = placeholder;
  s.json = j.dump();
  const std::string quoted = nlohmann::json(placeholder).dump();
  const std::size_t at = s.json.find(quoted);
  if (at != std::string::npos && s.json.find(quoted, at + 1) == std::string::npos) {
    s.json.replace(at, quoted.size(), rows);
  } else {
    j["ledger"] = nlohmann::json::parse(rows);
    s.json = j.dump();
  }

  std::string md =
      "| 编号 id | 名称 name | 类别 category | 调整前 before | 调整后 after | 变化 change | 面积 "
      "ha |\n"
      "|---|---|---|---|---|---|---:|\n";
  std::string html =
      "<table><thead><tr><th>编号 id</th><th>名称 name</th><th>类别 category</th>"
      "<th>调整前 before</th><th>调整后 after</th><th>变化 change</th><th>面积 ha</th></tr>"
      "</thead><tbody>";
  for (const auto& row : c.overlay.overlay.rows) {
    const auto& f = c.overlay.features.features.at(row.feature_index);
    const std::string area = row.is_point ? "" : fmt::format("{:.{}f}", to_ha(row.area_m2), 2);
    md += "| " + md_escape(f.id) + " | " + md_escape(f.name) + " | " + chinese_name(f.category) +
          " | " + chinese_name(row.before.zone) + " | " + chinese_name(row.after.zone) + " | " +
          chinese_name(row.change) + " | " + area + " |\n";
    html += "<tr><td>" + html_escape(f.id) + "</td><td>" + html_escape(f.name) + "</td><td>" +
            chinese_name(f.category) + "</td><td>" + chinese_name(row.before.zone) + "</td><td>" +
            chinese_name(row.after.zone) + "</td><td>" + chinese_name(row.change) + "</td><td>" +
            area + "</td></tr>";
  }
  html += "</tbody></table>";
  std::size_t flagged = 0;
  for (const auto& r : c.ledger.rows) flagged += r.adjusting_instead_of_rectifying ? 1 : 0;
  const std::string summary = "整改台账 ledger: " + std::to_string(c.ledger.rows.size()) +
                              " problem(s), " + std::to_string(flagged) +
                              " adjusting instead of rectifying (以调代改); " +
                              std::to_string(c.overlay.features.skipped_count) +
                              " input row(s) left out (see ledger.csv / ledger.xlsx); " +
                              c.overlay.features.used_summary() + ".";
  const std::string far =
      std::isfinite(c.overlay.far.distance_m) ? far_sentence(c.overlay.far) + ".\n" : "";
  s.markdown = md + "\n" + summary + "\n" + (far.empty() ? "" : "\n" + far);
  s.html = html + "<p>" + html_escape(summary) + "</p>" +
           (far.empty() ? "" : "<p>" + html_escape(far) + "</p>");
  return s;
}

}  // namespace reserve
