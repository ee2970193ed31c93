// Per-zone share floors and ceilings of provincial rules (e.g. Guangdong 2023: core ≥ 30 %,
// experimental ≤ 50 %). The limits are profile data, never constants.
#include <optional>

#include "reserve/compare.hpp"
#include "reserve/error.hpp"
#include "rules/rule_helpers.hpp"

namespace reserve::rules {
namespace {

// The zone's share on one side: from the common model, or from the side's original model.
std::optional<double> share_of(const ZoningSummary& common,
                               const std::optional<ZoningSummary>& original, Zone z) {
  for (const auto& za : common.zones)
    if (za.zone == z) return za.share;
  if (original)
    for (const auto& za : original->zones)
      if (za.zone == z) return za.share;
  return std::nullopt;
}

void check_table(const RuleConfig& rc, const std::string& name) {
  for (const auto& [zone_id, value] : rc.number_table(name)) {
    const auto z = zone_from_string(zone_id);
    if (!z || *z == Zone::outside) {
      throw UsageError("rule '" + rc.id + "': '" + name + "' names the unknown zone '" + zone_id +
                       "'; use core, buffer, experimental, core_protection or general_control");
    }
    if (!(value >= 0.0 && value <= 1.0)) {
      throw UsageError("rule '" + rc.id + "': " + name + "." + zone_id +
                       " must be a fraction between 0 and 1 (0.30 for 30 %)");
    }
  }
}

Verdict evaluate(const RuleDefinition& def, const RuleContext& ctx, const RuleConfig& rc) {
  const Comparison& c = ctx.comparison;
  Verdict v = start_verdict(def);
  const bool check_before = text_param(def, rc, "apply_to") == "both";
  bool failed = false;
  std::vector<std::string> missing, broken_en, broken_zh, texts;
  for (const bool is_min : {true, false}) {
    for (const auto& [zone_id, limit] : rc.number_table(is_min ? "min_share" : "max_share")) {
      const Zone z = *zone_from_string(zone_id);
      const std::string op = is_min ? " ≥ " : " ≤ ";
      texts.push_back(zone_id + op + format_percent(limit));
      v.thresholds.push_back(fraction(zone_id + (is_min ? "_min_share" : "_max_share"), limit));
      struct SideRef {
        const char* name;
        const ZoningSummary* common;
        const std::optional<ZoningSummary>* original;
      };
      std::vector<SideRef> sides = {{"after", &c.after, &c.after_original}};
      if (check_before) sides.insert(sides.begin(), {"before", &c.before, &c.before_original});
      for (const auto& side : sides) {
        const auto share = share_of(*side.common, *side.original, z);
        if (!share) {
          missing.push_back(zone_id + " (" + side.name + ")");
          continue;
        }
        v.measured.push_back(fraction(zone_id + "_share_" + side.name, *share));
        const bool ok = is_min ? *share >= limit : *share <= limit;
        if (!ok) {
          failed = true;
          broken_en.push_back(std::string(english_name(z)) + " " + side.name + " " +
                              format_percent(*share) + op + format_percent(limit) + " required");
          broken_zh.push_back(std::string(chinese_name(z)) +
                              (side.name[0] == 'a' ? "调整后" : "调整前") + "占比 " +
                              format_percent(*share) + "，要求" + op + format_percent(limit));
        }
      }
    }
  }
  for (const auto& t : texts) v.threshold_text += (v.threshold_text.empty() ? "" : ", ") + t;
  auto join = [](const std::vector<std::string>& parts, const char* sep) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
    return out;
  };
  if (failed) {
    v.status = VerdictStatus::fail;
    v.explanation_en = "Zone share limits broken: " + join(broken_en, "; ") + ".";
    v.explanation_zh = "功能区面积占比不符合要求：" + join(broken_zh, "；") + "。";
  } else if (!missing.empty()) {
    v.status = VerdictStatus::not_evaluated;
    v.explanation_en = "No figure for " + join(missing, ", ") +
                       ": the zoning does not use that zone model, so the limit cannot be checked.";
    v.explanation_zh =
        "缺少 " + join(missing, "、") + " 的面积：区划不采用该分区模式，无法检查该比例要求。";
  } else if (texts.empty()) {
    v.status = VerdictStatus::not_evaluated;
    v.explanation_en = "The profile sets no share limits.";
    v.explanation_zh = "规则配置未设置占比要求。";
  } else {
    v.status = VerdictStatus::pass;
    v.explanation_en = "Every zone share is within its limit (" + v.threshold_text + ").";
    v.explanation_zh = "各功能区面积占比均符合要求（" + v.threshold_text + "）。";
  }
  return v;
}

}  // namespace

RuleDefinition zone_share_limits_rule() {
  RuleDefinition def;
  def.id = "zone-share-limits";
  def.title_zh = "功能区面积占比要求";
  def.title_en = "Zone share limits";
  def.description =
      "Per-zone floors (min_share) and ceilings (max_share) on the share of the total area, "
      "checked on the proposal (apply_to = \"after\") or on both sides (\"both\"). A zone of the "
      "other model is looked up in the side's original figures; when absent the rule is not "
      "evaluated.";
  def.params = {
      {"min_share", ParamType::number_table, "zone id → minimum share (fraction), e.g. core = 0.30",
       std::nullopt, MeasureUnit::fraction},
      {"max_share", ParamType::number_table,
       "zone id → maximum share (fraction), e.g. experimental = 0.50", std::nullopt,
       MeasureUnit::fraction},
      {"apply_to", ParamType::text, "\"after\" or \"both\"", std::string("after"), std::nullopt}};
  def.evaluate = [d = def](const RuleContext& ctx, const RuleConfig& rc) {
    return evaluate(d, ctx, rc);
  };
  def.validate = [d = def](const RuleConfig& rc) {
    check_table(rc, "min_share");
    check_table(rc, "max_share");
    const std::string apply = text_param(d, rc, "apply_to");
    if (apply != "after" && apply != "both")
      throw UsageError("rule '" + rc.id + "': apply_to must be \"after\" or \"both\"");
  };
  return def;
}

}  // namespace reserve::rules
