#pragma once
// GDAL plumbing shared by the readers: registration, owned datasets, error capture, layer
// choice, and the CRS of a layer as a Crs value. Private to the library.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <string>
#include <vector>

#include "reserve/crs.hpp"
#include "reserve/error.hpp"

namespace reserve::io {

struct DatasetCloser {
  void operator()(GDALDataset* ds) const noexcept { GDALClose(GDALDataset::ToHandle(ds)); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

// Collects GDAL's warnings and errors on this thread while alive (nothing reaches stderr).
class ErrorCapture {
 public:
  ErrorCapture();
  ~ErrorCapture();
  ErrorCapture(const ErrorCapture&) = delete;
  ErrorCapture& operator=(const ErrorCapture&) = delete;

  struct Message {
    bool is_error = false;
    std::string text;  // valid UTF-8: bytes that are not are escaped as \xNN
    std::string raw;   // GDAL's bytes as given (may quote undecoded data, e.g. GBK)
  };
  const std::vector<Message>& messages() const noexcept { return messages_; }
  // The last error (or warning) text, or "" when GDAL said nothing.
  std::string last() const;
  // Every distinct error text in order, joined by "; " (else last()): GDAL often gives the
  // useful reason first (a size limit and how to raise it) and a generic failure after it.
  std::string all_errors() const;
  void clear() noexcept { messages_.clear(); }

 private:
  static void handler(CPLErr cls, CPLErrorNum num, const char* msg);
  std::vector<Message> messages_;
};

void ensure_gdal_registered();

// Opens `path` read-only as vector data. Throws InputError (with GDAL's reason and a hint) when
// the file is missing or no driver can read it.
DatasetPtr open_vector(const std::string& path, const std::vector<std::string>& open_options = {});

// Names of the dataset's layers, in order.
std::vector<std::string> layer_names(GDALDataset& ds);

// The layer named `name`, or the only layer when `name` is empty. Throws UsageError listing the
// available layers when the name is missing or several exist and none was chosen, and
// InputError when the dataset has no layer at all.
OGRLayer& choose_layer(GDALDataset& ds, const std::string& name, const std::string& path);

// The layer's CRS (empty when it has none). `axes_swapped` is set when the layer's coordinates
// are stored in the CRS authority's latitude-first / northing-first order.
Crs crs_of(const OGRSpatialReference* srs, bool* axes_swapped = nullptr);

std::string ogr_field_type_name(OGRFieldType type);

}  // namespace reserve::io
