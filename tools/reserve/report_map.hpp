#pragma once
// The map that `reserve check --map PATH` writes and embeds in the HTML report.
#include <string>

#include "reserve/compare.hpp"
#include "reserve/features.hpp"
#include "reserve/report.hpp"
#include "reserve/zoning.hpp"

namespace reserve::cli {

// Renders the comparison map (baseline and proposal zones, outlines, changes, and the conflict
// features when given) with the default
// style to `path` (.svg or .png, by extension) and returns it for Report::map. Throws UsageError
// for any other extension.
MapImage write_report_map(const Zoning& before, const Zoning& after, const Comparison& comparison,
                          const FeatureSet* features, const std::string& path);

}  // namespace reserve::cli
