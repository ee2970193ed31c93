// The rule registry and the engine that runs a profile's rules.
#include <algorithm>

#include "reserve/error.hpp"
#include "reserve/rules.hpp"
#include "reserve/validate.hpp"
#include "rules/rule_helpers.hpp"

namespace reserve {
namespace {

template <typename T>
const T* param_as(const RuleConfig& rc, const std::string& name, const char* type_name) {
  const auto it = rc.params.find(name);
  if (it == rc.params.end()) return nullptr;
  const T* v = std::get_if<T>(&it->second);
  if (!v) {
    throw UsageError("rule '" + rc.id + "': parameter '" + name + "' must be " + type_name);
  }
  return v;
}

// Zoning rows left out of the zoning: unreadable (a NaN vertex, an unparsable WKT, an unsupported
// type, …) or without geometry (a null or empty shape). Their land is missing from every figure,
// so a verdict on the figures cannot be trusted either way: a missing proposal feature reads as
// removed land, a missing baseline feature as added land (DESIGN.md: partial input never
// passes). A row without a shape is not "no land": it names a zone whose boundary was lost.
bool left_out_zone_row(const Issue& issue) {
  switch (issue.code) {
    case IssueCode::null_geometry:
    case IssueCode::empty_geometry: return !issue.where.feature.empty();  // a row, not the layer
    case IssueCode::non_finite_coordinate:
    case IssueCode::unsupported_geometry:
    case IssueCode::mixed_geometry_collection:
    case IssueCode::bad_geometry:
    case IssueCode::unusable_feature:
      return issue.severity == Severity::error;  // the warning kind keeps the polygons
    default: return false;
  }
}

std::vector<const Issue*> unread_zone_features(const RuleContext& context) {
  std::vector<const Issue*> out;
  for (const ValidationReport* v : {context.before_validation, context.after_validation}) {
    if (v == nullptr) continue;
    for (const auto& issue : v->issues)
      if (left_out_zone_row(issue)) out.push_back(&issue);
  }
  return out;
}

void mark_incomplete(Verdict& v, const std::vector<const Issue*>& unread) {
  v.status = VerdictStatus::incomplete;
  const std::string n = std::to_string(unread.size());
  const std::string first = describe(unread.front()->where);
  v.explanation_en += " Incomplete: " + n +
                      " zoning feature(s) could not be read or have no geometry and are missing "
                      "from these figures (first: " +
                      first + ": " + unread.front()->message + "); fix them and check again.";
  v.explanation_zh += "结果不完整：" + n +
                      " 个分区要素无法读取或没有几何图形，未计入上述面积（首个：" + first +
                      "）；请修正后重新核查。";
}

}  // namespace

double RuleConfig::number(const std::string& name, double fallback) const {
  const double* v = param_as<double>(*this, name, "a number");
  return v ? *v : fallback;
}

bool RuleConfig::flag(const std::string& name, bool fallback) const {
  const bool* v = param_as<bool>(*this, name, "true or false");
  return v ? *v : fallback;
}

std::string RuleConfig::text(const std::string& name, const std::string& fallback) const {
  const std::string* v = param_as<std::string>(*this, name, "a string");
  return v ? *v : fallback;
}

std::vector<std::string> RuleConfig::text_list(const std::string& name) const {
  const auto* v = param_as<std::vector<std::string>>(*this, name, "a list of strings");
  return v ? *v : std::vector<std::string>{};
}

std::map<std::string, double> RuleConfig::number_table(const std::string& name) const {
  const auto* v = param_as<std::map<std::string, double>>(*this, name, "a table of numbers");
  return v ? *v : std::map<std::string, double>{};
}

RuleRegistry RuleRegistry::standard() {
  RuleRegistry r;
  r.add(rules::no_slimming_rule());
  r.add(rules::core_buffer_share_rule());
  r.add(rules::core_buffer_area_rule());
  r.add(rules::zone_share_limits_rule());
  r.add(rules::zoning_sanity_rule());
  r.add(rules::no_adjusting_instead_of_rectifying_rule());
  return r;
}

void RuleRegistry::add(RuleDefinition rule) {
  for (auto& existing : rules_) {
    if (existing.id == rule.id) {
      existing = std::move(rule);
      return;
    }
  }
  rules_.push_back(std::move(rule));
}

const RuleDefinition* RuleRegistry::find(const std::string& id) const noexcept {
  for (const auto& r : rules_)
    if (r.id == id) return &r;
  return nullptr;
}

std::vector<std::string> RuleRegistry::ids() const {
  std::vector<std::string> out;
  for (const auto& r : rules_) out.push_back(r.id);
  return out;
}

std::vector<Verdict> evaluate_rules(const RuleContext& context, const RuleRegistry& registry) {
  std::vector<Verdict> out;
  const std::vector<const Issue*> unread = unread_zone_features(context);
  for (const auto& rc : context.profile.rules) {
    if (!rc.enabled) continue;
    const RuleDefinition* def = registry.find(rc.id);
    if (!def) {
      std::string known;
      for (const auto& id : registry.ids()) known += (known.empty() ? "" : ", ") + id;
      throw UsageError("profile '" + context.profile.name + "' names the unknown rule '" + rc.id +
                       "'; known rules: " + known);
    }
    Verdict v = def->evaluate(context, rc);
    // A violated rule reports what the profile asks for ("warn" profiles never fail).
    if (v.status == VerdictStatus::fail && rc.on_violation == VerdictStatus::warn)
      v.status = VerdictStatus::warn;
    // zoning-sanity counts the unread features among its own findings.
    if (rc.id != "zoning-sanity" && !unread.empty() && v.status != VerdictStatus::not_evaluated)
      mark_incomplete(v, unread);
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace reserve
