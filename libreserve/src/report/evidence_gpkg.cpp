// The evidence GeoPackage: one layer per kind of change (removed, added, downgraded, upgraded,
// noise), every piece with its zones and area, in the comparison's working CRS.
#include <filesystem>
#include <memory>
#include <string>

#include "core/atomic_file.hpp"
#include "io/gdal_common.hpp"
#include "reserve/error.hpp"
#include "reserve/report.hpp"

namespace reserve {
namespace {

namespace fs = std::filesystem;

struct FeatureDeleter {
  void operator()(OGRFeature* f) const noexcept { OGRFeature::DestroyFeature(f); }
};

OGRLayer& create_layer(GDALDataset& ds, const char* name, OGRSpatialReference* srs,
                       const std::string& path) {
  OGRLayer* layer = ds.CreateLayer(name, srs, wkbMultiPolygon, nullptr);
  if (!layer) throw InputError("cannot create layer '" + std::string(name) + "' in " + path);
  const std::pair<const char*, OGRFieldType> fields[] = {
      {"piece_id", OFTString},   {"change", OFTString}, {"zone_before", OFTString},
      {"zone_after", OFTString}, {"area_m2", OFTReal},  {"area_ha", OFTReal},
      {"width_m", OFTReal},      {"noise", OFTInteger}};
  for (const auto& [fname, type] : fields) {
    OGRFieldDefn def(fname, type);
    if (layer->CreateField(&def) != OGRERR_NONE)
      throw InputError("cannot create field '" + std::string(fname) + "' in " + path);
  }
  return *layer;
}

void add_piece(OGRLayer& layer, const ChangePiece& p, const std::string& id,
               const std::string& change, OGRSpatialReference* srs, const std::string& path) {
  std::unique_ptr<OGRFeature, FeatureDeleter> f(OGRFeature::CreateFeature(layer.GetLayerDefn()));
  f->SetField("piece_id", id.c_str());
  f->SetField("change", change.c_str());
  f->SetField("zone_before", to_string(p.from));
  f->SetField("zone_after", to_string(p.to));
  f->SetField("area_m2", p.area_m2);
  f->SetField("area_ha", to_ha(p.area_m2));
  f->SetField("width_m", p.width_m);
  f->SetField("noise", p.noise ? 1 : 0);
  MultiPolygon mp;
  mp.polygons.push_back(p.geometry);
  const std::string wkb = to_wkb(Geometry::from(std::move(mp)));
  OGRGeometry* g = nullptr;
  if (OGRGeometryFactory::createFromWkb(wkb.data(), srs, &g, wkb.size()) != OGRERR_NONE || !g)
    throw InternalError("cannot convert evidence piece " + id + " to an OGR geometry");
  f->SetGeometryDirectly(g);
  if (layer.CreateFeature(f.get()) != OGRERR_NONE)
    throw InputError("cannot write evidence piece " + id + " to " + path);
}

}  // namespace

void write_evidence_gpkg(const Report& report, const std::string& path) {
  io::ensure_gdal_registered();
  io::ErrorCapture errors;
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  if (!driver) throw InternalError("GDAL has no GPKG driver; install GDAL with GeoPackage support");
  const Comparison& c = report.comparison;

  atomic::make_parent_folders(path);
  const std::string tmp = atomic::temporary_path_for(path);
  atomic::TemporaryFile guard(tmp);
  {
    io::DatasetPtr ds(driver->Create(tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds)
      throw InputError("cannot create " + tmp + ": " + errors.last() +
                       "; check that the output directory is writable");
    std::unique_ptr<OGRSpatialReference> srs;
    if (!c.crs.empty()) {
      srs = std::make_unique<OGRSpatialReference>();
      if (srs->importFromWkt(c.crs.wkt.c_str()) != OGRERR_NONE)
        throw InternalError("GDAL cannot read the working CRS " + c.crs.label());
      srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    }
    const std::pair<const char*, const ChangeSet*> sets[] = {{"removed", &c.removed},
                                                             {"added", &c.added},
                                                             {"downgraded", &c.downgraded},
                                                             {"upgraded", &c.upgraded}};
    for (const auto& [name, set] : sets) {
      OGRLayer& layer = create_layer(*ds, name, srs.get(), path);
      int n = 0;
      for (const auto& p : set->pieces) {
        const std::string id = std::string(name) + "-" + std::to_string(++n);
        if (!p.noise) add_piece(layer, p, id, name, srs.get(), path);
      }
    }
    OGRLayer& noise = create_layer(*ds, "noise", srs.get(), path);
    for (const auto& [name, set] : sets) {
      int n = 0;
      for (const auto& p : set->pieces) {
        const std::string id = std::string(name) + "-" + std::to_string(++n);
        if (p.noise) add_piece(noise, p, id, name, srs.get(), path);
      }
    }
    ds->FlushCache();
    ds.reset();  // GDAL 3.6's GDALClose reports failures through the error handler only
    for (const auto& m : errors.messages())
      if (m.is_error) throw InputError("cannot write " + tmp + ": " + m.text);
  }  // closed above, before the rename
  atomic::commit_temporary(tmp, path);
  guard.release();
}

}  // namespace reserve
