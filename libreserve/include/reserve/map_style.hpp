#pragma once
// How a reserve map looks: page, fonts, colours, symbols, which layers and furniture are drawn,
// and the texts an official map carries (producer, data source, date, review number 审图号).
// Styles are small TOML files (see docs/map-style.md and libreserve/share/styles/default.toml);
// every key is optional and falls back to default_map_style().
#include <map>
#include <string>

#include "reserve/export.hpp"
#include "reserve/zone.hpp"

namespace reserve {

// A colour with straight (not premultiplied) alpha, components in 0…1.
struct Rgba {
  double r = 0.0, g = 0.0, b = 0.0, a = 1.0;
  friend bool operator==(const Rgba&, const Rgba&) = default;
};

// Parses "#rrggbb" or "#rrggbbaa". Throws UsageError naming `key` for anything else.
RESERVE_API Rgba parse_colour(const std::string& text, const std::string& key);

enum class PageSize { a4, a3, pixels };

// Point symbols for facilities, drawn as Cairo paths.
enum class SymbolShape {
  circle,
  triangle,
  inverted_triangle,
  square,
  diamond,
  star,
  pentagon,
  hexagon,
  cross
};
RESERVE_API const char* to_string(SymbolShape s) noexcept;

struct SymbolStyle {
  SymbolShape shape = SymbolShape::circle;
  Rgba fill{0.2, 0.2, 0.2, 1.0};
  Rgba stroke{0.0, 0.0, 0.0, 1.0};
  double size_mm = 3.2;  // diameter of the symbol's circumscribed circle
  std::string label;     // legend text, e.g. "选矿厂"
};

struct LineStyle {
  Rgba colour{0.3, 0.3, 0.3, 1.0};
  double width_mm = 0.35;
  bool dashed = false;
  std::string label;  // legend text, e.g. "河流"
};

struct HatchStyle {
  Rgba colour{0.8, 0.0, 0.0, 1.0};
  Rgba fill{0.0, 0.0, 0.0, 0.0};  // optional translucent fill under the hatching
  double angle_deg = 45.0;        // hatch line direction, counter-clockwise from page east
  double spacing_mm = 1.6;
  double line_width_mm = 0.25;
  bool cross = false;  // add a second set of lines at angle + 90°
  std::string label;   // legend text
};

struct MapStyle {
  // Texts. Empty texts are not drawn (and get no placeholder) except review_number.
  std::string title = "自然保护区功能分区图";
  std::string subtitle;
  std::string producer = "制图单位：（填写）";
  std::string data_source = "数据来源：（填写）";
  std::string date;  // e.g. "2026年11月"; also fixes the PDF creation date when ISO "YYYY-MM-DD"
  std::string review_number = "审图号：（待审）";
  std::string font_family = "Noto Sans CJK SC";         // must cover CJK (checked via fontconfig)
  std::string title_font_family = "Noto Serif CJK SC";  // likewise

  // Page. A4/A3 are in millimetres; `pixels` uses width_px × height_px at `dpi` (the PDF/SVG page
  // is then width_px·72/dpi points wide).
  PageSize page = PageSize::a4;
  bool landscape = true;
  int width_px = 1600;
  int height_px = 1200;
  double dpi = 150.0;  // PNG resolution
  double margin_mm = 10.0;

  // Layers and furniture.
  bool show_zones = true;
  bool show_outlines = true;
  bool show_changes = true;
  bool show_mining_rights = true;
  bool show_facilities = true;
  bool show_context_lines = true;
  bool show_background = true;
  bool show_labels = true;
  bool show_zone_labels = true;
  bool show_grid = true;       // kilometre grid in the plane CRS, labelled on the frame
  bool show_graticule = true;  // degree ticks (meridians on top, parallels left) outside the frame
  bool show_legend = true;
  bool show_scale_bar = true;
  bool show_north_arrow = true;
  // Title, side panel, frame, footer. false: the map fills the page edge to edge (tests,
  // embedding); legend/scale bar/north arrow/grid are then not drawn either.
  bool show_furniture = true;
  // Which zoning is filled: "auto" (proposal when given, else baseline), "proposal", "baseline".
  std::string fill_zoning = "auto";
  // Round the map scale up to a nice number (1:25 000, 1:50 000 …) instead of fitting exactly.
  bool round_scale = true;

  // Colours and symbols.
  std::map<Zone, Rgba> zone_fill;  // filled from the defaults for all five zones
  Rgba page_background{1.0, 1.0, 1.0, 1.0};
  Rgba zone_boundary{1.0, 1.0, 1.0, 0.9};
  LineStyle baseline_outline;
  LineStyle proposal_outline;
  HatchStyle removed;
  HatchStyle downgraded;
  HatchStyle added;
  HatchStyle suggested;  // parcels of `reserve suggest`
  HatchStyle mining_right;
  Rgba mining_right_outline{0.45, 0.2, 0.05, 1.0};
  std::map<std::string, SymbolStyle> facility_symbols;  // by facility category id
  SymbolStyle other_facility;                           // categories with no entry
  std::map<std::string, LineStyle> context_lines;       // by line kind ("river", "road", …)
  LineStyle other_line;
  Rgba grid_colour{0.35, 0.35, 0.35, 0.55};
  double background_opacity = 0.6;
  double label_size_pt = 7.5;
  double title_size_pt = 18.0;

  // Focus maps: margin around the focused feature's box, as a share of its size and at least
  // focus_min_margin_m (CRS units) on each side.
  double focus_margin_ratio = 0.6;
  double focus_min_margin_m = 500.0;
  // Margin around the whole extent, as a share of its size.
  double extent_margin_ratio = 0.06;
};

// The built-in style: conventional colours (core deep red, buffer orange, experimental light
// green; core protection red, general control green), a symbol for every feature category of
// features.hpp (concentrator, smelter, slag_yard, tailings_pond, hydropower, industrial, mine, …
// plus quarry and building), rivers and roads.
RESERVE_API MapStyle default_map_style();

// Reads a TOML style over the defaults. Throws UsageError naming the file and key for an unknown
// key, a value of the wrong type or an out-of-range value, and InputError for unreadable or
// malformed TOML.
RESERVE_API MapStyle load_map_style(const std::string& path);
// The same from TOML text; `source_name` is used in messages.
RESERVE_API MapStyle parse_map_style(const std::string& toml_text,
                                     const std::string& source_name = "<style>");

// The shipped default style file, styles/default.toml, found like the other shipped data
// ($RESERVE_DATA_DIR, then <prefix>/share/reserve beside the installed library or program).
RESERVE_API std::string default_map_style_path();

}  // namespace reserve
