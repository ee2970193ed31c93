#include <cctype>
#include <cmath>
#include <set>

#include "analysis/features_load.hpp"
#include "analysis/left_out_groups.hpp"
#include "core/text_util.hpp"
#include "geom/geos.hpp"
#include "geom/repair.hpp"
#include "reserve/error.hpp"
#include "reserve/features.hpp"

namespace reserve {
namespace {

// "mining_right, exploration_right, …": the category ids from the one table (features.hpp).
std::string category_list() {
  std::string out;
  for (FeatureCategory c : all_categories())
    out += (out.empty() ? "" : ", ") + std::string(to_string(c));
  return out;
}

const std::vector<std::string> kCategoryFields = {
    "类别",     "类型",     "设施类型", "问题类型", "矿权类型", "企业类型", "活动类型",
    "图斑类型", "category", "type",     "kind",     "class",    "lb",       "lx"};
const std::vector<std::string> kNameFields = {
    "名称", "矿山名称", "企业名称", "设施名称", "项目名称", "矿权名称", "name", "mc", "title"};
const std::vector<std::string> kIdFields = {"编号", "问题编号", "设施编号", "id", "code", "bh"};
const std::vector<std::string> kLicenceFields = {"许可证号", "采矿许可证号", "勘查许可证号",
                                                 "证号",     "licence_no",   "license_no",
                                                 "licence",  "license",      "xkzh"};
const std::vector<std::string> kHolderFields = {"权利人", "采矿权人", "探矿权人", "矿业权人",
                                                "holder", "owner",    "qlr"};
const std::vector<std::string> kRightTypeFields = {"矿权类型", "权利类型", "right_type"};
const std::vector<std::string> kValidFromFields = {"有效期起", "有效期始",   "起始日期",
                                                   "发证日期", "valid_from", "start_date"};
const std::vector<std::string> kValidToFields = {"有效期止", "有效期至", "截止日期",
                                                 "到期日期", "valid_to", "end_date"};
const std::vector<std::string> kBuiltFields = {"建成年份",   "建设年份",   "建成时间", "投产年份",
                                               "built_year", "year_built", "built"};
const std::vector<std::string> kTreatmentFields = {"整改方式", "处置方式", "整治方式", "整改措施",
                                                   "treatment"};

std::string value_of(const Attribute* a) { return (a && !a->is_null) ? a->value : std::string(); }

Issue skip_issue(IssueCode code, const std::string& message, const SourceRef& where,
                 std::optional<Point> location = std::nullopt) {
  Issue issue;
  issue.code = code;
  issue.severity = Severity::error;
  issue.message = message + "; the feature was skipped";
  issue.where = where;
  issue.location = location;
  return issue;
}

// Empty string when the geometry is usable; otherwise why not.
std::string geometry_problem(const Geometry& g) {
  switch (g.kind) {
    case GeometryKind::empty:
      return "the geometry is empty; give the feature coordinates or remove the row";
    case GeometryKind::line:
      return "line geometries are not supported as conflict features; buffer them into "
             "polygons or give points";
    case GeometryKind::point: {
      if (g.points.size() != 1)
        return "a multi-point feature has " + std::to_string(g.points.size()) +
               " points; split it into one row per point";
      const Point& p = g.points.front();
      if (!std::isfinite(p.x) || !std::isfinite(p.y))
        return "the point's coordinates are not finite numbers";
      return {};
    }
    case GeometryKind::polygon: {
      for (const auto& poly : g.polygons.polygons) {
        for (const auto& pt : poly.outer)
          if (!std::isfinite(pt.x) || !std::isfinite(pt.y))
            return "the polygon has a coordinate that is not a finite number";
        for (const auto& hole : poly.holes)
          for (const auto& pt : hole)
            if (!std::isfinite(pt.x) || !std::isfinite(pt.y))
              return "a hole of the polygon has a coordinate that is not a finite number";
        if (!geom::ring_buildable(poly.outer))
          return "a polygon's outer ring has fewer than 4 points (" +
                 std::to_string(poly.outer.size()) + "); check the corner-point list";
      }
      return {};  // validity is decided (and repaired) by geom::repair_polygons
    }
  }
  return "unknown geometry kind";
}

// The library's one validity → repair → area-guard path (geom/repair.hpp), as for zonings. Returns
// false when the feature cannot be used (it is then left out through `leave_out`). A repair that
// enlarges the feature beyond the tolerance (a bow tie whose lobes cancelled in the drawn ring) is
// used with a warning: testing the outline the digitiser drew errs on the side of protection. One
// that shrinks it beyond the tolerance could hide a conflict, so the feature is left out.
template <typename LeaveOut>
bool use_repaired(ConflictFeature& cf, const RepairPolicy& policy, const AreaCalculator& calc,
                  FeatureSet& set, FeatureSource& source, LeaveOut&& leave_out) {
  geom::RepairResult r = geom::repair_polygons(cf.geometry.polygons, policy, calc);
  switch (r.outcome) {
    case geom::RepairOutcome::valid: cf.geometry.polygons = std::move(r.geometry); return true;
    case geom::RepairOutcome::refused:
      leave_out(IssueCode::invalid_geometry,
                "the polygon is invalid (" + r.reason +
                    ") and repairs are switched off (--no-repair); repair it at the source "
                    "(e.g. QGIS 'Fix geometries' or ST_MakeValid) or drop --no-repair",
                cf.category);
      return false;
    case geom::RepairOutcome::failed:
      leave_out(IssueCode::invalid_geometry,
                "the polygon is invalid (" + r.reason + ") and GEOS could not repair it (" +
                    r.failure + "); repair it at the source",
                cf.category);
      return false;
    case geom::RepairOutcome::too_large:
      if (r.change_m2() < 0.0) {
        leave_out(IssueCode::invalid_geometry,
                  "the polygon is invalid (" + r.reason +
                      ") and repairing it with GEOS MakeValid would shrink it from " +
                      geom::format_m2(r.area_before_m2) + " to " +
                      geom::format_m2(r.area_after_m2) + ", more than the tolerance of " +
                      geom::format_m2(r.tolerance_m2) +
                      "; fix it at the source, or accept the repair with "
                      "--allow-repair-area-change",
                  cf.category);
        return false;
      }
      break;
    case geom::RepairOutcome::repaired: break;
  }
  if (r.geometry.empty()) {
    leave_out(IssueCode::collapsed_geometry,
              "the polygon is invalid (" + r.reason +
                  ") and nothing of its area is left after the repair; fix it at the source",
              cf.category);
    return false;
  }
  set.repairs.push_back(geom::repair_record(r, cf.where));
  Issue issue = geom::repair_issue(r, cf.where);
  issue.message = cf.label() + ": " + issue.message;
  set.issues.push_back(std::move(issue));
  ++source.repaired;
  cf.geometry.polygons = std::move(r.geometry);
  return true;
}

}  // namespace

const std::string* ConflictFeature::attribute(const std::string& field) const noexcept {
  for (const auto& a : attributes)
    if (a.name == field) return a.is_null ? nullptr : &a.value;
  return nullptr;
}

std::string ConflictFeature::label() const {
  std::string s = "FID " + (fid.empty() ? std::string("(none)") : fid);
  if (ordinal > 0)
    s += " (row " + std::to_string(ordinal) + (where.layer.empty() ? "" : " of " + where.layer) +
         ")";
  // `name` falls back to the id: print it only when it is a name of its own.
  const std::string licence = mining_right ? mining_right->licence_number : std::string();
  const bool own_name =
      !name.empty() && name != id && name != fid && name != licence && id.rfind(name + "#", 0) != 0;
  if (own_name) s += ", " + name;
  if (mining_right && !mining_right->licence_number.empty())
    s += ", 许可证号 " + mining_right->licence_number;
  else if (!id.empty() && id != fid && id != name)
    s += ", id " + id;
  return s;
}

std::string FeatureSet::used_summary() const {
  std::string out;
  for (const auto& src : sources) {
    const std::string name = src.path + (src.layer.empty() ? "" : ":" + src.layer);
    out += (out.empty() ? "" : "; ") + name + " " + std::to_string(src.features_kept) + " of " +
           std::to_string(src.features_read) + " used (" +
           (src.far ? std::to_string(src.far) + " far from the reserve, " : std::string()) +
           std::to_string(src.left_out()) + " left out, " + std::to_string(src.repaired) +
           " repaired, " + std::to_string(src.other_category) + " as other)";
  }
  return out;
}

const ConflictFeature* FeatureSet::find(const std::string& id) const noexcept {
  for (const auto& f : features)
    if (f.id == id) return &f;
  return nullptr;
}

FeatureSet features_from_layer(const Layer& layer, const FeatureOptions& options,
                               const Crs& working_crs, const std::vector<std::size_t>* ordinals) {
  FeatureSet set;
  set.crs = working_crs;
  // Bad rows are grouped as they are met (issue 14.3): the first rows of each (file, code) in
  // full, the rest counted with their row numbers as ranges.
  analysis::LeftOutGroups groups;

  const std::string category_field = options.category_field.empty()
                                         ? text::find_field(layer.fields, kCategoryFields)
                                         : options.category_field;
  if (!options.category_field.empty()) {
    bool found = false;
    for (const auto& f : layer.fields) found = found || f == options.category_field;
    if (!found)
      throw UsageError(
          "category field '" + options.category_field + "' is not in the layer; its fields are: " +
              [&] {
                std::string s;
                for (const auto& f : layer.fields) s += (s.empty() ? "" : ", ") + f;
                return s;
              }(),
          SourceRef{layer.path, layer.name, {}});
  }
  if (category_field.empty() && !options.category) {
    // The advice used to end "or give the whole layer's category (e.g. --mining implies
    // mining_right)", which no option does for a facility layer: say what the data needs.
    std::string fields, names;
    for (const auto& f : layer.fields) fields += (fields.empty() ? "'" : ", '") + f + "'";
    for (FeatureCategory c : all_categories())
      if (c != FeatureCategory::other)
        names += (names.empty() ? "" : ", ") + std::string(chinese_name(c));
    throw UsageError(
        "no category field found among " + (fields.empty() ? std::string("(no fields)") : fields) +
            " (looked for 类别, 类型, 设施类型, category, type, …); add a 类别 column with each "
            "feature's category (" +
            names +
            "), or name the field that holds it with --category-field and map its values with "
            "--category-map 'VALUE=CATEGORY'. A --mining layer needs none: its features are "
            "mining rights",
        SourceRef{layer.path, layer.name, {}});
  }

  // Rows the reader (or the reprojection) already skipped: error issues from read_layer and
  // read_in_working_crs, one per row. They count in M and are named by their FID.
  FeatureSource source{layer.path, layer.name, layer.sha256, layer.crs, layer.features.size(), 0};
  set.features.reserve(layer.features.size());  // no regrowth: province layers are large
  for (const auto& issue : layer.issues) {
    if (!analysis::is_skipped_row(issue)) {
      set.issues.push_back(issue);
      continue;
    }
    ++source.features_read;
    if (!groups.admit(issue.where, issue.code, issue.severity)) continue;
    set.issues.push_back(issue);
    // The reader names the row by its FID, or in words ("row 7" in a CSV).
    const std::string& ref = issue.where.feature;
    const bool numeric = !ref.empty() && std::isdigit(static_cast<unsigned char>(ref.front()));
    set.left_out.push_back({numeric || ref.empty() ? "FID " + (ref.empty() ? "(none)" : ref) : ref,
                            std::nullopt, issue.code, issue.message, issue.where});
  }
  std::optional<AreaCalculator> calc;  // built on the first repair (needs a CRS)
  std::set<std::string> ids;
  for (std::size_t row = 0; row < layer.features.size(); ++row) {
    const Feature& f = layer.features[row];
    const SourceRef where{layer.path, layer.name, f.id};
    ConflictFeature cf;
    cf.where = where;
    cf.attributes = f.attributes;
    cf.fid = f.id;
    cf.ordinal = ordinals && row < ordinals->size() ? (*ordinals)[row] : row + 1;
    // Id: the reader's id field, else an id attribute (编号, id, …), else the licence number
    // (mining rights are known by it), else the FID.
    std::string id_value;
    if (options.read.id_field.empty()) {
      id_value = value_of(text::find_attribute(f.attributes, kIdFields));
      if (id_value.empty()) id_value = value_of(text::find_attribute(f.attributes, kLicenceFields));
    }
    cf.id = id_value.empty() ? f.id : id_value;
    if (cf.id.empty()) cf.id = "row-" + std::to_string(cf.ordinal);
    cf.name = value_of(text::find_attribute(f.attributes, kNameFields, options.name_field));
    const std::string licence = value_of(text::find_attribute(f.attributes, kLicenceFields));
    if (!licence.empty()) cf.mining_right = MiningRightInfo{licence, {}, {}, {}, {}};
    auto leave_out = [&](IssueCode code, const std::string& message,
                         std::optional<FeatureCategory> category) {
      if (!groups.admit(where, code, Severity::error)) return;
      const std::string named = cf.label();
      set.issues.push_back(skip_issue(code, named + ": " + message, where));
      set.left_out.push_back({named, category, code, message, where});
    };

    // Category: the field's value when there is one (it wins), else the layer's category. An
    // unknown or missing category is kept as "other" (the profile decides whether "other" is a
    // conflict), with a warning and a count.
    const Attribute* cat_attr =
        category_field.empty() ? nullptr : text::find_attribute(f.attributes, {}, category_field);
    const std::string label = value_of(cat_attr);
    auto as_other = [&](IssueCode code, const std::string& message) {
      cf.category = FeatureCategory::other;
      ++source.other_category;
      Issue issue;
      issue.code = code;
      issue.severity = Severity::warning;
      issue.message = cf.label() + ": " + message + "; the feature is kept as category 'other'";
      issue.where = where;
      set.issues.push_back(std::move(issue));
    };
    if (!label.empty()) {
      auto c = options.categories.lookup(label);
      if (!c && options.category) c = options.category;
      cf.category_label = label;
      if (c)
        cf.category = *c;
      else
        as_other(IssueCode::unknown_category,
                 "category '" + label + "' in field '" + category_field +
                     "' is not known; map it with --category-map '" + label +
                     "=<category>' (categories: " + category_list() + ")");
    } else if (options.category) {
      cf.category = *options.category;
      cf.category_label = to_string(*options.category);
    } else {
      as_other(IssueCode::missing_category,
               "field '" + category_field + "' is empty; fill it in or map the layer's category");
    }

    const std::string problem = geometry_problem(f.geometry);
    if (!problem.empty()) {
      leave_out(f.geometry.kind == GeometryKind::empty ? IssueCode::empty_geometry
                                                       : IssueCode::invalid_geometry,
                problem, cf.category);
      continue;
    }
    cf.geometry = f.geometry;
    if (cf.geometry.kind == GeometryKind::polygon) {
      // Repair area changes are measured geodesically, as for zonings (the default method).
      if (!calc) calc.emplace(working_crs, AreaMethod::geodesic);
      if (!use_repaired(cf, options.repair, *calc, set, source, leave_out)) continue;
    }

    if (cf.name.empty()) cf.name = cf.id;
    if (auto y = text::parse_year(value_of(text::find_attribute(f.attributes, kBuiltFields))))
      cf.built_year = *y;
    cf.treatment = value_of(text::find_attribute(f.attributes, kTreatmentFields));

    cf.mining_right.reset();
    if (cf.category == FeatureCategory::mining_right ||
        cf.category == FeatureCategory::exploration_right) {
      MiningRightInfo info;
      info.licence_number = licence;
      info.holder = value_of(text::find_attribute(f.attributes, kHolderFields));
      info.right_type = value_of(text::find_attribute(f.attributes, kRightTypeFields));
      if (info.right_type.empty()) info.right_type = chinese_name(cf.category);
      info.valid_from = value_of(text::find_attribute(f.attributes, kValidFromFields));
      info.valid_to = value_of(text::find_attribute(f.attributes, kValidToFields));
      cf.mining_right = info;
    }

    if (!ids.insert(cf.id).second) {
      // Repeated (or empty) ids get the row's ordinal, which is unique within the layer.
      const std::string unique = cf.id + "#" + std::to_string(cf.ordinal);
      Issue dup;
      dup.code = IssueCode::duplicate_feature_id;
      dup.severity = Severity::warning;
      dup.message = cf.label() + ": feature id '" + cf.id +
                    "' occurs more than once; this one is called '" + unique + "'";
      dup.where = where;
      set.issues.push_back(dup);
      cf.id = unique;
      ids.insert(cf.id);
    }
    set.features.push_back(std::move(cf));
    ++source.features_kept;
  }
  groups.flush(set.issues, set.left_out);
  set.skipped_count = rows_left_out(set.left_out);
  set.sources.push_back(std::move(source));
  return set;
}

void append(FeatureSet& into, FeatureSet more) {
  if (into.crs.empty()) into.crs = more.crs;
  std::set<std::string> ids;
  for (const auto& f : into.features) ids.insert(f.id);
  for (auto& f : more.features) {
    if (ids.count(f.id)) {
      // Two files may share a layer name (two CSVs called "facilities"): count on until unique.
      const std::string base = f.where.layer + ":" + f.id;
      std::string unique = base;
      for (int n = 2; ids.count(unique); ++n) unique = base + "#" + std::to_string(n);
      f.id = unique;
    }
    ids.insert(f.id);
    into.features.push_back(std::move(f));
  }
  for (auto& s : more.sources) into.sources.push_back(std::move(s));
  for (auto& i : more.issues) into.issues.push_back(std::move(i));
  for (auto& r : more.repairs) into.repairs.push_back(std::move(r));
  for (auto& l : more.left_out) into.left_out.push_back(std::move(l));
  into.skipped_count = rows_left_out(into.left_out);
}

}  // namespace reserve
