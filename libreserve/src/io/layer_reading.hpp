#pragma once
// Pieces shared by read_layer and inspect_dataset for GDAL sources, and the readers for text
// tables (CSV of points, corner-point tables). Private to the library.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/vector_source.hpp"
#include "reserve/io.hpp"

namespace reserve::io {

// Field names of the layer, decoded to UTF-8; undecodable byte sequences are added to
// `replaced` when given.
std::vector<FieldInfo> layer_fields(const VectorSource& src, OGRLayer& layer,
                                    std::size_t* replaced = nullptr);

// The layer's CRS, or options.assume_crs when it has none; InputError (with a suggestion from the
// coordinates) when neither exists. `swap_axes` tells whether stored coordinates are lat/lon.
Crs resolve_layer_crs(OGRLayer& layer, const ReadOptions& options, const SourceRef& where,
                      bool& swap_axes);

// SHA-256 of a file, or of a folder (FileGDB): hash over the sorted file names and their hashes.
std::string sha256_path(const std::string& path);
// A database layer has no file to hash: SHA-256 of its content as read, in read order (feature
// ids, geometries as WKB after normalisation, attribute names and values).
std::string sha256_content(const Layer& layer);

// Reading a large layer without holding it (province mode): a first pass hands each feature to
// a sink (which keeps what it needs), later passes fetch chosen features by their GDAL FID. The
// sink also sees the layer read so far (path, name, CRS: everything but its features and the
// issues still to come).
using RowSink = std::function<void(const Layer& so_far, Feature&& feature, std::int64_t fid)>;
// GDAL files (GeoPackage, shapefile, FileGDB, …): not CSV tables, not database connections.
bool can_read_by_fid(const std::string& path);
// read_layer (same checks, issues, CRS, sha256), each usable feature given to `row` with its FID
// instead of kept: the layer comes back without features. InternalError unless can_read_by_fid.
Layer read_layer_rows(const std::string& path, const ReadOptions& options, const RowSink& row);
// read_layer_rows for one reserve's surroundings in a province-wide layer: a row whose geometry's
// envelope, as stored, lies farther than `distance` from `box` on either axis is only counted in
// `far` (not converted, its attributes never decoded), when the layer's CRS is `crs` and its axes
// are not swapped; otherwise every row is converted. Rows without a finite envelope (null, empty,
// non-finite) are converted and reported as always. A converted row's envelope lies within the
// stored one (curves are linearised inside it), so no row within `distance` is counted far.
struct NearRows {
  Crs crs;
  Envelope box;
  double distance = 0.0;
  std::size_t far = 0;  // rows counted so far (the sink may read it)
};
Layer read_layer_rows_near(const std::string& path, const ReadOptions& options, NearRows& near,
                           const RowSink& row);
// The features with these FIDs, in this order, exactly as read_layer made them. InputError when
// one is gone or no longer usable (the file changed since the first pass).
std::vector<Feature> read_features_by_fid(const std::string& path, const ReadOptions& options,
                                          const std::vector<std::int64_t>& fids);
// read_features_by_fid for many reads of one layer: the source is opened (and its fields and CRS
// settled) once, not once per read — opening a GeoPackage costs more than reading a reserve's
// rows. One thread at a time (a GDAL dataset is not thread-safe): province mode keeps one per
// worker.
class FidReader {
 public:
  FidReader(const std::string& path, const ReadOptions& options);
  ~FidReader();
  FidReader(const FidReader&) = delete;
  FidReader& operator=(const FidReader&) = delete;
  std::vector<Feature> read(const std::vector<std::int64_t>& fids);

 private:
  struct Open;
  std::unique_ptr<Open> open_;
};

Layer read_csv_points(const std::string& path, const ReadOptions& options);

struct TextTable;
struct TableOrigin;
// The WKT geometry column of a table (wkt, geometry, geom, the_geom, shape), if any.
std::optional<std::size_t> find_wkt_column(const TextTable& t);
// A table whose geometries are WKT text; the CRS must come from options.assume_crs.
Layer read_csv_wkt(const TableOrigin& origin, const ReadOptions& options, TextTable t,
                   std::size_t wkt_col);
// True for a corner-point table (拐点坐标): a 点号/拐点号 column and a right id (矿权编号,
// 许可证号, …) repeated on three rows or more.
bool looks_like_corner_point_table(const TextTable& t);
// True when a table can be read as geometry: coordinate columns (lon/lat, 经度/纬度, X/Y; also
// under a title of up to five rows, or --x-field / --y-field), a WKT column, or corner points.
bool table_holds_geometry(const TextTable& t, const ReadOptions& options);
// The table readers without the file: points (or WKT), and corner-point polygons. The layer's
// sha256 is left to the caller (a file's bytes, or a database table's content).
Layer read_points_table(const TableOrigin& origin, const ReadOptions& options, TextTable t);
Layer read_corner_point_table(const TableOrigin& origin, const ReadOptions& options,
                              const TextTable& t);
// A corner-point table (polygons, with an info issue saying so) when it looks like one, else
// points.
Layer read_table_layer(const TableOrigin& origin, const ReadOptions& options, TextTable t);

// A CSV/text file as a layer: a corner-point table (polygons) when it looks like one, else
// points. Refuses options a table cannot honour (--where, another layer name).
Layer read_text_layer(const std::string& path, const ReadOptions& options);
DatasetInfo inspect_text_layer(const std::string& path, const ReadOptions& options);

}  // namespace reserve::io
