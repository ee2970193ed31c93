// The suggestion's enum spellings and exit code.
#include "reserve/error.hpp"
#include "reserve/suggest.hpp"

namespace reserve {

const char* to_string(AddedZonePolicy p) noexcept {
  switch (p) {
    case AddedZonePolicy::least_strict: return "experimental";
    case AddedZonePolicy::strict: return "buffer";
    case AddedZonePolicy::choose: return "choose";
  }
  return "choose";
}

AddedZonePolicy added_zone_policy_from_string(const std::string& text) {
  if (text == "experimental" || text == "general_control" || text == "least-strict")
    return AddedZonePolicy::least_strict;
  if (text == "buffer" || text == "core_protection" || text == "strict")
    return AddedZonePolicy::strict;
  if (text == "choose") return AddedZonePolicy::choose;
  throw UsageError("unknown added zone '" + text + "': use experimental, buffer or choose");
}

const char* to_string(SuggestionAction a) noexcept {
  return a == SuggestionAction::add ? "add" : "upgrade";
}

const char* to_string(SuggestStatus s) noexcept {
  switch (s) {
    case SuggestStatus::not_needed: return "not_needed";
    case SuggestStatus::solved: return "solved";
    case SuggestStatus::infeasible: return "infeasible";
  }
  return "not_needed";
}

int exit_code_for(const SuggestResult& result) noexcept {
  return result.status == SuggestStatus::infeasible ? 1 : 0;
}

}  // namespace reserve
