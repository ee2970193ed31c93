#pragma once
// Writing the suggestion's two GeoPackages (atomically). Private to the library.
#include <string>

#include "reserve/suggest.hpp"

namespace reserve::suggestion {

// suggestion.gpkg: layer "suggestion", one feature per parcel, working CRS.
void write_suggestion_gpkg(const SuggestResult& result, const std::string& path);

// proposal_suggested.gpkg: the proposal's own layer (fields, zone labels, CRS) with the upgraded
// land cut out of its features and one feature per parcel, when the proposal came from one
// GDAL layer; else a layer "zones" with a field 功能分区 in the working CRS.
void write_suggested_proposal_gpkg(const SuggestResult& result, const std::string& path);

}  // namespace reserve::suggestion
