// Corner-point tables (拐点坐标) of mining and exploration rights: one polygon per right, built
// from numbered corner points given as plane coordinates (X = northing, Y = easting, usually with
// the zone prefix) or as longitude/latitude in 度分秒.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>

#include "io/crs_checks.hpp"
#include "io/csv_table.hpp"
#include "io/layer_reading.hpp"
#include "io/ogr_geometry.hpp"
#include "reserve/io.hpp"

namespace reserve {
namespace io {
namespace {

const std::vector<std::string> kIdNames = {
    "矿权编号", "许可证号", "许可证编号", "采矿许可证号", "勘查许可证号", "证号",   "矿区编号",
    "项目编号", "编号",     "id",         "right_id",     "licence",      "license"};
const std::vector<std::string> kPointNames = {"点号",  "拐点号", "拐点编号", "拐点", "序号",
                                              "point", "pt",     "point_no", "no"};
const std::vector<std::string> kNorthingNames = {"x", "x坐标", "纵坐标", "北坐标", "northing"};
const std::vector<std::string> kEastingNames = {"y", "y坐标", "横坐标", "东坐标", "easting"};
const std::vector<std::string> kLonNames = {"经度", "东经", "lon", "longitude", "jd", "jingdu"};
const std::vector<std::string> kLatNames = {"纬度", "北纬", "lat", "latitude", "wd", "weidu"};
const std::vector<std::string> kPartNames = {"区块号", "块段号", "块号", "part", "block"};
const std::vector<std::string> kRingNames = {"圈号", "环号", "ring"};

std::optional<double> parse_number(const std::string& text) {
  const std::string s = trim_copy(text);
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

struct Corner {
  double order = 0.0;  // point number (file order when there is none)
  Point p;
};

// Ring numbers in numeric order when they are numbers ("2" before "10"), else text order.
struct RingOrder {
  bool operator()(const std::string& a, const std::string& b) const {
    char* ea = nullptr;
    char* eb = nullptr;
    const double na = std::strtod(a.c_str(), &ea);
    const double nb = std::strtod(b.c_str(), &eb);
    const bool a_num = !a.empty() && *ea == '\0';
    const bool b_num = !b.empty() && *eb == '\0';
    if (a_num && b_num && na != nb) return na < nb;
    if (a_num != b_num) return a_num;
    return a < b;
  }
};

struct Right {
  std::string id;
  std::vector<std::string> first_row;
  // part → ring → corners
  std::map<std::string, std::map<std::string, std::vector<Corner>, RingOrder>> parts;
  std::vector<std::string> part_order;
};

std::optional<std::size_t> column(const TextTable& t, const std::string& forced,
                                  const std::vector<std::string>& names, const SourceRef& where) {
  if (!forced.empty()) {
    for (std::size_t k = 0; k < t.header.size(); ++k)
      if (t.header[k] == forced) return k;
    if (auto i = find_column(t.header, {forced})) return i;
    throw UsageError("no column '" + forced + "' in the corner-point table", where);
  }
  if (auto i = find_column(t.header, names)) return i;
  return std::nullopt;
}

}  // namespace

bool looks_like_corner_point_table(const TextTable& t) {
  // A corner-point column proper (not 序号, which any table may have) and a right id that
  // repeats on at least three rows: a points table has neither.
  const auto point_col = find_column(t.header, {"点号", "拐点号", "拐点编号", "拐点"});
  const auto id_col = find_column(t.header, kIdNames);
  if (!point_col || !id_col) return false;
  std::map<std::string, int> rows_per_id;
  for (const auto& row : t.rows)
    if (*id_col < row.size() && ++rows_per_id[trim_copy(row[*id_col])] >= 3) return true;
  return false;
}

namespace {

// Where the columns of a corner-point table are; north/east are longitude/latitude when
// `geographic`.
struct CornerColumns {
  std::size_t id = 0;
  std::optional<std::size_t> point, part, ring, north, east;
  bool geographic = false;

