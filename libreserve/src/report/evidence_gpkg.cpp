// The evidence GeoPackage: one layer per kind of change (removed, added, downgraded, upgraded,
// noise), every piece with its zones and area, in the comparison's working CRS.
#include <string>

#include "report/evidence_layers.hpp"
#include "report/gdal_table_writer.hpp"
#include "report/gpkg_file.hpp"
#include "reserve/error.hpp"
#include "reserve/report.hpp"

namespace reserve {
void write_evidence_gpkg(const Report& report, const std::string& path) {
  // The same layers and writer as `--out PG:…` (report/evidence_layers, gdal_table_writer).
  report::write_gpkg_atomically(path, [&](GDALDataset& ds) {
    for (const auto& layer : report::evidence_layers(report.comparison, ""))
      report::write_gdal_polygons(ds, layer, RunStamp{}, path);
  });
}

}  // namespace reserve
