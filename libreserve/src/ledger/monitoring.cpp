#include "reserve/monitoring.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "analysis/features_load.hpp"
#include "core/data_files.hpp"
#include "core/text_util.hpp"
#include "ledger/csv_table.hpp"
#include "reserve/error.hpp"

namespace reserve {
namespace {

struct ParameterNames {
  const char* code;
  const char* chinese;
  std::vector<const char*> labels;
};

const std::vector<ParameterNames>& parameters() {
  static const std::vector<ParameterNames> p = {
      {"Cd", "镉", {"cd", "镉", "总镉", "cadmium", "total cd"}},
      {"Zn", "锌", {"zn", "锌", "总锌", "zinc", "total zn"}},
      {"Pb", "铅", {"pb", "铅", "总铅", "lead", "total pb"}},
      {"As", "砷", {"as", "砷", "总砷", "arsenic", "total as"}},
      {"Hg", "汞", {"hg", "汞", "总汞", "mercury", "total hg"}},
      {"Cu", "铜", {"cu", "铜", "总铜", "copper"}},
      {"Cr6", "六价铬", {"cr6", "cr(vi)", "cr6+", "六价铬", "铬(六价)", "hexavalent chromium"}},
  };
  return p;
}

// Strips a unit suffix: "镉(mg/L)", "Cd（mg/L）", "cd_mg_l", "Cd mg/L".
std::string strip_unit(std::string s) {
  for (const char* open : {"(", "（", "["}) {
    const auto pos = s.find(open);
    if (pos != std::string::npos && pos > 0) {
      // Keep "(vi)" / "(六价)" style chemical notation.
      const std::string rest = s.substr(pos);
      if (rest.find("mg") != std::string::npos || rest.find("μg") != std::string::npos ||
          rest.find("ug") != std::string::npos)
        s = s.substr(0, pos);
    }
  }
  for (const char* suffix : {"_mg_l", "_mgl", " mg/l", "mg/l", "_mg/l"}) {
    const std::string suf = suffix;
    if (s.size() > suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0)
      s.erase(s.size() - suf.size());
  }
  return text::normalise_label(s);
}

bool parse_bool(const std::string& text, bool& out) {
  const std::string t = text::normalise_label(text);
  if (t == "true" || t == "yes" || t == "1" || t == "是") return out = true, true;
  if (t == "false" || t == "no" || t == "0" || t == "否" || t.empty()) return out = false, true;
  return false;
}

const std::vector<std::string> kIdFields = {"编号", "点位编号", "样品编号",
                                            "id",   "code",     "sample_id"};
const std::vector<std::string> kNameFields = {"名称",   "点位名称", "监测点",
                                              "采样点", "name",     "site"};
const std::vector<std::string> kKindFields = {"类型", "样品类型", "水样类型",
                                              "kind", "type",     "sample_type"};
const std::vector<std::string> kDateFields = {"日期", "采样日期", "监测日期", "date",
                                              "sample_date"};

SampleKind kind_of(const std::string& label) {
  const std::string t = text::normalise_label(label);
  for (const char* key : {"渗滤液", "排放", "排口", "废水", "出水", "leachate", "discharge",
                          "effluent", "outfall", "wastewater"})
    if (t.find(key) != std::string::npos) return SampleKind::discharge;
  return SampleKind::surface_water;
}

}  // namespace

std::optional<std::string> parameter_code(const std::string& label) {
  const std::string s = strip_unit(text::normalise_label(label));
  for (const auto& p : parameters())
    for (const char* l : p.labels)
      if (s == text::normalise_label(l)) return std::string(p.code);
  return std::nullopt;
}

const char* parameter_chinese_name(const std::string& code) noexcept {
  for (const auto& p : parameters())
    if (code == p.code) return p.chinese;
  return "";
}

StandardsTable StandardsTable::defaults() {
  return from_csv(detail::require_data_file("standards", "water_limits.csv"));
}

StandardsTable StandardsTable::from_csv(const std::string& path) {
  const ledger::CsvTable t = ledger::read_csv_file(path);
  const int c_std = t.column({"standard"}), c_level = t.column({"level", "class"}),
            c_param = t.column({"parameter"}), c_zh = t.column({"parameter_zh"}),
            c_limit = t.column({"limit_mg_l", "limit"}), c_conf = t.column({"confirmed"}),
            c_src = t.column({"source"}), c_note = t.column({"note"});
  if (c_std < 0 || c_level < 0 || c_param < 0 || c_limit < 0)
    throw InputError(
        "a standards table needs the columns standard, level, parameter and limit_mg_l "
        "(optional: parameter_zh, confirmed, source, note)",
        SourceRef{path, {}, {}});
  StandardsTable table;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    const SourceRef where{path, {}, "line " + std::to_string(t.line_numbers[r])};
    StandardLimit l;
    l.standard = text::normalise_label(row[c_std]).empty() ? "" : row[c_std];
    l.level = row[c_level];
    const auto code = parameter_code(row[c_param]);
    if (!code)
      throw InputError(
          "unknown parameter '" + row[c_param] + "'; use Cd, Zn, Pb, As, Hg, Cu or Cr6", where);
    l.parameter = *code;
    l.parameter_zh = c_zh >= 0 && !row[c_zh].empty() ? row[c_zh] : parameter_chinese_name(*code);
    const auto limit = text::parse_number(row[c_limit]);
    if (!limit || !(*limit > 0.0))
      throw InputError("limit '" + row[c_limit] + "' is not a positive number of mg/L", where);
    l.limit_mg_l = *limit;
    if (c_conf >= 0 && !parse_bool(row[c_conf], l.confirmed))
      throw InputError("confirmed must be true or false, not '" + row[c_conf] + "'", where);
    if (c_src >= 0) l.source = row[c_src];
    if (c_note >= 0) l.note = row[c_note];
    if (l.standard.empty() || text::normalise_label(l.level).empty())
      throw InputError("standard and level must not be empty", where);
    StandardsTable one;
    one.limits_.push_back(std::move(l));
    table.merge(one);
  }
  return table;
}

