#include "reserve/rules.hpp"

namespace reserve {

const char* to_string(VerdictStatus s) noexcept {
  switch (s) {
    case VerdictStatus::pass: return "pass";
    case VerdictStatus::fail: return "fail";
    case VerdictStatus::warn: return "warn";
    case VerdictStatus::not_evaluated: return "not_evaluated";
  }
  return "not_evaluated";
}

const char* to_string(MeasureUnit unit) noexcept {
  switch (unit) {
    case MeasureUnit::m2: return "m2";
    case MeasureUnit::m: return "m";
    case MeasureUnit::fraction: return "fraction";
    case MeasureUnit::ratio: return "ratio";
    case MeasureUnit::count: return "count";
  }
  return "count";
}

const char* to_string(EvidenceKind kind) noexcept {
  switch (kind) {
    case EvidenceKind::removed: return "removed";
    case EvidenceKind::added: return "added";
    case EvidenceKind::downgraded: return "downgraded";
    case EvidenceKind::upgraded: return "upgraded";
    case EvidenceKind::noise: return "noise";
    case EvidenceKind::issue: return "issue";
    case EvidenceKind::feature: return "feature";
  }
  return "issue";
}

std::optional<EvidenceKind> evidence_kind_from_string(const std::string& text) {
  for (EvidenceKind k : kEvidenceKinds)
    if (text == to_string(k)) return k;
  return std::nullopt;
}

VerdictStatus overall_status(const std::vector<Verdict>& verdicts) noexcept {
  bool warn = false;
  for (const auto& v : verdicts) {
    if (v.status == VerdictStatus::fail) return VerdictStatus::fail;
    if (v.status == VerdictStatus::warn || v.status == VerdictStatus::not_evaluated) warn = true;
  }
  return warn ? VerdictStatus::warn : VerdictStatus::pass;
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
