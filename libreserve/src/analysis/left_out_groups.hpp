#pragma once
// Grouping of unusable rows (issue 14.3): a conflict layer with thousands of bad rows lists the
// first few rows of each (file, issue code) in full and then one grouped entry — "N more rows of
// facilities.csv could not be used for the same reason (bad-coordinate): rows 22–50001" — so that
// memory and report size follow the number of distinct problems, not the number of rows. The
// counts stay exact: a grouped LeftOutFeature carries the number of rows it stands for.
#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "reserve/features.hpp"

namespace reserve::analysis {

// Rows of each (file, code) listed in full before the rest are grouped.
inline constexpr std::size_t kLeftOutShownPerCode = 20;

class LeftOutGroups {
 public:
  explicit LeftOutGroups(std::size_t shown = kLeftOutShownPerCode) : shown_(shown) {}
  // True when the row is among the first `shown` of its (file, code) and is to be listed in
  // full; otherwise it is only counted (and its row number kept as part of a range).
  bool admit(const SourceRef& where, IssueCode code, Severity severity);
  // Appends one grouped issue and one grouped LeftOutFeature per (file, layer, code) that had
  // more rows than were listed.
  void flush(std::vector<Issue>& issues, std::vector<LeftOutFeature>& left_out);

 private:
  struct Group {
    std::size_t listed = 0, more = 0, unnumbered = 0;
    Severity severity = Severity::error;
    std::vector<std::pair<std::size_t, std::size_t>> ranges;  // row numbers, inclusive
  };
  std::size_t shown_;
  std::map<std::tuple<std::string, std::string, IssueCode>, Group> groups_;
};

// "22–50001, 50003, 50005–50010" (at most `max_ranges` ranges, then "… and K more ranges").
std::string format_row_ranges(const std::vector<std::pair<std::size_t, std::size_t>>& ranges,
                              std::size_t max_ranges = 100);

}  // namespace reserve::analysis
