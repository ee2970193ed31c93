#include "check_conflicts.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "reserve/error.hpp"

namespace reserve::cli {
namespace {

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string html_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string md_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\";
    out += c;
  }
  return out;
}

}  // namespace

void add_check_conflict_options(CLI::App* cmd, CheckConflictArgs& a) {
  add_conflict_options(cmd, a.conflicts);
  add_ledger_options(cmd, a.ledger);
}

std::optional<CheckConflicts> load_check_conflicts(const CheckConflictArgs& a, const Zoning& before,
                                                   const Zoning& after, const Profile& profile) {
  if (a.conflicts.mining.empty() && a.conflicts.facilities.empty() && a.ledger.monitoring.empty())
    return std::nullopt;
  CheckConflicts c;
  c.has_conflict_layers = !a.conflicts.mining.empty() || !a.conflicts.facilities.empty();
  FeatureSet features = load_conflict_features(a.conflicts, before.crs);
  c.issues = features.issues;
  OverlayOptions o;
  o.boundary_tolerance_m = a.conflicts.boundary_tolerance_m;
  o.min_area_m2 = a.conflicts.min_area_m2;
  o.area_method = profile.area_method;
  o.legacy_map = profile.legacy_map;
  c.overlay = make_conflict_overlay(std::move(features), before, after, o);
  const auto exceedances = load_exceedances(a.ledger, before.crs, c.issues);

  LedgerOptions lo;
  if (!profile.conflicts.decisions.empty())
    lo.actions.prepend(ActionTable::from_decisions(
        profile.conflicts.decisions, profile.path.empty() ? profile.name : profile.path));
  if (!a.ledger.actions.empty()) {
    std::ifstream in(a.ledger.actions);
    if (!in) throw UsageError("cannot read the decision table " + a.ledger.actions);
    std::stringstream ss;
    ss << in.rdbuf();
    lo.actions.prepend(ActionTable::from_toml(ss.str(), a.ledger.actions));
  }
  if (a.ledger.established_year > 0) lo.reserve_established_year = a.ledger.established_year;
  std::optional<Assignments> assignments;
  if (!a.ledger.assignments.empty()) {
    assignments = read_assignments(a.ledger.assignments);
    c.issues.insert(c.issues.end(), assignments->issues.begin(), assignments->issues.end());
  }
  c.ledger = build_ledger(c.overlay, exceedances, assignments ? &*assignments : nullptr, lo);
  print_issues(c.issues, "the conflict and monitoring inputs");
  return c;
}

ReportSection conflicts_section(const CheckConflicts& c) {
  ReportSection s;
  s.id = "conflicts";
  s.title_zh = "矿业权、设施与保护区功能区叠加及整改台账";
  s.title_en = "Mining rights and facilities × zones, and the rectification ledger";
  nlohmann::json j = overlay_json(c.overlay);
  j["ledger"] = nlohmann::json::array();
  const auto headers = ledger_headers();
  for (const auto& row : c.ledger.rows) {
    const auto cells = ledger_cells(row);
    nlohmann::json r;
    for (std::size_t i = 0; i < headers.size() && i < cells.size(); ++i) r[headers[i]] = cells[i];
    j["ledger"].push_back(std::move(r));
  }
  s.json = j.dump();

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
    const std::string area = row.is_point ? "" : fixed(to_ha(row.area_m2), 2);
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
                              " input row(s) skipped (see ledger.csv / ledger.xlsx).";
  s.markdown = md + "\n" + summary + "\n";
  s.html = html + "<p>" + html_escape(summary) + "</p>";
  return s;
}

std::vector<std::string> write_check_ledger(const CheckConflicts& c, const std::string& dir) {
  return write_ledger_files(c.ledger, dir);
}

}  // namespace reserve::cli
