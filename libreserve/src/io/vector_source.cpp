#include "io/vector_source.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "io/input_path.hpp"
#include "io/text_encoding.hpp"

namespace reserve::io {
namespace fs = std::filesystem;

namespace {
std::string lower_ext(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}
}  // namespace

bool is_csv_path(const std::string& path) {
  if (is_connection_string(path)) return false;  // "PG:… host=/run/a.csv" is a database
  const std::string ext = lower_ext(path);
  return ext == ".csv" || ext == ".txt" || ext == ".tsv";
}

VectorSource open_source(const std::string& path, const std::string& encoding_override) {
  VectorSource src;
  src.path = path;
  const std::string ext = lower_ext(path);
  const bool shapefile = (ext == ".shp" || ext == ".dbf") && !is_connection_string(path);
  if (shapefile) {
    check_input_path(path, InputKind::file);
    src.encoding = resolve_shapefile_encoding(path, encoding_override);
    src.dataset = open_vector(path, {"ENCODING="});
    src.decode_text = true;
  } else {
    src.dataset = open_vector(path);
    src.encoding.encoding = "UTF-8";
    src.encoding.source = "format";
  }
  GDALDriver* drv = src.dataset->GetDriver();
  src.driver = drv != nullptr ? drv->GetDescription() : "";
  if (!shapefile && src.driver == "ESRI Shapefile") {
    // A folder of shapefiles: the encoding is settled per layer by reopen_shapefile_layer.
    src.encoding.encoding = "UTF-8";
    src.encoding.source = "default";
    src.decode_text = true;
  }
  if (!encoding_override.empty() && !src.decode_text) {
    // Formats that define their encoding (GeoPackage, GeoJSON, KML, FileGDB): UTF-8 always.
    check_encoding_known(canonical_encoding(encoding_override));
  }
  return src;
}

VectorSource reopen_shapefile_layer(const VectorSource& folder, const std::string& layer_name,
                                    const std::string& encoding_override) {
  const fs::path dir(folder.path);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().stem().string() == layer_name && lower_ext(entry.path().string()) == ".shp")
      return open_source(entry.path().string(), encoding_override);
  }
  throw InputError("no .shp for layer '" + layer_name + "'", {folder.path, layer_name, ""});
}

std::string to_utf8(const VectorSource& src, const char* raw, std::size_t& replaced) {
  if (raw == nullptr) return {};
  DecodedText d = src.decode_text ? decode_to_utf8(raw, src.encoding.encoding) : sanitize_utf8(raw);
  replaced += d.replaced;
  return std::move(d.utf8);
}

}  // namespace reserve::io
