// The suggestion's GeoPackages through GDAL, written to a temporary file and renamed.
#include "suggest/gpkg_out.hpp"

#include <functional>
#include <memory>

#include "io/gdal_common.hpp"
#include "report/gdal_table_writer.hpp"
#include "report/gpkg_file.hpp"
#include "reserve/error.hpp"

namespace reserve::suggestion {
namespace {

struct FeatureDeleter {
  void operator()(OGRFeature* f) const noexcept { OGRFeature::DestroyFeature(f); }
};
using FeaturePtr = std::unique_ptr<OGRFeature, FeatureDeleter>;

OGRGeometry* ogr_geometry(const MultiPolygon& mp, const OGRSpatialReference* srs) {
  const std::string wkb = to_wkb(Geometry::from(mp));
  OGRGeometry* g = nullptr;
  if (OGRGeometryFactory::createFromWkb(wkb.data(), const_cast<OGRSpatialReference*>(srs), &g,
                                        wkb.size()) != OGRERR_NONE ||
      !g)
    throw InternalError("cannot convert a suggested parcel to an OGR geometry");
  return OGRGeometryFactory::forceToMultiPolygon(g);
}

void add_field(OGRLayer& layer, const char* name, OGRFieldType type, const std::string& path) {
  OGRFieldDefn def(name, type);
  if (layer.CreateField(&def) != OGRERR_NONE)
    throw InputError("cannot create field '" + std::string(name) + "' in " + path);
}

void write_feature(OGRLayer& layer, OGRFeature& f, const std::string& path) {
  if (layer.CreateFeature(&f) != OGRERR_NONE) throw InputError("cannot write a feature to " + path);
}

// The proposal's field holding the zone labels: the one whose value is each part's label.
std::string zone_field_of(OGRLayer& src, const Zoning& proposal) {
  OGRFeatureDefn* defn = src.GetLayerDefn();
  for (int k = 0; k < defn->GetFieldCount(); ++k) {
    bool all = true;
    src.ResetReading();
    for (FeaturePtr f(src.GetNextFeature()); f && all; f.reset(src.GetNextFeature())) {
      const std::string fid = std::to_string(f->GetFID());
      for (const auto& p : proposal.parts)
        if (p.where.file != "suggestion" && p.feature_id == fid)
          all = all && f->IsFieldSetAndNotNull(k) && p.label == f->GetFieldAsString(k);
    }
    if (all) return defn->GetFieldDefn(k)->GetNameRef();
  }
  return {};
}

// The proposal's own layer, edited; false when it cannot be found as one GDAL layer.
bool write_as_source(GDALDataset& out, const SuggestResult& r, const std::string& path) {
  const Zoning& proposal = r.check.after;
  const Zoning& suggested = *r.suggested;
  if (proposal.sources.size() != 1) return false;
  const SourceFile& source = proposal.sources.front();
  io::DatasetPtr in = io::open_vector(source.path);
  OGRLayer& src = io::choose_layer(*in, source.layer, source.path);
  const std::string zone_field = zone_field_of(src, proposal);
  if (zone_field.empty()) return false;
  std::unique_ptr<Transformer> back;
  if (!source.source_crs.empty() && !equivalent(source.source_crs, suggested.crs))
    back = std::make_unique<Transformer>(suggested.crs, source.source_crs);
  const auto srs = report::srs_of(source.source_crs.empty() ? suggested.crs : source.source_crs);
  OGRLayer* layer = out.CreateLayer(src.GetName(), srs.get(), wkbMultiPolygon, nullptr);
  if (!layer)
    throw InputError("cannot create layer '" + std::string(src.GetName()) + "' in " + path);
  OGRFeatureDefn* defn = src.GetLayerDefn();
  for (int k = 0; k < defn->GetFieldCount(); ++k)
    if (layer->CreateField(defn->GetFieldDefn(k)) != OGRERR_NONE)
      throw InputError("cannot create field '" + std::string(defn->GetFieldDefn(k)->GetNameRef()) +
                       "' in " + path);
  auto geometry_in_source = [&](MultiPolygon mp) {
    if (back) back->apply(mp);
    return ogr_geometry(mp, srs.get());
  };
  std::vector<bool> changed(proposal.parts.size(), false);
  src.ResetReading();
  for (FeaturePtr f(src.GetNextFeature()); f; f.reset(src.GetNextFeature())) {
    const std::string fid = std::to_string(f->GetFID());
    const ZonePart* now = nullptr;
    bool edited = false;
    for (std::size_t k = 0; k < proposal.parts.size(); ++k)
      if (proposal.parts[k].feature_id == fid) {
        now = nullptr;
        for (const auto& p : suggested.parts)
          if (p.where.file != "suggestion" && p.feature_id == fid) now = &p;
        edited =
            !now || !(now->geometry.polygons.size() == proposal.parts[k].geometry.polygons.size() &&
                      to_wkb(Geometry::from(now->geometry)) ==
                          to_wkb(Geometry::from(proposal.parts[k].geometry)));
      }
    if (edited && !now) continue;  // all of it upgraded: its land is in the new features
    FeaturePtr g(OGRFeature::CreateFeature(layer->GetLayerDefn()));
    g->SetFrom(f.get(), TRUE);
    if (edited) g->SetGeometryDirectly(geometry_in_source(now->geometry));
    write_feature(*layer, *g, path);
  }
  for (const auto& p : suggested.parts) {
    if (p.where.file != "suggestion") continue;
    FeaturePtr g(OGRFeature::CreateFeature(layer->GetLayerDefn()));
    g->SetField(zone_field.c_str(), p.label.c_str());
    g->SetGeometryDirectly(geometry_in_source(p.geometry));
    write_feature(*layer, *g, path);
  }
  return true;
}

void write_plain(GDALDataset& out, const Zoning& z, const std::string& path) {
  const auto srs = report::srs_of(z.crs);
  OGRLayer* layer = out.CreateLayer("zones", srs.get(), wkbMultiPolygon, nullptr);
  if (!layer) throw InputError("cannot create layer 'zones' in " + path);
  add_field(*layer, "功能分区", OFTString, path);
  for (const auto& p : z.parts) {
    FeaturePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
    f->SetField("功能分区", p.label.c_str());
    f->SetGeometryDirectly(ogr_geometry(p.geometry, srs.get()));
    write_feature(*layer, *f, path);
  }
}

}  // namespace

void write_suggestion_gpkg(const SuggestResult& r, const std::string& path) {
  report::write_gpkg_atomically(path, [&](GDALDataset& ds) {
    const auto srs = report::srs_of(r.check.after.crs);
    OGRLayer* layer = ds.CreateLayer("suggestion", srs.get(), wkbMultiPolygon, nullptr);
    if (!layer) throw InputError("cannot create layer 'suggestion' in " + path);
    const std::pair<const char*, OGRFieldType> fields[] = {
        {"parcel_id", OFTString},     {"action", OFTString},
        {"zone_before", OFTString},   {"zone_after", OFTString},
        {"zone_after_zh", OFTString}, {"area_m2", OFTReal},
        {"area_ha", OFTReal},         {"cost", OFTReal},
        {"source", OFTString},        {"reason", OFTString}};
    for (const auto& [name, type] : fields) add_field(*layer, name, type, path);
    for (const auto& p : r.parcels) {
      FeaturePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
      f->SetField("parcel_id", p.id.c_str());
      f->SetField("action", to_string(p.action));
      f->SetField("zone_before", to_string(p.zone_before));
      f->SetField("zone_after", to_string(p.zone_after));
      f->SetField("zone_after_zh", chinese_name(p.zone_after));
      f->SetField("area_m2", p.area_m2);
      f->SetField("area_ha", to_ha(p.area_m2));
      f->SetField("cost", p.cost);
      f->SetField("source", p.source.c_str());
      f->SetField("reason", p.reason.c_str());
      f->SetGeometryDirectly(ogr_geometry(p.geometry, srs.get()));
      write_feature(*layer, *f, path);
    }
  });
}

void write_suggested_proposal_gpkg(const SuggestResult& r, const std::string& path) {
  if (!r.suggested) throw InternalError("no suggested proposal to write");
  report::write_gpkg_atomically(path, [&](GDALDataset& ds) {
    if (!write_as_source(ds, r, path)) write_plain(ds, *r.suggested, path);
  });
}

}  // namespace reserve::suggestion
