#include "report_map.hpp"

#include <filesystem>

#include "reserve/error.hpp"

namespace reserve::cli {

MapFormat report_map_format(const std::string& path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".svg") return MapFormat::svg;
  if (ext == ".png") return MapFormat::png;
  throw UsageError("--map must name a .svg or .png file (got '" + path + "')");
}

void write_report_map(const MapImage& map, const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) throw UsageError("cannot create the folder " + parent.string() + ": " + ec.message());
  write_file_atomic(path, map.svg.empty() ? std::string(map.png.begin(), map.png.end()) : map.svg);
}

}  // namespace reserve::cli
