// 不瘦身 (no slimming): total area after ≥ total before − tolerance. Gross removed and added are
// always reported, because a swap can keep the net while cutting a mine out of the reserve.
#include "reserve/compare.hpp"
#include "rules/rule_helpers.hpp"

namespace reserve::rules {
namespace {

Verdict evaluate(const RuleDefinition& def, const RuleContext& ctx, const RuleConfig& rc) {
  const Comparison& c = ctx.comparison;
  Verdict v = start_verdict(def);
  // Judged with the noise pieces undone (the area rules share the comparison's one noise
  // classification); the raw figures are reported beside it.
  const double before = c.before.total_m2, after = c.total_after_noise_excluded_m2();
  const double tol = ctx.profile.tolerance.allowed_m2(before);
  const bool gross_fails = flag_param(def, rc, "gross_removal_fails");
  const bool gross_warns = flag_param(def, rc, "gross_removal_warns");
  const double removed = c.removed.significant_m2();

  v.measured = {m2("total_before_m2", before),
                m2("total_after_m2", c.after.total_m2),
                m2("net_change_m2", c.net_change_m2()),
                m2("total_after_noise_excluded_m2", after),
                m2("net_change_noise_excluded_m2", after - before),
                m2("gross_removed_m2", c.removed.area_m2),
                m2("gross_removed_significant_m2", removed),
                m2("gross_added_m2", c.added.area_m2),
                m2("gross_added_significant_m2", c.added.significant_m2()),
                m2("noise_removed_m2", c.removed.noise_m2),
                m2("noise_added_m2", c.added.noise_m2)};
  v.thresholds = {m2("tolerance_m2", tol), m2("min_total_after_m2", before - tol)};
  v.threshold_text = "total after ≥ total before − " + format_ha(tol);
  if (gross_fails) v.threshold_text += "; gross removal (noise excluded) ≤ " + format_ha(tol);

  const bool net_ok = after >= before - tol;
  const bool gross_ok = removed <= tol;
  const std::string figures_en = "total " + format_ha(before) + " → " + format_ha(after) +
                                 " (net " + format_ha(after - before) + "; gross removed " +
                                 format_ha(removed) + ", gross added " +
                                 format_ha(c.added.significant_m2()) + ")";
  const std::string figures_zh = "总面积 " + format_ha(before) + " → " + format_ha(after) +
                                 "（净变化 " + format_ha(after - before) + "；调出 " +
                                 format_ha(removed) + "，调入 " +
                                 format_ha(c.added.significant_m2()) + "）";
  if (!net_ok) {
    v.status = VerdictStatus::fail;
    v.explanation_en =
        "The reserve shrinks: " + figures_en + ", beyond the tolerance of " + format_ha(tol) + ".";
    v.explanation_zh = "保护区面积减少：" + figures_zh + "，超出容差 " + format_ha(tol) + "。";
  } else if (!gross_ok && gross_fails) {
    v.status = VerdictStatus::fail;
    v.explanation_en =
        "The total is kept, but land is cut out of the reserve and replaced "
        "elsewhere (a swap): " +
        figures_en + ". This profile counts gross removal as slimming.";
    v.explanation_zh = "总面积未减少，但有土地被调出保护区并在别处补入（置换）：" + figures_zh +
                       "。本规则配置将调出面积视为瘦身。";
  } else if (!gross_ok && gross_warns) {
    v.status = VerdictStatus::warn;
    v.explanation_en = "The total is kept (" + figures_en +
                       "), but land is removed from the reserve: check what the removed land "
                       "holds.";
    v.explanation_zh = "总面积未减少（" + figures_zh + "），但有土地被调出保护区：请核查调出地块。";
  } else {
    v.status = VerdictStatus::pass;
    v.explanation_en = "The reserve does not shrink: " + figures_en + ".";
    v.explanation_zh = "保护区面积未减少：" + figures_zh + "。";
  }
  v.evidence = piece_evidence(c.removed, EvidenceKind::removed);
  return v;
}

}  // namespace

RuleDefinition no_slimming_rule() {
  RuleDefinition def;
  def.id = "no-slimming";
  def.title_zh = "不瘦身";
  def.title_en = "No slimming";
  def.description =
      "Total area after ≥ total area before − tolerance (the profile's [area] tolerance). Gross "
      "removed and added areas (raw and noise-excluded) are always reported. A swap (net kept, "
      "land removed) warns by default and fails when gross_removal_fails is true.";
  def.params = {
      {"gross_removal_fails", ParamType::boolean,
       "fail when noise-excluded gross removal exceeds the tolerance even if the net is kept",
       false, std::nullopt},
      {"gross_removal_warns", ParamType::boolean,
       "warn in that case when gross_removal_fails is false", true, std::nullopt}};
  def.evaluate = [d = def](const RuleContext& ctx, const RuleConfig& rc) {
    return evaluate(d, ctx, rc);
  };
  return def;
}

}  // namespace reserve::rules
