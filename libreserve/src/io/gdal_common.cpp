#include "io/gdal_common.hpp"

#include <cpl_error.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "crs/crs_value.hpp"
#include "crs/proj_handles.hpp"
#include "io/input_path.hpp"
#include "io/text_encoding.hpp"

namespace reserve::io {

ErrorCapture::ErrorCapture() { CPLPushErrorHandlerEx(&ErrorCapture::handler, this); }

ErrorCapture::~ErrorCapture() { CPLPopErrorHandler(); }

void ErrorCapture::handler(CPLErr cls, CPLErrorNum /*num*/, const char* msg) {
  auto* self = static_cast<ErrorCapture*>(CPLGetErrorHandlerUserData());
  if (self == nullptr || cls == CE_Debug || cls == CE_None) return;
  const std::string raw = msg != nullptr ? msg : "";
  self->messages_.push_back(Message{cls >= CE_Failure, escape_invalid_utf8(raw), raw});
}

std::string ErrorCapture::last() const {
  for (auto it = messages_.rbegin(); it != messages_.rend(); ++it)
    if (it->is_error) return it->text;
  return messages_.empty() ? std::string() : messages_.back().text;
}

namespace {
// libpq's reasons span lines ("PQconnectdb failed.\nconnection to server … failed: …\n\tIs the
// server running …?\n"): one line for a one-line message.
std::string one_line(const std::string& text) {
  std::string out;
  bool line_break = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t') {
      line_break = true;
      continue;
    }
    if (line_break) {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      if (!out.empty() && c != ' ') out += ' ';
      line_break = c == ' ';  // spaces that indent the next line go too
      if (c == ' ') continue;
    }
    out += c;
  }
  return out;
}
// Whether GDAL opens `path` with its LIBKML driver (by the name, as GDAL itself first guesses).
bool kml_path(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".kml" || ext == ".kmz";
}

// libkml (GDAL's LIBKML driver) builds its schema and element factory as unguarded singletons on
// the first parse: two KML files opened at once on two threads (a check reads its zonings side
// by side) each built one, and LeakSanitizer found the loser's 248 blocks. A tiny KML document
// parsed once, before any KML is opened, builds them on one thread.
void prime_libkml() {
  static std::once_flag once;
  std::call_once(once, [] {
    static const char kDocument[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><kml xmlns=\"http://www.opengis.net/kml/2.2\">"
        "<Document><Placemark><name>a</name><Polygon><outerBoundaryIs><LinearRing><coordinates>"
        "0,0 1,0 1,1 0,0</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>"
        "</Document></kml>";
    const std::string name = "/vsimem/reserve-prime-libkml.kml";
    VSIFCloseL(VSIFileFromMemBuffer(name.c_str(),
                                    reinterpret_cast<GByte*>(const_cast<char*>(kDocument)),
                                    sizeof(kDocument) - 1, FALSE));
    const char* const drivers[] = {"LIBKML", nullptr};
    ErrorCapture quiet;  // without the driver nothing is primed, and nothing needs to be
    if (DatasetPtr ds{GDALDataset::Open(name.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers,
                                        nullptr, nullptr)})
      if (OGRLayer* layer = ds->GetLayerCount() > 0 ? ds->GetLayer(0) : nullptr)
        OGRFeature::DestroyFeature(layer->GetNextFeature());
    VSIUnlink(name.c_str());
  });
}

}  // namespace

std::string ErrorCapture::all_errors() const {
  std::vector<std::string> seen;
  for (const auto& m : messages_) {
    const std::string text = one_line(m.text);
    if (m.is_error && std::find(seen.begin(), seen.end(), text) == seen.end()) seen.push_back(text);
  }
  std::string out;
  for (const auto& t : seen) out += (out.empty() ? "" : "; ") + t;
  return out.empty() ? last() : out;
}

void ensure_gdal_registered() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

