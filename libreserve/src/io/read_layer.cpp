// read_layer for GDAL sources: one layer into plain Feature values, normalised at the boundary.
#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <future>
#include <iterator>
#include <map>

#include "io/attribute_filter.hpp"
#include "io/crs_checks.hpp"
#include "io/csv_table.hpp"
#include "io/input_path.hpp"
#include "io/layer_reading.hpp"
#include "io/ogr_geometry.hpp"
#include "io/sha256.hpp"
#include "io/shapefile_encoding.hpp"
#include "io/text_encoding.hpp"
#include "reserve/io.hpp"

namespace reserve {
namespace io {
namespace fs = std::filesystem;

std::vector<FieldInfo> layer_fields(const VectorSource& src, OGRLayer& layer,
                                    std::size_t* replaced_out) {
  std::vector<FieldInfo> fields;
  OGRFeatureDefn* defn = layer.GetLayerDefn();
  std::size_t replaced = 0;
  for (int i = 0; i < defn->GetFieldCount(); ++i) {
    const OGRFieldDefn* f = defn->GetFieldDefn(i);
    fields.push_back(
        FieldInfo{to_utf8(src, f->GetNameRef(), replaced), ogr_field_type_name(f->GetType())});
  }
  if (replaced_out != nullptr) *replaced_out += replaced;
  return fields;
}

Crs resolve_layer_crs(OGRLayer& layer, const ReadOptions& options, const SourceRef& where,
                      bool& swap_axes) {
  Crs crs = crs_of(layer.GetSpatialRef(), &swap_axes);
  if (!crs.empty()) return crs;
  swap_axes = false;
  if (!options.assume_crs.empty()) return Crs::from_user_input(options.assume_crs);
  OGREnvelope ogr_env;
  Envelope env;
  if (layer.GetExtent(&ogr_env, TRUE) == OGRERR_NONE) {
    env.expand(Point{ogr_env.MinX, ogr_env.MinY});
    env.expand(Point{ogr_env.MaxX, ogr_env.MaxY});
  }
  const std::string hint = suggest_crs_from_extent(env);
  throw InputError("has no CRS; pass --crs EPSG:xxxx" + (hint.empty() ? "" : " (" + hint + ")"),
                   where);
}

std::string sha256_path(const std::string& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return sha256_file(path);
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(path, ec))
    if (e.is_regular_file()) files.push_back(fs::relative(e.path(), path).generic_string());
  std::sort(files.begin(), files.end());
  // A folder (FileGDB): hash of "name\0sha256\n" lines over its files in name order.
  std::string listing;
  for (const auto& f : files)
    listing += f + '\0' + sha256_file((fs::path(path) / f).string()) + '\n';
  return sha256_hex(listing);
}

std::string sha256_content(const Layer& layer) {
  std::string bytes;
  for (const auto& f : layer.features) {
    bytes += f.id + '\0' + to_wkb(f.geometry) + '\0';
    for (const auto& a : f.attributes) bytes += a.name + '=' + (a.is_null ? "\1" : a.value) + '\0';
    bytes += '\n';
  }
  return sha256_hex(bytes);
}

namespace {

// Destroyed text in one field: how many values, and the first one as an example.
struct DestroyedText {
  std::size_t count = 0;
  std::string example;
};

// Accumulates per-layer notes that should be reported once, not once per feature.
struct LayerNotes {
  std::size_t dropped_z = 0, dropped_m = 0, linearised = 0;
  std::size_t replaced = 0;  // undecodable byte sequences
  std::size_t mojibake = 0;
  std::string mojibake_example;
  std::map<std::string, DestroyedText> destroyed;  // by field name
};

std::string decode_value(const VectorSource& src, const char* raw, LayerNotes& notes) {
  std::string v = to_utf8(src, raw, notes.replaced);
  if (src.decode_text && !is_utf8_name(src.encoding.encoding) && looks_like_gbk_mojibake(v)) {
    if (notes.mojibake++ == 0) notes.mojibake_example = v;
  }
  return v;
}

// Counts values of `field` that were destroyed before they reached the file (锟斤拷, U+FFFD, GBK
// read as Latin-1 and saved again): no encoding brings them back. Two look-alikes are told
// apart: U+FFFD from this read's own decoding (text-not-decodable) and mojibake from decoding
// with a wrong 8-bit encoding now (text-mojibake) can both be fixed with --encoding.
void note_destroyed(const VectorSource& src, const std::string& field, const std::string& value,
                    std::size_t replaced_before, LayerNotes& notes) {
  if (notes.replaced != replaced_before) return;
  const bool read_as_8bit = src.decode_text && !is_utf8_name(src.encoding.encoding);
  if (read_as_8bit && looks_like_gbk_mojibake(value)) return;
  if (!looks_destroyed(value)) return;
  DestroyedText& d = notes.destroyed[field];
  if (d.count++ == 0) d.example = value;
}

std::string ldid_hex(std::uint8_t ldid) {
  char b[3];
  std::snprintf(b, sizeof b, "%02X", ldid);
  return b;
}

void add_encoding_issues(const VectorSource& src, const LayerNotes& notes, const SourceRef& where,
                         std::vector<Issue>& issues) {
  const std::string& enc = src.encoding.encoding;
  if (!src.encoding.ignored_cpg.empty())
    issues.push_back(Issue{IssueCode::encoding_undeclared, Severity::warning,
                           "the .cpg file names '" + escape_invalid_utf8(src.encoding.ignored_cpg) +
                               "', which is not a known encoding; it was passed over and the text "
                               "read as " +
                               enc + " (" + src.encoding.source +
                               "). If Chinese text looks garbled pass --encoding GBK",
                           where, std::nullopt, std::nullopt});
  if (src.encoding.undeclared_non_utf8 && src.encoding.source == "detected") {
    issues.push_back(Issue{IssueCode::encoding_undeclared, Severity::info,
                           "the DBF declares no encoding (no .cpg, language driver byte 0x" +
                               ldid_hex(src.encoding.ldid) +
                               "); its text decodes as GBK (CP936) and was read so. If that is "
                               "wrong, pass --encoding",
                           where, std::nullopt, std::nullopt});
  } else if (src.encoding.undeclared_non_utf8) {
    issues.push_back(Issue{IssueCode::encoding_undeclared, Severity::warning,
                           "the DBF declares no usable encoding (no .cpg, language driver byte 0x" +
                               ldid_hex(src.encoding.ldid) +
                               ") and its text is not UTF-8; it was read as " + enc +
                               ". If Chinese text looks garbled pass --encoding GBK",
                           where, std::nullopt, std::nullopt});
  }
  if (notes.replaced > 0) {
    issues.push_back(
        Issue{IssueCode::text_not_decodable, Severity::warning,
              std::to_string(notes.replaced) + " byte sequence(s) are not valid " + enc +
                  " (encoding from " + src.encoding.source +
                  ") and were replaced by U+FFFD; pass the right encoding, e.g. --encoding GBK for "
                  "Chinese shapefiles from ArcGIS, or --encoding UTF-8",
              where, std::nullopt, std::nullopt});
  }
  for (const auto& [field, d] : notes.destroyed) {
    issues.push_back(
        Issue{IssueCode::text_destroyed, Severity::warning,
              "field '" + field + "': " + std::to_string(d.count) +
                  " value(s) hold text destroyed before this file was written (e.g. '" + d.example +
                  "': 锟斤拷, U+FFFD or GBK read as Latin-1); no encoding recovers it. "
                  "Restore the values from the original data; they are never drawn "
                  "as map labels",
              where, std::nullopt, std::nullopt});
  }
  if (notes.mojibake > 0) {
    issues.push_back(Issue{IssueCode::text_mojibake, Severity::warning,
                           std::to_string(notes.mojibake) +
                               " value(s) look like GBK text read as " + enc + " (e.g. '" +
                               notes.mojibake_example + "'); pass --encoding GBK",
                           where, std::nullopt, std::nullopt});
  }
}

// The feature's attributes, decoded, in the layer's field order.
void read_attributes(const VectorSource& src, OGRFeature& ogr_feature,
                     const std::vector<FieldInfo>& fields, LayerNotes& notes, Feature& f) {
  for (int i = 0; i < static_cast<int>(fields.size()); ++i) {
    Attribute a;
    a.name = fields[static_cast<std::size_t>(i)].name;
    a.is_null = !ogr_feature.IsFieldSetAndNotNull(i);
    if (!a.is_null) {
      const std::size_t replaced_before = notes.replaced;
      a.value = decode_value(src, ogr_feature.GetFieldAsString(i), notes);
      note_destroyed(src, a.name, a.value, replaced_before, notes);
    }
    f.attributes.push_back(std::move(a));
  }
}

// One OGR feature as read_layer keeps it: id, normalised geometry, decoded attributes. false
// (and an issue in `out`) when its geometry cannot be used; the feature is then skipped (a null
// or empty one kept in out.skipped_rows, without geometry).
bool convert_feature(const VectorSource& src, OGRFeature& ogr_feature,
                     const std::vector<FieldInfo>& fields, int id_index, bool swap_axes,
                     LayerNotes& notes, Layer& out, Feature& f) {
  f.id = id_index >= 0 ? decode_value(src, ogr_feature.GetFieldAsString(id_index), notes)
                       : std::to_string(ogr_feature.GetFID());
  ConvertedGeometry g = convert_ogr_geometry(ogr_feature.GetGeometryRef(), swap_axes);
  if (g.problem_code) {
    const bool skip_only =
        g.problem_code == IssueCode::null_geometry || g.problem_code == IssueCode::empty_geometry;
    out.issues.push_back(Issue{*g.problem_code, skip_only ? Severity::warning : Severity::error,
                               g.problem_message, SourceRef{out.path, out.name, f.id},
                               g.problem_location, std::nullopt});
    if (skip_only) {  // kept without geometry: whose row it is may matter (province layers)
      read_attributes(src, ogr_feature, fields, notes, f);
      out.skipped_rows.push_back(std::move(f));
    }
    return false;
  }
  if (g.dropped_lower_dimension_parts > 0)
    out.issues.push_back(Issue{
        IssueCode::mixed_geometry_collection, Severity::warning,
        "the GeometryCollection mixes polygons with " +
            std::to_string(g.dropped_lower_dimension_parts) +
            " point or line part(s); those parts (no area) were dropped and the polygons kept",
        SourceRef{out.path, out.name, f.id}, std::nullopt, std::nullopt});
  notes.dropped_z += g.dropped_z ? 1 : 0;
  notes.dropped_m += g.dropped_m ? 1 : 0;
  notes.linearised += g.linearised ? 1 : 0;
  f.geometry = std::move(g.geometry);
  read_attributes(src, ogr_feature, fields, notes, f);
  return true;
}

// A layer without geometry (an XLSX or ODS sheet, a lone DBF, a GeoPackage attribute table) as
// a text table, decoded like the layer's attributes, for the readers of CSV tables: a sheet of
// facility coordinates then reads exactly like the same sheet saved as CSV. Rows are numbered by
// their FID, which in a spreadsheet is the row Excel shows; rows with no value are dropped.
TextTable attribute_rows(const VectorSource& src, OGRLayer& layer,
                         const std::vector<FieldInfo>& fields, LayerNotes& notes) {
  TextTable t;
  for (const auto& f : fields) t.header.push_back(f.name);
  t.encoding = src.encoding.encoding;
  t.encoding_source = src.encoding.source;
  layer.ResetReading();
  for (auto& feature : layer) {
    std::vector<std::string> row;
    bool blank = true;
    for (int i = 0; i < static_cast<int>(fields.size()); ++i) {
      row.push_back(feature->IsFieldSetAndNotNull(i)
                        ? decode_value(src, feature->GetFieldAsString(i), notes)
                        : std::string());
      blank = blank && trim_copy(row.back()).empty();
    }
    if (blank) continue;
    t.rows.push_back(std::move(row));
    t.row_numbers.push_back(static_cast<int>(feature->GetFID()));
  }
  return t;
}

// A shapefile whose .prj exists but does not parse has no CRS for GDAL, which would be reported
// as "has no CRS" — wrong advice when the file is there and merely broken. Returns GDAL's reason,
// or nullopt when there is no .prj or it parses.
std::optional<std::string> malformed_prj_reason(const VectorSource& src) {
  if (src.driver != "ESRI Shapefile") return std::nullopt;
  const std::string prj = sibling_file(src.path, ".prj");
  if (prj.empty()) return std::nullopt;
  std::ifstream in(prj, std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), {}};
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return "the file is empty";
  ErrorCapture capture;
  OGRSpatialReference srs;
  const OGRErr err = srs.SetFromUserInput(text.c_str());
  if (err == OGRERR_NONE && !srs.IsEmpty()) return std::nullopt;
  std::string reason = capture.all_errors();
  if (reason.empty())
    reason = "not a WKT coordinate system (OGR error " + std::to_string(err) + "); it begins '" +
             escape_invalid_utf8(text.substr(0, 60)) + "'";
  return "GDAL: " + reason;
}

}  // namespace
}  // namespace io

