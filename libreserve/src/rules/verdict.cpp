#include "reserve/rules.hpp"

namespace reserve {

const char* to_string(VerdictStatus s) noexcept {
  switch (s) {
    case VerdictStatus::pass: return "pass";
    case VerdictStatus::fail: return "fail";
    case VerdictStatus::warn: return "warn";
    case VerdictStatus::not_evaluated: return "not_evaluated";
    case VerdictStatus::incomplete: return "incomplete";
  }
  return "not_evaluated";
}

VerdictStatus overall_status(const std::vector<Verdict>& verdicts) noexcept {
  bool warn = false, incomplete = false;
  for (const auto& v : verdicts) {
    if (v.status == VerdictStatus::fail) return VerdictStatus::fail;
    if (v.status == VerdictStatus::incomplete) incomplete = true;
    if (v.status == VerdictStatus::warn || v.status == VerdictStatus::not_evaluated) warn = true;
  }
  if (incomplete) return VerdictStatus::incomplete;
  return warn ? VerdictStatus::warn : VerdictStatus::pass;
}

int exit_code_for(VerdictStatus overall) noexcept {
  switch (overall) {
    case VerdictStatus::fail: return 1;
    case VerdictStatus::incomplete: return kExitIncomplete;
    default: return 0;
  }
}

double AreaTolerance::allowed_m2(double baseline_m2) const noexcept {
  const double abs_m2 = abs_ha * kSquareMetresPerHectare;
  const double rel_m2 = rel * baseline_m2;
  return abs_m2 > rel_m2 ? abs_m2 : rel_m2;
}

const RuleConfig* Profile::rule(const std::string& id) const noexcept {
  for (const auto& r : rules)
    if (r.id == id) return &r;
  return nullptr;
}

CompareOptions compare_options(const Profile& profile) {
  CompareOptions o;
  o.area_method = profile.area_method;
  o.legacy_map = profile.legacy_map;
  o.allow_model_mapping = profile.allow_model_mapping;
  o.common_model = profile.zone_model;
  o.noise = profile.noise;
  return o;
}

}  // namespace reserve
