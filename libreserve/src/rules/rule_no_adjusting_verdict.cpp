// The rule 不以调代改 as the registry sees it: its parameters (declared once, with defaults and
// units), the options read from a profile, and the verdict built from evaluate_no_adjusting()
// (rule_no_adjusting_overlay.cpp): status, measures, thresholds and evidence.
#include <fmt/format.h>

#include "reserve/error.hpp"
#include "reserve/overlay.hpp"
#include "rules/carve_out_permutation.hpp"
#include "rules/rule_helpers.hpp"

namespace reserve {
namespace {

std::string fmt_num(double v, int decimals) { return fmt::format("{:.{}f}", v, decimals); }

}  // namespace

namespace {

NoAdjustingOptions options_from(const Profile& profile, const RuleConfig& config) {
  NoAdjustingOptions o;
  o.distance_m = config.number("distance_m", profile.conflicts.buffer_distance_m);
  // Defaults as the rule declares them (ParamSpec), in one place.
  const RuleDefinition def = no_adjusting_rule_definition();
  o.max_freed_features = rules::number_param(def, config, "max_freed_features");
  o.max_targeting_ratio = rules::number_param(def, config, "max_targeting_ratio");
  rules::read_permutation_options(def, config, o);  // rules/carve_out_permutation.hpp
  std::vector<std::string> names = config.text_list("categories");
  if (names.empty()) names = profile.conflicts.categories;
  for (const auto& n : names) {
    auto c = category_from_string(n);
    if (!c)
      throw UsageError("rule " + std::string(kNoAdjustingRuleId) + ": unknown category '" + n +
                       "' in the profile (" + profile.path + ")");
    o.categories.push_back(*c);
  }
  return o;
}

}  // namespace

NoAdjustingOptions no_adjusting_options(const Profile& profile) {
  const RuleConfig* found = profile.rule(kNoAdjustingRuleId);
  return options_from(profile, found ? *found : RuleConfig{});
}

namespace {

// The figures the verdict reports, and the thresholds they are held against.
void record_measures(Verdict& v, const NoAdjustingResult& r, const NoAdjustingOptions& o) {
  v.measured = {
      rules::count("freed_feature_count", static_cast<double>(r.freed.size())),
      rules::count("changes_near_conflicts_count", static_cast<double>(r.changes.size())),
      rules::m2("changed_area_m2", r.targeting.changed_area_m2),
      rules::m2("conflict_footprint_m2", r.targeting.footprint_area_m2),
      rules::m2("conflict_footprint_in_changed_m2", r.targeting.footprint_in_changed_m2),
      rules::fraction("conflict_share_in_changed", r.targeting.share_in_changed),
      rules::fraction("conflict_share_in_reserve", r.targeting.share_in_reserve),
  };
  if (r.targeting.ratio)
    v.measured.push_back({"targeting_ratio", *r.targeting.ratio, MeasureUnit::ratio});
  rules::add_permutation_result(v, r.targeting);  // p-value and draws beside the ratio
  v.thresholds = {rules::count("max_freed_features", o.max_freed_features),
                  {"max_targeting_ratio", o.max_targeting_ratio, MeasureUnit::ratio},
                  {"distance_m", o.distance_m, MeasureUnit::m}};
  v.threshold_text = "freed conflict features ≤ " + fmt_num(o.max_freed_features, 0) +
                     " and targeting ratio ≤ " + fmt_num(o.max_targeting_ratio, 2) +
                     " (conflicts within " + fmt_num(o.distance_m, 0) + " m)";
}

// Evidence, in this order: changed pieces near conflicts, features left out, freed features.
void add_change_evidence(Verdict& v, const NoAdjustingResult& r) {
  int n = 0;
  for (const auto& c : r.changes) {
    Evidence e;
    e.kind = *evidence_kind_from_string(c.kind);  // "removed" or "downgraded"
    e.id = c.kind + "-near-conflict-" + std::to_string(++n);
    std::string ids;
    for (const auto& id : c.feature_ids) ids += (ids.empty() ? "" : ", ") + id;
    e.description = c.kind + " land (" + to_string(c.from) + " → " + to_string(c.to) + ", " +
                    rules::format_ha(c.piece_area_m2) + ") near conflict features " + ids +
                    " (overlap " + rules::format_ha(c.overlap_area_m2) + ", nearest " +
                    fmt_num(c.min_distance_m, 1) + " m)";
    e.zone_before = c.from;
    e.zone_after = c.to;
    e.area_m2 = c.piece_area_m2;
    e.geometry.polygons.push_back(c.geometry);
    v.evidence.push_back(std::move(e));
  }
}

void add_left_out_evidence(Verdict& v, const NoAdjustingResult& r) {
  for (const auto& l : r.left_out) {
    Evidence e;
    e.kind = EvidenceKind::issue;
    e.id = "left-out-" + std::to_string(&l - r.left_out.data() + 1);
    const std::string source = l.where.file + (l.where.layer.empty() ? "" : ":" + l.where.layer);
    // A grouped entry (issue 14.3) names its count, code and rows in its reason.
    e.description = l.rows > 1 ? "not used: " + l.reason + " (" + source + ")"
                               : "not used: " + l.label + " (" + source +
                                     "): " + to_string(l.code) + ", " + l.reason;
    v.evidence.push_back(std::move(e));
  }
}

void add_freed_evidence(Verdict& v, const NoAdjustingResult& r, const ConflictOverlay& conflicts) {
  for (const auto& f : r.freed) {
    Evidence e;
    e.kind = EvidenceKind::feature;
    e.id = f.feature_id;
    e.description = std::string(chinese_name(f.category)) + " " + f.name + ": " +
                    to_string(f.zone_before) + " → " + to_string(f.zone_after) + " (" +
                    english_name(f.change) + ", freed " + rules::format_ha(f.freed_area_m2) + ")" +
                    (f.waiting_for_adjustment
                         ? "; its treatment is to wait for the adjustment: adjusting instead of "
                           "rectifying (以调代改)"
                         : "");
    e.zone_before = f.zone_before;
    e.zone_after = f.zone_after;
    e.area_m2 = f.freed_area_m2;
    if (const auto* feat = conflicts.features.find(f.feature_id)) {
      if (feat->is_point())
        e.location = feat->geometry.points.front();
      else
        e.geometry = feat->geometry.polygons;
    }
    v.evidence.push_back(std::move(e));
  }
}

Verdict evaluate_rule(const RuleContext& ctx, const RuleConfig& config) {
  Verdict v = rules::start_verdict(no_adjusting_rule_definition());
  if (!ctx.conflicts) {
    v.status = VerdictStatus::not_evaluated;
    v.explanation_zh = "未提供矿业权或设施图层，未评价。";
    v.explanation_en =
        "not evaluated: no mining-right or facility layer was given (--mining, --facilities)";
    return v;
  }
  const NoAdjustingOptions o = options_from(ctx.profile, config);
  const NoAdjustingResult r = evaluate_no_adjusting(ctx.comparison, *ctx.conflicts, o);
  v.status = r.status == VerdictStatus::fail ? config.on_violation : r.status;
  v.explanation_zh = r.explanation_zh;
  v.explanation_en = r.explanation_en;
  record_measures(v, r, o);
  add_change_evidence(v, r);
  add_left_out_evidence(v, r);
  add_freed_evidence(v, r, *ctx.conflicts);
  return v;
}

}  // namespace

RuleDefinition no_adjusting_rule_definition() {
  RuleDefinition def;  // evaluate is set below; start_verdict() reads only the id and titles
  def.id = kNoAdjustingRuleId;
  def.title_zh = "不以调代改";
  def.title_en = "No adjusting instead of rectifying";
  def.description =
      "Removed or downgraded land that overlaps or lies within distance_m of a conflict feature "
      "(mining right, mine, tailings pond, concentrator, smelter, slag yard, hydropower, …) is "
      "evidence; conflict features that were inside (or in a stricter zone) before and are "
      "outside (or weaker) after are listed as freed. Fails when more than max_freed_features are "
      "freed or when the targeting ratio (share of the conflict footprint in the changed land / "
      "its share in the baseline reserve) exceeds max_targeting_ratio; warns when changed land "
      "lies near conflicts without freeing any.";
  def.params = {
      {"distance_m", ParamType::number,
       "changed land within this distance of a conflict feature is evidence; also the "
       "footprint buffer of the targeting statistic (when absent: [conflicts] buffer_distance_m)",
       std::nullopt, MeasureUnit::m},
      {"max_freed_features", ParamType::number,
       "fail when more conflict features than this are freed or downgraded", 0.0,
       MeasureUnit::count},
      {"max_targeting_ratio", ParamType::number, "fail when the targeting ratio exceeds this", 2.0,
       MeasureUnit::ratio},
      {"categories", ParamType::text_list,
       "feature categories that count as conflicts (default: [conflicts] categories, else "
       "mining, polluting, industrial and energy categories)",
       std::nullopt, std::nullopt},
  };
  for (ParamSpec& p : rules::permutation_param_specs()) def.params.push_back(std::move(p));
  def.evaluate = evaluate_rule;
  return def;
}

}  // namespace reserve
