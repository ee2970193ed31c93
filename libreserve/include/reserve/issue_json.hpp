#pragma once
// The one JSON form of an Issue, shared by the reports, `reserve validate --json`,
// `reserve info --json`, `reserve overlay --json` and Python's Issue.to_dict().
#include <string>

#include "reserve/export.hpp"
#include "reserve/issue.hpp"

namespace reserve {

// A compact JSON object (docs/report-schema.json, "$defs/issue"): code, severity, message, file,
// layer, feature, location ([x, y] in the working CRS, or null) and area_m2 (number or null);
// doubles in the shortest form that reads back to the same value.
RESERVE_API std::string issue_json_text(const Issue& issue);

}  // namespace reserve
