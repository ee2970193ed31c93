#pragma once
// Text through Pango: fonts are checked for CJK coverage with fontconfig, sizes are in points
// (Pango resolution fixed at 72 dpi so 1 pt == 1 user unit), and hinting of metrics is off so a
// label measures the same in PDF, SVG and PNG.
#include <string>

#include "render/cairo_handles.hpp"
#include "reserve/map_style.hpp"

namespace reserve::render {

struct TextStyle {
  std::string family;
  double size_pt = 8.0;
  bool bold = false;
  bool italic = false;
  Rgba colour{0.0, 0.0, 0.0, 1.0};
};

struct TextBox {
  double width_pt = 0.0;
  double height_pt = 0.0;
};

// A laid-out piece of text (optionally wrapped at wrap_width_pt > 0).
class Text {
 public:
  Text(cairo_t* cr, const std::string& utf8, const TextStyle& style, double wrap_width_pt = 0.0,
       bool centred = false);
  TextBox box() const noexcept { return box_; }
  // Draws with the top-left of the logical box at (x, y); a halo (white outline under the glyphs)
  // keeps labels readable over fills. The glyphs themselves stay text (selectable in PDF).
  void draw(cairo_t* cr, double x, double y, double halo_width_pt = 0.0) const;

 private:
  LayoutPtr layout_;
  TextStyle style_;
  TextBox box_;
  double ink_offset_x_ = 0.0;
};

}  // namespace reserve::render
