#pragma once
// Reading a layer into the working CRS row by row. Private to the library.
#include <cstddef>
#include <functional>
#include <vector>

#include "io/layer_reading.hpp"
#include "reserve/crs.hpp"
#include "reserve/features.hpp"
#include "reserve/geometry.hpp"
#include "reserve/io.hpp"
#include "reserve/issue.hpp"

namespace reserve::analysis {

// read_layer, then per feature: geographic range check and reprojection; failing rows become
// issues (severity error) and are dropped. `ordinals` (optional) receives the 1-based position in
// the layer as read of each kept feature, so that rows stay named by their place in the source.
Layer read_in_working_crs(const std::string& path, const ReadOptions& options,
                          const Crs& working_crs, std::vector<std::size_t>* ordinals = nullptr);

// read_in_working_crs without holding the layer: each kept feature goes to `row` with its ordinal
// as it is read; the layer comes back without features, its issues in the same order. With
// `near` (a GDAL file), rows the reader finds far (io::read_layer_rows_near) are counted in
// near->far and never converted; ordinals still count them.
using WorkingRowSink = std::function<void(Feature&& feature, std::size_t ordinal)>;
Layer read_in_working_crs_rows(const std::string& path, const ReadOptions& options,
                               const Crs& working_crs, const WorkingRowSink& row,
                               io::NearRows* near = nullptr);

// Whether an issue stands for a skipped row (an error, or a message saying the row was skipped).
bool is_skipped_row(const Issue& issue);

// load_features for the rows whose envelope (working CRS) comes within d_m of `box` (see
// boxes_within, analysis/feature_filter.hpp): the others are left out
// right after reprojection, before validation, category lookup or any copy, and counted in
// `left_out` (they are not skipped rows: no issue). The source's features_read counts them.
// Used for province-wide layers against one reserve (issue 14).
FeatureSet load_features_within(const FeatureOptions& options, const Crs& working_crs,
                                const Envelope& box, double d_m, std::size_t& left_out);

// Issues that stand for a skipped row (errors, or messages saying the row was skipped).
std::size_t count_skipped(const std::vector<Issue>& issues);

}  // namespace reserve::analysis
