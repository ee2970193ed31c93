// Writing plain tables and polygon layers through GDAL, appending to tables that exist.
#include "report/gdal_table_writer.hpp"

#include <memory>

#include "reserve/error.hpp"

namespace reserve::report {
namespace {

struct FeatureDeleter {
  void operator()(OGRFeature* f) const noexcept { OGRFeature::DestroyFeature(f); }
};

OGRFieldType ogr_type(StoreType t) {
  switch (t) {
    case StoreType::integer: return OFTInteger64;
    case StoreType::real: return OFTReal;
    case StoreType::text: return OFTString;
  }
  return OFTString;
}

std::vector<StoreColumn> stamped_columns(const StoreTable& t, const RunStamp& stamp) {
  std::vector<StoreColumn> cols;
  if (!stamp.run_id.empty()) cols = {{"run_id", StoreType::text}, {"reserve", StoreType::text}};
  cols.insert(cols.end(), t.columns.begin(), t.columns.end());
  return cols;
}

// The existing layer, checked to hold every column (and a geometry when one is needed), or a
// new one with those columns.
OGRLayer& open_or_create(GDALDataset& ds, const std::string& name,
                         const std::vector<StoreColumn>& cols, OGRSpatialReference* srs,
                         bool polygons, const std::string& where,
                         const std::vector<std::string>& layer_options) {
  const SourceRef ref{where, name, ""};
  if (OGRLayer* existing = ds.GetLayerByName(name.c_str())) {
    OGRFeatureDefn* defn = existing->GetLayerDefn();
    for (const auto& c : cols)
      if (defn->GetFieldIndex(c.name.c_str()) < 0)
        throw InputError("the table exists but has no column '" + c.name +
                             "' (written by another program or version?); write to another "
                             "schema (active_schema=… in the connection string) or drop it",
                         ref);
    if (polygons && existing->GetGeomType() == wkbNone)
      throw InputError("the table exists but has no geometry column", ref);
    return *existing;
  }
  std::vector<const char*> opts;
  for (const auto& o : layer_options) opts.push_back(o.c_str());
  opts.push_back(nullptr);
  io::ErrorCapture gdal;
  OGRLayer* layer = ds.CreateLayer(name.c_str(), srs, polygons ? wkbMultiPolygon : wkbNone,
                                   const_cast<char**>(opts.data()));
  if (layer == nullptr)
    throw InputError("cannot create the table (GDAL: " + gdal.last() + ")", ref);
  for (const auto& c : cols) {
    OGRFieldDefn def(c.name.c_str(), ogr_type(c.type));
    if (layer->CreateField(&def) != OGRERR_NONE)
      throw InputError("cannot create column '" + c.name + "' (GDAL: " + gdal.last() + ")", ref);
  }
  return *layer;
}

void set_value(OGRFeature& f, const std::string& column, const StoreValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) {
    f.SetField(column.c_str(), s->c_str());
  } else if (const auto* i = std::get_if<std::int64_t>(&v)) {
    f.SetField(column.c_str(), static_cast<GIntBig>(*i));
  } else if (const auto* d = std::get_if<double>(&v)) {
    f.SetField(column.c_str(), *d);
  } else {
    f.SetFieldNull(f.GetFieldIndex(column.c_str()));
  }
}

void write_rows(GDALDataset& ds, const StoreTable& t, const RunStamp& stamp,
                const std::string& where, const std::vector<std::string>& layer_options,
                const StorePolygons* polygons) {
  io::ErrorCapture gdal;  // the driver's reason goes into our message
  auto reason = [&gdal] {
    const std::string r = gdal.all_errors();
    return r.empty() ? std::string() : " (GDAL: " + r + ")";
  };
  const std::unique_ptr<OGRSpatialReference> srs = polygons ? srs_of(polygons->crs) : nullptr;
  OGRLayer& layer = open_or_create(ds, t.name, stamped_columns(t, stamp), srs.get(),
                                   polygons != nullptr, where, layer_options);
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    const SourceRef ref{where, t.name, std::to_string(r + 1)};
    if (row.size() != t.columns.size())
      throw InternalError("row has " + std::to_string(row.size()) + " cells for " +
                              std::to_string(t.columns.size()) + " columns",
                          ref);
    std::unique_ptr<OGRFeature, FeatureDeleter> f(OGRFeature::CreateFeature(layer.GetLayerDefn()));
    if (!stamp.run_id.empty()) {
      f->SetField("run_id", stamp.run_id.c_str());
      f->SetField("reserve", stamp.reserve.c_str());
    }
    for (std::size_t c = 0; c < row.size(); ++c) set_value(*f, t.columns[c].name, row[c]);
    if (polygons) {
      const std::string wkb = to_wkb(Geometry::from(polygons->geometries.at(r)));
      OGRGeometry* g = nullptr;
      if (OGRGeometryFactory::createFromWkb(wkb.data(), srs.get(), &g, wkb.size()) != OGRERR_NONE ||
          g == nullptr)
        throw InternalError("cannot convert the geometry to an OGR geometry", ref);
      f->SetGeometryDirectly(g);
    }
    if (layer.CreateFeature(f.get()) != OGRERR_NONE)
      throw InputError("cannot write the row" + reason(), ref);
  }
}

}  // namespace

std::unique_ptr<OGRSpatialReference> srs_of(const Crs& crs) {
  if (crs.empty()) return nullptr;
  auto srs = std::make_unique<OGRSpatialReference>();
  if (srs->importFromWkt(crs.wkt.c_str()) != OGRERR_NONE)
    throw InternalError("GDAL cannot read the CRS " + crs.label());
  srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

void write_gdal_table(GDALDataset& ds, const StoreTable& table, const RunStamp& stamp,
                      const std::string& where, const std::vector<std::string>& layer_options) {
  write_rows(ds, table, stamp, where, layer_options, nullptr);
}

void write_gdal_polygons(GDALDataset& ds, const StorePolygons& layer, const RunStamp& stamp,
                         const std::string& where, const std::vector<std::string>& layer_options) {
  if (layer.geometries.size() != layer.table.rows.size())
    throw InternalError("a polygon layer needs one geometry per row",
                        SourceRef{where, layer.table.name, ""});
  write_rows(ds, layer.table, stamp, where, layer_options, &layer);
}

}  // namespace reserve::report
