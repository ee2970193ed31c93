#pragma once
// Reading a layer into the working CRS row by row. Private to the library.
#include <cstddef>
#include <vector>

#include "reserve/crs.hpp"
#include "reserve/io.hpp"
#include "reserve/issue.hpp"

namespace reserve::analysis {

// read_layer, then per feature: geographic range check and reprojection; failing rows become
// issues (severity error) and are dropped. `ordinals` (optional) receives the 1-based position in
// the layer as read of each kept feature, so that rows stay named by their place in the source.
Layer read_in_working_crs(const std::string& path, const ReadOptions& options,
                          const Crs& working_crs, std::vector<std::size_t>* ordinals = nullptr);

// Whether an issue stands for a skipped row (an error, or a message saying the row was skipped).
bool is_skipped_row(const Issue& issue);
std::size_t count_skipped(const std::vector<Issue>& issues);

}  // namespace reserve::analysis
