#include "analysis/left_out_groups.hpp"

#include <cctype>
#include <optional>
#include <tuple>

namespace reserve::analysis {
namespace {

// The row number in "row 22" (CSV: the spreadsheet row) or a numeric FID ("17"); none otherwise.
std::optional<std::size_t> row_number(const std::string& feature) {
  std::size_t end = feature.size();
  std::size_t begin = end;
  while (begin > 0 && std::isdigit(static_cast<unsigned char>(feature[begin - 1]))) --begin;
  if (begin == end || end - begin > 18) return std::nullopt;
  const std::string prefix = feature.substr(0, begin);
  if (!prefix.empty() && prefix != "row " && prefix != "FID ") return std::nullopt;
  return std::stoull(feature.substr(begin));
}

std::string file_name(const std::string& path) {
  const auto slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::string format_row_ranges(const std::vector<std::pair<std::size_t, std::size_t>>& ranges,
                              std::size_t max_ranges) {
  std::string out;
  for (std::size_t i = 0; i < ranges.size() && i < max_ranges; ++i) {
    const auto& [a, b] = ranges[i];
    if (!out.empty()) out += ", ";
    out += std::to_string(a);
    if (b != a) out += (b == a + 1 ? ", " : "–") + std::to_string(b);
  }
  if (ranges.size() > max_ranges)
    out += " … and " + std::to_string(ranges.size() - max_ranges) + " more ranges";
  return out;
}

bool LeftOutGroups::admit(const SourceRef& where, IssueCode code, Severity severity) {
  Group& g = groups_[{where.file, where.layer, code}];
  if (g.listed < shown_) {
    ++g.listed;
    return true;
  }
  if (g.more == 0) g.severity = severity;
  ++g.more;
  if (auto n = row_number(where.feature)) {
    if (!g.ranges.empty() && g.ranges.back().second + 1 == *n)
      g.ranges.back().second = *n;
    else
      g.ranges.emplace_back(*n, *n);
  } else {
    ++g.unnumbered;
  }
  return false;
}

void LeftOutGroups::flush(std::vector<Issue>& issues, std::vector<LeftOutFeature>& left_out) {
  for (auto& [key, g] : groups_) {
    if (g.more == 0) continue;
    const auto& [file, layer, code] = key;
    const std::string rows = format_row_ranges(g.ranges);
    const std::string what = std::to_string(g.more) + " more rows of " + file_name(file);
    std::string message = what + " could not be used for the same reason (" + to_string(code) +
                          ")" + (rows.empty() ? std::string() : ": rows " + rows);
    if (g.unnumbered > 0 && !rows.empty())
      message += " and " + std::to_string(g.unnumbered) + " rows without a row number";
    const SourceRef where{file, layer, rows.empty() ? std::string() : "rows " + rows};
    Issue issue;
    issue.code = code;
    issue.severity = g.severity;
    issue.message = message + "; the rows were skipped";
    issue.where = where;
    issues.push_back(std::move(issue));
    LeftOutFeature l;
    l.label = what;
    l.code = code;
    l.reason = message;
    l.where = where;
    l.rows = g.more;
    left_out.push_back(std::move(l));
    g = Group{};
  }
  groups_.clear();
}

}  // namespace reserve::analysis