DatasetPtr open_vector(const std::string& path, const std::vector<std::string>& open_options) {
  ensure_gdal_registered();
  if (kml_path(path)) prime_libkml();
  const SourceRef where{path, "", ""};
  check_input_path(path, InputKind::file_or_folder);
  std::vector<const char*> opts;
  for (const auto& o : open_options) opts.push_back(o.c_str());
  opts.push_back(nullptr);
  ErrorCapture capture;
  DatasetPtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                  opts.data(), nullptr));
  if (!ds && is_connection_string(path)) {
    // Named with its password masked (reserve::Error masks it); GDAL's reason says what failed
    // (no server on that socket, authentication, no such database).
    const std::string reason = mask_passwords(capture.all_errors());
    throw InputError("cannot open the database connection" +
                         (reason.empty() ? std::string() : " (GDAL: " + reason + ")") +
                         "; check the connection string (host, port, dbname, user, password) "
                         "and that the server is running",
                     where);
  }
  if (!ds) {
    const std::string reason = capture.all_errors();
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
      throw InputError(
          "is a folder in which GDAL finds no dataset (no shapefile; not a FileGDB); give the "
          "path of the file inside it",
          where);
    throw InputError("cannot be read as vector data" +
                         (reason.empty() ? std::string() : " (GDAL: " + reason + ")") +
                         "; check that the file is complete and is a GeoPackage, Shapefile, "
                         "GeoJSON, KML, FileGDB or CSV",
                     where);
  }
  return ds;
}

std::vector<std::string> layer_names(GDALDataset& ds) {
  std::vector<std::string> names;
  for (int i = 0; i < ds.GetLayerCount(); ++i) names.emplace_back(ds.GetLayer(i)->GetName());
  return names;
}

namespace {
std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "'" : ", '") + n + "'";
  return out;
}
}  // namespace

OGRLayer& choose_layer(GDALDataset& ds, const std::string& name, const std::string& path) {
  const auto names = layer_names(ds);
  if (names.empty()) throw InputError("the dataset has no layers", SourceRef{path, "", ""});
  if (name.empty()) {
    if (names.size() == 1) return *ds.GetLayer(0);
    throw UsageError("the dataset has " + std::to_string(names.size()) + " layers (" +
                         joined(names) + "); choose one with --layer",
                     SourceRef{path, "", ""});
  }
  OGRLayer* layer = ds.GetLayerByName(name.c_str());
  if (layer == nullptr)
    throw UsageError("no layer '" + name + "'; the layers are " + joined(names),
                     SourceRef{path, "", ""});
  return *layer;
}

Crs crs_of(const OGRSpatialReference* srs, bool* axes_swapped) {
  if (axes_swapped != nullptr) *axes_swapped = false;
  if (srs == nullptr || srs->IsEmpty()) return Crs{};
  char* wkt = nullptr;
  const char* options[] = {"FORMAT=WKT2_2019", nullptr};
  if (srs->exportToWkt(&wkt, options) != OGRERR_NONE || wkt == nullptr) {
    CPLFree(wkt);
    throw InputError("the layer's CRS cannot be expressed as WKT2; pass --crs EPSG:xxxx");
  }
  const std::string text = wkt;
  CPLFree(wkt);
  auto ctx = crs::make_context();
  crs::PjPtr pj = crs::create_crs(ctx.get(), text);
  if (!pj)
    throw InputError("PROJ cannot read the layer's CRS (" + crs::last_error(ctx.get()) +
                     "); pass --crs EPSG:xxxx");
  Crs out = crs::crs_from_pj(ctx.get(), pj.get());
  if (!out.epsg) {
    // GDAL's own identification also knows ESRI names of the CGCS2000 Gauss–Krüger CRSs.
    OGRSpatialReference copy(*srs);
    if (copy.AutoIdentifyEPSG() == OGRERR_NONE) {
      const char* auth = copy.GetAuthorityName(nullptr);
      const char* code = copy.GetAuthorityCode(nullptr);
      if (auth != nullptr && code != nullptr && std::string(auth) == "EPSG")
        out.epsg = std::atoi(code);
    }
  }
  if (axes_swapped != nullptr) {
    const auto& mapping = srs->GetDataAxisToSRSAxisMapping();
    const bool authority_order = mapping.size() >= 2 && mapping[0] == 1 && mapping[1] == 2;
    *axes_swapped = authority_order &&
                    (srs->EPSGTreatsAsLatLong() != 0 || srs->EPSGTreatsAsNorthingEasting() != 0);
  }
  return out;
}

std::string ogr_field_type_name(OGRFieldType type) {
  switch (type) {
    case OFTInteger:
    case OFTInteger64: return "integer";
    case OFTReal: return "real";
    case OFTString: return "string";
    case OFTDate: return "date";
    case OFTTime: return "time";
    case OFTDateTime: return "datetime";
    case OFTBinary: return "binary";
    case OFTIntegerList:
    case OFTInteger64List: return "integer-list";
    case OFTRealList: return "real-list";
    case OFTStringList: return "string-list";
    default: return "other";
  }
}

}  // namespace reserve::io
