// ResultStore: one GDAL datasource opened for update, one transaction around everything written.
#include "reserve/result_store.hpp"

#include <fmt/format.h>

#include <ctime>
#include <filesystem>
#include <random>

#include "core/atomic_file.hpp"
#include "io/gdal_common.hpp"
#include "io/input_path.hpp"
#include "report/gdal_table_writer.hpp"
#include "reserve/error.hpp"

namespace reserve {

struct ResultStore::Impl {
  io::DatasetPtr ds;
  std::string destination;  // as given (errors mask a password)
  RunStamp stamp;
  std::vector<std::string> layer_options;
  bool committed = false;

  GDALDataset& writable() {
    if (!ds || committed)
      throw InternalError("the result store was already committed", SourceRef{destination, "", ""});
    return *ds;
  }
};

std::string new_run_id() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
  std::random_device rd;  // the run id must differ between analysts, not be reproducible
  return fmt::format("{}-{:08x}", stamp, static_cast<std::uint32_t>(rd()));
}

bool is_database_destination(const std::string& destination) {
  return io::is_connection_string(destination);
}

namespace {

io::DatasetPtr open_destination(const std::string& destination, std::vector<std::string>& opts) {
  io::ensure_gdal_registered();
  const SourceRef where{destination, "", ""};
  io::ErrorCapture gdal;
  if (io::is_connection_string(destination)) {
    io::DatasetPtr ds(GDALDataset::Open(destination.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE,
                                        nullptr, nullptr, nullptr));
    if (!ds)
      throw InputError("cannot open the database connection for writing (GDAL: " +
                           io::mask_passwords(gdal.all_errors()) +
                           "); check the connection string (host, port, dbname, user, password) "
                           "and that the server is running",
                       where);
    if (std::string(ds->GetDriver()->GetDescription()) == "PostgreSQL")
      opts = {"GEOMETRY_NAME=geom", "FID=fid"};
    return ds;
  }
  std::error_code ec;
  if (std::filesystem::exists(destination, ec)) {
    io::DatasetPtr ds(GDALDataset::Open(destination.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE,
                                        nullptr, nullptr, nullptr));
    if (!ds) throw InputError("cannot open for writing (GDAL: " + gdal.all_errors() + ")", where);
    return ds;
  }
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  if (driver == nullptr) throw InternalError("GDAL has no GPKG driver");
  atomic::make_parent_folders(destination);
  io::DatasetPtr ds(driver->Create(destination.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds)
    throw InputError("cannot create the GeoPackage (GDAL: " + gdal.all_errors() +
                         "); check that the folder is writable",
                     where);
  return ds;
}

}  // namespace

ResultStore::ResultStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ResultStore::ResultStore(ResultStore&&) noexcept = default;
ResultStore& ResultStore::operator=(ResultStore&&) noexcept = default;

ResultStore::~ResultStore() {
  if (impl_ && impl_->ds && !impl_->committed) {
    io::ErrorCapture quiet;  // a failed run: nothing it wrote stays
    impl_->ds->RollbackTransaction();
  }
}

ResultStore ResultStore::open(const std::string& destination, RunStamp stamp) {
  auto impl = std::make_unique<Impl>();
  impl->destination = destination;
  impl->stamp = std::move(stamp);
  impl->ds = open_destination(destination, impl->layer_options);
  io::ErrorCapture gdal;
  if (impl->ds->StartTransaction(FALSE) != OGRERR_NONE)
    throw InputError("cannot start a transaction (GDAL: " + gdal.all_errors() +
                         "); results are only written to a datasource with transactions "
                         "(PostgreSQL/PostGIS, GeoPackage)",
                     SourceRef{destination, "", ""});
  return ResultStore(std::move(impl));
}

void ResultStore::write_table(const StoreTable& table) {
  report::write_gdal_table(impl_->writable(), table, impl_->stamp, impl_->destination,
                           impl_->layer_options);
}

void ResultStore::write_polygons(const StorePolygons& layer) {
  report::write_gdal_polygons(impl_->writable(), layer, impl_->stamp, impl_->destination,
                              impl_->layer_options);
}

void ResultStore::set_reserve(const std::string& reserve) { impl_->stamp.reserve = reserve; }

void ResultStore::commit() {
  GDALDataset& ds = impl_->writable();
  io::ErrorCapture gdal;
  if (ds.CommitTransaction() != OGRERR_NONE)
    throw InputError("cannot commit the results (GDAL: " + gdal.all_errors() + ")",
                     SourceRef{impl_->destination, "", ""});
  impl_->committed = true;
  impl_->ds.reset();  // GDAL 3.6 reports a failed close through the error handler only
  for (const auto& m : gdal.messages())
    if (m.is_error)
      throw InputError("cannot close after commit: " + m.text,
                       SourceRef{impl_->destination, "", ""});
}

}  // namespace reserve
