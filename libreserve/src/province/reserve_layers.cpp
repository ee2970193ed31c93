// The reserve field of a province layer (given or detected) and the split by its value.
#include "province/reserve_layers.hpp"

#include <set>

#include "core/text_util.hpp"
#include "reserve/error.hpp"
#include "reserve/province.hpp"
#include "zoning/zone_field.hpp"

namespace reserve {

const std::vector<std::string>& common_reserve_field_names() {
  // Most specific first: a layer may carry both a reserve name and a generic 名称 (e.g. of the
  // zone polygon); the pinyin initials are those of provincial databases (BHQMC = 保护区名称,
  // BHDMC = 保护地名称, BHDBM = 保护地编码).
  static const std::vector<std::string> names = {
      "保护区名称", "保护地名称", "自然保护地名称", "保护地编码", "保护区编码",
      "保护区代码", "保护区",     "保护地",         "BHQMC",      "BHDMC",
      "BHDBM",      "reserve_id", "reserve_name",   "reserve",    "pa_name",
      "WDPA_PID",   "名称",       "NAME",           "MC"};
  return names;
}

namespace province {
namespace {

std::optional<std::string> field_named(const Layer& layer, const std::string& name) {
  std::string f = text::find_field(layer.fields, {name});
  return f.empty() ? std::nullopt : std::optional<std::string>(f);
}

// The value without surrounding blanks ("青山 ", "青山　" and "青山" name one reserve).
std::string trimmed(const std::string& s) { return text::trim_blanks(s); }

std::string field_list(const Layer& layer) {
  std::string out;
  for (const auto& f : layer.fields) out += (out.empty() ? "'" : ", '") + f + "'";
  return out.empty() ? "(none)" : out;
}

std::string require_field(const Layer& layer, const std::string& name) {
  if (auto f = field_named(layer, name)) return *f;
  throw InputError("the layer has no reserve field '" + name + "'; its fields are " +
                       field_list(layer) + ". Name the reserve field with --reserve-field",
                   SourceRef{layer.path, layer.name, {}});
}

// True when `field` names the zone polygons of one reserve rather than reserves: the layer holds
// two or more zone labels, `field` two or more values, and no value spans two labels (名称 =
// "青岚山保护区核心区", "青岚山保护区缓冲区", … or "核心区1", "核心区2"). A reserve of a province
// layer holds several zones, so a reserve field's values span labels.
bool names_zone_polygons(const Layer& layer, const std::string& field,
                         const std::string& zone_field) {
  std::map<std::string, std::string> label_of_value;
  std::set<std::string> labels;
  for (const auto& f : layer.features) {
    const std::string value = trimmed(zoning::attribute_value(f, field).value_or(""));
    const std::string label = trimmed(zoning::attribute_value(f, zone_field).value_or(""));
    labels.insert(label);
    const auto [it, fresh] = label_of_value.emplace(value, label);
    if (!fresh && it->second != label) return false;
  }
  return labels.size() >= 2 && label_of_value.size() >= 2;
}

}  // namespace

std::optional<ReserveField> choose_reserve_field(const Layer& before, const Layer& after,
                                                 const std::string& requested,
                                                 const std::string& zone_before,
                                                 const std::string& zone_after,
                                                 std::string& why_not) {
  if (!requested.empty()) {
    return ReserveField{require_field(before, requested), require_field(after, requested),
                        "given (--reserve-field " + requested + ")", true};
  }
  std::string passed_over;  // candidates that name zone polygons, for the reason
  for (const auto& candidate : common_reserve_field_names()) {
    const auto b = field_named(before, candidate);
    const auto a = field_named(after, candidate);
    if (!b || !a || *b == zone_before || *a == zone_after) continue;
    if (names_zone_polygons(before, *b, zone_before) ||
        names_zone_polygons(after, *a, zone_after)) {
      passed_over += (passed_over.empty() ? "'" : ", '") + *b + "'";
      continue;
    }
    return ReserveField{*b, *a,
                        "detected: '" + *b +
                            "' is the first common reserve-field name present in both layers "
                            "that is not the zone field" +
                            (passed_over.empty() ? std::string()
                                                 : " (" + passed_over +
                                                       " passed over: each value holds one zone, "
                                                       "so it names zone polygons)"),
                        false};
  }
  why_not = passed_over.empty()
                ? "no reserve field: none of the common reserve-field names is in both layers"
                : "no reserve field: " + passed_over +
                      " names zone polygons, not reserves (each of its values holds one zone); "
                      "checked as one reserve (give --reserve-field for a province layer)";
  return std::nullopt;
}

std::size_t distinct_reserves(const Layer& layer, const std::string& field) {
  std::set<std::string> values;
  for (const auto& f : layer.features)
    values.insert(trimmed(zoning::attribute_value(f, field).value_or("")));
  return values.size();
}

std::map<std::string, std::vector<std::size_t>> rows_by_reserve(const Layer& layer,
                                                                const std::string& field) {
  std::map<std::string, std::vector<std::size_t>> out;
  for (std::size_t i = 0; i < layer.features.size(); ++i) {
    const Feature& feature = layer.features[i];
    const std::string value = trimmed(zoning::attribute_value(feature, field).value_or(""));
    if (value.empty())
      throw InputError("the feature has no value in the reserve field '" + field +
                           "'; every zone polygon must name its reserve",
                       SourceRef{layer.path, layer.name, feature.id});
    out[value].push_back(i);
  }
  return out;
}

SkippedRowOwners::SkippedRowOwners(const Layer& layer, const std::string& field,
                                   const std::vector<std::string>& reserves) {
  const std::set<std::string> known(reserves.begin(), reserves.end());
  for (const Feature& row : layer.skipped_rows) {
    const std::string value = trimmed(zoning::attribute_value(row, field).value_or(""));
    owners_[row.id].insert(known.count(value) ? value : std::string());
  }
}

std::vector<Issue> SkippedRowOwners::issues_of(const std::vector<Issue>& issues,
                                               const std::string& name) const {
  std::vector<Issue> out;
  for (const Issue& issue : issues) {
    const bool skipped_row =
        issue.code == IssueCode::null_geometry || issue.code == IssueCode::empty_geometry;
    const auto it = skipped_row ? owners_.find(issue.where.feature) : owners_.end();
    if (it != owners_.end() && !it->second.count(name) && !it->second.count(std::string()))
      continue;  // another reserve's row
    out.push_back(issue);
  }
  return out;
}

std::map<std::string, Layer> split_by_reserve(Layer layer, const std::string& field) {
  const auto groups = rows_by_reserve(layer, field);
  std::vector<std::string> names;
  for (const auto& [name, rows] : groups) names.push_back(name);
  const SkippedRowOwners owners(layer, field, names);
  std::vector<Feature> features = std::move(layer.features);
  std::vector<Issue> issues = std::move(layer.issues);
  layer.features.clear();  // `layer` is now the metadata every part copies
  layer.issues.clear();
  layer.skipped_rows.clear();
  std::map<std::string, Layer> out;
  for (const auto& [name, rows] : groups) {
    Layer& part = out.emplace(name, layer).first->second;
    part.issues = owners.issues_of(issues, name);
    part.features.reserve(rows.size());
    for (std::size_t i : rows) part.features.push_back(std::move(features[i]));
  }
  return out;
}

}  // namespace province
}  // namespace reserve
