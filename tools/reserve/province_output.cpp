// Province mode output: which files --format selects, and the summary table on stdout.
#include "province_output.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "reserve/error.hpp"
#include "text_columns.hpp"

namespace reserve::cli {
namespace {

// --format in province mode: json, html, csv, xlsx, map for the province files; md, json, html,
// gpkg also for the reserve folders (--per-reserve-reports). Not given: everything.
ProvinceOutputs outputs_from(const ProvinceOutputArgs& a) {
  ProvinceOutputs o;
  o.per_reserve_reports = a.per_reserve_reports;
  if (!a.formats_given) return o;
  o.csv = o.xlsx = o.json = o.html = o.map = false;
  std::string report_list;
  std::stringstream ss(a.formats);
  for (std::string f; std::getline(ss, f, ',');) {
    if (f == "csv")
      o.csv = true;
    else if (f == "xlsx")
      o.xlsx = true;
    else if (f == "map")
      o.map = true;
    else {
      if (f == "json") o.json = true;
      if (f == "html") o.html = true;
      report_list += (report_list.empty() ? "" : ",") + f;
    }
  }
  o.report_formats =
      report_list.empty() ? std::vector<ReportFormat>{} : parse_report_formats(report_list);
  return o;
}

void print_summary(const ProvinceResult& r, const std::vector<std::string>& written) {
  std::printf("Province check: reserve field '%s' (%s)\nWorking CRS %s, area method %s\n\n",
              r.reserve_field.c_str(), r.reserve_field_reason.c_str(), r.working_crs.c_str(),
              to_string(r.area_method));
  // The name column as wide as the widest name in terminal cells (Chinese characters take two).
  std::size_t name_width = 28;
  for (const auto& row : r.reserves) name_width = std::max(name_width, display_width(row.reserve));
  std::printf("  %s %-8s %14s %14s  %s\n", pad("Reserve", name_width).c_str(), "Match",
              "before (ha)", "after (ha)", "Result");
  for (const auto& row : r.reserves) {
    const std::string result = row.result       ? to_string(row.result->report.overall)
                               : row.error_kind ? "error: " + row.error
                                                : std::string("not checked");
    std::printf("  %s %-8s %14.4f %14.4f  %s\n", pad(row.reserve, name_width).c_str(),
                to_string(row.match), to_ha(row.before_area_m2), to_ha(row.after_area_m2),
                result.c_str());
  }
  std::printf("\nCross-reserve overlaps: %zu before, %zu after\n", r.before_overlaps.size(),
              r.after_overlaps.size());
  for (const auto* list : {&r.before_overlaps, &r.after_overlaps})
    for (const auto& o : *list)
      std::printf("  %s: %s ∩ %s  %.4f ha at %.6f, %.6f\n",
                  list == &r.before_overlaps ? "before" : "after", o.reserve_a.c_str(),
                  o.reserve_b.c_str(), to_ha(o.area_m2), o.lon_deg, o.lat_deg);
  std::printf("\nOverall: %s\n", to_string(r.overall));
  for (const auto& p : written) std::printf("wrote %s\n", p.c_str());
  std::fflush(stdout);
}

}  // namespace

void finish_province(const ProvinceResult& result, const ProvinceOutputArgs& a) {
  std::vector<std::string> written, warnings;
  if (!a.no_reports && is_database_destination(a.out))
    written = write_province_results(result, a.out, run_stamp(a.store, "").run_id);
  else if (!a.no_reports)
    written = write_province_outputs(result, a.out, outputs_from(a), warnings);
  for (const auto& w : warnings) std::cerr << "reserve check: map: " << w << "\n";
  for (const auto& row : result.reserves)
    if (row.error_kind)
      std::cerr << "reserve check: reserve '" << row.reserve << "' not checked: " << row.error
                << "\n";
  if (a.json)
    std::cout << province_json(result);
  else if (!a.quiet)
    print_summary(result, written);
  command_exit_code() = province_exit_code(result);
}

}  // namespace reserve::cli
