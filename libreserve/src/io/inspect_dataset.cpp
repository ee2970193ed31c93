// inspect_dataset: what a dataset holds (layers, types, counts, CRS, encoding, fields, extent)
// without reading the features.
#include <filesystem>

#include "io/input_path.hpp"
#include "io/layer_reading.hpp"
#include "reserve/io.hpp"

namespace reserve {
namespace {

// OGC spelling without Z/M ("MultiPolygon"); the data's Z/M are dropped on reading anyway.
std::string geometry_type_name(OGRwkbGeometryType type) {
  switch (wkbFlatten(type)) {
    case wkbNone: return "None";
    case wkbUnknown: return "Geometry";
    case wkbPoint: return "Point";
    case wkbMultiPoint: return "MultiPoint";
    case wkbLineString: return "LineString";
    case wkbMultiLineString: return "MultiLineString";
    case wkbPolygon: return "Polygon";
    case wkbMultiPolygon: return "MultiPolygon";
    case wkbGeometryCollection: return "GeometryCollection";
    case wkbCircularString: return "CircularString";
    case wkbCompoundCurve: return "CompoundCurve";
    case wkbCurvePolygon: return "CurvePolygon";
    case wkbMultiCurve: return "MultiCurve";
    case wkbMultiSurface: return "MultiSurface";
    default: return OGRGeometryTypeToName(wkbFlatten(type));
  }
}

}  // namespace

DatasetInfo inspect_dataset(const std::string& path, const ReadOptions& options) {
  if (io::is_csv_path(path)) {
    io::check_input_path(path, io::InputKind::file);  // `mkdir dir.csv` is not a table
    return io::inspect_text_layer(path, options);
  }
  io::ErrorCapture quiet;  // GDAL's messages become errors here, never stderr noise
  io::VectorSource src = io::open_source(path, options.encoding);
  DatasetInfo info;
  info.path = io::mask_passwords(path);
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
    li.geometry_type = geometry_type_name(layer.GetGeomType());
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