void StandardsTable::merge(const StandardsTable& overrides) {
  for (const auto& o : overrides.limits_) {
    bool replaced = false;
    for (auto& l : limits_) {
      if (text::normalise_label(l.standard) == text::normalise_label(o.standard) &&
          text::normalise_label(l.level) == text::normalise_label(o.level) &&
          l.parameter == o.parameter) {
        l = o;
        replaced = true;
      }
    }
    if (!replaced) limits_.push_back(o);
  }
}

const StandardLimit* StandardsTable::find(const std::string& standard, const std::string& level,
                                          const std::string& parameter) const noexcept {
  for (const auto& l : limits_)
    if (text::normalise_label(l.standard) == text::normalise_label(standard) &&
        text::normalise_label(l.level) == text::normalise_label(level) && l.parameter == parameter)
      return &l;
  return nullptr;
}

double exceedance_multiple(double concentration_mg_l, double limit_mg_l) {
  if (!(limit_mg_l > 0.0)) throw UsageError("a standard limit must be > 0 mg/L");
  return (concentration_mg_l - limit_mg_l) / limit_mg_l;
}

SampleSet samples_from_layer(const Layer& layer, const Crs& working_crs) {
  SampleSet set;
  set.crs = working_crs;
  set.issues = layer.issues;
  set.skipped_count = analysis::count_skipped(layer.issues);
  // Parameter columns.
  std::vector<std::pair<std::string, std::string>> param_fields;  // field → code
  for (const auto& f : layer.fields)
    if (auto code = parameter_code(f)) param_fields.emplace_back(f, *code);
  if (param_fields.empty())
    throw InputError(
        "no concentration columns found; name them Cd, Zn, Pb, As, Hg (or 镉, 锌, 铅, 砷, 汞), "
        "values in mg/L",
        SourceRef{layer.path, layer.name, {}});
  for (const auto& f : layer.features) {
    const SourceRef where{layer.path, layer.name, f.id};
    if (f.geometry.kind != GeometryKind::point || f.geometry.points.size() != 1 ||
        !std::isfinite(f.geometry.points.front().x) ||
        !std::isfinite(f.geometry.points.front().y)) {
      Issue issue{IssueCode::invalid_sample_location,
                  Severity::error,
                  "a sample needs exactly one point with finite coordinates; the row was skipped",
                  where,
                  std::nullopt,
                  std::nullopt};
      set.issues.push_back(issue);
      ++set.skipped_count;
      continue;
    }
    Sample s;
    s.where = where;
    s.location = f.geometry.points.front();
    auto value = [&](const std::vector<std::string>& names) {
      const Attribute* a = text::find_attribute(f.attributes, names);
      return (a && !a->is_null) ? a->value : std::string();
    };
    s.id = value(kIdFields);
    if (s.id.empty()) s.id = f.id;
    s.name = value(kNameFields);
    if (s.name.empty()) s.name = s.id;
    s.kind_label = value(kKindFields);
    s.kind = kind_of(s.kind_label);
    s.date = value(kDateFields);
    for (const auto& [field, code] : param_fields) {
      const Attribute* a = text::find_attribute(f.attributes, {}, field);
      const std::string text = (a && !a->is_null) ? text::normalise_label(a->value) : "";
      if (text.empty()) continue;
      if (text == "nd" || text == "未检出" || text == "-" || text.front() == '<' ||
          text.rfind("＜", 0) == 0 || text.rfind("lod", 0) == 0) {
        s.below_detection.push_back(code);
        continue;
      }
      const auto v = text::parse_number(text);
      if (!v || *v < 0.0 || !std::isfinite(*v)) {
        set.issues.push_back({IssueCode::invalid_concentration, Severity::warning,
                              "column '" + field + "' holds '" + a->value +
                                  "', not a concentration in mg/L; the value was ignored",
                              where, s.location, std::nullopt});
        continue;
      }
      s.concentrations_mg_l[code] = *v;
    }
    set.samples.push_back(std::move(s));
  }
  return set;
}

