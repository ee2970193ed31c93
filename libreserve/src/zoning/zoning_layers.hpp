#pragma once
// Reading the layers of a zoning's sources, shared by load_zoning and validate_zoning_sources.
// Private to the library.
#include <utility>
#include <vector>

#include "reserve/issue.hpp"
#include "reserve/zoning.hpp"

namespace reserve::zoning {

// Each source's layer as read_layer reads it. A source given as a whole dataset whose layers are
// all named by zone (a KML/KMZ with one folder per zone: 核心区, 缓冲区, 实验区) becomes one source
// per non-empty layer, each the zone it is named after, with a zone-named-layers issue in
// `notes`; any other dataset with several layers keeps read_layer's "choose one with --layer".
std::vector<std::pair<Layer, ZoningSource>> read_zoning_layers(
    const std::vector<ZoningSource>& sources, const ZoneScheme& scheme, std::vector<Issue>& notes);

}  // namespace reserve::zoning
