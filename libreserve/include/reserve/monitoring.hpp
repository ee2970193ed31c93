#pragma once
// Water monitoring samples (sampling points with heavy-metal concentrations, mg/L) checked against
// standards kept as data (libreserve/share/standards/water_limits.csv): GB 3838-2002 surface
// water classes I–V and GB 25466-2010 lead–zinc industry discharge limits. Limits whose value is
// not confirmed from the standard's text carry confirmed = false and every finding says so; a
// user file of the same format overrides or adds limits.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "reserve/crs.hpp"
#include "reserve/export.hpp"
#include "reserve/geometry.hpp"
#include "reserve/io.hpp"
#include "reserve/issue.hpp"

namespace reserve {

struct StandardLimit {
  std::string standard;      // "GB 3838-2002", "GB 25466-2010"
  std::string level;         // class or table row: "I" … "V", "new", "existing", "special"
  std::string parameter;     // "Cd", "Zn", "Pb", "As", "Hg", "Cu", "Cr6"
  std::string parameter_zh;  // "镉", …
  double limit_mg_l = 0.0;
  bool confirmed = false;  // read from the standard's text (true) or a secondary/unsure value
  std::string source;      // citation of the value
  std::string note;
};

class RESERVE_API StandardsTable {
 public:
  // The shipped table standards/water_limits.csv, searched in $RESERVE_DATA_DIR, then beside the
  // installed library or program (<prefix>/share/reserve). Throws InternalError when missing.
  static StandardsTable defaults();
  // Reads a CSV with the columns standard, level, parameter, parameter_zh, limit_mg_l, confirmed,
  // source, note (UTF-8, optional BOM). Throws InputError naming the file and row for a bad row.
  static StandardsTable from_csv(const std::string& path);
  // Adds or replaces limits (same standard, level and parameter).
  void merge(const StandardsTable& overrides);
  const StandardLimit* find(const std::string& standard, const std::string& level,
                            const std::string& parameter) const noexcept;
  const std::vector<StandardLimit>& limits() const noexcept { return limits_; }

 private:
  std::vector<StandardLimit> limits_;
};

// The canonical parameter code for a column name or label ("Cd", "镉", "总镉(mg/L)" → "Cd"), or
// nullopt when it is not a known parameter.
RESERVE_API std::optional<std::string> parameter_code(const std::string& label);
RESERVE_API const char* parameter_chinese_name(const std::string& code) noexcept;

// What a sample is, deciding the standard it is checked against.
enum class SampleKind { surface_water, discharge };  // discharge: outfall water, leachate

struct Sample {
  std::string id;
  std::string name;
  SampleKind kind = SampleKind::surface_water;
  std::string kind_label;                             // as written (地表水, 渗滤液, …)
  std::string date;                                   // as written
  Point location;                                     // working CRS
  std::map<std::string, double> concentrations_mg_l;  // parameter code → value
  std::vector<std::string> below_detection;           // parameters reported as ND / < LOD
  SourceRef where;
};

struct SampleSet {
  Crs crs;  // working CRS
  std::vector<Sample> samples;
  std::vector<Issue> issues;  // per row / per cell
  std::size_t skipped_count = 0;
};

// Turns a point layer (read and reprojected to `working_crs` by the caller) into samples. Columns:
// id (编号/点位编号/id), name (名称/点位名称/name), kind (类型/样品类型/kind), date
// (日期/采样日期/date), and one column per parameter (Cd/镉/总镉, Zn/锌, Pb/铅, As/砷, Hg/汞,
// Cu/铜, Cr6/六价铬; unit suffixes such as "(mg/L)" are ignored). Values: numbers in mg/L; "ND",
// "未检出" and "<x" are below detection; anything else is a per-cell issue (the cell is ignored,
// the row kept).
RESERVE_API SampleSet samples_from_layer(const Layer& layer, const Crs& working_crs);

// Reads a sample table (CSV with coordinates or any point layer) and reprojects it.
RESERVE_API SampleSet load_samples(const std::string& path, const ReadOptions& options,
                                   const Crs& working_crs);

struct MonitoringOptions {
  std::string surface_standard = "GB 3838-2002";
  std::string surface_level = "I";  // class I: 国家自然保护区 (GB 3838-2002 §4)
  std::string discharge_standard = "GB 25466-2010";
  std::string discharge_level = "new";
};

struct Exceedance {
  std::string sample_id;
  std::string sample_name;
  std::string date;  // sampling date as written
  SampleKind kind = SampleKind::surface_water;
  Point location;  // working CRS
  std::string parameter;
  std::string parameter_zh;
  double concentration_mg_l = 0.0;
  double limit_mg_l = 0.0;
  std::string standard;
  std::string level;
  bool limit_confirmed = false;
  double multiple = 0.0;  // (C − limit) / limit
  SourceRef where;
};

// (C − limit) / limit; limit must be > 0.
RESERVE_API double exceedance_multiple(double concentration_mg_l, double limit_mg_l);

struct MonitoringResult {
  std::vector<Exceedance> exceedances;  // C > limit only
  std::vector<Issue> issues;            // parameters with no limit in the table, …
};

RESERVE_API MonitoringResult check_samples(const SampleSet& samples, const StandardsTable& table,
                                           const MonitoringOptions& options = {});

}  // namespace reserve
