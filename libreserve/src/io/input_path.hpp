#pragma once
// Whether an input path can be read, told precisely: "not found", "permission denied", "is a
// directory" are different problems with different fixes. GDAL connection strings (`PG:…`) name
// no file: they are passed to GDAL as they are, and shown with any password masked. Private to
// the library.
#include <string>

namespace reserve::io {

enum class InputKind {
  file,            // a regular file is required (CSV tables, the .shp of a shapefile)
  file_or_folder,  // a folder is a dataset too (FileGDB, a folder of shapefiles)
};

// Throws InputError naming `path` when it does not exist, a folder on the way is a file, it
// cannot be reached or read for lack of permission, or it is a folder where a file is required.
// A connection string is not checked here (GDAL's open tells what is wrong with it).
void check_input_path(const std::string& path, InputKind kind);

// True for a GDAL connection string such as `PG:dbname=reserves host=/run/pg tables=zones`
// (a driver prefix of two or more letters, digits or '_' and a colon) when no file of that name
// exists. "C:\data\a.gpkg" (one letter) and "./PG:x" (a path) are not connection strings.
bool is_connection_string(const std::string& path);

// The text with every password value replaced by "***": `password=…` / `pwd=…` key-value pairs
// (quoted or not, any case) and the `user:secret@` part of a URI (`postgresql://u:p@host/db`).
// Used wherever a connection string is shown: messages, reports, the audit's command line.
std::string mask_passwords(const std::string& text);

}  // namespace reserve::io
