#pragma once
// The map file of `reserve check --map PATH` (the map itself is drawn by run_check).
#include <string>

#include "reserve/render.hpp"
#include "reserve/report.hpp"

namespace reserve::cli {

// svg or png from PATH's extension; UsageError for any other.
MapFormat report_map_format(const std::string& path);

// Writes the report's map (the same bytes as in report.html) to `path`, creating its folder.
void write_report_map(const MapImage& map, const std::string& path);

}  // namespace reserve::cli
