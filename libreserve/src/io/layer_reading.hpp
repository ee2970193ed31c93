#pragma once
// Pieces shared by read_layer and inspect_dataset for GDAL sources, and the readers for text
// tables (CSV of points, corner-point tables). Private to the library.
#include <string>
#include <vector>

#include "io/vector_source.hpp"
#include "reserve/io.hpp"

namespace reserve::io {

// Field names of the layer, decoded to UTF-8.
std::vector<FieldInfo> layer_fields(const VectorSource& src, OGRLayer& layer);

// The layer's CRS, or options.assume_crs when it has none; InputError (with a suggestion from the
// coordinates) when neither exists. `swap_axes` tells whether stored coordinates are lat/lon.
Crs resolve_layer_crs(OGRLayer& layer, const ReadOptions& options, const SourceRef& where,
                      bool& swap_axes);

// SHA-256 of a file, or of a folder (FileGDB): hash over the sorted file names and their hashes.
std::string sha256_path(const std::string& path);

Layer read_csv_points(const std::string& path, const ReadOptions& options);
DatasetInfo inspect_csv_points(const std::string& path, const ReadOptions& options);

}  // namespace reserve::io
