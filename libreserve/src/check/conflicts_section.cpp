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
#include "report/json_text.hpp"
#include "report/text_reserve.hpp"
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

// The feature rows as text, byte for byte as dump() prints overlay_json's "features" (keys in
// std::string order, numbers and strings as report/json_text spells them): thousands of rows of
// some 20 keys cost more as document nodes than as text.
class FeatureRowsText {
 public:
  explicit FeatureRowsText(std::string& out) : out_(out) {}

  void rows(const ConflictOverlay& c) {
    const std::size_t start = out_.size();
    out_ += '[';
    for (std::size_t r = 0; r < c.overlay.rows.size(); ++r) {
      if (r == report::kProjectionRows)
        report::reserve_projected(out_, start, r, c.overlay.rows.size());
      if (r) out_ += ',';
      row(c.overlay.rows[r], c.features.features.at(c.overlay.rows[r].feature_index));
    }
    out_ += ']';
  }

 private:
  std::string& out_;
  bool first_ = true;

  void key(const char* k) {
    if (!first_) out_ += ',';
    first_ = false;
    out_ += '"';
    out_ += k;  // plain ASCII names
    out_ += "\":";
  }
  void open() {
    out_ += '{';
    first_ = true;
  }
  void close() {
    out_ += '}';
    first_ = false;
  }
  void text(const char* k, std::string_view v) {
    key(k);
    report::append_json_string(v, out_);
  }
  void number(const char* k, double v) {
    key(k);
    report::append_json_number(v, out_);
  }

  void placement(const FeaturePlacement& p, bool is_point) {
    open();
    if (!is_point) {
      key("areas");
      out_ += '[';
      for (std::size_t i = 0; i < p.areas.size(); ++i) {
        if (i) out_ += ',';
        open();
        number("area_m2", p.areas[i].area_m2);
        number("share", p.areas[i].share);
        text("zone", to_string(p.areas[i].zone));
        close();
      }
      out_ += ']';
    }
    number("distance_to_reserve_boundary_m", p.distance_to_reserve_boundary_m);
    key("distance_to_stricter_zone_m");
    if (p.distance_to_stricter_zone_m)
      report::append_json_number(*p.distance_to_stricter_zone_m, out_);
    else
      out_ += "null";
    if (!is_point) number("inside_area_m2", p.inside_area_m2);
    if (is_point) text("location", to_string(p.location));
    text("zone", to_string(p.zone));
    text("zone_zh", chinese_name(p.zone));
    if (is_point) {
      key("zones_within_tolerance");
      out_ += '[';
      for (std::size_t i = 0; i < p.zones_within_tolerance.size(); ++i) {
        if (i) out_ += ',';
        report::append_json_string(to_string(p.zones_within_tolerance[i]), out_);
      }
      out_ += ']';
    }
    close();
  }

  void row(const FeatureOverlay& row, const ConflictFeature& f) {
    const MiningRightInfo* right = f.mining_right ? &*f.mining_right : nullptr;
    open();
    key("after");
    placement(row.after, row.is_point);
    if (!row.is_point) number("area_m2", row.area_m2);
    key("before");
    placement(row.before, row.is_point);
    if (f.built_year) {
      key("built_year");
      out_ += std::to_string(*f.built_year);
    }
    text("category", to_string(f.category));
    text("category_zh", chinese_name(f.category));
    text("change", to_string(row.change));
    text("change_zh", chinese_name(row.change));
    number("downgraded_area_m2", row.downgraded_area_m2);
    number("freed_area_m2", row.freed_area_m2);
    text("geometry", row.is_point ? "point" : "polygon");
    if (right) text("holder", right->holder);
    text("id", f.id);
    text("label", f.label());  // FID, row in the layer, name, licence: unambiguous
    if (right) text("licence_number", right->licence_number);
    text("name", f.name);
    if (right) text("right_type", right->right_type);
    key("source");
    open();
    text("feature", f.where.feature);
    text("file", f.where.file);
    text("layer", f.where.layer);
    close();
    if (!f.treatment.empty()) text("treatment", f.treatment);
    if (right) {
      text("valid_from", right->valid_from);
      text("valid_to", right->valid_to);
    }
    close();
  }
};

// The overlay as a document; with a `placeholder`, "features" holds it instead of the rows
// (FeatureRowsText prints them).
nlohmann::json overlay_json(const ConflictOverlay& c, const char* placeholder = nullptr) {
  nlohmann::json j;
  j["working_crs"] = c.features.crs.label();
  j["area_method"] = to_string(c.overlay.area_method);
  j["boundary_tolerance_m"] = c.overlay.boundary_tolerance_m;
  j["features"] = placeholder ? nlohmann::json(placeholder) : nlohmann::json::array();
  const auto none = decltype(c.overlay.rows){};
  for (const auto& row : placeholder ? none : c.overlay.rows) {
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
  // The feature rows and the ledger's rows (check/ledger_json) go in as text: placeholders in the
  // document, replaced in the printed text; should other text look like them, the document is
  // built whole instead.
  const char* features_placeholder = "\x01reserve-feature-rows\x01";
  const char* ledger_placeholder = "\x01reserve-ledger-rows\x01";
  nlohmann::json j = overlay_json(c.overlay, features_placeholder);
  j["ledger"] = ledger_placeholder;
  s.json = j.dump();
  std::string features;
  FeatureRowsText(features).rows(c.overlay);
  const std::string rows = ledger_rows_json(c.ledger);
  const std::string quoted_features = nlohmann::json(features_placeholder).dump();
  const std::string quoted_ledger = nlohmann::json(ledger_placeholder).dump();
  auto once = [&](const std::string& quoted) {
    const std::size_t at = s.json.find(quoted);
    return at != std::string::npos && s.json.find(quoted, at + 1) == std::string::npos;
  };
  if (once(quoted_features) && once(quoted_ledger)) {
    // Put together in one string of the final size: the report's largest text (tens of MB on a
    // reserve with thousands of features near it) is then copied once, not once per placeholder.
    const std::size_t at_features = s.json.find(quoted_features);
    const std::size_t at_ledger = s.json.find(quoted_ledger);
    const bool ledger_last = at_ledger > at_features;
    const std::size_t first_at = ledger_last ? at_features : at_ledger;
    const std::size_t second_at = ledger_last ? at_ledger : at_features;
    const std::string& first_quoted = ledger_last ? quoted_features : quoted_ledger;
    const std::string& second_quoted = ledger_last ? quoted_ledger : quoted_features;
    const std::string& first_text = ledger_last ? features : rows;
    const std::string& second_text = ledger_last ? rows : features;
    std::string joined;
    joined.reserve(s.json.size() - first_quoted.size() - second_quoted.size() + features.size() +
                   rows.size());
    joined.append(s.json, 0, first_at);
    joined += first_text;
    const std::size_t middle = first_at + first_quoted.size();
    joined.append(s.json, middle, second_at - middle);
    joined += second_text;
    joined.append(s.json, second_at + second_quoted.size());
    s.json = std::move(joined);
  } else {
    j = overlay_json(c.overlay);
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
