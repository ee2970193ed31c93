// 不以调代改 (no adjusting instead of rectifying): the slot filled by the conflicts module. The
// rule itself lives in rules/rule_no_adjusting_overlay.cpp and rule_no_adjusting_verdict.cpp
// (reserve/overlay.hpp): without conflict layers it reports not_evaluated with the removed and
// downgraded land as evidence to check by hand.
#include "reserve/overlay.hpp"
#include "rules/rule_helpers.hpp"

namespace reserve::rules {

RuleDefinition no_adjusting_instead_of_rectifying_rule() {
  RuleDefinition def = no_adjusting_rule_definition();
  // Without conflict layers, keep the hand-check evidence of the placeholder.
  def.evaluate = [inner = def.evaluate](const RuleContext& ctx, const RuleConfig& config) {
    Verdict v = inner(ctx, config);
    if (!ctx.conflicts) {
      v.threshold_text = "no conflict feature inside removed or downgraded land";
      v.evidence = piece_evidence(ctx.comparison.removed, EvidenceKind::removed);
      auto downgraded = piece_evidence(ctx.comparison.downgraded, EvidenceKind::downgraded);
      v.evidence.insert(v.evidence.end(), downgraded.begin(), downgraded.end());
      v.explanation_en =
          "Not evaluated: no conflict layers (mining rights, facilities) were given. The removed "
          "and downgraded land is listed as evidence to check by hand.";
      v.explanation_zh =
          "未评价：未提供矿权、设施等冲突图层。调出及降级地块已列为证据，请人工核查。";
    }
    return v;
  };
  return def;
}

}  // namespace reserve::rules
