#include "report_map.hpp"

#include <filesystem>
#include <iostream>

#include "conflict_inputs.hpp"
#include "reserve/error.hpp"
#include "reserve/map_layers.hpp"
#include "reserve/render.hpp"
#include "reserve/report.hpp"

namespace reserve::cli {

MapImage write_report_map(const Zoning& before, const Zoning& after, const Comparison& comparison,
                          const FeatureSet* features, const std::string& path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext != ".svg" && ext != ".png")
    throw UsageError("--map must name a .svg or .png file (got '" + path + "')");
  const MapFormat format = ext == ".svg" ? MapFormat::svg : MapFormat::png;
  const MapLayers layers = comparison_map_layers(before, after, comparison, features);
  MapStyle style = default_map_style();
  style.title = "保护区功能区调整对比图";
  const RenderedMap map = render_map_bytes(layers, style, format);
  for (const auto& w : map.summary.warnings) std::cerr << "reserve check: map: " << w << "\n";
  // The file holds the same bytes that go into the report.
  write_file_atomic(path, map.bytes);
  MapImage image;
  if (format == MapFormat::svg)
    image.svg = map.bytes;
  else
    image.png.assign(map.bytes.begin(), map.bytes.end());
  image.caption = "调整前后功能区对比（" + map.summary.crs_note + "）";
  return image;
}

}  // namespace reserve::cli
