// Zoning sanity: the topology checks of validate_zoning on both sides (overlaps between zones,
// gaps inside the reserve, core not enclosed by buffer). Error findings fail the rule.
#include "reserve/validate.hpp"
#include "rules/rule_helpers.hpp"

namespace reserve::rules {
namespace {

void add_issues(Verdict& v, const ValidationReport& report, const char* side, bool warnings) {
  int n = 0;
  for (const auto& issue : report.issues) {
    ++n;
    if (issue.severity == Severity::info) continue;
    if (issue.severity == Severity::warning && !warnings) continue;
    Evidence e;
    e.kind = EvidenceKind::issue;
    e.id = std::string(side) + "-" + to_string(issue.code) + "-" + std::to_string(n);
    e.description = std::string(side) + ": " + to_string(issue.severity) + " " +
                    to_string(issue.code) + ": " + issue.message;
    const std::string where = describe(issue.where);
    if (!where.empty()) e.description += " (" + where + ")";
    e.area_m2 = issue.area_m2;
    e.location = issue.location;
    v.evidence.push_back(std::move(e));
  }
}

// Counted here rather than with ValidationReport's helpers so the rule depends on the value only.
int count_of(const ValidationReport& report, Severity severity) {
  int n = 0;
  for (const auto& issue : report.issues) n += issue.severity == severity ? 1 : 0;
  return n;
}

Verdict evaluate(const RuleDefinition& def, const RuleContext& ctx, const RuleConfig& rc) {
  Verdict v = start_verdict(def);
  const bool warnings_fail = flag_param(def, rc, "fail_on_warnings");
  if (!ctx.before_validation && !ctx.after_validation) {
    v.status = VerdictStatus::not_evaluated;
    v.explanation_en = "The zonings were not validated, so their topology was not checked.";
    v.explanation_zh = "未对功能区划进行拓扑检查。";
    return v;
  }
  int errors = 0, warnings = 0;
  std::string missing;
  for (const auto& [report, side] :
       {std::pair{ctx.before_validation, "before"}, std::pair{ctx.after_validation, "after"}}) {
    if (!report) {
      missing = side;
      continue;
    }
    v.measured.push_back(count(std::string(side) + "_errors", count_of(*report, Severity::error)));
    v.measured.push_back(
        count(std::string(side) + "_warnings", count_of(*report, Severity::warning)));
    v.measured.push_back(
        count(std::string(side) + "_repairs", static_cast<double>(report->repairs.size())));
    errors += count_of(*report, Severity::error);
    warnings += count_of(*report, Severity::warning);
    add_issues(v, *report, side, true);
  }
  v.thresholds = {count("max_errors", 0)};
  if (warnings_fail) v.thresholds.push_back(count("max_warnings", 0));
  v.threshold_text = warnings_fail ? "no error or warning findings" : "no error findings";
  const std::string counts_en =
      std::to_string(errors) + " error(s), " + std::to_string(warnings) + " warning(s)";
  const std::string counts_zh =
      std::to_string(errors) + " 个错误，" + std::to_string(warnings) + " 个警告";
  if (errors > 0 || (warnings_fail && warnings > 0)) {
    v.status = VerdictStatus::fail;
    v.explanation_en = "The zoning has topology problems: " + counts_en +
                       " (overlapping zones, gaps or an exposed core); fix the data first.";
    v.explanation_zh =
        "功能区划存在拓扑问题：" + counts_zh + "（功能区重叠、缝隙或核心区外露），请先修正数据。";
  } else if (!missing.empty()) {
    v.status = VerdictStatus::not_evaluated;
    v.explanation_en = "Only one side was validated (" + counts_en + "); the " + missing +
                       " zoning was not checked.";
    v.explanation_zh = "只检查了一侧（" + counts_zh + "），另一侧未检查。";
  } else if (warnings > 0) {
    v.status = VerdictStatus::warn;
    v.explanation_en = "The zonings are usable but have " + counts_en + "; see the evidence.";
    v.explanation_zh = "功能区划可用，但有 " + counts_zh + "，详见证据。";
  } else {
    v.status = VerdictStatus::pass;
    v.explanation_en = "Both zonings pass the topology checks (no overlaps, gaps or exposed core).";
    v.explanation_zh = "调整前后的功能区划均通过拓扑检查（无重叠、缝隙或核心区外露）。";
  }
  return v;
}

}  // namespace

RuleDefinition zoning_sanity_rule() {
  RuleDefinition def;
  def.id = "zoning-sanity";
  def.title_zh = "功能区划拓扑检查";
  def.title_en = "Zoning sanity";
  def.description =
      "validate_zoning on both sides: zones must not overlap, must leave no gaps inside the "
      "reserve, and core should be enclosed by buffer. Error findings fail; warnings warn (or "
      "fail with fail_on_warnings).";
  def.params = {{"fail_on_warnings", ParamType::boolean, "fail on warning findings too", false,
                 std::nullopt}};
  def.evaluate = [d = def](const RuleContext& ctx, const RuleConfig& rc) {
    return evaluate(d, ctx, rc);
  };
  return def;
}

}  // namespace reserve::rules
