// One way to write a GeoPackage: temporary file, GDAL, close, rename.
#include "report/gpkg_file.hpp"

#include "core/atomic_file.hpp"
#include "reserve/error.hpp"

namespace reserve::report {

void write_gpkg_atomically(const std::string& path, const std::function<void(GDALDataset&)>& fill) {
  io::ensure_gdal_registered();
  io::ErrorCapture errors;
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  if (!driver) throw InternalError("GDAL has no GPKG driver; install GDAL with GeoPackage support");
  atomic::make_parent_folders(path);
  const std::string tmp = atomic::temporary_path_for(path);
  atomic::TemporaryFile guard(tmp);
  {
    io::DatasetPtr ds(driver->Create(tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds)
      throw InputError("cannot create " + tmp + ": " + errors.last() +
                       "; check that the output directory is writable");
    fill(*ds);
    ds->FlushCache();
    ds.reset();  // GDAL 3.6's GDALClose reports failures through the error handler only
    for (const auto& m : errors.messages())
      if (m.is_error) throw InputError("cannot write " + tmp + ": " + m.text);
  }  // closed above, before the rename
  atomic::commit_temporary(tmp, path);
  guard.release();
}

}  // namespace reserve::report
