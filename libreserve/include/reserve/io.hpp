#pragma once
// Reading vector data into the library's own values, through GDAL: GeoPackage, Shapefile (with
// .cpg / DBF language-driver encodings), GeoJSON, KML, FileGDB (read), and text tables (.csv,
// .txt, .tsv): points (decimal degrees or 度分秒, or plane X/Y), corner-point tables (拐点坐标,
// recognised by a 点号 column and a right id repeated on 3+ rows), or a WKT column. Text is
// decoded to UTF-8 here and nowhere else; Z/M are dropped; rings are closed and oriented (outer
// counter-clockwise, holes clockwise); validity is NOT repaired here.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "reserve/crs.hpp"
#include "reserve/export.hpp"
#include "reserve/geometry.hpp"
#include "reserve/issue.hpp"

namespace reserve {

struct ReadOptions {
  std::string layer;       // layer name; empty: the only layer (error when there are several)
  std::string where;       // OGR SQL attribute filter, e.g. "类型 = '采矿权'"
  std::string encoding;    // override, e.g. "GBK", "CP936", "UTF-8"; empty: detect
  std::string assume_crs;  // CRS to use when the source has none (otherwise that is an error)
  std::string id_field;    // attribute used as the feature id; empty: the FID
  // CSV points: column names; empty: detect (lon/lng/longitude/经度/x, lat/latitude/纬度/y).
  // A table whose X column holds 7-digit values and whose Y column holds 6-digit or zone-prefixed
  // 8-digit values is read in the Chinese surveying convention: X = northing, Y = easting.
  // Corner-point tables: x_field is the northing (X) column, y_field the easting (Y) column,
  // id_field the right's id column.
  std::string x_field;
  std::string y_field;
};

struct FieldInfo {
  std::string name;
  std::string type;  // "string", "integer", "real", "date", …
};

struct LayerInfo {
  std::string name;
  std::string geometry_type;  // "Polygon", "MultiPolygon", "Point", …
  std::int64_t feature_count = 0;
  Crs crs;               // empty when the source has none
  std::string encoding;  // e.g. "CP936"
  // Where the encoding came from: "override", "cpg", "dbf-ldid" (DBF header byte 29), "format"
  // (UTF-8 by definition), "bom" (CSV with a UTF-8 byte order mark), "detected" (undeclared but
  // valid UTF-8), "default" (undeclared: ASCII-only text, or ISO-8859-1 with a warning issue).
  std::string encoding_source;
  std::vector<FieldInfo> fields;
  Envelope extent;  // in the layer's CRS
};

struct DatasetInfo {
  std::string path;
  std::string driver;  // GDAL short name
  std::vector<LayerInfo> layers;
};

// Lists a dataset's layers without reading features. Throws InputError for unreadable input.
RESERVE_API DatasetInfo inspect_dataset(const std::string& path, const ReadOptions& options = {});

struct Attribute {
  std::string name;
  std::string value;  // UTF-8; empty for null
  bool is_null = false;
};

struct Feature {
  std::string id;  // FID or id_field value
  Geometry geometry;
  std::vector<Attribute> attributes;
  // Value of an attribute by exact name; nullptr when there is no such attribute or it is null.
  const std::string* attribute(const std::string& name) const noexcept;
};

struct Layer {
  std::string path;
  std::string name;
  std::string driver;
  std::string sha256;  // of the file at `path` (the .shp for shapefiles)
  Crs crs;             // source CRS (from the data, or options.assume_crs)
  std::string encoding;
  std::vector<std::string> fields;
  std::vector<Feature> features;  // null / empty geometries are skipped and reported in issues
  std::vector<Issue> issues;      // skipped features, decode problems, dropped Z/M, …
  // The rows skipped for a null or empty geometry (each named by an issue), with their id and
  // attributes but no geometry: a province layer's row is told to its reserve by them.
  std::vector<Feature> skipped_rows;
  std::string encoding_source;  // as LayerInfo::encoding_source
};

// Reads one layer. Throws InputError naming file and layer for unreadable data or a missing CRS.
RESERVE_API Layer read_layer(const std::string& path, const ReadOptions& options = {});

// Reads a corner-point table (拐点坐标, CSV or whitespace-separated text) of mining or exploration
// rights: one feature per right id (column 矿权编号/许可证号/证号/编号/id, or options.id_field)
// whose polygon joins the corners in point-number order (点号), X = northing and Y = easting
// (or 经度/纬度 in degrees or 度分秒). Optional columns 区块号/part split a right into several
// polygons and 圈号/ring give further rings (holes: excluded areas). Rings are closed here. The CRS
// is options.assume_crs, else CGCS2000 3° GK with zone prefix (EPSG:4513+) when the eastings
// carry one, else EPSG:4490 for degrees; otherwise InputError asking for --crs.
RESERVE_API Layer read_corner_points(const std::string& path, const ReadOptions& options = {});

// Parses an angle in decimal degrees or 度分秒 ("105°42'30.5\"", "105度42分30.5秒", "105:42:30.5",
// with optional E/W/N/S or 东经/西经/北纬/南纬). nullopt when it is not an angle.
RESERVE_API std::optional<double> parse_angle_deg(const std::string& text);

// SHA-256 of a file as lowercase hex. Throws InputError when the file cannot be read.
RESERVE_API std::string sha256_file(const std::string& path);

}  // namespace reserve
