// province.json: the province run, each reserve's row with its single-check report, the overlaps
// and a summary. Numbers keep full precision (nlohmann-json's shortest round-trip form).
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <ostream>
#include <sstream>

#include "core/atomic_file.hpp"
#include "province/province_json.hpp"
#include "province/report_spool.hpp"
#include "reserve/error.hpp"
#include "reserve/province.hpp"
#include "reserve/report.hpp"

namespace reserve {
namespace {

using nlohmann::json;

// One row as JSON text. The report is the single check's report_json text spliced in as it is:
// a province's reports run to hundreds of megabytes, which a parsed JSON tree would multiply. A
// slimmed row's report text comes from the spool (the same report_json text, made at check time).
void write_reserve_json(const ProvinceReserve& row, const ProvinceReportSpool* spool,
                        std::size_t index, std::ostream& out) {
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
  out << text << ",\n  \"report\": ";
  if (row.result) {
    std::string report = spool && spool->has(index)
                             ? spool->get(index)
                             : report_json(row.result->report);  // the same object as report.json
    while (!report.empty() && report.back() == '\n') report.pop_back();
    out << report;
  } else {
    out << "null";
  }
  out << "\n}";
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
  for (const char* m : {"matched", "added", "removed", "merged", "split", "renamed"}) match[m] = 0;
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

void write_province_json(const ProvinceResult& r, std::ostream& out) {
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
  std::string head = j.dump(2);
  head.pop_back();  // the closing brace
  out << head << ",\n\"reserves\": [";
  for (std::size_t i = 0; i < r.reserves.size(); ++i) {
    out << (i ? ",\n" : "\n");
    write_reserve_json(r.reserves[i], r.report_spool.get(), i, out);
  }
  out << "\n]\n}\n";
}

std::string province_json(const ProvinceResult& r) {
  std::ostringstream out;
  write_province_json(r, out);
  return std::move(out).str();
}

void write_province_json_file(const ProvinceResult& r, const std::string& path) {
  atomic::make_parent_folders(path);
  const std::string tmp = atomic::temporary_path_for(path);  // a fresh name no file occupies
  atomic::TemporaryFile guard(tmp);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out)
      throw InputError("cannot write here; check that the folder is writable",
                       SourceRef{path, {}, {}});
    write_province_json(r, out);
    out.flush();
    if (!out)
      throw InputError("cannot write the file (is the disk full?)", SourceRef{path, {}, {}});
  }
  atomic::commit_temporary(tmp, path);
  guard.release();
}

}  // namespace reserve
