#include "rules/rule_helpers.hpp"

#include "reserve/error.hpp"

#include <fmt/format.h>

namespace reserve::rules {

std::string format_ha(double area_m2) { return fmt::format("{:.2f} ha", to_ha(area_m2)); }

std::string format_percent(double fraction_value) {
  return fmt::format("{:.2f} %", fraction_value * 100.0);
}

std::pair<std::string, std::string> format_percent_pair(double before, double after) {
  auto text = [](double v, int decimals) { return fmt::format("{:.{}f} %", v * 100.0, decimals); };
  // A verdict judged on a change must show the change: "56.25 % → 56.25 %" cannot explain a FAIL.
  for (int decimals = 2; decimals < 12; ++decimals) {
    std::string a = text(before, decimals), b = text(after, decimals);
    if (a != b || before == after) return {std::move(a), std::move(b)};
  }
  return {text(before, 12), text(after, 12)};
}

Measure m2(std::string name, double value) { return {std::move(name), value, MeasureUnit::m2}; }
Measure fraction(std::string name, double value) {
  return {std::move(name), value, MeasureUnit::fraction};
}
Measure count(std::string name, double value) {
  return {std::move(name), value, MeasureUnit::count};
}

std::vector<Evidence> piece_evidence(const ChangeSet& set, EvidenceKind kind, bool include_noise) {
  std::vector<Evidence> out;
  int n = 0;
  for (const auto& p : set.pieces) {
    ++n;
    if (p.noise && !include_noise) continue;
    Evidence e;
    e.kind = p.noise ? EvidenceKind::noise : kind;
    e.id = std::string(to_string(kind)) + "-" + std::to_string(n);
    e.zone_before = p.from;
    e.zone_after = p.to;
    e.area_m2 = p.area_m2;
    e.description = std::string(to_string(p.from)) + " → " + to_string(p.to) + ", " +
                    format_ha(p.area_m2) + (p.noise ? " (boundary noise)" : "");
    e.geometry.polygons.push_back(p.geometry);
    out.push_back(std::move(e));
  }
  return out;
}

namespace {

const ParamValue& declared_default(const RuleDefinition& def, const std::string& name) {
  for (const auto& spec : def.params)
    if (spec.name == name && spec.default_value) return *spec.default_value;
  throw InternalError("rule '" + def.id + "' declares no default for parameter '" + name + "'");
}

}  // namespace

double number_param(const RuleDefinition& def, const RuleConfig& rc, const std::string& name) {
  return rc.number(name, std::get<double>(declared_default(def, name)));
}

bool flag_param(const RuleDefinition& def, const RuleConfig& rc, const std::string& name) {
  return rc.flag(name, std::get<bool>(declared_default(def, name)));
}

std::string text_param(const RuleDefinition& def, const RuleConfig& rc, const std::string& name) {
  return rc.text(name, std::get<std::string>(declared_default(def, name)));
}

Verdict start_verdict(const RuleDefinition& def) {
  Verdict v;
  v.rule_id = def.id;
  v.title_zh = def.title_zh;
  v.title_en = def.title_en;
  return v;
}

std::string strict_set_en(ZoneModel model) {
  return model == ZoneModel::two_zone ? "core protection zone" : "core + buffer";
}
std::string strict_set_zh(ZoneModel model) {
  return model == ZoneModel::two_zone ? "核心保护区" : "核心区和缓冲区";
}

}  // namespace reserve::rules