namespace io {
namespace {

// The source and its chosen layer (a shapefile folder reopened on the chosen file).
OGRLayer& open_layer(const std::string& path, const ReadOptions& options, VectorSource& src) {
  src = open_source(path, options.encoding);
  OGRLayer* chosen = &choose_layer(*src.dataset, options.layer, path);
  if (src.driver == "ESRI Shapefile" && std::filesystem::is_directory(path)) {
    src = reopen_shapefile_layer(src, chosen->GetName(), options.encoding);
    chosen = &choose_layer(*src.dataset, "", src.path);
  }
  return *chosen;
}

int id_field_index(const std::vector<FieldInfo>& fields, const ReadOptions& options,
                   const SourceRef& where) {
  if (options.id_field.empty()) return -1;
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == options.id_field) return static_cast<int>(i);
  std::string list;
  for (const auto& f : fields) list += (list.empty() ? "" : ", ") + f.name;
  throw UsageError("no field '" + options.id_field + "' for the feature id; the fields are " + list,
                   where);
}

// read_layer of a GDAL source; with `row`, each feature goes to it instead of into the layer.
// True when the stored envelope `e` lies farther than near.distance from near.box on an axis.
bool stored_far(const OGREnvelope& e, const NearRows& near) {
  if (!std::isfinite(e.MinX) || !std::isfinite(e.MinY) || !std::isfinite(e.MaxX) ||
      !std::isfinite(e.MaxY))
    return false;
  const Envelope& b = near.box;
  const double d = near.distance;
  return e.MaxX < b.min_x - d || e.MinX > b.max_x + d || e.MaxY < b.min_y - d ||
         e.MinY > b.max_y + d;
}

// read_gdal_layer of a layer without geometry: its rows as a table of points or corner points
// (read_table_layer), when it has coordinate columns; `out` holds what was found so far (name,
// driver, encoding, issues). Rows go to `row` with FID -1: they have no feature to fetch again.
Layer read_attribute_table(const std::string& path, const ReadOptions& options,
                           const VectorSource& src, OGRLayer& ogr_layer,
                           const std::vector<FieldInfo>& fields, LayerNotes& notes, Layer& out,
                           const RowSink& row) {
  const SourceRef where{out.path, out.name, ""};
  TextTable rows = attribute_rows(src, ogr_layer, fields, notes);
  if (!table_holds_geometry(rows, options)) {
    std::string list;
    for (const auto& f : out.fields) list += (list.empty() ? "'" : ", '") + f + "'";
    throw InputError(
        "the layer has no geometry column (an attribute table) and no coordinate "
        "columns among " +
            (list.empty() ? std::string("(no columns)") : list) +
            "; choose a spatial layer with --layer, or name the coordinate "
            "columns lon/lat (经度/纬度) or X/Y, or pass --x-field and --y-field",
        where);
  }
  Layer layer =
      read_table_layer(TableOrigin{out.path, out.name, out.driver}, options, std::move(rows));
  add_encoding_issues(src, notes, where, out.issues);
  layer.issues.insert(layer.issues.begin(), out.issues.begin(), out.issues.end());
  layer.encoding = out.encoding;
  layer.encoding_source = out.encoding_source;
  layer.sha256 = is_connection_string(path) ? sha256_content(layer) : sha256_path(src.path);
  if (row) {
    Layer so_far = layer;
    so_far.features.clear();
    for (auto& f : layer.features) row(so_far, std::move(f), -1);
    layer.features.clear();
  }
  return layer;
}

Layer read_gdal_layer(const std::string& path, const ReadOptions& options, const RowSink& row,
                      NearRows* near = nullptr) {
  io::ErrorCapture quiet;  // GDAL's messages become errors or issues here, never stderr noise
  io::VectorSource src;
  OGRLayer& ogr_layer = open_layer(path, options, src);
  // The file's hash for the audit, beside the reading rather than after it (the province's
  // facilities file: 25 MB, 30 ms a single check waited for on its last reading thread).
  std::future<std::string> file_hash;
  if (!io::is_connection_string(path))
    file_hash = std::async(std::launch::async, [file = src.path] { return io::sha256_path(file); });
  Layer out;
  out.path = io::mask_passwords(path);  // a connection string is shown without its password
  out.name = ogr_layer.GetName();
  out.driver = src.driver;
  out.encoding = src.encoding.encoding;
  out.encoding_source = src.encoding.source;
  const SourceRef where{out.path, out.name, ""};

  if (!options.encoding.empty() && !src.decode_text) {
    out.issues.push_back(Issue{IssueCode::encoding_override_ignored, Severity::info,
                               "--encoding is ignored: " + src.driver + " text is always UTF-8",
                               where, std::nullopt, std::nullopt});
  }

  io::LayerNotes notes;
  const auto fields = io::layer_fields(src, ogr_layer, &notes.replaced);
  for (const auto& f : fields) out.fields.push_back(f.name);
  const bool table = ogr_layer.GetGeomType() == wkbNone;
  const int id_index = table ? -1 : id_field_index(fields, options, where);

  if (!options.where.empty()) {
    io::ErrorCapture capture;
    // Shapefile text is undecoded: the filter's literals and field names must be too.
    const std::string quoted = io::quote_non_ascii_identifiers(options.where);
    const std::string filter =
        src.decode_text ? io::encode_from_utf8(quoted, src.encoding.encoding) : quoted;
    bool ok = ogr_layer.SetAttributeFilter(filter.c_str()) == OGRERR_NONE;
    if (ok) {
      // Some drivers (GeoPackage: SQLite) only find a bad filter when reading: probe once.
      ogr_layer.ResetReading();
      OGRFeatureUniquePtr probe(ogr_layer.GetNextFeature());
      for (const auto& m : capture.messages()) ok = ok && !m.is_error;
      ogr_layer.ResetReading();
    }
    if (!ok)
      throw UsageError("invalid --where filter \"" + options.where + "\" (GDAL: " + capture.last() +
                           "); use OGR SQL, e.g. \"类型 = '采矿权'\"",
                       where);
  }

  if (table) return read_attribute_table(path, options, src, ogr_layer, fields, notes, out, row);

  bool swap_axes = false;
  if (ogr_layer.GetSpatialRef() == nullptr) {
    if (const auto reason = io::malformed_prj_reason(src)) {
      const std::string what = "the .prj file exists but is malformed (" + *reason + ")";
      if (options.assume_crs.empty())
        throw InputError(what +
                             "; fix or replace it (export the layer again from the GIS), or "
                             "remove it and pass --crs EPSG:xxxx",
                         where);
      out.issues.push_back(Issue{IssueCode::prj_malformed, Severity::warning,
                                 what + "; --crs " + options.assume_crs + " is used instead", where,
                                 std::nullopt, std::nullopt});
    }
  }
  out.crs = io::resolve_layer_crs(ogr_layer, options, where, swap_axes);
  // --crs beside a CRS of the layer's own: ignored, unless the layer's CRS contradicts the
  // coordinates and the given one fits them (decided after reading, below).
  const bool crs_option_differs = !options.assume_crs.empty() &&
                                  ogr_layer.GetSpatialRef() != nullptr &&
                                  !equivalent(out.crs, Crs::from_user_input(options.assume_crs));
  const std::size_t ignored_issue = out.issues.size();
  if (crs_option_differs) {
    out.issues.push_back(Issue{IssueCode::crs_option_ignored, Severity::warning,
                               "the layer has its own CRS " + out.crs.label() + " (" +
                                   out.crs.name + "); --crs " + options.assume_crs +
                                   " applies only to data without one. If the layer's CRS is "
                                   "wrong, fix its .prj / metadata",
                               where, std::nullopt, std::nullopt});
  }

  Envelope extent;
  const bool prefilter = near && near->box.valid && !swap_axes && !crs_option_differs &&
                         !out.crs.empty() && equivalent(out.crs, near->crs);
  {
    io::ErrorCapture capture;  // GDAL warnings on bad records become issues, never stderr noise
    ogr_layer.ResetReading();
    for (auto& ogr_feature : ogr_layer) {
      if (prefilter) {
        const OGRGeometry* g = ogr_feature->GetGeometryRef();
        if (g && !g->IsEmpty()) {
          OGREnvelope e;
          g->getEnvelope(&e);
          if (stored_far(e, *near)) {
            extent.expand(Envelope{e.MinX, e.MinY, e.MaxX, e.MaxY, true});
            ++near->far;
            continue;
          }
        }
      }
      Feature f;
      if (!io::convert_feature(src, *ogr_feature, fields, id_index, swap_axes, notes, out, f))
        continue;
      extent.expand(envelope_of(f.geometry));
      if (row)
        row(out, std::move(f), ogr_feature->GetFID());
      else
        out.features.push_back(std::move(f));
    }
    for (const auto& m : capture.messages()) {
      // A warning about a bad record quotes the record's bytes in the DBF's encoding: decode them
      // like the data (GBK → 中文), so the message is readable and valid UTF-8 for every writer.
      std::size_t ignored = 0;
      const std::string text = src.decode_text ? io::to_utf8(src, m.raw.c_str(), ignored) : m.text;
      out.issues.push_back(Issue{IssueCode::gdal_warning,
                                 m.is_error ? Severity::error : Severity::warning, "GDAL: " + text,
                                 where, std::nullopt, std::nullopt});
    }
  }
  if (notes.dropped_z > 0)
    out.issues.push_back(Issue{IssueCode::dropped_z, Severity::info,
                               "Z values dropped from " + std::to_string(notes.dropped_z) +
                                   " feature(s); all analysis is 2D",
                               where, std::nullopt, std::nullopt});
  if (notes.dropped_m > 0)
    out.issues.push_back(
        Issue{IssueCode::dropped_m, Severity::info,
              "M values dropped from " + std::to_string(notes.dropped_m) + " feature(s)", where,
              std::nullopt, std::nullopt});
  if (notes.linearised > 0)
    out.issues.push_back(Issue{IssueCode::curves_linearised, Severity::info,
                               std::to_string(notes.linearised) +
                                   " curved geometry(ies) were approximated by straight "
                                   "segments (one every " +
                                   fmt::format("{}", io::kArcStepDegrees) +
                                   "° of arc: each arc's sector loses at most 5e-7 of its area)",
                               where, std::nullopt, std::nullopt});
  io::add_encoding_issues(src, notes, where, out.issues);

  if (crs_option_differs && !swap_axes) {
    // The commonest broken .prj: a Gauss-Kruger CRS without the zone prefix over eastings with
    // it (or the reverse). The message of check_extent_matches_crs proposes --crs; honour it
    // when the given CRS fits the coordinates, and say so.
    try {
      io::check_extent_matches_crs(out.crs, extent, where);
    } catch (const InputError& declared_wrong) {
      const Crs given = Crs::from_user_input(options.assume_crs);
      bool given_fits = true;
      try {
        io::check_extent_matches_crs(given, extent, where);
      } catch (const InputError&) {
        given_fits = false;
      }
      if (!given_fits) throw declared_wrong;  // neither fits: the layer's own CRS is the news
      out.issues[ignored_issue] =
          Issue{IssueCode::prj_malformed,
                Severity::warning,
                "the layer's own CRS does not fit its coordinates (" + declared_wrong.message() +
                    "); --crs " + options.assume_crs +
                    " fits them and is used instead. Fix the .prj / metadata",
                where,
                std::nullopt,
                std::nullopt};
      out.crs = given;
    }
  }
  io::check_extent_matches_crs(out.crs, extent, where);
  out.sha256 = file_hash.valid() ? file_hash.get() : io::sha256_content(out);
  return out;
}

}  // namespace

