#pragma once
// A GeoPackage written the way every output is: into a temporary file in the target folder,
// renamed into place only when complete (core/atomic_file). Private to the library.
#include <functional>
#include <string>

#include "io/gdal_common.hpp"

namespace reserve::report {

// Creates a GeoPackage at a temporary path beside `path`, lets `fill` write its layers, closes
// it, and renames it to `path`. InputError naming the file when it cannot be created or written.
void write_gpkg_atomically(const std::string& path, const std::function<void(GDALDataset&)>& fill);

}  // namespace reserve::report
