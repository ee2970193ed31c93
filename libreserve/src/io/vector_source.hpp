#pragma once
// Opening a GDAL vector source for reading with the text encoding settled: shapefiles are opened
// without GDAL's recoding (ENCODING="") and decoded here, so that every undecodable byte is seen
// and reported; other formats are UTF-8 by definition. Private to the library.
#include <string>

#include "io/gdal_common.hpp"
#include "io/shapefile_encoding.hpp"
#include "reserve/io.hpp"

namespace reserve::io {

struct VectorSource {
  DatasetPtr dataset;
  std::string path;            // the file actually opened (a layer's .shp inside a folder)
  std::string driver;          // GDAL short name
  ShapefileEncoding encoding;  // source "format" for formats that define UTF-8
  bool decode_text = false;    // strings are raw bytes in `encoding.encoding`
};

VectorSource open_source(const std::string& path, const std::string& encoding_override);

// For a folder of shapefiles: re-opens the chosen layer's own .shp, so that its .cpg/LDID apply.
VectorSource reopen_shapefile_layer(const VectorSource& folder, const std::string& layer_name,
                                    const std::string& encoding_override);

// Field value / name to UTF-8 (counts undecodable sequences into `replaced`).
std::string to_utf8(const VectorSource& src, const char* raw, std::size_t& replaced);

bool is_csv_path(const std::string& path);

}  // namespace reserve::io
