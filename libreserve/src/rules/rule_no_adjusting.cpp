// 不以调代改 (no adjusting instead of rectifying): THE SLOT the conflicts module fills.
//
// The conflicts module (conflicts-ledger) replaces this file's body with the real rule: land
// removed or downgraded that overlaps (or lies within [conflicts].buffer_distance_m of) a
// conflict feature is evidence; a feature freed by the adjustment fails the rule. Until then,
// and whenever no conflict layers are given, the rule reports not_evaluated with the reason —
// never a pass.
#include "rules/rule_helpers.hpp"

namespace reserve::rules {

RuleDefinition no_adjusting_instead_of_rectifying_rule() {
  RuleDefinition def;
  def.id = "no-adjusting-instead-of-rectifying";
  def.title_zh = "不以调代改";
  def.title_en = "No adjusting instead of rectifying";
  def.description =
      "Land removed from the reserve or moved to a less strict zone must not free a mine, "
      "tailings pond, concentrator, smelter, slag yard or other conflict feature (categories, "
      "buffer distance and decision table in [conflicts]). Needs conflict layers "
      "(--mining, --facilities); without them the rule is not evaluated.";
  def.evaluate = [d = def](const RuleContext& ctx, const RuleConfig&) {
    Verdict v = start_verdict(d);
    v.status = VerdictStatus::not_evaluated;
    v.threshold_text = "no conflict feature inside removed or downgraded land";
    v.evidence = piece_evidence(ctx.comparison.removed, "removed");
    auto downgraded = piece_evidence(ctx.comparison.downgraded, "downgraded");
    v.evidence.insert(v.evidence.end(), downgraded.begin(), downgraded.end());
    if (!ctx.conflicts) {
      v.explanation_en =
          "Not evaluated: no conflict layers (mining rights, facilities) were given. The removed "
          "and downgraded land is listed as evidence to check by hand.";
      v.explanation_zh =
          "未评价：未提供矿权、设施等冲突图层。调出及降级地块已列为证据，请人工核查。";
    } else {
      v.explanation_en = "Not evaluated: this build has no conflict overlay rule.";
      v.explanation_zh = "未评价：当前版本未包含冲突叠加规则。";
    }
    return v;
  };
  return def;
}

}  // namespace reserve::rules
