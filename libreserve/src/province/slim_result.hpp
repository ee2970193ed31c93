#pragma once
// What a province row keeps of its check once the report.json text is spooled
// (ProvinceRequest::keep_results false). Private to the library.
#include "reserve/check.hpp"

namespace reserve::province {

// Drops the geometry-bearing parts of `result` that no province output reads: the comparison,
// validations, report sections and map, the verdicts' evidence, the zonings' parts and the
// conflict overlay, the ledger's rows (spooled with the report), the audit, the profile and the
// zonings' sources (all in the spooled text; a few kB per row, 3,000 rows at national scale).
// Keeps the verdicts (rule, status, titles, measures), the overall status and the zonings' CRS.
void slim_result(CheckResult& result);

}  // namespace reserve::province
