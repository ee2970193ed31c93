// province.json: the province run, each reserve's row with its single-check report, the overlaps
// and a summary. Numbers keep full precision (nlohmann-json's shortest round-trip form).
#include <nlohmann/json.hpp>

#include <map>

#include "reserve/province.hpp"
#include "reserve/report.hpp"

namespace reserve {
namespace {

using nlohmann::json;

// One row as JSON text. The report is the single check's report_json text spliced in as it is:
// a province's reports run to hundreds of megabytes, which a parsed JSON tree would multiply.
std::string reserve_json(const ProvinceReserve& row) {
  json j;
  j["reserve"] = row.reserve;
  j["match"] = to_string(row.match);
  j["before_reserves"] = row.before_reserves;
  j["after_reserves"] = row.after_reserves;
  j["before_area_m2"] = row.before_area_m2;
  j["after_area_m2"] = row.after_area_m2;
  j["before_area_ha"] = to_ha(row.before_area_m2);
  j["after_area_ha"] = to_ha(row.after_area_m2);
  j["checked"] = row.result.has_value();
  j["error"] = row.error_kind ? json(row.error) : json(nullptr);
  j["verdicts"] = json::object();
  j["overall"] = nullptr;
  if (row.result) {
    j["before_strict_share"] = row.before_strict_share;
    j["after_strict_share"] = row.after_strict_share;
    j["freed_features"] = row.freed_features;
    j["downgraded_features"] = row.downgraded_features;
    j["overall"] = to_string(row.result->report.overall);
    for (const auto& v : row.result->report.verdicts)
      j["verdicts"][v.rule_id] = to_string(v.status);
  }
  std::string text = j.dump(2);
  text.pop_back();  // the closing brace; "report" goes last
  text += ",\n  \"report\": ";
  if (row.result) {
    std::string report = report_json(row.result->report);  // the same object as report.json
    while (!report.empty() && report.back() == '\n') report.pop_back();
    text += report;
  } else {
    text += "null";
  }
  return text + "\n}";
}

json overlaps_json(const std::vector<ReserveOverlap>& list) {
  json a = json::array();
  for (const auto& o : list)
    a.push_back({{"reserve_a", o.reserve_a},
                 {"reserve_b", o.reserve_b},
                 {"area_m2", o.area_m2},
                 {"area_ha", to_ha(o.area_m2)},
                 {"centroid_x", o.centroid.x},
                 {"centroid_y", o.centroid.y},
                 {"lon_deg", o.lon_deg},
                 {"lat_deg", o.lat_deg}});
  return a;
}

json summary_json(const ProvinceResult& r) {
  json s;
  std::map<std::string, int> match, overall;
  for (const char* m : {"matched", "added", "removed", "merged", "split"}) match[m] = 0;
  for (const char* v : {"pass", "fail", "warn", "not_evaluated", "incomplete", "error"})
    overall[v] = 0;
  int checked = 0;
  for (const auto& row : r.reserves) {
    ++match[to_string(row.match)];
    if (row.result) {
      ++checked;
      ++overall[to_string(row.result->report.overall)];
    } else if (row.error_kind) {
      ++overall["error"];
    }
  }
  s["rows"] = r.reserves.size();
  s["checked"] = checked;
  s["match"] = match;
  s["overall_counts"] = overall;
  s["overall"] = to_string(r.overall);
  s["exit_code"] = province_exit_code(r);
  s["overlaps_before"] = r.before_overlaps.size();
  s["overlaps_after"] = r.after_overlaps.size();
  double before_m2 = 0.0, after_m2 = 0.0;
  for (const auto& o : r.before_overlaps) before_m2 += o.area_m2;
  for (const auto& o : r.after_overlaps) after_m2 += o.area_m2;
  s["overlap_before_m2"] = before_m2;
  s["overlap_after_m2"] = after_m2;
  return s;
}

}  // namespace

std::string province_json(const ProvinceResult& r) {
  json j;
  j["province_mode"] = r.province_mode;
  j["reserve_field"] = r.reserve_field;
  j["reserve_field_reason"] = r.reserve_field_reason;
  j["working_crs"] = r.working_crs;
  j["area_method"] = to_string(r.area_method);
  j["generated_utc"] = r.generated_utc;
  j["command_line"] = r.command_line;
  j["overlaps"] = {{"before", overlaps_json(r.before_overlaps)},
                   {"after", overlaps_json(r.after_overlaps)}};
  j["summary"] = summary_json(r);
  // The reserves, row by row, as the last member (see reserve_json).
  std::string out = j.dump(2);
  out.pop_back();  // the closing brace
  out += ",\n\"reserves\": [";
  for (std::size_t i = 0; i < r.reserves.size(); ++i)
    out += (i ? ",\n" : "\n") + reserve_json(r.reserves[i]);
  return out + "\n]\n}\n";
}

}  // namespace reserve
