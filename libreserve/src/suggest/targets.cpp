// Which failing rules a suggestion can restore, their constraints, and the figures of the ones it
// cannot meet.
#include "suggest/targets.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace reserve::suggestion {
namespace {

const Verdict* verdict_of(const Report& r, const std::string& id) {
  for (const auto& v : r.verdicts)
    if (v.rule_id == id) return &v;
  return nullptr;
}

std::string ha(double m2) { return fmt::format("{:.2f} ha", to_ha(m2)); }
std::string percent(double f) { return fmt::format("{:.4f} %", f * 100.0); }

}  // namespace

Targets targets_of(const CheckResult& check, const ZonePlan& plan, AddedZonePolicy added) {
  Targets t;
  const Comparison& c = check.report.comparison;
  const Profile& p = check.profile;
  Model& m = t.constraints;
  m.allow_least_strict = added != AddedZonePolicy::strict || !plan.strict_counts;
  m.allow_strict = added != AddedZonePolicy::least_strict && plan.strict_counts;
  auto enabled = [&](const char* id) {
    const RuleConfig* rc = p.rule(id);
    return rc && rc->enabled ? rc : nullptr;
  };
  auto failing = [&](const char* id) {
    const Verdict* v = verdict_of(check.report, id);
    return v && v->status == VerdictStatus::fail;
  };
  // A failing rule is restored in full (to the baseline's figure, no tolerance used); a passing
  // one must not fall below the lower of its baseline and current figures.
  if (enabled(kNoSlimming)) {
    const double gap = c.before.total_m2 - c.total_after_noise_excluded_m2();
    m.need_total_m2 = failing(kNoSlimming) ? gap : std::min(gap, 0.0);
    if (failing(kNoSlimming))
      t.failing.push_back({kNoSlimming, "不瘦身", c.before.total_m2,
                           c.total_after_noise_excluded_m2(), MeasureUnit::m2});
  }
  if (enabled(kShare)) {
    const double T = c.total_after_noise_excluded_m2();
    const double now = T > 0.0 ? c.strict_after_noise_excluded_m2() / T : 0.0;
    m.share = ShareConstraint{
        failing(kShare) ? c.before.strict_share : std::min(c.before.strict_share, now), T,
        c.strict_after_noise_excluded_m2()};
    if (failing(kShare))
      t.failing.push_back(
          {kShare, "核心区和缓冲区占比不降低", c.before.strict_share, now, MeasureUnit::fraction});
  }
  if (enabled(kStrictArea)) {
    const double gap = c.before.strict_m2 - c.after.strict_m2;
    m.need_strict_m2 = failing(kStrictArea) ? gap : std::min(gap, 0.0);
    if (failing(kStrictArea))
      t.failing.push_back({kStrictArea, "核心区、缓冲区面积不缩小", c.before.strict_m2,
                           c.after.strict_m2, MeasureUnit::m2});
  }
  for (const auto& v : check.report.verdicts)
    if (v.status == VerdictStatus::fail && v.rule_id != kNoSlimming && v.rule_id != kShare &&
        v.rule_id != kStrictArea)
      t.not_addressed.push_back(v.rule_id);
  return t;
}

std::vector<std::string> unmet_rules(const Model& m, const ZonePlan& plan) {
  const std::vector<bool> reach = reachable(m);
  double add_max = 0.0, up_max = 0.0;
  for (std::size_t i = 0; i < m.items.size(); ++i) {
    if (m.items[i].add && reach[i]) add_max += m.items[i].area_m2;
    if (!m.items[i].add) up_max += m.items[i].area_m2;
  }
  const std::string strict_zh = chinese_name(plan.strict);
  std::vector<std::string> out;
  if (m.need_total_m2 && *m.need_total_m2 > add_max)
    out.push_back("不瘦身 cannot be met: candidates contiguous with the reserve add at most " +
                  ha(add_max) + " of the " + ha(*m.need_total_m2) + " needed");
  if (m.share) {
    const ShareConstraint& s = *m.share;
    const double strict_add = m.allow_strict ? add_max : 0.0;
    // Strict land added raises a share below 1, least strict land lowers it: the best is every
    // upgrade plus every reachable parcel added as strict (or none added when that is not allowed).
    const double best =
        std::max((s.strict_after_m2 + up_max) / s.total_after_m2,
                 (s.strict_after_m2 + up_max + strict_add) / (s.total_after_m2 + strict_add));
    if (best < s.share_before)
      out.push_back("核心区和缓冲区占比不降低 cannot be met: the share reaches at most " +
                    percent(best) + " of the " + percent(s.share_before) + " needed (" +
                    ha(up_max) + " upgradable, " + ha(strict_add) + " addable as " + strict_zh +
                    ")");
  }
  if (m.need_strict_m2) {
    const double gain = up_max + (m.allow_strict ? add_max : 0.0);
    if (gain < *m.need_strict_m2)
      out.push_back("核心区、缓冲区面积不缩小 cannot be met: upgrades and parcels added as " +
                    strict_zh + " give at most " + ha(gain) + " of the " + ha(*m.need_strict_m2) +
                    " needed");
  }
  if (out.empty())
    out.push_back(
        "the rules cannot be met together: each can be met alone, but the land that 不瘦身 needs "
        "lowers the core + buffer share below what upgrades and strict additions can restore");
  return out;
}

}  // namespace reserve::suggestion
