#pragma once
// Writes real vector files through GDAL for tests (no GDAL types in this header).
//
//   reserve::test::LayerSpec spec;
//   spec.driver = "GPKG"; spec.layer = "zones"; spec.epsg = 4544;
//   spec.fields = {{"功能分区", "string"}};
//   spec.features = {{"POLYGON ((0 0, 10 0, 10 10, 0 0))", {"核心区"}}};
//   reserve::test::write_layer(dir.file("zones.gpkg"), spec);
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace reserve::test {

struct FieldSpec {
  std::string name;
  std::string type = "string";  // "string", "integer", "real"
};

struct FeatureSpec {
  FeatureSpec(std::string wkt_text, std::vector<std::string> field_values = {},
              std::vector<bool> nulls = {})
      : wkt(std::move(wkt_text)), values(std::move(field_values)), null_mask(std::move(nulls)) {}
  std::string wkt;                  // empty: null geometry
  std::vector<std::string> values;  // one per field, as text
  std::vector<bool> null_mask;      // optional; true marks a null value
};

struct LayerSpec {
  std::string driver = "GPKG";  // GDAL short name: GPKG, ESRI Shapefile, GeoJSON, KML, OpenFileGDB
  std::string layer = "layer";
  int epsg = 0;               // 0: no CRS
  std::string crs_wkt;        // used instead of epsg when set
  std::string geometry_type;  // "Polygon", "MultiPolygon", "Point", …; empty: unknown
  std::vector<FieldSpec> fields;
  std::vector<FeatureSpec> features;
  std::vector<std::string> layer_options;  // e.g. {"ENCODING=CP936"} for shapefiles
};

// Creates the dataset at `path` (or adds the layer when `path` exists and the driver can hold
// several layers: GPKG, OpenFileGDB). Throws std::runtime_error with GDAL's message on failure.
void write_layer(const std::string& path, const LayerSpec& spec);

// `wkt` (2D, any geometry type) with every vertex moved by (dx, dy).
std::string shifted_wkt(const std::string& wkt, double dx, double dy);

// One zone polygon: the zone field's value and a WKT in local metres.
struct ZoneRow {
  std::string label;
  std::string wkt;
};

// A GeoPackage with one polygon layer "zones" in `epsg` and one string field `field`; each row's
// WKT is shifted by (500000, 3700000) m, which puts local metres inside EPSG:4544's extent.
void write_zone_gpkg(const std::string& path, const std::string& field,
                     const std::vector<ZoneRow>& rows, int epsg = 4544);

// Sets the DBF language-driver ID (header byte 29) of `dbf_path`.
void set_dbf_ldid(const std::string& dbf_path, std::uint8_t ldid);

}  // namespace reserve::test
