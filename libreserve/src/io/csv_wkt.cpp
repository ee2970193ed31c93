// CSV tables with a WKT geometry column (as GDAL and QGIS export them): any geometry type.
#include <filesystem>

#include "io/crs_checks.hpp"
#include "io/csv_table.hpp"
#include "io/layer_reading.hpp"
#include "io/ogr_geometry.hpp"
#include "reserve/io.hpp"

namespace reserve::io {

std::optional<std::size_t> find_wkt_column(const TextTable& t) {
  return find_column(t.header, {"wkt", "geometry", "geom", "the_geom", "shape", "几何"});
}

Layer read_csv_wkt(const TableOrigin& origin, const ReadOptions& options, TextTable t,
                   std::size_t wkt_col) {
  const std::string& path = origin.path;
  Layer out = start_table_layer(origin, t, origin.driver);
  out.fields = t.header;
  const SourceRef where{path, out.name, ""};
  std::optional<std::size_t> id_col;
  if (!options.id_field.empty()) {
    id_col = find_column(t.header, {options.id_field});
    for (std::size_t k = 0; !id_col && k < t.header.size(); ++k)
      if (t.header[k] == options.id_field) id_col = k;
    if (!id_col) throw UsageError("no column '" + options.id_field + "' for the feature id", where);
  }
  Envelope extent;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    auto cell = [&](std::size_t i) { return i < row.size() ? trim_copy(row[i]) : std::string(); };
    Feature f;
    f.id = id_col ? cell(*id_col) : std::to_string(t.row_numbers[r]);
    const SourceRef rwhere{path, out.name, "row " + std::to_string(t.row_numbers[r])};
    const auto attributes = [&] {
      std::vector<Attribute> a;
      for (std::size_t i = 0; i < t.header.size(); ++i) {
        if (i == wkt_col) continue;
        const std::string v = cell(i);
        a.push_back(Attribute{t.header[i], v, v.empty()});
      }
      return a;
    };
    // A row without geometry is kept aside, named as its issue names it (province layers tell
    // its reserve by its attributes).
    const auto skip_row = [&](IssueCode code, const char* message) {
      out.issues.push_back(
          Issue{code, Severity::warning, message, rwhere, std::nullopt, std::nullopt});
      out.skipped_rows.push_back(Feature{rwhere.feature, Geometry{}, attributes()});
    };
    const std::string wkt = cell(wkt_col);
    if (wkt.empty()) {
      skip_row(IssueCode::null_geometry, "the row has no geometry; it is skipped");
      continue;
    }
    try {
      f.geometry = geometry_from_wkt(wkt);
    } catch (const InputError& e) {
      out.issues.push_back(Issue{IssueCode::bad_geometry, Severity::error,
                                 "the WKT does not parse (" + e.message() + "); the row is skipped",
                                 rwhere, std::nullopt, std::nullopt});
      continue;
    }
    if (f.geometry.empty()) {
      skip_row(IssueCode::empty_geometry, "the row's geometry is empty; it is skipped");
      continue;
    }
    normalise_orientation(f.geometry.polygons);
    extent.expand(envelope_of(f.geometry));
    f.attributes = attributes();
    out.features.push_back(std::move(f));
  }
  if (!options.assume_crs.empty()) {
    out.crs = Crs::from_user_input(options.assume_crs);
  } else {
    const std::string hint = suggest_crs_from_extent(extent);
    throw InputError("a CSV with a WKT column carries no CRS; pass --crs EPSG:xxxx" +
                         (hint.empty() ? "" : " (" + hint + ")"),
                     where);
  }
  check_extent_matches_crs(out.crs, extent, where);
  return out;
}

}  // namespace reserve::io
