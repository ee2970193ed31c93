#include "rules/rule_helpers.hpp"

#include <cstdio>

namespace reserve::rules {

std::string format_ha(double area_m2) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f ha", to_ha(area_m2));
  return buf;
}

std::string format_percent(double fraction_value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f %%", fraction_value * 100.0);
  return buf;
}

std::pair<std::string, std::string> format_percent_pair(double before, double after) {
  auto text = [](double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f %%", decimals, v * 100.0);
    return std::string(buf);
  };
  // A verdict judged on a change must show the change: "56.25 % → 56.25 %" cannot explain a FAIL.
  for (int decimals = 2; decimals < 12; ++decimals) {
    std::string a = text(before, decimals), b = text(after, decimals);
    if (a != b || before == after) return {std::move(a), std::move(b)};
  }
  return {text(before, 12), text(after, 12)};
}

Measure m2(std::string name, double value) { return {std::move(name), value, "m2"}; }
Measure fraction(std::string name, double value) { return {std::move(name), value, "fraction"}; }
Measure count(std::string name, double value) { return {std::move(name), value, "count"}; }

std::vector<Evidence> piece_evidence(const ChangeSet& set, const std::string& kind,
                                     bool include_noise) {
  std::vector<Evidence> out;
  int n = 0;
  for (const auto& p : set.pieces) {
    ++n;
    if (p.noise && !include_noise) continue;
    Evidence e;
    e.kind = p.noise ? "noise" : kind;
    e.id = kind + "-" + std::to_string(n);
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
