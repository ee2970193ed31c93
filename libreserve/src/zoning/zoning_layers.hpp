#pragma once
// Reading the layers of a zoning's sources, shared by load_zoning and validate_zoning_sources.
// Private to the library.
#include <optional>
#include <utility>
#include <vector>

#include "reserve/crs.hpp"
#include "reserve/issue.hpp"
#include "reserve/zoning.hpp"

namespace reserve::zoning {

// Each source's layer as read_layer reads it. A source given as a whole dataset whose layers are
// all named by zone (a KML/KMZ with one folder per zone: 核心区, 缓冲区, 实验区) becomes one source
// per non-empty layer, each the zone it is named after, with a zone-named-layers issue in
// `notes`; any other dataset with several layers keeps read_layer's "choose one with --layer".
std::vector<std::pair<Layer, ZoningSource>> read_zoning_layers(
    const std::vector<ZoningSource>& sources, const ZoneScheme& scheme, std::vector<Issue>& notes);

// load_zoning in two steps, so that a check can read both zonings' files side by side and then
// build both: the layers read (with the zone-named-layers notes), and the zoning built from them.
struct ReadZoning {
  std::vector<std::pair<Layer, ZoningSource>> layers;
  std::vector<Issue> notes;
};
ReadZoning read_zoning(const ZoningOptions& options);
// The same with the layer of the only source read already (read_layer(path, read) of that
// source): taken as it is. Unset, or several sources: read_zoning(options).
ReadZoning read_zoning(const ZoningOptions& options, std::optional<Layer> read_already);
Zoning build_zoning(const ReadZoning& read, const ZoningOptions& options);

// The working CRS that building a zoning of these layers will choose, told before building it:
// nullopt when a layer has no CRS or no features, or the choice fails (building says why, by
// file and layer).
std::optional<Crs> working_crs_ahead(const std::vector<std::pair<Layer, ZoningSource>>& layers,
                                     const ZoningOptions& options);

}  // namespace reserve::zoning
