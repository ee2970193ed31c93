// CSV tables of points: longitude/latitude in decimal degrees or 度分秒, or plane coordinates
// (Chinese surveying tables: X = northing, Y = easting, often with the zone prefix).
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>

#include "io/crs_checks.hpp"
#include "io/csv_table.hpp"
#include "io/layer_reading.hpp"
#include "reserve/io.hpp"

namespace reserve::io {
namespace {

// JD/WD and jingdu/weidu: the pinyin of 经度/纬度, common in bureau tables; POINT_X/POINT_Y: the
// columns ArcGIS's "Add XY Coordinates" writes (degrees or plane, decided by the values as x/y).
const std::vector<std::string> kLonNames = {"lon", "lng",    "long", "longitude", "经度",   "东经",
                                            "jd",  "jingdu", "x",    "x坐标",     "point_x"};
const std::vector<std::string> kLatNames = {"lat",   "latitude", "纬度",  "北纬",   "wd",
                                            "weidu", "y",        "y坐标", "point_y"};
// Names that say the column holds longitudes (so degrees, whatever the values look like).
const std::vector<std::string> kLonOnlyNames = {"lon", "lng", "long", "longitude", "jd", "jingdu"};
const std::vector<std::string> kLonContains = {"经度", "longitude", "东经"};
const std::vector<std::string> kLatContains = {"纬度", "latitude", "北纬"};

std::optional<double> parse_number(const std::string& text) {
  const std::string s = trim_copy(text);
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// Full-width forms (U+FF01..U+FF5E, "１０５．６" typed with a Chinese input method) as their
// ASCII letters, and the ideographic space U+3000 as a space; everything else unchanged.
std::string ascii_from_full_width(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    if (i + 2 < text.size() && b(i) == 0xE3 && b(i + 1) == 0x80 && b(i + 2) == 0x80) {
      out += ' ';
      i += 2;
      continue;
    }
    if (i + 2 < text.size() && b(i) == 0xEF && (b(i + 1) == 0xBC || b(i + 1) == 0xBD)) {
      const unsigned cp = 0xF000u | ((b(i + 1) & 0x3Fu) << 6) | (b(i + 2) & 0x3Fu);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        out += static_cast<char>(cp - 0xFEE0);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

enum class Mode { degrees, plane_gis, plane_surveying };

struct Columns {
  std::size_t x = 0, y = 0;  // the two coordinate columns as named in the file
  bool by_degree_name = false;
  // Degrees, minutes and seconds in columns of their own (经度度, 经度分, 经度秒, …): x and y then
  // hold the degrees.
  std::optional<std::size_t> x_min, x_sec, y_min, y_sec;
};

bool contains_any(const std::string& lowered, std::initializer_list<const char*> parts) {
  for (const char* part : parts)
    if (lowered.find(part) != std::string::npos) return true;
  return false;
}

// The minutes or seconds column of one axis beside its degrees column: a header that names the
// axis (经/lon or 纬/lat) and the unit (分/min or 秒/sec).
std::optional<std::size_t> companion_column(const std::vector<std::string>& header,
                                            std::size_t degrees, bool longitude,
                                            std::initializer_list<const char*> unit) {
  for (std::size_t k = 0; k < header.size(); ++k) {
    if (k == degrees) continue;
    std::string h = header[k];
    for (auto& ch : h) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const bool axis =
        longitude ? contains_any(h, {"经", "lon", "lng"}) : contains_any(h, {"纬", "lat"});
    if (axis && contains_any(h, unit)) return k;
  }
  return std::nullopt;
}

Columns find_coordinate_columns(const TextTable& t, const ReadOptions& o, const SourceRef& where) {
  auto column = [&](const std::string& name) -> std::size_t {
    auto i = find_column(t.header, {name});
    if (!i) {
      // exact, case-sensitive fallback for names with upper case
      for (std::size_t k = 0; k < t.header.size(); ++k)
        if (t.header[k] == name) return k;
      throw UsageError("no column '" + name + "' in the table", where);
    }
    return *i;
  };
  Columns c;
  std::optional<std::size_t> x = o.x_field.empty() ? find_column(t.header, kLonNames)
                                                   : std::optional<std::size_t>(column(o.x_field));
  std::optional<std::size_t> y = o.y_field.empty() ? find_column(t.header, kLatNames)
                                                   : std::optional<std::size_t>(column(o.y_field));
  if (!x && o.x_field.empty()) x = find_column(t.header, kLonContains, true);
  if (!y && o.y_field.empty()) y = find_column(t.header, kLatContains, true);
  if (!x || !y) {
    std::string list;
    for (const auto& h : t.header) list += (list.empty() ? "'" : ", '") + h + "'";
    const bool undecodable = std::any_of(t.issues.begin(), t.issues.end(), [](const Issue& i) {
      return i.code == IssueCode::text_not_decodable;
    });
    const std::string options = "--feature-encoding for conflict layers or --encoding for zonings";
    std::string hint;
    if (undecodable)
      hint = " (the file is not valid " + t.encoding + ": pass its encoding, e.g. GBK, with " +
             options + ")";
    else if (t.encoding_source == "detected" && t.encoding != "UTF-8")
      hint = " (the file is not UTF-8 and was read as " + t.encoding +
             "; if that is wrong, pass its encoding with " + options + ")";
    throw InputError("cannot find the coordinate columns among " + list +
                         "; name them lon/lat (经度/纬度) or X/Y, or pass --x-field and --y-field" +
                         hint,
                     where);
  }
  c.x = *x;
  c.y = *y;
  if (o.x_field.empty() && o.y_field.empty()) {
    // Without this the degrees column alone was read: 105°36'06" became 105°, kilometres off.
    c.x_min = companion_column(t.header, c.x, true, {"分", "min"});
    c.x_sec = companion_column(t.header, c.x, true, {"秒", "sec"});
    c.y_min = companion_column(t.header, c.y, false, {"分", "min"});
    c.y_sec = companion_column(t.header, c.y, false, {"秒", "sec"});
    if (c.x_min || c.x_sec || c.y_min || c.y_sec) c.by_degree_name = true;
  }
  const std::string xn = t.header[c.x];
  c.by_degree_name = xn.find("经") != std::string::npos || find_column({xn}, kLonOnlyNames);
  return c;
}

// Decides how to read the two columns from their values (all rows that parse as numbers).
Mode detect_mode(const TextTable& t, const Columns& c) {
  if (c.by_degree_name) return Mode::degrees;
  Envelope e;
  for (const auto& row : t.rows) {
    if (row.size() <= std::max(c.x, c.y)) continue;
    auto x = parse_number(ascii_from_full_width(row[c.x]));
    auto y = parse_number(ascii_from_full_width(row[c.y]));
    if (x && y) e.expand(Point{*x, *y});
  }
  if (!e.valid) return Mode::degrees;  // DMS text, or nothing usable: treat as angles
  const bool x_north = e.min_x >= 1.0e6 && e.max_x < 1.0e7;
  const bool y_east =
      (e.min_y >= 1.0e5 && e.max_y < 1.0e6) ||
      (gk3_zone_from_prefixed_easting(e.min_y) &&
       gk3_zone_from_prefixed_easting(e.min_y) == gk3_zone_from_prefixed_easting(e.max_y));
  if (x_north && y_east) return Mode::plane_surveying;
  if (std::abs(e.min_x) <= 360.0 && std::abs(e.max_x) <= 360.0 && std::abs(e.min_y) <= 90.0 &&
      std::abs(e.max_y) <= 90.0)
    return Mode::degrees;
  return Mode::plane_gis;
}

bool names_coordinates(const std::vector<std::string>& header) {
  return (find_column(header, kLonNames) || find_column(header, kLonContains, true)) &&
         (find_column(header, kLatNames) || find_column(header, kLatContains, true));
}

// Tables exported from Excel often carry a title line (or a few) above the header
// ("XX保护区周边工矿设施统计表,,,,"): when the first row names no coordinate columns, the first of
// the next few rows that names both becomes the header, with a note. Row numbers stay those of
// the spreadsheet.
void skip_title_rows(TextTable& t, const std::string& path) {
  constexpr std::size_t kMaxTitleRows = 5;
  if (names_coordinates(t.header)) return;
  for (std::size_t k = 0; k < std::min(kMaxTitleRows, t.rows.size()); ++k) {
    std::vector<std::string> candidate = t.rows[k];
    for (auto& h : candidate) h = trim_copy(h);
    if (!names_coordinates(candidate)) continue;
    const int header_row = t.row_numbers[k];
    t.issues.push_back(Issue{IssueCode::csv_default_crs, Severity::info,
                             "row " + std::to_string(header_row) +
                                 " is read as the header: the row(s) above it name no coordinate "
                                 "columns (a title)",
                             SourceRef{path, "", ""}, std::nullopt, std::nullopt});
    t.header = std::move(candidate);
    t.rows.erase(t.rows.begin(), t.rows.begin() + static_cast<std::ptrdiff_t>(k) + 1);
    t.row_numbers.erase(t.row_numbers.begin(),
                        t.row_numbers.begin() + static_cast<std::ptrdiff_t>(k) + 1);
    return;
  }
}

}  // namespace

bool table_holds_geometry(const TextTable& t, const ReadOptions& options) {
  if (!options.x_field.empty() || !options.y_field.empty()) return true;
  if (names_coordinates(t.header) || find_wkt_column(t) || looks_like_corner_point_table(t))
    return true;
  // A title above the header (skip_title_rows), or a sheet whose header GDAL did not recognise
  // (fields Field1, Field2, … with the header as the first row).
  constexpr std::size_t kMaxTitleRows = 5;
  for (std::size_t k = 0; k < std::min(kMaxTitleRows, t.rows.size()); ++k) {
    std::vector<std::string> candidate = t.rows[k];
    for (auto& h : candidate) h = trim_copy(h);
    if (names_coordinates(candidate)) return true;
  }
  return false;
}

Layer read_points_table(const TableOrigin& origin, const ReadOptions& options, TextTable t) {
  const std::string& path = origin.path;
  if (options.x_field.empty() && options.y_field.empty()) skip_title_rows(t, path);
  if (options.x_field.empty() && options.y_field.empty() && !find_column(t.header, kLonNames) &&
      !find_column(t.header, kLonContains, true)) {
    if (auto wkt_col = find_wkt_column(t))
      return read_csv_wkt(origin, options, std::move(t), *wkt_col);
  }
  Layer out = start_table_layer(origin, t, origin.driver);
  out.fields = t.header;
  const SourceRef where{path, out.name, ""};
  const Columns cols = find_coordinate_columns(t, options, where);
  const Mode mode = detect_mode(t, cols);
  std::optional<std::size_t> id_col;
  if (!options.id_field.empty()) {
    id_col = find_column(t.header, {options.id_field});
    for (std::size_t k = 0; !id_col && k < t.header.size(); ++k)
      if (t.header[k] == options.id_field) id_col = k;
    if (!id_col) throw UsageError("no column '" + options.id_field + "' for the feature id", where);
  }

  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    const std::string row_label = "row " + std::to_string(t.row_numbers[r]);  // header is row 1
    SourceRef rwhere{path, out.name, row_label};
    auto cell = [&](std::size_t i) { return i < row.size() ? trim_copy(row[i]) : std::string(); };
    // Split degree, minute and second columns are joined into one 度分秒 text ("105°36'6.48\"");
    // an empty minute or second cell counts as 0.
    auto joined = [&](std::size_t deg, const std::optional<std::size_t>& min,
                      const std::optional<std::size_t>& sec) {
      std::string v = trim_copy(ascii_from_full_width(cell(deg)));
      if (v.empty() || (!min && !sec)) return v;
      auto part = [&](const std::optional<std::size_t>& col) {
        const std::string text = col ? trim_copy(ascii_from_full_width(cell(*col))) : "";
        return text.empty() ? std::string("0") : text;
      };
      return v + "\xC2\xB0" + part(min) + "'" + part(sec) + "\"";
    };
    const std::string xs = joined(cols.x, cols.x_min, cols.x_sec);
    const std::string ys = joined(cols.y, cols.y_min, cols.y_sec);
    if (xs.empty() || ys.empty()) {
      out.issues.push_back(Issue{
          IssueCode::missing_coordinate, Severity::warning,
          "the row has no " + t.header[xs.empty() ? cols.x : cols.y] + " value; it is skipped",
          rwhere, std::nullopt, std::nullopt});
      continue;
    }
    Point p;
    if (mode == Mode::degrees) {
      auto lon = parse_angle_deg(xs);
      auto lat = parse_angle_deg(ys);
      if (!lon || !lat) {
        out.issues.push_back(Issue{IssueCode::bad_coordinate, Severity::warning,
                                   "'" + (lon ? ys : xs) +
                                       "' is not an angle (decimal degrees or 度分秒 such as "
                                       "105°42'30.5\"); the row is skipped",
                                   rwhere, std::nullopt, std::nullopt});
        continue;
      }
      if (std::abs(*lon) > 180.0 || std::abs(*lat) > 90.0) {
        out.issues.push_back(Issue{IssueCode::coordinate_out_of_range, Severity::warning,
                                   "longitude " + xs + " / latitude " + ys +
                                       " is out of range (|lon| ≤ 180, |lat| ≤ 90; are the "
                                       "columns swapped?); the row is skipped",
                                   rwhere, std::nullopt, std::nullopt});
        continue;
      }
      p = Point{*lon, *lat};
    } else {
      auto x = parse_number(xs);
      auto y = parse_number(ys);
      if (!x || !y) {
        out.issues.push_back(Issue{IssueCode::bad_coordinate, Severity::warning,
                                   "'" + (x ? ys : xs) + "' is not a number; the row is skipped",
                                   rwhere, std::nullopt, std::nullopt});
        continue;
      }
      // Chinese surveying convention: X is the northing, Y the easting.
      p = mode == Mode::plane_surveying ? Point{*y, *x} : Point{*x, *y};
    }
    Feature f;
    f.id = id_col ? cell(*id_col) : std::to_string(t.row_numbers[r]);
    f.geometry = Geometry::from(p);
    for (std::size_t i = 0; i < t.header.size(); ++i) {
      const std::string v = cell(i);
      f.attributes.push_back(Attribute{t.header[i], v, v.empty()});
    }
    out.features.push_back(std::move(f));
  }

  Envelope extent;
  for (const auto& f : out.features) extent.expand(envelope_of(f.geometry));
  if (!options.assume_crs.empty()) {
    out.crs = Crs::from_user_input(options.assume_crs);
  } else if (mode == Mode::degrees) {
    out.crs = Crs::from_epsg(4490);
    out.issues.push_back(
        Issue{IssueCode::csv_default_crs, Severity::info,
              (origin.driver == "CSV" ? std::string("a CSV") : "an " + origin.driver + " table") +
                  " carries no CRS: longitude/latitude read as CGCS2000 "
                  "(EPSG:4490); for WGS 84 (GPS) values pass EPSG:4326 with "
                  "--feature-crs (conflict layers) or --crs",
              where, std::nullopt, std::nullopt});
  } else {
    const auto zone = extent.valid ? gk3_zone_from_prefixed_easting(extent.min_x) : std::nullopt;
    if (!zone || gk3_zone_from_prefixed_easting(extent.max_x) != zone) {
      const std::string hint = suggest_crs_from_extent(extent);
      throw InputError("the table has plane coordinates but no CRS; pass --crs EPSG:xxxx" +
                           (hint.empty() ? "" : " (" + hint + ")"),
                       where);
    }
    out.crs = Crs::from_epsg(gk3_epsg(*zone, true));
    out.issues.push_back(
        Issue{IssueCode::csv_default_crs, Severity::info,
              std::string(mode == Mode::plane_surveying ? "X read as northing and Y as easting "
                                                          "(Chinese surveying convention); "
                                                        : "") +
                  "the eastings carry zone prefix " + std::to_string(*zone) +
                  ": read as CGCS2000 3-degree Gauss-Kruger zone " + std::to_string(*zone) + " (" +
                  out.crs.label() + "); pass --crs for another datum (Xian 1980: EPSG:" +
                  std::to_string(2349 + *zone - 25) + ")",
              where, std::nullopt, std::nullopt});
  }
  check_extent_matches_crs(out.crs, extent, where);
  return out;
}

Layer read_csv_points(const std::string& path, const ReadOptions& options) {
  Layer out = read_points_table(TableOrigin{path, "", "CSV"}, options,
                                read_text_table(path, options.encoding));
  out.sha256 = sha256_file(path);
  return out;
}

Layer read_table_layer(const TableOrigin& origin, const ReadOptions& options, TextTable t) {
  if (!looks_like_corner_point_table(t)) return read_points_table(origin, options, std::move(t));
  Layer layer = read_corner_point_table(origin, options, t);
  layer.issues.insert(layer.issues.begin(),
                      Issue{IssueCode::corner_point_table, Severity::info,
                            "read as a corner-point table (拐点坐标): one polygon per right, "
                            "corners joined in point-number order",
                            SourceRef{layer.path, layer.name, ""}, std::nullopt, std::nullopt});
  return layer;
}

Layer read_text_layer(const std::string& path, const ReadOptions& options) {
  const std::string stem = std::filesystem::path(path).stem().string();
  const SourceRef where{path, stem, ""};
  if (!options.where.empty())
    throw UsageError(
        "--where filters are not supported for CSV/text tables; filter the table "
        "first or convert it to a GeoPackage",
        where);
  if (!options.layer.empty() && options.layer != stem)
    throw UsageError("a CSV/text table has one layer, '" + stem + "'", where);
  Layer layer = read_table_layer(TableOrigin{path, "", "CSV"}, options,
                                 read_text_table(path, options.encoding));
  layer.sha256 = sha256_file(path);
  return layer;
}

DatasetInfo inspect_text_layer(const std::string& path, const ReadOptions& options) {
  const Layer layer = read_text_layer(path, options);
  DatasetInfo info;
  info.path = path;
  info.driver = layer.driver;
  LayerInfo li;
  li.name = layer.name;
  li.geometry_type = "Geometry";
  if (!layer.features.empty()) {
    const GeometryKind kind = layer.features.front().geometry.kind;
    bool same = true;
    for (const auto& f : layer.features) same = same && f.geometry.kind == kind;
    if (same && kind == GeometryKind::point) li.geometry_type = "Point";
    if (same && kind == GeometryKind::line) li.geometry_type = "MultiLineString";
    if (same && kind == GeometryKind::polygon) li.geometry_type = "MultiPolygon";
  }
  li.feature_count = static_cast<std::int64_t>(layer.features.size());
  li.crs = layer.crs;
  li.encoding = layer.encoding;
  const TextTable t = read_text_table(path, options.encoding);
  li.encoding_source = t.encoding_source;
  for (const auto& f : layer.fields) li.fields.push_back(FieldInfo{f, "string"});
  for (const auto& f : layer.features) li.extent.expand(envelope_of(f.geometry));
  info.layers.push_back(std::move(li));
  return info;
}

}  // namespace reserve::io
