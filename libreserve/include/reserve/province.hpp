#pragma once
// Province mode: one zoning layer holding every protected area's zones before, one after, and
// province-wide conflict layers. run_province_check splits both layers by the reserve field
// (streamed: see stream_zones, keep_results and docs/province.md "Memory"), matches the reserves
// before and after, checks each matched reserve with the single-reserve check (in parallel,
// conflict layers read once and shared), finds the land that lies in two protected areas of one
// layer (交叉重叠) and sums it all up in one province table. `reserve check` and Python's
// check_province() are thin faces over it.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "reserve/check.hpp"
#include "reserve/error.hpp"
#include "reserve/export.hpp"
#include "reserve/geometry.hpp"
#include "reserve/render.hpp"
#include "reserve/report.hpp"

namespace reserve {

struct ProvinceRequest {
  // Both zoning files and everything else a check needs (profile, zone options, conflict layers,
  // ledger inputs), applied to every reserve. before/after must be files (paths), not zonings.
  CheckRequest check;
  // The attribute naming the reserve of each feature; empty: detect (common_reserve_field_names).
  std::string reserve_field;
  unsigned jobs = 0;  // reserves checked at once; 0: every core (std::thread::hardware_concurrency)
  // Merge / split criterion: the share of a reserve's land (outline area) that lies inside one
  // reserve of the other layer (see ReserveMatch).
  double match_share = 0.5;
  double overlap_min_area_m2 = 1.0;  // cross-reserve overlaps smaller than this are not reported
  // Called after each reserve is done (from a worker thread, one call at a time).
  std::function<void(std::size_t done, std::size_t total)> progress;
  // false: as soon as a reserve is checked its report.json text goes to a temporary file and its
  // result keeps only what the province table, JSON, HTML, map and ledger need (verdicts without
  // evidence, overall, CRS; its ledger rows go to the temporary file too) — memory then follows
  // the largest reserve, not the province.
  // Per-reserve report folders and database output need the full results (true).
  bool keep_results = true;
  // true: zoning files that GDAL reads by feature id (GeoPackage, shapefile, FileGDB) are read in
  // a first pass without geometry and each reserve's zones read back when it is outlined and
  // checked; false (and for CSV or database layers): both layers are held whole. Same results.
  bool stream_zones = true;
};

// How a reserve of the province table relates the two layers. Names are compared exactly (the
// reserve field's value); merge and split are found from the reserves' outlines:
//   matched  the name is in both layers (and the reserve is in no merge or split);
//   merged   an after reserve A holds ≥ match_share of the land of each of two or more before
//            reserves, each of which is A itself or has no namesake after: checked as the union of
//            those before reserves → A (row named A);
//   split    a before reserve B holds ≥ match_share of the land of each of two or more after
//            reserves, each of which is B itself or has no namesake before: checked as B → the
//            union of those after reserves (row named B);
//   renamed  a before reserve and an after reserve, neither in a merge or split nor with a namesake
//            in the other layer, each holding ≥ match_share of the other's land: the same reserve
//            under a new name, checked (row named by the after name);
//   added    only after (and in no merge, split or rename): not checked;
//   removed  only before (and in no merge, split or rename): not checked.
enum class ReserveMatch { matched, added, removed, merged, split, renamed };
RESERVE_API const char* to_string(ReserveMatch m) noexcept;  // "matched", "added", …

// One row of the province: a reserve (or a merge / split group) and its check.
struct ProvinceReserve {
  std::string reserve;  // reserve field value (the after name for merged, the before for split)
  ReserveMatch match = ReserveMatch::matched;
  std::vector<std::string> before_reserves;  // the before-layer reserves in this row
  std::vector<std::string> after_reserves;   // the after-layer reserves in this row
  double before_area_m2 = 0.0;               // reserve outline areas (the check's area method)
  double after_area_m2 = 0.0;
  std::optional<CheckResult> result;    // nullopt: not checked (added, removed) or failed
  std::optional<ErrorKind> error_kind;  // the check failed: the error's kind and message
  std::string error;
  // From the check (zero when not checked).
  double before_strict_share = 0.0;  // core+buffer (or core-protection) share of the total
  double after_strict_share = 0.0;
  std::size_t freed_features = 0;       // conflict features freed or partly freed
  std::size_t downgraded_features = 0;  // conflict features moved to a less strict zone
  // For the overview map: the after outlines (the before ones for a removed reserve), working CRS.
  MultiPolygon outline;
};

// Land in two protected areas of one layer.
struct ReserveOverlap {
  std::string reserve_a, reserve_b;     // a < b (byte order)
  double area_m2 = 0.0;                 // by the check's area method
  Point centroid;                       // of the overlap, working CRS
  double lon_deg = 0.0, lat_deg = 0.0;  // the centroid in CGCS2000 (EPSG:4490)
  MultiPolygon geometry;                // working CRS
};

struct ProvinceReportSpool;  // private: the report.json texts of slimmed rows (keep_results false)

struct ProvinceResult {
  // false: the layers hold one reserve (or no reserve field); reserves[0] is then the ordinary
  // single check and every output is the single check's.
  bool province_mode = true;
  std::string reserve_field;         // the field used ("" when none)
  std::string reserve_field_reason;  // why: given, or which candidate was detected, for the audit
  std::string working_crs;           // label
  AreaMethod area_method = AreaMethod::geodesic;
  std::vector<ProvinceReserve> reserves;  // matched/merged/split first by name, then removed, added
  std::vector<ReserveOverlap> before_overlaps, after_overlaps;
  VerdictStatus overall = VerdictStatus::pass;  // the worst over the checked reserves
  std::string generated_utc;
  std::string command_line;
  // keep_results false: each checked row's report.json text, by row (province_json reads it).
  std::shared_ptr<const ProvinceReportSpool> report_spool;
};

// The common names of a reserve attribute in provincial data, most specific first (保护区名称,
// 保护地名称, 保护地编码, …, 名称, NAME, reserve_id, …), matched without regard to ASCII case.
RESERVE_API const std::vector<std::string>& common_reserve_field_names();

// The reserve field run_province_check would use for `request`: empty when the layers hold one
// reserve (or the zonings are given as values), so that a caller can keep its single-reserve
// path. Reads both layers' attributes; the same errors as run_province_check for a given field.
RESERVE_API std::string detect_reserve_field(const ProvinceRequest& request);

// The province check. Throws UsageError / InputError as run_check, and InputError for a reserve
// field that is missing or has an empty value (naming file, layer, feature). A reserve whose own
// check fails with an InputError is reported in its row (error_kind, error); the others go on.
RESERVE_API ProvinceResult run_province_check(const ProvinceRequest& request);

// The exit code of a province run (README "Exit codes"): 3 / 4 when a reserve's check failed with
// an input / internal error, else exit_code_for(overall).
RESERVE_API int province_exit_code(const ProvinceResult& result) noexcept;

// The province table: one row per ProvinceReserve, bilingual headers. Written by the format
// functions below (and any other table writer, e.g. a database).
struct ProvinceTable {
  std::string sheet = "保护地汇总";  // XLSX worksheet name
  std::vector<std::string> headers;
  std::vector<bool> numeric;  // per column: cells are numbers (written as numbers in XLSX)
  std::vector<std::vector<std::string>> rows;
};
RESERVE_API ProvinceTable province_table(const ProvinceResult& result);
// One ledger over the province: every checked reserve's ledger rows (ledger.hpp) behind a first
// column 保护区 (reserve); lon/lat and X/Y numeric. No rows without conflict or monitoring inputs.
RESERVE_API ProvinceTable province_ledger_table(const ProvinceResult& result);
RESERVE_API void write_province_csv(const ProvinceTable& table, const std::string& path);
RESERVE_API void write_province_xlsx(const ProvinceTable& table, const std::string& path);
// `--out PG:…` in province mode (reserve/result_store.hpp): every checked reserve's tables
// (stamped with its name), reserve_province (one row per reserve) and reserve_overlaps (both
// layers' cross-reserve overlaps), in one transaction. Returns the tables written.
RESERVE_API std::vector<std::string> write_province_results(const ProvinceResult& result,
                                                            const std::string& destination,
                                                            const std::string& run_id);

// province.json: {"reserve_field", …, "reserves": [{"reserve", "match", …, "report": <the
// single check's report.json object, or null>}], "overlaps": {"before": […], "after": […]},
// "summary": {…}}.
RESERVE_API std::string province_json(const ProvinceResult& result);
// `map` (optional): the overview map, embedded as a PNG.
RESERVE_API std::string province_html(const ProvinceResult& result, const MapImage* map = nullptr);

// The overview map: every reserve's after outline (before outline for removed reserves) coloured
// by its worst verdict, the overlaps marked. svg, png or pdf.
RESERVE_API RenderedMap render_province_map(const ProvinceResult& result, MapFormat format);

struct ProvinceOutputs {
  bool csv = true, xlsx = true, json = true, html = true, map = true;
  bool per_reserve_reports = false;  // reserves/<safe-name>/report.* and ledger files
  std::vector<ReportFormat> report_formats{ReportFormat::json, ReportFormat::markdown,
                                           ReportFormat::html, ReportFormat::gpkg};
};
// Writes province.csv/.xlsx/.json/.html, province_map.png and province_map.pdf (and the reserve
// folders) into `dir`, and province_ledger.csv/.xlsx when the reserves have ledgers (conflict or
// monitoring inputs); returns the paths written. Map warnings are appended to `warnings`.
RESERVE_API std::vector<std::string> write_province_outputs(const ProvinceResult& result,
                                                            const std::string& dir,
                                                            const ProvinceOutputs& outputs,
                                                            std::vector<std::string>& warnings);

// A reserve name as a folder name: characters other than letters, digits, CJK, '-', '_' and '.'
// become '_'; never empty, never "." or "..".
RESERVE_API std::string safe_reserve_folder(const std::string& name);

}  // namespace reserve
