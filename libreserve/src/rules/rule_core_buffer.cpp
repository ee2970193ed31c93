// 核心区和缓冲区占比不降低 (core + buffer share not reduced) and the 2013 national rule that core
// and buffer AREA must not shrink (国函〔2013〕129号 第五条). In the two-zone model the strict set
// is the core protection zone (a three-zone side is mapped first, see CompareOptions).
#include <algorithm>

#include "reserve/compare.hpp"
#include "rules/rule_helpers.hpp"

namespace reserve::rules {
namespace {

bool is_strict(ZoneModel model, Zone z) {
  const auto s = strict_zones(model);
  return std::find(s.begin(), s.end(), z) != s.end();
}

// Pieces of land that leave the strict set: strict → outside or strict → less strict.
std::vector<Evidence> strict_losses(const Comparison& c) {
  std::vector<Evidence> out;
  for (auto& e : piece_evidence(c.removed, EvidenceKind::removed))
    if (e.zone_before && is_strict(c.model, *e.zone_before)) out.push_back(std::move(e));
  for (auto& e : piece_evidence(c.downgraded, EvidenceKind::downgraded))
    if (e.zone_before && e.zone_after && is_strict(c.model, *e.zone_before) &&
        !is_strict(c.model, *e.zone_after))
      out.push_back(std::move(e));
  return out;
}

Verdict evaluate_share(const RuleDefinition& def, const RuleContext& ctx, const RuleConfig& rc) {
  const Comparison& c = ctx.comparison;
  Verdict v = start_verdict(def);
  const double tol = number_param(def, rc, "share_tolerance");
  // Judged with the noise pieces undone (one noise classification); raw figures reported beside.
  const double total_after = c.total_after_noise_excluded_m2();
  const double before = c.before.strict_share,
               after = total_after > 0.0 ? c.strict_after_noise_excluded_m2() / total_after : 0.0;
  v.measured = {fraction("strict_share_before", before),
                fraction("strict_share_after", c.after.strict_share),
                fraction("strict_share_after_noise_excluded", after),
                fraction("strict_share_change", after - before),
                m2("strict_before_m2", c.before.strict_m2),
                m2("strict_after_m2", c.after.strict_m2)};
  v.thresholds = {fraction("share_tolerance", tol),
                  fraction("min_strict_share_after", before - tol)};
  v.threshold_text =
      "share of " + strict_set_en(c.model) + " after ≥ before − " + format_percent(tol);
  const auto [before_text, after_text] = format_percent_pair(before, after);
  const std::string en = strict_set_en(c.model) + " share " + before_text + " → " + after_text +
                         " (" + format_ha(c.before.strict_m2) + " → " +
                         format_ha(c.after.strict_m2) + ")";
  const std::string zh = strict_set_zh(c.model) + "占比 " + before_text + " → " + after_text +
                         "（" + format_ha(c.before.strict_m2) + " → " +
                         format_ha(c.after.strict_m2) + "）";
  if (after >= before - tol) {
    v.status = VerdictStatus::pass;
    v.explanation_en = "The " + en + " is not reduced.";
    v.explanation_zh = zh + "，未降低。";
  } else {
    v.status = VerdictStatus::fail;
    v.explanation_en = "The " + en +
                       " is reduced: strictly protected land is removed or moved "
                       "to a less strict zone.";
    v.explanation_zh = zh + "，占比降低：有严格保护的土地被调出或调整为保护级别较低的功能区。";
  }
  v.evidence = strict_losses(c);
  return v;
}

Verdict evaluate_area(const RuleDefinition& def, const RuleContext& ctx, const RuleConfig& rc) {
  const Comparison& c = ctx.comparison;
  Verdict v = start_verdict(def);
  const bool per_zone = flag_param(def, rc, "per_zone");
  const AreaTolerance& t = ctx.profile.tolerance;
  const double tol = t.allowed_m2(c.before.strict_m2);
  v.measured = {m2("strict_before_m2", c.before.strict_m2),
                m2("strict_after_m2", c.after.strict_m2),
                m2("strict_change_m2", c.after.strict_m2 - c.before.strict_m2)};
  v.thresholds = {m2("tolerance_m2", tol)};
  v.threshold_text = "area of " + strict_set_en(c.model) + " after ≥ before − " + format_ha(tol);
  bool ok = c.after.strict_m2 >= c.before.strict_m2 - tol;
  std::string shrunk_en, shrunk_zh;
  if (per_zone) {
    v.threshold_text += ", and each of its zones likewise";
    for (Zone z : strict_zones(c.model)) {
      const double b = c.before.area_m2(z), a = c.after.area_m2(z);
      const double zt = t.allowed_m2(b);
      v.measured.push_back(m2(std::string(to_string(z)) + "_before_m2", b));
      v.measured.push_back(m2(std::string(to_string(z)) + "_after_m2", a));
      v.thresholds.push_back(m2(std::string(to_string(z)) + "_tolerance_m2", zt));
      if (a < b - zt) {
        ok = false;
        shrunk_en += std::string(shrunk_en.empty() ? "" : "; ") + english_name(z) + " " +
                     format_ha(b) + " → " + format_ha(a);
        shrunk_zh += std::string(shrunk_zh.empty() ? "" : "；") + chinese_name(z) + " " +
                     format_ha(b) + " → " + format_ha(a);
      }
    }
  }
  const std::string en = strict_set_en(c.model) + " area " + format_ha(c.before.strict_m2) + " → " +
                         format_ha(c.after.strict_m2);
  const std::string zh = strict_set_zh(c.model) + "面积 " + format_ha(c.before.strict_m2) + " → " +
                         format_ha(c.after.strict_m2);
  if (ok) {
    v.status = VerdictStatus::pass;
    v.explanation_en = "The " + en + " is not reduced.";
    v.explanation_zh = zh + "，未缩小。";
  } else {
    v.status = VerdictStatus::fail;
    v.explanation_en = "The " + en + (shrunk_en.empty() ? "" : " (" + shrunk_en + ")") +
                       " is reduced beyond the tolerance of " + format_ha(tol) + ".";
    v.explanation_zh = zh + (shrunk_zh.empty() ? "" : "（" + shrunk_zh + "）") + "，缩小超出容差 " +
                       format_ha(tol) + "。";
  }
  v.evidence = strict_losses(c);
  return v;
}

}  // namespace

RuleDefinition core_buffer_share_rule() {
  RuleDefinition def;
  def.id = "core-buffer-share";
  def.title_zh = "核心区和缓冲区占比不降低";
  def.title_en = "Core + buffer share not reduced";
  def.description =
      "(core + buffer) / total after ≥ before − share_tolerance; in the two-zone model the "
      "core protection zone's share, with a three-zone side mapped by [zone_model.legacy_map].";
  def.params = {{"share_tolerance", ParamType::number,
                 "allowed fall of the share, as a fraction (0.0001 = 0.01 percentage points)", 0.0,
                 MeasureUnit::fraction}};
  def.evaluate = [d = def](const RuleContext& ctx, const RuleConfig& rc) {
    return evaluate_share(d, ctx, rc);
  };
  return def;
}

RuleDefinition core_buffer_area_rule() {
  RuleDefinition def;
  def.id = "core-buffer-area";
  def.title_zh = "核心区、缓冲区面积不缩小";
  def.title_en = "Core and buffer area not reduced";
  def.description =
      "Area of core + buffer (two-zone: core protection) after ≥ before − the profile's area "
      "tolerance (国函〔2013〕129号 第五条). With per_zone, each strict zone is checked on its "
      "own.";
  def.params = {{"per_zone", ParamType::boolean,
                 "also require each strict zone (core, buffer) not to shrink", false,
                 std::nullopt}};
  def.evaluate = [d = def](const RuleContext& ctx, const RuleConfig& rc) {
    return evaluate_area(d, ctx, rc);
  };
  return def;
}

}  // namespace reserve::rules
