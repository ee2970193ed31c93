#include "support/gdal_writer.hpp"

#include <fmt/format.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <cctype>

#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace reserve::test {
namespace {

struct DatasetCloser {
  void operator()(GDALDataset* ds) const noexcept { GDALClose(GDALDataset::ToHandle(ds)); }
};

OGRwkbGeometryType geometry_type(const std::string& name) {
  if (name.empty()) return wkbUnknown;
  if (name == "None") return wkbNone;  // an attribute table (OGRFromOGCGeomType has no "None")
  const OGRwkbGeometryType t = OGRFromOGCGeomType(name.c_str());
  return t;
}

OGRFieldType field_type(const std::string& type) {
  if (type == "integer") return OFTInteger64;
  if (type == "real") return OFTReal;
  return OFTString;
}

std::runtime_error gdal_failure(const std::string& what) {
  return std::runtime_error(what + ": " + CPLGetLastErrorMsg());
}

}  // namespace

void write_layer(const std::string& path, const LayerSpec& spec) {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(spec.driver.c_str());
  if (driver == nullptr) throw std::runtime_error("no GDAL driver " + spec.driver);
  std::unique_ptr<GDALDataset, DatasetCloser> ds;
  const bool multi = spec.driver == "GPKG" || spec.driver == "OpenFileGDB";
  if (multi && std::filesystem::exists(path))
    ds.reset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
  else
    ds.reset(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds) throw gdal_failure("cannot create " + path);

  OGRSpatialReference srs;
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRSpatialReference* srs_ptr = nullptr;
  if (!spec.crs_wkt.empty()) {
    if (srs.importFromWkt(spec.crs_wkt.c_str()) != OGRERR_NONE) throw gdal_failure("bad WKT");
    srs_ptr = &srs;
  } else if (spec.epsg != 0) {
    if (srs.importFromEPSG(spec.epsg) != OGRERR_NONE) throw gdal_failure("bad EPSG code");
    srs_ptr = &srs;
  }
  std::vector<const char*> opts;
  for (const auto& o : spec.layer_options) opts.push_back(o.c_str());
  opts.push_back(nullptr);
  OGRLayer* layer = ds->CreateLayer(spec.layer.c_str(), srs_ptr, geometry_type(spec.geometry_type),
                                    const_cast<char**>(opts.data()));
  if (layer == nullptr) throw gdal_failure("cannot create layer " + spec.layer);
  for (const auto& f : spec.fields) {
    OGRFieldDefn defn(f.name.c_str(), field_type(f.type));
    if (layer->CreateField(&defn) != OGRERR_NONE)
      throw gdal_failure("cannot create field " + f.name);
  }
  for (const auto& fs : spec.features) {
    OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
    for (std::size_t i = 0; i < fs.values.size() && i < spec.fields.size(); ++i) {
      const bool is_null = i < fs.null_mask.size() && fs.null_mask[i];
      if (is_null)
        feature->SetFieldNull(static_cast<int>(i));
      else
        feature->SetField(static_cast<int>(i), fs.values[i].c_str());
    }
    if (!fs.wkt.empty()) {
      OGRGeometry* g = nullptr;
      if (OGRGeometryFactory::createFromWkt(fs.wkt.c_str(), srs_ptr, &g) != OGRERR_NONE)
        throw std::runtime_error("bad WKT in test: " + fs.wkt);
      feature->SetGeometryDirectly(g);
    }
    if (layer->CreateFeature(feature.get()) != OGRERR_NONE)
      throw gdal_failure("cannot write a feature to " + path);
  }
}

std::string shifted_wkt(const std::string& wkt, double dx, double dy) {
  // Numbers after "(" or "," are x, then y (then z, m: left alone).
  std::string out;
  int axis = 0;
  for (std::size_t i = 0; i < wkt.size();) {
    const char c = wkt[i];
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.') {
      std::size_t used = 0;
      const double v = std::stod(wkt.substr(i), &used);
      out += fmt::format("{}", v + (axis == 0 ? dx : axis == 1 ? dy : 0.0));
      ++axis;
      i += used;
      continue;
    }
    if (c == '(' || c == ',') axis = 0;
    out += c;
    ++i;
  }
  return out;
}

void write_zone_gpkg(const std::string& path, const std::string& field,
                     const std::vector<ZoneRow>& rows, int epsg) {
  LayerSpec spec;
  spec.driver = "GPKG";
  spec.layer = "zones";
  spec.epsg = epsg;
  spec.geometry_type = "Polygon";
  spec.fields = {{field, "string"}};
  for (const auto& row : rows)
    spec.features.emplace_back(shifted_wkt(row.wkt, 500000.0, 3700000.0),
                               std::vector<std::string>{row.label});
  write_layer(path, spec);
}

void set_dbf_ldid(const std::string& dbf_path, std::uint8_t ldid) {
  std::fstream f(dbf_path, std::ios::binary | std::ios::in | std::ios::out);
  if (!f) throw std::runtime_error("cannot open " + dbf_path);
  f.seekp(29);
  const char byte = static_cast<char>(ldid);
  f.write(&byte, 1);
  if (!f) throw std::runtime_error("cannot write the LDID byte of " + dbf_path);
}

}  // namespace reserve::test
