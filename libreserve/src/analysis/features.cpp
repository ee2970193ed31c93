#include <cmath>
#include <set>

#include "analysis/features_load.hpp"
#include "analysis/text_util.hpp"
#include "geom/geos.hpp"
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

Issue skip_issue(const std::string& code, const std::string& message, const SourceRef& where,
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
        if (poly.outer.size() < 4)
          return "a polygon ring has fewer than 4 points (" + std::to_string(poly.outer.size()) +
                 "); check the corner-point list";
      }
      auto gg = geom::to_geos(g.polygons);
      const std::string reason = geom::invalid_reason(gg.get());
      if (!reason.empty())
        return "the polygon is invalid (" + reason +
               "); repair it at the source (e.g. QGIS 'Fix geometries' or ST_MakeValid), check "
               "the area, and run again";
      if (planar_area(g.polygons) <= 0.0) return "the polygon has zero area";
      return {};
    }
  }
  return "unknown geometry kind";
}

}  // namespace

const std::string* ConflictFeature::attribute(const std::string& field) const noexcept {
  for (const auto& a : attributes)
    if (a.name == field) return a.is_null ? nullptr : &a.value;
  return nullptr;
}

const ConflictFeature* FeatureSet::find(const std::string& id) const noexcept {
  for (const auto& f : features)
    if (f.id == id) return &f;
  return nullptr;
}

FeatureSet features_from_layer(const Layer& layer, const FeatureOptions& options,
                               const Crs& working_crs) {
  FeatureSet set;
  set.crs = working_crs;
  set.issues = layer.issues;
  set.skipped_count = analysis::count_skipped(layer.issues);

  const std::string category_field = options.category_field.empty()
                                         ? analysis::find_field(layer.fields, kCategoryFields)
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
  if (category_field.empty() && !options.category)
    throw UsageError(
        "no category field found (looked for 类别, 类型, 设施类型, category, type, …); name it "
        "with --category-field or give the whole layer's category (e.g. --mining implies "
        "mining_right)",
        SourceRef{layer.path, layer.name, {}});

  std::set<std::string> ids;
  FeatureSource source{layer.path, layer.name, layer.sha256, layer.crs, layer.features.size(), 0};
  for (const auto& f : layer.features) {
    const SourceRef where{layer.path, layer.name, f.id};
    ConflictFeature cf;
    cf.where = where;
    cf.attributes = f.attributes;
    // Id: the reader's id field, else an id attribute (编号, id, …), else the licence number
    // (mining rights are known by it), else the FID.
    std::string id_value;
    if (options.read.id_field.empty()) {
      id_value = value_of(analysis::find_attribute(f.attributes, kIdFields));
      if (id_value.empty())
        id_value = value_of(analysis::find_attribute(f.attributes, kLicenceFields));
    }
    cf.id = id_value.empty() ? f.id : id_value;

    // Category: the field's value when there is one (it wins), else the layer's category.
    const Attribute* cat_attr = category_field.empty()
                                    ? nullptr
                                    : analysis::find_attribute(f.attributes, {}, category_field);
    const std::string label = value_of(cat_attr);
    if (!label.empty()) {
      auto c = options.categories.lookup(label);
      if (!c && options.category) c = options.category;
      if (!c) {
        set.issues.push_back(skip_issue("unknown-category",
                                        "category '" + label + "' in field '" + category_field +
                                            "' is not known; map it with --category-map '" + label +
                                            "=<category>' (categories: " + category_list() + ")",
                                        where));
        ++set.skipped_count;
        continue;
      }
      cf.category = *c;
      cf.category_label = label;
    } else if (options.category) {
      cf.category = *options.category;
      cf.category_label = to_string(*options.category);
    } else {
      set.issues.push_back(skip_issue(
          "missing-category",
          "field '" + category_field + "' is empty; fill it in or map the layer's category",
          where));
      ++set.skipped_count;
      continue;
    }

    const std::string problem = geometry_problem(f.geometry);
    if (!problem.empty()) {
      set.issues.push_back(
          skip_issue(f.geometry.kind == GeometryKind::empty ? "empty-geometry" : "invalid-geometry",
                     problem, where));
      ++set.skipped_count;
      continue;
    }
    cf.geometry = f.geometry;

    cf.name = value_of(analysis::find_attribute(f.attributes, kNameFields, options.name_field));
    if (cf.name.empty()) cf.name = cf.id;

    if (auto y =
            analysis::parse_year(value_of(analysis::find_attribute(f.attributes, kBuiltFields))))
      cf.built_year = *y;
    cf.treatment = value_of(analysis::find_attribute(f.attributes, kTreatmentFields));

    if (cf.category == FeatureCategory::mining_right ||
        cf.category == FeatureCategory::exploration_right) {
      MiningRightInfo info;
      info.licence_number = value_of(analysis::find_attribute(f.attributes, kLicenceFields));
      info.holder = value_of(analysis::find_attribute(f.attributes, kHolderFields));
      info.right_type = value_of(analysis::find_attribute(f.attributes, kRightTypeFields));
      if (info.right_type.empty()) info.right_type = chinese_name(cf.category);
      info.valid_from = value_of(analysis::find_attribute(f.attributes, kValidFromFields));
      info.valid_to = value_of(analysis::find_attribute(f.attributes, kValidToFields));
      cf.mining_right = info;
    }

    if (!ids.insert(cf.id).second) {
      const std::string unique = cf.id + "#" + f.id;
      Issue dup;
      dup.code = "duplicate-feature-id";
      dup.severity = Severity::warning;
      dup.message =
          "feature id '" + cf.id + "' occurs more than once; this one is called '" + unique + "'";
      dup.where = where;
      set.issues.push_back(dup);
      cf.id = unique;
      ids.insert(cf.id);
    }
    set.features.push_back(std::move(cf));
    ++source.features_kept;
  }
  set.sources.push_back(std::move(source));
  return set;
}

void append(FeatureSet& into, FeatureSet more) {
  if (into.crs.empty()) into.crs = more.crs;
  std::set<std::string> ids;
  for (const auto& f : into.features) ids.insert(f.id);
  for (auto& f : more.features) {
    if (ids.count(f.id)) f.id = f.where.layer + ":" + f.id;
    ids.insert(f.id);
    into.features.push_back(std::move(f));
  }
  for (auto& s : more.sources) into.sources.push_back(std::move(s));
  for (auto& i : more.issues) into.issues.push_back(std::move(i));
  into.skipped_count += more.skipped_count;
}

}  // namespace reserve
