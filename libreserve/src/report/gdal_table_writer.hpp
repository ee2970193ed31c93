#pragma once
// StoreTable / StorePolygons into an open GDAL dataset (GeoPackage, PostGIS): one code path for
// evidence.gpkg and `--out PG:…`. Private to the library.
#include <memory>
#include <string>
#include <vector>

#include "io/gdal_common.hpp"
#include "reserve/result_store.hpp"

namespace reserve::report {

// The CRS as GDAL's spatial reference, traditional x/y axis order; null for an empty CRS.
std::unique_ptr<OGRSpatialReference> srs_of(const Crs& crs);

// Appends the rows to the layer named table.name, creating it (without geometry) when missing;
// with stamp.run_id set, run_id and reserve are the first two columns. `where` names the
// destination in errors (InputError: a table that lacks a column, a row the driver refuses).
// `layer_options` are GDAL layer-creation options (e.g. "GEOMETRY_NAME=geom").
void write_gdal_table(GDALDataset& ds, const StoreTable& table, const RunStamp& stamp,
                      const std::string& where, const std::vector<std::string>& layer_options = {});

// The same for a MultiPolygon layer in layer.crs (traditional x/y axis order).
void write_gdal_polygons(GDALDataset& ds, const StorePolygons& layer, const RunStamp& stamp,
                         const std::string& where,
                         const std::vector<std::string>& layer_options = {});

}  // namespace reserve::report
