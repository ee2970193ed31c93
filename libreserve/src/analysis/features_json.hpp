#pragma once
// What a FeatureSet used and left out, as JSON for the overlay and the report's conflicts
// section. Private to the library.
#include <nlohmann/json.hpp>

#include "reserve/features.hpp"

namespace reserve::analysis {

// Adds "layers" (per source: path, layer, rows read (M), used (N), left out, repaired, kept as
// other), "left_out" (label, category or null, code, reason, file, layer, feature) and "repairs"
// (file, layer, feature, reason, area_before_m2, area_after_m2) to `j`.
void add_inputs_used(nlohmann::json& j, const FeatureSet& features);

}  // namespace reserve::analysis
