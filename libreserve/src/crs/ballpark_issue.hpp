#pragma once
// A transformation without a datum shift (PROJ "ballpark") between different datums can be off
// by tens of metres (e.g. Xian 1980 → CGCS2000): never silent, always a warning on the layer.
#include <optional>

#include "reserve/crs.hpp"
#include "reserve/issue.hpp"

namespace reserve::crs {

inline std::optional<Issue> ballpark_issue(const Transformer& t, const Crs& from, const Crs& to,
                                           const SourceRef& where) {
  if (!t.is_ballpark()) return std::nullopt;
  Issue issue;
  issue.code = "ballpark-transformation";
  issue.severity = Severity::warning;
  issue.where = where;
  issue.message = "no datum shift is known from " + from.label() + " to " + to.label() +
                  " (PROJ: " + t.description() +
                  "); coordinates may be off by tens of metres: convert the data with the "
                  "official parameters first, or check the result";
  return issue;
}

}  // namespace reserve::crs