MonitoringResult check_samples(const SampleSet& samples, const StandardsTable& table,
                               const MonitoringOptions& options) {
  MonitoringResult out;
  for (const auto& s : samples.samples) {
    const bool discharge = s.kind == SampleKind::discharge;
    const std::string& standard = discharge ? options.discharge_standard : options.surface_standard;
    const std::string& level = discharge ? options.discharge_level : options.surface_level;
    for (const auto& [code, c] : s.concentrations_mg_l) {
      const StandardLimit* limit = table.find(standard, level, code);
      if (!limit) {
        out.issues.push_back({IssueCode::no_standard_limit, Severity::warning,
                              "no limit for " + code + " in " + standard + " " + level +
                                  "; add one with --standards FILE",
                              s.where, s.location, std::nullopt});
        continue;
      }
      if (!(c > limit->limit_mg_l)) continue;
      Exceedance e;
      e.sample_id = s.id;
      e.sample_name = s.name;
      e.date = s.date;
      e.kind = s.kind;
      e.location = s.location;
      e.parameter = code;
      e.parameter_zh = limit->parameter_zh;
      e.concentration_mg_l = c;
      e.limit_mg_l = limit->limit_mg_l;
      e.standard = limit->standard;
      e.level = limit->level;
      e.limit_confirmed = limit->confirmed;
      e.multiple = exceedance_multiple(c, limit->limit_mg_l);
      e.where = s.where;
      out.exceedances.push_back(std::move(e));
    }
  }
  return out;
}

}  // namespace reserve
