#include "reserve/rules.hpp"

#include <cstddef>
#include <utility>

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

namespace {

// The one string table of each vocabulary enum.
constexpr std::pair<MeasureUnit, const char*> kUnitNames[] = {
    {MeasureUnit::m2, "m2"},
    {MeasureUnit::m, "m"},
    {MeasureUnit::fraction, "fraction"},
    {MeasureUnit::ratio, "ratio"},
    {MeasureUnit::count, "count"},
};
constexpr std::pair<EvidenceKind, const char*> kEvidenceKindNames[] = {
    {EvidenceKind::removed, "removed"},       {EvidenceKind::added, "added"},
    {EvidenceKind::downgraded, "downgraded"}, {EvidenceKind::upgraded, "upgraded"},
    {EvidenceKind::noise, "noise"},           {EvidenceKind::issue, "issue"},
    {EvidenceKind::feature, "feature"},
};

template <typename Enum, std::size_t N>
const char* name_in(const std::pair<Enum, const char*> (&table)[N], Enum value) noexcept {
  for (const auto& [e, name] : table)
    if (e == value) return name;
  return table[0].second;  // not reached for a declared enumerator
}

}  // namespace

const char* to_string(MeasureUnit unit) noexcept { return name_in(kUnitNames, unit); }

const char* to_string(EvidenceKind kind) noexcept { return name_in(kEvidenceKindNames, kind); }

std::optional<EvidenceKind> evidence_kind_from_string(const std::string& text) {
  for (const auto& [kind, name] : kEvidenceKindNames)
    if (text == name) return kind;
  return std::nullopt;
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
