#pragma once
// Whether an input path can be read, told precisely: "not found", "permission denied", "is a
// directory" are different problems with different fixes. Private to the library.
#include <string>

namespace reserve::io {

enum class InputKind {
  file,            // a regular file is required (CSV tables, the .shp of a shapefile)
  file_or_folder,  // a folder is a dataset too (FileGDB, a folder of shapefiles)
};

// Throws InputError naming `path` when it does not exist, a folder on the way is a file, it
// cannot be reached or read for lack of permission, or it is a folder where a file is required.
void check_input_path(const std::string& path, InputKind kind);

}  // namespace reserve::io
