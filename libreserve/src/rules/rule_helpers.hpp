#pragma once
// Shared pieces of the rule implementations. Private to the library.
#include <string>
#include <utility>
#include <vector>

#include "reserve/compare.hpp"
#include "reserve/rules.hpp"

namespace reserve::rules {

// "1234.57 ha" (0.01 ha) and "65.00 %" (0.01 %), as reports print them.
std::string format_ha(double area_m2);
std::string format_percent(double fraction);
// Two fractions as percentages with two decimals, or as many more as it takes to print them
// differently when they differ (up to 12).
std::pair<std::string, std::string> format_percent_pair(double before, double after);

Measure m2(std::string name, double value);
Measure fraction(std::string name, double value);
Measure count(std::string name, double value);

// Evidence items for the pieces of a change set (noise pieces excluded unless asked), with ids
// "<kind>-<n>" numbered in the order of the comparison's pieces (stable within a report).
std::vector<Evidence> piece_evidence(const ChangeSet& set, EvidenceKind kind,
                                     bool include_noise = false);

// The value of parameter `name` in `rc`, else the default its ParamSpec in `def` declares.
// InternalError when `def` declares no such parameter or no default (a bug in the rule).
double number_param(const RuleDefinition& def, const RuleConfig& rc, const std::string& name);
bool flag_param(const RuleDefinition& def, const RuleConfig& rc, const std::string& name);
std::string text_param(const RuleDefinition& def, const RuleConfig& rc, const std::string& name);

// A verdict skeleton filled with the rule's id and titles.
Verdict start_verdict(const RuleDefinition& def);

// "core + buffer" / "core protection zone" and the Chinese names, for the comparison's model.
std::string strict_set_en(ZoneModel model);
std::string strict_set_zh(ZoneModel model);

// Built-in rule definitions (one per file).
RuleDefinition no_slimming_rule();
RuleDefinition core_buffer_share_rule();
RuleDefinition core_buffer_area_rule();
RuleDefinition zone_share_limits_rule();
RuleDefinition zoning_sanity_rule();
// The slot the conflicts module fills (rule_no_adjusting.cpp).
RuleDefinition no_adjusting_instead_of_rectifying_rule();

}  // namespace reserve::rules