bool can_read_by_fid(const std::string& path) {
  return !is_csv_path(path) && !is_connection_string(path);
}

Layer read_layer_rows(const std::string& path, const ReadOptions& options, const RowSink& row) {
  if (!can_read_by_fid(path))
    throw InternalError("read_layer_rows: " + mask_passwords(path) + " is not a GDAL file");
  return read_gdal_layer(path, options, row);
}

Layer read_layer_rows_near(const std::string& path, const ReadOptions& options, NearRows& near,
                           const RowSink& row) {
  if (!can_read_by_fid(path))
    throw InternalError("read_layer_rows_near: " + mask_passwords(path) + " is not a GDAL file");
  return read_gdal_layer(path, options, row, &near);
}

struct FidReader::Open {
  VectorSource src;
  OGRLayer* layer = nullptr;
  std::string path;  // as shown (a connection string without its password)
  std::vector<FieldInfo> fields;
  int id_index = -1;
  bool swap_axes = false;
};

FidReader::FidReader(const std::string& path, const ReadOptions& options)
    : open_(std::make_unique<Open>()) {
  ErrorCapture quiet;
  Open& o = *open_;
  o.layer = &open_layer(path, options, o.src);
  o.path = mask_passwords(path);
  const SourceRef where{o.path, o.layer->GetName(), ""};
  if (o.layer->GetGeomType() == wkbNone)
    throw InputError(
        "the layer is a table of coordinates, which cannot be read again feature by feature; "
        "convert it to a layer with geometry (e.g. a GeoPackage)",
        where);
  o.fields = layer_fields(o.src, *o.layer);
  o.id_index = id_field_index(o.fields, options, where);
  resolve_layer_crs(*o.layer, options, where, o.swap_axes);
}

