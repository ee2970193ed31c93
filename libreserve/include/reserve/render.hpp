#pragma once
// Official-style reserve maps (PDF, SVG, PNG) from plain layers. The renderer knows nothing about
// files or analysis: adapters (map_layers.hpp) build MapLayers from zonings, comparisons and
// feature sets; render_map() lays out title, map frame with kilometre grid, legend built from what
// is drawn, scale bar, true-north arrow, CRS note, sources, producer and review number.
//
// Geometry must be in `MapLayers::crs`, a projected CRS (the working CRS: usually a CGCS2000
// Gauss–Krüger zone). The map is drawn in that plane; the scale bar is true at the map centre
// (ground distance per map unit = 1 / point scale factor k there, from PROJ's proj_factors), and
// the north arrow points to true north (rotated from grid north by the meridian convergence).
#include <optional>
#include <string>
#include <vector>

#include "reserve/crs.hpp"
#include "reserve/export.hpp"
#include "reserve/geometry.hpp"
#include "reserve/map_style.hpp"
#include "reserve/zone.hpp"

namespace reserve {

struct MapZone {
  std::string id;  // e.g. feature id or "proposal:core"
  Zone zone = Zone::core;
  MultiPolygon geometry;
};

// suggested: land a `reserve suggest` result adds or upgrades (drawn like a change, its own style).
enum class ChangeKind { removed, downgraded, added, suggested };
RESERVE_API const char* to_string(ChangeKind k) noexcept;  // "removed", "downgraded", "added"

struct MapChange {
  std::string id;
  ChangeKind kind = ChangeKind::removed;
  MultiPolygon geometry;
};

// A mining right (矿权) or other hatched area, labelled with its licence number or name.
struct MapArea {
  std::string id;
  std::string label;
  MultiPolygon geometry;
};

// A facility: point(s) or polygon(s), drawn with its category's symbol (at the point, or at a
// point inside the polygon, which is also outlined).
struct MapFacility {
  std::string id;
  std::string category;  // a FeatureCategory id ("concentrator", "smelter", "slag_yard",
                         // "tailings_pond", "hydropower", "industrial", "mine", …) or any
                         // other key of the style's [facilities] tables
  std::string label;
  Geometry geometry;
};

// Rivers, roads and other context lines.
struct MapLine {
  std::string id;
  std::string kind;  // "river", "road", … (style key)
  std::string label;
  std::vector<LineString> lines;
};

struct MapLayers {
  Crs crs;  // projected; all geometries below are in it
  std::vector<MapZone> baseline_zones;
  std::vector<MapZone> proposal_zones;
  // Outlines; when empty they are the union of the respective zones.
  MultiPolygon baseline_outline;
  MultiPolygon proposal_outline;
  std::vector<MapChange> changes;
  std::vector<MapArea> mining_rights;
  std::vector<MapFacility> facilities;
  std::vector<MapLine> context_lines;
  std::string background_raster;  // GeoTIFF (any GDAL raster), e.g. a hillshade; empty: none
  std::string zoning_name;  // e.g. "某某自然保护区" (used in no text by default; for adapters)
};

enum class MapFormat { pdf, svg, png };
RESERVE_API const char* to_string(MapFormat f) noexcept;
// "pdf", "svg", "png" (case-insensitive). Throws UsageError for anything else.
RESERVE_API MapFormat map_format_from_string(const std::string& name);

struct RenderOptions {
  // Zoom to the feature with this id (zone part, change, mining right, facility or line): its box
  // plus the style's focus margin. Empty: the whole extent. Unknown id: UsageError.
  std::string focus_feature_id;
};

// Map units → page points (1/72 inch). PNG pixels are points × px_per_pt.
struct MapTransform {
  Envelope extent;         // map extent in CRS units (what the map area shows)
  double area_x_pt = 0.0;  // map area (inner frame) on the page, top-left origin
  double area_y_pt = 0.0;
  double area_width_pt = 0.0;
  double area_height_pt = 0.0;
  double pt_per_unit = 0.0;  // page points per CRS unit
  double px_per_pt = 1.0;    // dpi / 72 for PNG, 1 for PDF/SVG
  double page_width_pt = 0.0;
  double page_height_pt = 0.0;
  Point to_page_pt(Point map) const noexcept {
    return {area_x_pt + (map.x - extent.min_x) * pt_per_unit,
            area_y_pt + (extent.max_y - map.y) * pt_per_unit};
  }
  Point to_pixel(Point map) const noexcept {
    const Point p = to_page_pt(map);
    return {p.x * px_per_pt, p.y * px_per_pt};
  }
};

struct LegendEntry {
  std::string key;    // stable id: "zone:core", "outline:baseline", "change:removed",
                      // "mining_right", "facility:<category>", "line:<kind>", "background"
  std::string label;  // the text drawn, e.g. "核心区"
};

// A degree tick on the frame: a meridian crossing the top edge of the map area (position is the
// page x) or a parallel crossing its left edge (position is the page y).
struct GraticuleTick {
  bool meridian = true;
  double value_deg = 0.0;  // longitude or latitude
  double position_pt = 0.0;
};

// What was drawn: a sidecar for tests, reports and notebooks.
struct RenderSummary {
  MapFormat format = MapFormat::pdf;
  MapTransform transform;
  std::vector<LegendEntry> legend;
  std::vector<std::string> changes_drawn;  // ids of the change areas drawn ("removed-1", …)
  int labels_placed = 0;                   // placed next to their feature
  int labels_leader_line = 0;              // placed further away with a leader line
  int labels_dropped = 0;                  // no room
  // Scale bar: drawn length and the ground distance it stands for at the map centre.
  double scale_bar_length_pt = 0.0;
  double scale_bar_ground_m = 0.0;
  double scale_denominator = 0.0;  // grid scale 1:N (map distance : CRS distance)
  // At the map centre: point scale factor k (grid distance / ground distance) and meridian
  // convergence γ in degrees as PROJ reports it (for Gauss–Krüger east of the central meridian
  // in the northern hemisphere γ > 0: grid north lies clockwise of true north by γ).
  double scale_factor = 1.0;
  double meridian_convergence_deg = 0.0;
  // Direction of true north on the page: angle in degrees clockwise from page "up".
  double true_north_page_deg = 0.0;
  std::vector<GraticuleTick> graticule;
  // The north-arrow disc (page points, top-left origin): in a corner of the map area where it
  // covers no data, else see-through (only the ring and the needle drawn).
  double north_arrow_x_pt = 0.0, north_arrow_y_pt = 0.0, north_arrow_radius_pt = 0.0;
  bool north_arrow_see_through = false;
  std::string crs_note;  // e.g. "2000国家大地坐标系 高斯-克吕格投影 中央经线105°"
  std::vector<std::string> warnings;  // features outside the extent, empty geometries, …
};

struct RenderedMap {
  std::string bytes;
  RenderSummary summary;
};

// Renders to bytes (the caller writes them: write_file_atomic in reserve/report.hpp). Throws
// InputError when there is nothing to draw, the CRS is missing or not projected, a coordinate is
// not finite, or the background raster cannot be read; UsageError for an unknown focus id;
// InputError when a style font is missing or lacks CJK glyphs (fontconfig), naming the font and
// what to install.
RESERVE_API RenderedMap render_map_bytes(const MapLayers& layers, const MapStyle& style,
                                         MapFormat format, const RenderOptions& options = {});
// Conveniences for HTML reports and notebooks.
RESERVE_API std::string render_map_svg(const MapLayers& layers, const MapStyle& style,
                                       const RenderOptions& options = {});
RESERVE_API std::string render_map_png(const MapLayers& layers, const MapStyle& style,
                                       const RenderOptions& options = {});

// Checks that `family` is installed and covers Chinese (U+6838 核, U+5FC3 心, U+533A 区).
// Throws InputError saying what fontconfig matched instead and what to install.
RESERVE_API void require_cjk_font(const std::string& family);

}  // namespace reserve
