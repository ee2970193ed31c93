// inspect_dataset: what a dataset holds (layers, types, counts, CRS, encoding, fields, extent)
// without reading the features.
#include <filesystem>

#include "io/layer_reading.hpp"
#include "reserve/io.hpp"

namespace reserve {

DatasetInfo inspect_dataset(const std::string& path, const ReadOptions& options) {
  if (io::is_csv_path(path)) return io::inspect_csv_points(path, options);
  io::VectorSource src = io::open_source(path, options.encoding);
  DatasetInfo info;
  info.path = path;
  info.driver = src.driver;
  const bool shp_folder = src.driver == "ESRI Shapefile" && std::filesystem::is_directory(path);
  std::vector<std::string> names = io::layer_names(*src.dataset);
  if (!options.layer.empty()) {
    io::choose_layer(*src.dataset, options.layer, path);  // throws listing the layers
    names = {options.layer};
  }
  for (const auto& name : names) {
    io::VectorSource layer_src;
    const io::VectorSource* s = &src;
    if (shp_folder) {
      layer_src = io::reopen_shapefile_layer(src, name, options.encoding);
      s = &layer_src;
    }
    OGRLayer& layer =
        shp_folder ? *s->dataset->GetLayer(0) : *src.dataset->GetLayerByName(name.c_str());
    LayerInfo li;
    li.name = name;
    li.geometry_type = OGRGeometryTypeToName(wkbFlatten(layer.GetGeomType()));
    if (layer.GetGeomType() == wkbUnknown) li.geometry_type = "Geometry";
    if (layer.GetGeomType() == wkbNone) li.geometry_type = "None";
    li.feature_count = static_cast<std::int64_t>(layer.GetFeatureCount(TRUE));
    li.crs = io::crs_of(layer.GetSpatialRef());
    li.encoding = s->encoding.encoding;
    li.encoding_source = s->encoding.source;
    li.fields = io::layer_fields(*s, layer);
    OGREnvelope e;
    if (li.feature_count > 0 && layer.GetExtent(&e, TRUE) == OGRERR_NONE) {
      li.extent.expand(Point{e.MinX, e.MinY});
      li.extent.expand(Point{e.MaxX, e.MaxY});
    }
    info.layers.push_back(std::move(li));
  }
  return info;
}

}  // namespace reserve
