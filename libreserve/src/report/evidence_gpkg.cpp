// The evidence GeoPackage: one layer per kind of change (removed, added, downgraded, upgraded,
// noise), every piece with its zones and area, in the comparison's working CRS.
#include <filesystem>
#include <memory>
#include <string>

#include "core/atomic_file.hpp"
#include "io/gdal_common.hpp"
#include "report/evidence_layers.hpp"
#include "report/gdal_table_writer.hpp"
#include "reserve/error.hpp"
#include "reserve/report.hpp"

namespace reserve {
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
    // The same layers and writer as `--out PG:…` (report/evidence_layers, gdal_table_writer).
    for (const auto& layer : report::evidence_layers(c, ""))
      report::write_gdal_polygons(*ds, layer, RunStamp{}, path);
    ds->FlushCache();
    ds.reset();  // GDAL 3.6's GDALClose reports failures through the error handler only
    for (const auto& m : errors.messages())
      if (m.is_error) throw InputError("cannot write " + tmp + ": " + m.text);
  }  // closed above, before the rename
  atomic::commit_temporary(tmp, path);
  guard.release();
}

}  // namespace reserve
