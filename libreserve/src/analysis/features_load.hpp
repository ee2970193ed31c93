#pragma once
// Reading a layer into the working CRS row by row. Private to the library.
#include <cstddef>
#include <vector>

#include "reserve/crs.hpp"
#include "reserve/io.hpp"
#include "reserve/issue.hpp"

namespace reserve::analysis {

// read_layer, then per feature: geographic range check and reprojection; failing rows become
// issues (severity error) and are dropped.
Layer read_in_working_crs(const std::string& path, const ReadOptions& options,
                          const Crs& working_crs);

// Issues that stand for a skipped row (errors, or messages saying the row was skipped).
std::size_t count_skipped(const std::vector<Issue>& issues);

}  // namespace reserve::analysis