  bool is_per_point(std::size_t i) const {
    return i == north || i == east || i == point || i == ring || i == part;
  }
};

std::string header_list(const TextTable& t) {
  std::string list;
  for (const auto& h : t.header) list += (list.empty() ? "'" : ", '") + h + "'";
  return list;
}

CornerColumns find_corner_columns(const TextTable& t, const ReadOptions& options,
                                  const SourceRef& where) {
  CornerColumns c;
  const auto id = column(t, options.id_field, kIdNames, where);
  if (!id)
    throw InputError("cannot find the right's id column (矿权编号/许可证号/id) among " +
                         header_list(t) + "; pass --id-field",
                     where);
  c.id = *id;
  c.point = find_column(t.header, kPointNames);
  c.part = find_column(t.header, kPartNames);
  c.ring = find_column(t.header, kRingNames);
  c.north = column(t, options.x_field, kNorthingNames, where);
  c.east = column(t, options.y_field, kEastingNames, where);
  if (!c.north || !c.east) {
    // Exploration rights are often listed in longitude/latitude (度分秒).
    c.east = find_column(t.header, kLonNames);
    c.north = find_column(t.header, kLatNames);
    c.geographic = true;
    if (!c.north || !c.east)
      throw InputError(
          "cannot find the coordinate columns (X = northing and Y = easting, or "
          "经度/纬度) among " +
              header_list(t) + "; pass --x-field and --y-field",
          where);
  }
  return c;
}

// The rows grouped by right, part and ring, in file order of the rights; rows without an id or
// usable coordinates are skipped with an issue in `issues`.
std::vector<Right> group_corners(const TextTable& t, const CornerColumns& cols,
                                 const SourceRef& where, std::vector<Issue>& issues) {
  std::vector<Right> rights;
  std::map<std::string, std::size_t> index;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    auto cell = [&](std::optional<std::size_t> i) {
      return i && *i < row.size() ? trim_copy(row[*i]) : std::string();
    };
    const SourceRef rwhere{where.file, where.layer, "row " + std::to_string(t.row_numbers[r])};
    const std::string id = cell(cols.id);
    if (id.empty()) {
      issues.push_back(Issue{IssueCode::missing_id, Severity::warning,
                             "the row has no right id; it is skipped", rwhere, std::nullopt,
                             std::nullopt});
      continue;
    }
    std::optional<double> n, e;
    if (cols.geographic) {
      n = parse_angle_deg(cell(cols.north));
      e = parse_angle_deg(cell(cols.east));
    } else {
      n = parse_number(cell(cols.north));
      e = parse_number(cell(cols.east));
    }
    if (!n || !e) {
      issues.push_back(Issue{IssueCode::bad_coordinate, Severity::error,
                             "corner point of right " + id +
                                 " has no usable coordinates; the point is skipped, so the "
                                 "polygon may be wrong",
                             rwhere, std::nullopt, std::nullopt});
      continue;
    }
    auto [it, inserted] = index.emplace(id, rights.size());
    if (inserted) rights.push_back(Right{id, row, {}, {}});
    Right& right = rights[it->second];
    const std::string part = cell(cols.part).empty() ? "1" : cell(cols.part);
    const std::string ring = cell(cols.ring).empty() ? "1" : cell(cols.ring);
    if (right.parts.find(part) == right.parts.end()) right.part_order.push_back(part);
    const auto pn = parse_number(cell(cols.point));
    right.parts[part][ring].push_back(
        Corner{pn ? *pn : static_cast<double>(r), Point{*e, *n}});  // x = easting, y = northing
  }
  return rights;
}

// One right's polygons: per part, its rings closed in point-number order. Ring 1 (the lowest ring
// number) is the boundary, further rings are excluded areas; a ring with fewer than 3 distinct
// points is skipped with an issue. `extent` grows by every kept point.
MultiPolygon right_polygons(const Right& right, const SourceRef& where, Envelope& extent,
                            std::vector<Issue>& issues) {
  MultiPolygon mp;
  for (const auto& part_name : right.part_order) {
    Polygon poly;
    bool first_ring = true;
    for (const auto& [ring_name, corners_in] : right.parts.at(part_name)) {
      auto corners = corners_in;
      std::stable_sort(corners.begin(), corners.end(),
                       [](const Corner& a, const Corner& b) { return a.order < b.order; });
      Ring ring;
      for (const auto& c : corners) ring.push_back(c.p);
      if (ring.size() >= 2 && ring.front() == ring.back()) ring.pop_back();
      if (ring.size() < 3) {
        issues.push_back(Issue{
            IssueCode::too_few_corner_points, Severity::error,
            "ring " + ring_name + " of part " + part_name + " has " + std::to_string(ring.size()) +
                " distinct corner point(s), fewer than 3; it is skipped",
            SourceRef{where.file, where.layer, right.id}, std::nullopt, std::nullopt});
        continue;
      }
      ring.push_back(ring.front());
      for (const auto& p : ring) extent.expand(p);
      if (first_ring)
        poly.outer = std::move(ring);
      else
        poly.holes.push_back(std::move(ring));
      first_ring = false;
    }
    if (!poly.outer.empty()) mp.polygons.push_back(std::move(poly));
  }
  return mp;
}

// The CRS of the table: --crs, else CGCS2000 for longitude/latitude, else the 3-degree
// Gauss-Kruger zone named by the easting's zone prefix (both ends of the extent must agree).
void assign_corner_crs(Layer& out, bool geographic, const Envelope& extent,
                       const ReadOptions& options, const SourceRef& where) {
  if (!options.assume_crs.empty()) {
    out.crs = Crs::from_user_input(options.assume_crs);
  } else if (geographic) {
    out.crs = Crs::from_epsg(4490);
    out.issues.push_back(Issue{IssueCode::csv_default_crs, Severity::info,
                               "longitude/latitude corner points read as CGCS2000 (EPSG:4490); "
                               "pass --crs for another datum",
                               where, std::nullopt, std::nullopt});
  } else {
    const auto zone = extent.valid ? gk3_zone_from_prefixed_easting(extent.min_x) : std::nullopt;
    if (!zone || gk3_zone_from_prefixed_easting(extent.max_x) != zone) {
      const std::string hint = suggest_crs_from_extent(extent);
      throw InputError(
          "the Y (easting) values carry no zone prefix, so the Gauss-Kruger zone is "
          "unknown; pass --crs EPSG:xxxx (CGCS2000 3-degree zones without prefix: "
          "EPSG:4534-4554)" +
              (hint.empty() ? "" : " (" + hint + ")"),
          where);
    }
    out.crs = Crs::from_epsg(gk3_epsg(*zone, true));
    out.issues.push_back(
        Issue{IssueCode::corner_points_crs, Severity::info,
              "Y (easting) carries zone prefix " + std::to_string(*zone) +
                  ": read as CGCS2000 3-degree Gauss-Kruger zone " + std::to_string(*zone) + " (" +
                  out.crs.label() +
                  "); for Xian 1980 tables pass --crs EPSG:" + std::to_string(2349 + *zone - 25),
              where, std::nullopt, std::nullopt});
  }
}

}  // namespace

}  // namespace io

namespace io {

Layer read_corner_point_table(const TableOrigin& origin, const ReadOptions& options,
                              const TextTable& t) {
  Layer out = start_table_layer(origin, t, origin.driver + " (corner points)");
  const SourceRef where{out.path, out.name, ""};

  const CornerColumns cols = find_corner_columns(t, options, where);
  const std::vector<Right> rights = group_corners(t, cols, where, out.issues);
  Envelope extent;
  for (const auto& right : rights) {
    MultiPolygon mp = right_polygons(right, where, extent, out.issues);
    if (mp.empty()) continue;
    normalise_orientation(mp);
    Feature f;
    f.id = right.id;
    f.geometry = Geometry::from(std::move(mp));
    // Attributes: the right's first row, minus the per-point columns.
    for (std::size_t i = 0; i < t.header.size(); ++i) {
      if (cols.is_per_point(i)) continue;
      const std::string v = i < right.first_row.size() ? trim_copy(right.first_row[i]) : "";
      f.attributes.push_back(Attribute{t.header[i], v, v.empty()});
    }
    out.features.push_back(std::move(f));
  }
  if (!out.features.empty())
    for (const auto& a : out.features.front().attributes) out.fields.push_back(a.name);

  assign_corner_crs(out, cols.geographic, extent, options, where);
  check_extent_matches_crs(out.crs, extent, where);
  return out;
}

}  // namespace io

Layer read_corner_points(const std::string& path, const ReadOptions& options) {
  Layer out = io::read_corner_point_table(io::TableOrigin{path, "", "CSV"}, options,
                                          io::read_text_table(path, options.encoding));
  out.sha256 = sha256_file(path);
  return out;
}

}  // namespace reserve
