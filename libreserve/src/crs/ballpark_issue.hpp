#pragma once
// A transformation without a datum shift (PROJ "ballpark") is never silent: a note on the layer
// that states how far off it can be. That depends on the datums: WGS 84 and CGCS2000 are both
// ITRF-aligned and agree to a few decimetres at most (CGCS2000 is ITRF97 at epoch 2000.0; WGS 84
// follows the current ITRF; the difference is plate motion since 2000, about 3–4 cm a year in
// China, so under a metre), while Xian 1980 or Beijing 1954 → CGCS2000 is tens of metres and more.
#include <optional>
#include <string>

#include "reserve/crs.hpp"
#include "reserve/issue.hpp"

namespace reserve::crs {

// True when the CRS is on the WGS 84 or the CGCS2000 datum (by the datum names in its WKT).
inline bool on_wgs84_or_cgcs2000(const Crs& c) {
  for (const char* datum : {"World Geodetic System 1984", "China 2000",
                            "China Geodetic Coordinate "
                            "System 2000"})
    if (c.wkt.find(datum) != std::string::npos) return true;
  return false;
}

inline std::optional<Issue> ballpark_issue(const Transformer& t, const Crs& from, const Crs& to,
                                           const SourceRef& where) {
  if (!t.is_ballpark()) return std::nullopt;
  Issue issue;
  issue.code = IssueCode::ballpark_transformation;
  issue.where = where;
  const std::string head = "no datum shift is known from " + from.label() + " to " + to.label() +
                           " (PROJ: " + t.description() + "); ";
  if (on_wgs84_or_cgcs2000(from) && on_wgs84_or_cgcs2000(to)) {
    issue.severity = Severity::info;
    issue.message = head +
                    "WGS 84 and CGCS2000 agree to well under a metre (a few decimetres from plate "
                    "motion since epoch 2000.0), so areas change by less than 0.01 % of a 1 km "
                    "zone; no action is needed unless the survey asks for centimetres";
  } else {
    issue.severity = Severity::warning;
    issue.message = head +
                    "coordinates may be off by tens of metres or more (e.g. Xian 1980 or Beijing "
                    "1954 → CGCS2000): convert the data with the official parameters first, or "
                    "check the result";
  }
  return issue;
}

}  // namespace reserve::crs