FidReader::~FidReader() = default;

std::vector<Feature> FidReader::read(const std::vector<std::int64_t>& fids) {
  ErrorCapture quiet;
  Open& o = *open_;
  Layer scratch;  // issues and notes of the first reading are not repeated
  scratch.path = o.path;
  scratch.name = o.layer->GetName();
  const SourceRef where{scratch.path, scratch.name, ""};
  LayerNotes notes;
  std::vector<Feature> out;
  out.reserve(fids.size());
  for (const std::int64_t fid : fids) {
    OGRFeatureUniquePtr ogr_feature(o.layer->GetFeature(fid));
    Feature f;
    if (!ogr_feature ||
        !convert_feature(o.src, *ogr_feature, o.fields, o.id_index, o.swap_axes, notes, scratch, f))
      throw InputError("feature " + std::to_string(fid) +
                           " changed or disappeared while the layer was being read",
                       where);
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<Feature> read_features_by_fid(const std::string& path, const ReadOptions& options,
                                          const std::vector<std::int64_t>& fids) {
  return FidReader(path, options).read(fids);
}

}  // namespace io

Layer read_layer(const std::string& path, const ReadOptions& options) {
  if (io::is_csv_path(path)) {
    io::check_input_path(path, io::InputKind::file);  // `mkdir dir.csv` is not a table
    return io::read_text_layer(path, options);
  }
  return io::read_gdal_layer(path, options, {});
}

}  // namespace reserve
