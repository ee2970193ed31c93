#pragma once
// State shared by the drawing steps of one render: the Cairo context, the page layout, what the
// legend must list (filled in as layers are drawn) and the labels waiting for placement.
#include <string>
#include <vector>

#include "render/cairo_handles.hpp"
#include "render/label_placer.hpp"
#include "render/projection_info.hpp"
#include "render/text.hpp"
#include "reserve/render.hpp"

namespace reserve::render {

struct Rect {
  double x = 0.0, y = 0.0, w = 0.0, h = 0.0;
};

// Page regions in points (top-left origin).
struct PageLayout {
  double width_pt = 0.0, height_pt = 0.0;
  Rect outer_frame;  // map frame including the grid-label band
  Rect map_area;     // inner frame: the map itself
  Rect title;        // title band
  Rect panel;        // side panel (bottom panel on portrait pages): legend, scale bar, notes
  bool bottom_panel = false;
  Rect footer;  // below the frame: review number
  bool furniture = true;
};

struct LegendItem {
  enum class Kind { fill, hatch, line, symbol, raster };
  std::string key;
  std::string label;
  Kind kind = Kind::fill;
  Rgba fill;
  HatchStyle hatch;
  LineStyle line;
  SymbolStyle symbol;
};

inline LegendItem legend_item(std::string key, std::string label, LegendItem::Kind kind) {
  LegendItem item;
  item.key = std::move(key);
  item.label = std::move(label);
  item.kind = kind;
  return item;
}

struct PendingLabel {
  std::string text;
  TextStyle style;
  LabelRequest request;
  int priority = 0;  // lower is placed first
};

struct RenderContext {
  cairo_t* cr = nullptr;
  const MapStyle& style;
  const MapLayers& layers;
  PageLayout page;
  MapTransform transform;
  ProjectionInfo projection;
  std::vector<LegendItem> legend;
  std::vector<PendingLabel> labels;
  std::vector<Box> obstacles;  // symbols and furniture inside the map area
  RenderSummary& summary;

  void add_legend(LegendItem item) {
    for (const auto& l : legend)
      if (l.key == item.key) return;
    legend.push_back(std::move(item));
  }
  TextStyle text_style(double size_pt, bool bold = false) const {
    return TextStyle{style.font_family, size_pt, bold, false, {0.1, 0.1, 0.1, 1.0}};
  }
};

}  // namespace reserve::render
