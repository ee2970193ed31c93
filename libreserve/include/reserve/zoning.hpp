#pragma once
// One reserve's zoning: zone polygons in one working CRS, with where they came from and what was
// repaired on the way in.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "reserve/area.hpp"
#include "reserve/crs.hpp"
#include "reserve/export.hpp"
#include "reserve/geometry.hpp"
#include "reserve/io.hpp"
#include "reserve/issue.hpp"
#include "reserve/zone.hpp"

namespace reserve {

struct ZonePart {
  std::string feature_id;
  std::string label;  // the source label as read (UTF-8)
  Zone zone = Zone::core;
  MultiPolygon geometry;  // valid (repaired if needed), in the zoning's CRS
  SourceRef where;
};

// A file (and layer) the zoning was read from, for the audit block.
struct SourceFile {
  std::string path;
  std::string sha256;
  std::string layer;
  std::string driver;
  std::string encoding;
  Crs source_crs;
  // How edges were carried into the working CRS (the audit's edge model), e.g. "edges straight
  // in EPSG:4490 (lon/lat), densified to ≤ 0.0005° before projecting into EPSG:4544".
  std::string edge_model;
};

struct Zoning {
  std::string name;  // e.g. "baseline", "proposal"
  ZoneModel model = ZoneModel::three_zone;
  Crs crs;  // working CRS of every part
  std::vector<ZonePart> parts;
  std::vector<SourceFile> sources;
  std::vector<Repair> repairs;
  std::vector<Issue> issues;  // warnings raised while loading (skipped features, …)
};

// One input of a zoning: a layer with a zone field, or a layer that is entirely one zone.
struct ZoningSource {
  std::string path;
  ReadOptions read;
  std::string zone_field;    // empty: detect (功能分区, 分区, 功能区, ZONE, GNFQ, …)
  std::optional<Zone> zone;  // the whole layer is this zone (one file or layer per zone)
};

struct RepairPolicy {
  bool repair = true;                 // false: an invalid geometry is an input error
  double max_area_change_m2 = 1.0;    // |Δarea| allowed without --allow-repair-area-change …
  double max_area_change_rel = 1e-6;  // … or relative to the feature's area, whichever is larger
  bool allow_large_change = false;    // accept larger changes (still reported)
};

struct ZoningOptions {
  std::string name;
  std::vector<ZoningSource> sources;
  ZoneScheme scheme = ZoneScheme::defaults();
  std::string working_crs;  // empty: choose_working_crs() of the first source
  RepairPolicy repair;
  AreaMethod area_method = AreaMethod::geodesic;  // used for repair area deltas
};

// The one list of common names of the zone attribute in Chinese reserve data (Chinese, English,
// and the pinyin initials of provincial databases: GNFQ = 功能分区, GNQ = 功能区, FQ = 分区), most
// specific first, matched without regard to ASCII case. A `generic` name (类型, 名称, NAME, …)
// marks a zone field only when all its labels map; `reserve info` guesses from the others alone.
struct ZoneFieldName {
  const char* name;
  bool generic;
};
RESERVE_API const std::vector<ZoneFieldName>& common_zone_field_names();

// Reads, maps labels, reprojects, validates and repairs.
//
// Zone field: ZoningSource::zone_field, else the first field with a common zone-field name
// (功能分区, 分区名称, 分区, 功能区, ZONE, ZONE_NAME, GNFQ, FQMC, 类型, …) whose labels all map
// via the scheme, else the only other field whose labels all map.
// Working CRS: options.working_crs, else choose_working_crs() of the first source. Every part is
// reprojected into it, then checked for validity there (GEOS isValidDetail).
// Edge model: an edge is straight in the source CRS. Geographic (lon/lat) sources are densified
// to ≤ 0.0005° (≈ 56 m) steps before projecting, so a projected edge follows the lon/lat-straight
// edge to ≈ 0.03 m² per km of boundary and adding collinear vertices changes no figure by more
// than 1 m² per km of boundary; SourceFile::edge_model records it.
// Repair: GEOS MakeValid, STRUCTURE method, collapsed parts dropped (never buffer(0)); only the
// polygonal result is kept and re-validated. Area before = for each polygon, |A(outer)| − Σ
// |A(hole)| with A the signed ring area by options.area_method (for planar: the absolute
// shoelace sum; a bow tie's lobes cancel); area after by the same AreaCalculator. A change
// above max(max_area_change_m2, max_area_change_rel × |before|) is an InputError unless
// allow_large_change. Every repair is a Repair plus an Issue.
// Issue codes added here: "invalid-geometry-repaired" (info within the tolerance, warning
// beyond), "empty-geometry", "collapsed-geometry" (warnings); the layers' own issues come first.
// Throws InputError for unknown labels (listing the labels found and how to map them), a missing
// zone field, a missing CRS, an invalid geometry that cannot be repaired or whose repair changes
// area beyond the policy, or a zoning that mixes the three- and two-zone models.
RESERVE_API Zoning load_zoning(const ZoningOptions& options);

// The same, from layers already read (one per source, in the order of options.sources; the
// pair's ZoningSource says how to read zones from its Layer, options.sources is not used). This
// is load_zoning() without the file access, so it can be tested on hand-built layers.
RESERVE_API Zoning zoning_from_layers(const std::vector<std::pair<Layer, ZoningSource>>& layers,
                                      const ZoningOptions& options);

// The union of all parts of one zone minus every stricter zone of the zoning (empty when the
// zoning has none), valid. Overlapping zones are resolved once per zoning, the stricter zone
// winning, so each piece of land belongs to one zone; the overlap itself is reported by
// validate_zoning ("zone-overlap").
RESERVE_API MultiPolygon zone_geometry(const Zoning& zoning, Zone zone);
// The union of all parts: the reserve's outline.
RESERVE_API MultiPolygon reserve_outline(const Zoning& zoning);

// Area of each zone of the zoning's model (zone_geometry: overlapping parts of one zone count
// once, land of two zones counts in the stricter), strictest zone first; zones without parts are
// listed with 0. The areas add up to the area of reserve_outline().
struct ZoneArea {
  Zone zone = Zone::core;
  double area_m2 = 0.0;
};
RESERVE_API std::vector<ZoneArea> zone_areas(const Zoning& zoning, const AreaCalculator& area);

}  // namespace reserve
