#pragma once
// The rules a suggestion restores, as the model's constraints, and what to say when they cannot
// be met. Private to the library.
#include <string>
#include <vector>

#include "reserve/check.hpp"
#include "reserve/suggest.hpp"
#include "suggest/model.hpp"
#include "suggest/pieces.hpp"

namespace reserve::suggestion {

// Rule ids suggest can restore, in report order.
inline constexpr const char* kNoSlimming = "no-slimming";
inline constexpr const char* kShare = "core-buffer-share";
inline constexpr const char* kStrictArea = "core-buffer-area";

struct Targets {
  std::vector<SuggestTarget> failing;      // what the suggestion sets out to restore
  std::vector<std::string> not_addressed;  // failing rules out of its reach
  Model constraints;                       // every enabled rule of the three (items empty)
};

// From the check: every enabled rule among the three becomes a constraint. A failing one is
// restored to the baseline's figure (the rule's tolerance is not used up); a passing one must not
// fall below the lower of its baseline and current figures, so it keeps passing.
Targets targets_of(const CheckResult& check, const ZonePlan& plan, AddedZonePolicy added);

// One sentence per rule that no choice of the model's reachable items can meet, with figures;
// when each can be met alone but not together, one sentence saying so.
std::vector<std::string> unmet_rules(const Model& model, const ZonePlan& plan);

}  // namespace reserve::suggestion
