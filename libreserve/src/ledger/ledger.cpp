#include "reserve/ledger.hpp"

#include <fmt/format.h>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

#include "core/text_util.hpp"
#include "geom/geos.hpp"
#include "geom/prepared_overlay.hpp"
#include "ledger/csv_table.hpp"
#include "ledger/geographic_location.hpp"
#include "reserve/error.hpp"
#include "reserve/report.hpp"

namespace reserve {
namespace {

// The text of a 依据 cell that no row of the action table fills: the ledger says so in the cell
// rather than leaving it blank (issue 13.5).
const char* const kNoBasis =
    "（无：决策表未给出依据，请补充 / none: the decision table gives no legal basis; add one）";

// Concentrations keep six significant digits, without an exponent ("0.00005", "12.3").
std::string fmt_g(double v) {
  std::string s = fmt::format("{:.6g}", v);
  if (s.find('e') == std::string::npos) return s;
  s = fmt::format("{:.12f}", v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string zone_zh(Zone z) { return chinese_name(z); }

// The zone that decides the action: the baseline zone (the feature's legal situation today); for
// features only inside after the proposal, the proposal's zone.
Zone deciding_zone(const FeatureOverlay& row) {
  return row.before.zone != Zone::outside ? row.before.zone : row.after.zone;
}

std::string areas_zh(const FeaturePlacement& p) {
  std::string s;
  for (const auto& a : p.areas) {
    if (a.area_m2 <= 0.0) continue;
    s += (s.empty() ? "" : "，") + zone_zh(a.zone) + " " +
         fmt::format("{:.{}f}", to_ha(a.area_m2), 2) + " 公顷";
  }
  return s;
}

std::string areas_en(const FeaturePlacement& p) {
  std::string s;
  for (const auto& a : p.areas) {
    if (a.area_m2 <= 0.0) continue;
    s += (s.empty() ? "" : ", ") + std::string(english_name(a.zone)) + " " +
         fmt::format("{:.{}f}", to_ha(a.area_m2), 2) + " ha";
  }
  return s;
}

// The reserve's outlines before and after, converted to GEOS and prepared once per ledger: they
// are large (tens of thousands of vertices) and every row intersects them.
struct GeosOutlines {
  explicit GeosOutlines(const ConflictOverlay& c)
      : baseline(geom::to_geos(c.baseline_outline)), proposal(geom::to_geos(c.proposal_outline)) {}
  geom::PreparedOperand baseline;
  geom::PreparedOperand proposal;
};

// The point that locates a conflict feature in the ledger: for a polygon, a point inside the part
// that left the reserve (freed), else the part inside it before, else after, else the feature.
Point ledger_location(const ConflictFeature& f, const FeatureOverlay& ov,
                      const ConflictOverlay& conflicts, const GeosOutlines& outlines) {
  if (f.is_point()) return f.geometry.points.front();
  const MultiPolygon& whole = f.geometry.polygons;
  const geom::GeomPtr g = geom::to_geos(whole);
  if (ov.freed_area_m2 > 0.0) {
    const geom::GeomPtr was_inside =
        geom::to_geos(geom::polygons_from_geos(outlines.baseline.intersection(g.get()).get()));
    const MultiPolygon freed =
        geom::polygons_from_geos(outlines.proposal.difference(was_inside.get()).get());
    if (!freed.empty()) return point_on_surface(freed);
  }
  const std::pair<const MultiPolygon*, const geom::PreparedOperand*> sides[] = {
      {&conflicts.baseline_outline, &outlines.baseline},
      {&conflicts.proposal_outline, &outlines.proposal}};
  for (const auto& [outline, geos_outline] : sides) {
    if (outline->empty()) continue;
    const MultiPolygon inside = geom::polygons_from_geos(geos_outline->intersection(g.get()).get());
    if (!inside.empty()) return point_on_surface(inside);
  }
  return point_on_surface(whole);
}

// Ids of the features the rule 不以调代改 fails on: freed or downgraded features of a counted
// category, when there are more of them than the rule allows.
std::set<std::size_t> failed_features(const ConflictOverlay& conflicts,
                                      const NoAdjustingOptions& rule) {
  const auto list = rule.categories.empty() ? default_conflict_categories() : rule.categories;
  const std::set<FeatureCategory> counted(list.begin(), list.end());
  std::set<std::size_t> out;
  for (const auto& row : conflicts.overlay.rows)
    if (counted.count(row.category) &&
        (row.change == StatusChange::freed || row.change == StatusChange::partly_freed ||
         row.change == StatusChange::downgraded))
      out.insert(row.feature_index);
  if (static_cast<double>(out.size()) <= rule.max_freed_features) out.clear();
  return out;
}

// A row for a conflict feature that could not be used: the ledger names it, and says why.
LedgerRow left_out_row(const LeftOutFeature& l, std::size_t n) {
  LedgerRow row;
  row.problem_id = "X-" + std::to_string(n);
  row.feature_id = l.where.feature;
  row.category = "left-out";
  row.category_zh = "未能使用的要素";
  row.name = l.label;
  row.change = "未评价";
  const std::string source = l.where.file + (l.where.layer.empty() ? "" : ":" + l.where.layer);
  row.description_zh = "要素 " + l.label + "（" + source + "）未能使用（" + to_string(l.code) +
                       "）：" + l.reason + "。依赖它的规则结论不完整。";
  row.description_en = "Feature " + l.label + " (" + source + ") could not be used (" +
                       to_string(l.code) + "): " + l.reason +
                       ". The rules that depend on it are incomplete.";
  row.action_zh = "核实并修正源数据后重新检查";
  row.action_en = "check and correct the source data, then run the check again";
  if (l.rows > 1) {  // a grouped entry (issue 14.3): one row says what to fix for all of them
    row.description_zh = std::to_string(l.rows) + " 行（" + source + "，" + l.where.feature +
                         "）因同一原因未能使用（" + to_string(l.code) +
                         "）。依赖它们的规则结论不完整。";
    row.description_en =
        l.reason + " (" + source + "). The rules that depend on them are incomplete.";
    row.action_zh = "按同一方法修正所列全部行的源数据后重新检查";
    row.action_en =
        "correct the source data of every row listed (the same problem), then run the "
        "check again";
  }
  return row;
}

void apply_assignment(LedgerRow& row, const Assignments* assignments) {
  if (!assignments) return;
  if (const Assignment* a = assignments->find(row.problem_id, row.feature_id)) {
    row.assignment = *a;
    const std::string s = text::normalise_label(a->status);
    if (s == "closed" || s == "销号" || s == "已销号" || s == "done" || s == "已完成")
      row.status = "closed";
  }
}

// Where a ledger row points: plane coordinates in the working CRS, and longitude/latitude when
// the working CRS has a geographic datum to convert to.
struct RowLocator {
  const ledger::GeographicLocation& to_lonlat;
  std::string plane;

  void locate(LedgerRow& row, Point at) const {
    row.x_m = at.x;
    row.y_m = at.y;
    row.plane_crs = plane;
    if (auto ll = to_lonlat(at)) {
      row.lon_deg = ll->x;
      row.lat_deg = ll->y;
    }
  }
};

// A feature enters the ledger when any part of it touches the reserve before or after (a point
// on the boundary counts): the features far outside are listed only on request.
bool inside_somewhere(const FeatureOverlay& ov) {
  return ov.before.zone != Zone::outside || ov.after.zone != Zone::outside ||
         ov.before.location == PointLocation::on_boundary ||
         ov.after.location == PointLocation::on_boundary || ov.freed_area_m2 > 0.0 ||
         ov.before.inside_area_m2 > 0.0 || ov.after.inside_area_m2 > 0.0;
}

// The first part of a conflict feature's description: where it lies before and after (a point:
// zone, location and distance to the boundary; a polygon: its area in each zone).
void describe_placement(const ConflictFeature& f, const FeatureOverlay& ov, const LedgerRow& row,
                        std::string& zh, std::string& en) {
  if (f.is_point()) {
    zh += "现状位于" + row.zone_before + "（" + chinese_name(ov.before.location) +
          "，距保护区边界 " + fmt::format("{:.{}f}", ov.before.distance_to_reserve_boundary_m, 1) +
          " 米），调整方案后位于" + row.zone_after + "（" + chinese_name(ov.after.location) + "）";
    en += " lies in the " + std::string(english_name(ov.before.zone)) + " today (" +
          to_string(ov.before.location) + ", " +
          fmt::format("{:.{}f}", ov.before.distance_to_reserve_boundary_m, 1) +
          " m from the reserve boundary) and in the " + english_name(ov.after.zone) +
          " under the proposal (" + to_string(ov.after.location) + ")";
  } else {
    zh += "面积 " + fmt::format("{:.{}f}", to_ha(ov.area_m2), 2) + " 公顷，现状：" +
          areas_zh(ov.before) + "；调整方案后：" + areas_zh(ov.after);
    en += ", " + fmt::format("{:.{}f}", to_ha(ov.area_m2), 2) +
          " ha; today: " + areas_en(ov.before) + "; under the proposal: " + areas_en(ov.after);
  }
}

// The conflict feature's description, Chinese and English: placement, change, freed area,
// licence, planned treatment, and the 不以调代改 verdict on it.
void describe_conflict(const ConflictFeature& f, const FeatureOverlay& ov, LedgerRow& row) {
  // Named unambiguously (FID, row in the layer, name, licence): ids and names repeat in real
  // lists.
  std::string zh = f.label() + "（" + row.category_zh + "）";
  std::string en = f.label() + " (" + english_name(f.category) + ")";
  describe_placement(f, ov, row, zh, en);
  zh += "；状态变化：" + row.change;
  en += "; change: " + std::string(english_name(ov.change));
  if (ov.freed_area_m2 > 0.0) {
    zh += "，调出保护区 " + fmt::format("{:.{}f}", to_ha(ov.freed_area_m2), 2) + " 公顷";
    en += ", " + fmt::format("{:.{}f}", to_ha(ov.freed_area_m2), 2) + " ha freed from the reserve";
  }
  if (f.mining_right && !f.mining_right->licence_number.empty()) {
    zh += "；许可证号 " + f.mining_right->licence_number;
    en += "; licence " + f.mining_right->licence_number;
  }
  if (!f.treatment.empty()) {
    zh += "；拟整改方式：" + f.treatment;
    en += "; planned treatment: " + f.treatment;
  }
  if (row.adjusting_instead_of_rectifying && row.waiting_for_adjustment) {
    zh +=
        "。整改方式为等待调整，且调整方案将其调出保护区或降低保护级别，属“以调代改”，应按要求整"
        "改";
    en +=
        ". Its treatment is to wait for the adjustment and the proposal frees or downgrades it: "
        "adjusting instead of rectifying; it must be rectified";
  } else if (row.adjusting_instead_of_rectifying) {
    zh += "。调整方案将其调出保护区或降低保护级别，“不以调代改”规则不通过，应按要求整改";
    en +=
        ". The proposal frees or downgrades it and the rule 'no adjusting instead of "
        "rectifying' fails on it; it must be rectified";
  }
  row.description_zh = zh + "。";
  row.description_en = en + ".";
}

LedgerRow conflict_row(const ConflictFeature& f, const FeatureOverlay& ov,
                       const ConflictOverlay& conflicts, const GeosOutlines& outlines,
                       const RowLocator& locator, const std::set<std::size_t>& failed,
                       const LedgerOptions& options) {
  LedgerRow row;
  row.problem_id = "F-" + f.id;
  row.feature_id = f.id;
  row.category = to_string(f.category);
  row.category_zh = chinese_name(f.category);
  row.name = f.name;
  locator.locate(row, ledger_location(f, ov, conflicts, outlines));
  row.zone_before = zone_zh(ov.before.zone);
  row.zone_after = zone_zh(ov.after.zone);
  row.change = chinese_name(ov.change);

  std::optional<bool> built_before;
  if (f.built_year && options.reserve_established_year)
    built_before = *f.built_year < *options.reserve_established_year;
  const Zone zone = deciding_zone(ov);
  const RequiredAction action = options.actions.decide(zone, f.category, built_before);
  row.action_zh = action.text_zh();
  row.action_en = action.text_en();
  row.basis = action.basis.empty() ? kNoBasis : action.basis;
  row.assignment.deadline = action.deadline;

  row.adjusting_instead_of_rectifying = failed.count(ov.feature_index) > 0;
  row.waiting_for_adjustment = is_wait_for_adjustment(f.treatment);
  describe_conflict(f, ov, row);
  return row;
}

// The exceedance that stands for one sampling point and parameter, and how many samples exceeded.
struct WorstExceedance {
  const Exceedance* worst;
  std::size_t samples;
};

// One problem per sampling point and parameter, not per sample: the worst sample (largest
// multiple of the limit; the first of equals), and how many exceeded. Order: first appearance.
std::vector<WorstExceedance> worst_exceedances(const std::vector<Exceedance>& exceedances) {
  std::vector<const Exceedance*> worst;
  std::map<std::string, std::size_t> count;
  for (const auto& e : exceedances) {
    const std::string key = e.sample_id + "\x1f" + e.parameter;
    if (count[key]++ == 0) {
      worst.push_back(&e);
      continue;
    }
    for (auto& w : worst)
      if (w->sample_id == e.sample_id && w->parameter == e.parameter && e.multiple > w->multiple)
        w = &e;
  }
  std::vector<WorstExceedance> out;
  for (const Exceedance* e : worst) out.push_back({e, count[e->sample_id + "\x1f" + e->parameter]});
  return out;
}

void describe_exceedance(const Exceedance& e, std::size_t n, LedgerRow& row) {
  const std::string limit_note = e.limit_confirmed ? "" : "（限值未经标准原文核实）";
  const std::string limit_note_en = e.limit_confirmed ? ""
                                                      : " (limit not confirmed from the "
                                                        "standard's text)";
  const std::string level_zh = e.level == "new"        ? "新建企业"
                               : e.level == "existing" ? "现有企业"
                                                       : e.level + " 类";
  row.description_zh = "监测点" + e.sample_name + e.parameter_zh + "浓度 " +
                       fmt_g(e.concentration_mg_l) + " mg/L，超过 " + e.standard + " " + level_zh +
                       "限值 " + fmt_g(e.limit_mg_l) + " mg/L" + limit_note + "，超标 " +
                       fmt::format("{:.{}f}", e.multiple, 2) + " 倍" +
                       (e.date.empty() ? "" : "（" + e.date + "）") +
                       (n > 1 ? "；共 " + std::to_string(n) + " 次采样超标" : "") + "。";
  row.description_en = "Sample " + e.sample_name + ": " + e.parameter + " " +
                       fmt_g(e.concentration_mg_l) + " mg/L exceeds " + e.standard + " " + e.level +
                       " limit " + fmt_g(e.limit_mg_l) + " mg/L" + limit_note_en +
                       " by a multiple of " + fmt::format("{:.{}f}", e.multiple, 2) +
                       (e.date.empty() ? "" : " (" + e.date + ")") +
                       (n > 1 ? "; " + std::to_string(n) + " samples exceed" : "") + ".";
}

LedgerRow exceedance_row(const Exceedance& e, std::size_t n, const RowLocator& locator) {
  LedgerRow row;
  row.problem_id = "W-" + e.sample_id + "-" + e.parameter;
  row.feature_id = e.sample_id;
  row.category = "water-exceedance";
  row.category_zh = "水质超标";
  row.name = e.sample_name;
  locator.locate(row, e.location);
  describe_exceedance(e, n, row);
  const RequiredAction action{ActionKind::remediate_by_deadline, {}, {}, {}};
  row.action_zh = action.text_zh();
  row.action_en = action.text_en();
  row.basis = e.kind == SampleKind::discharge
                  ? "《自然保护区条例》第三十二条（污染物排放超过国家和地方规定的排放标准的，应当"
                    "限期治理）；" +
                        e.standard
                  : "《自然保护区条例》第三十二条；" + e.standard + "（自然保护区执行 I 类标准）";
  return row;
}

// Problem ids are keys (assignments, 销号): unique even when ids repeat across layers. Later
// repeats get "-2", "-3", … in ledger order.
void make_problem_ids_unique(std::vector<LedgerRow>& rows) {
  std::set<std::string> seen;
  for (auto& row : rows) {
    const std::string base = row.problem_id;
    for (int k = 2; !seen.insert(row.problem_id).second; ++k)
      row.problem_id = base + "-" + std::to_string(k);
  }
}

}  // namespace

const Assignment* Assignments::find(const std::string& problem_id,
                                    const std::string& feature_id) const {
  if (auto it = by_key.find(problem_id); it != by_key.end()) return &it->second;
  if (auto it = by_key.find(feature_id); it != by_key.end()) return &it->second;
  return nullptr;
}

Assignments read_assignments(const std::string& path) {
  const ledger::CsvTable t = ledger::read_csv_file(path);
  const int key_problem = t.column({"问题编号", "problem_id", "problem"});
  const int key_feature = t.column({"要素编号", "feature_id", "编号", "id"});
  if (key_problem < 0 && key_feature < 0)
    throw InputError(
        "an assignments table needs a key column: 问题编号/problem_id or 要素编号/编号/feature_id",
        SourceRef{path, {}, {}});
  const int c_target = t.column({"整改目标", "target"});
  const int c_deadline = t.column({"整改时限", "deadline"});
  const int c_unit = t.column({"责任单位", "responsible_unit"});
  const int c_leader = t.column({"责任领导", "responsible_leader"});
  const int c_person = t.column({"责任人", "responsible_person"});
  const int c_super = t.column({"督办单位", "supervising_unit"});
  const int c_measures = t.column({"整改措施", "measures"});
  const int c_status = t.column({"状态", "status"});
  auto cell = [](const std::vector<std::string>& row, int c) {
    return c >= 0 ? row[static_cast<std::size_t>(c)] : std::string();
  };
  Assignments out;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    std::string key = text::normalise_label(cell(row, key_problem)).empty()
                          ? cell(row, key_feature)
                          : cell(row, key_problem);
    // Keys are compared as written, trimmed of blanks (full-width ones too).
    key = text::trim_blanks(key);
    if (key.empty()) {
      out.issues.push_back({IssueCode::assignment_without_key, Severity::warning,
                            "the row has no problem id or feature id; it was skipped",
                            SourceRef{path, {}, "line " + std::to_string(t.line_numbers[r])},
                            std::nullopt, std::nullopt});
      continue;
    }
    Assignment a{cell(row, c_target),   cell(row, c_deadline), cell(row, c_unit),
                 cell(row, c_leader),   cell(row, c_person),   cell(row, c_super),
                 cell(row, c_measures), cell(row, c_status)};
    out.by_key[key] = a;
  }
  return out;
}

// Up to ten problem ids, then "and N more".
std::string id_list(const std::vector<std::string>& ids) {
  std::string s;
  for (std::size_t i = 0; i < ids.size() && i < 10; ++i) s += (i ? ", " : "") + ids[i];
  if (ids.size() > 10) s += " and " + std::to_string(ids.size() - 10) + " more";
  return s;
}

// Longitude/latitude left empty where a point could not be converted is said, never silent
// (issue 13.5): one issue naming the rows and PROJ's reason.
void report_missing_lonlat(Ledger& ledger, const ledger::GeographicLocation& to_lonlat,
                           const Crs& crs) {
  std::vector<std::string> ids;
  for (const auto& r : ledger.rows)
    if (r.x_m && !r.lon_deg) ids.push_back(r.problem_id);
  if (ids.empty()) return;
  const std::string why = !to_lonlat.unavailable_reason().empty() ? to_lonlat.unavailable_reason()
                                                                  : to_lonlat.last_failure();
  Issue i;
  i.code = IssueCode::transform_failed;
  i.severity = Severity::warning;
  i.message = "longitude/latitude are left empty in " + std::to_string(ids.size()) +
              " ledger row(s) (" + id_list(ids) + "): the conversion from " + crs.label() +
              " failed" + (why.empty() ? std::string() : ": " + why) +
              "; the plane coordinates are given";
  ledger.issues.push_back(std::move(i));
}

// Rows in this order: conflict features (overlay order), features left out, water exceedances.
Ledger build_ledger(const ConflictOverlay& conflicts, const std::vector<Exceedance>& exceedances,
                    const Assignments* assignments, const LedgerOptions& options) {
  Ledger ledger;
  const Crs& crs = conflicts.features.crs;
  const ledger::GeographicLocation to_lonlat(crs);
  if (!to_lonlat.datum_name().empty()) ledger.lonlat_datum = to_lonlat.datum_name();
  const RowLocator locator{to_lonlat, crs.empty() ? std::string() : crs.label()};
  const std::set<std::size_t> failed = failed_features(conflicts, options.no_adjusting);
  const GeosOutlines outlines(conflicts);

  auto add = [&](LedgerRow row) {
    apply_assignment(row, assignments);
    ledger.rows.push_back(std::move(row));
  };
  for (const auto& ov : conflicts.overlay.rows) {
    const ConflictFeature& f = conflicts.features.features.at(ov.feature_index);
    if (!inside_somewhere(ov) && !options.include_outside) continue;
    add(conflict_row(f, ov, conflicts, outlines, locator, failed, options));
  }
  std::size_t n = 0;
  for (const auto& l : conflicts.features.left_out) add(left_out_row(l, ++n));
  for (const WorstExceedance& w : worst_exceedances(exceedances))
    add(exceedance_row(*w.worst, w.samples, locator));
  make_problem_ids_unique(ledger.rows);
  report_missing_lonlat(ledger, to_lonlat, crs);
  return ledger;
}

}  // namespace reserve
