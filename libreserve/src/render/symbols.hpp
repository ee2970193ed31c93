#pragma once
// Facility symbols drawn as Cairo paths (vector in PDF/SVG), centred on a point.
#include "render/cairo_handles.hpp"
#include "reserve/map_style.hpp"

namespace reserve::render {

constexpr double kPtPerMm = 72.0 / 25.4;

inline void set_colour(cairo_t* cr, const Rgba& c) {
  cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
}

// Draws `symbol` centred at (x, y) in page points with diameter size_pt.
void draw_symbol(cairo_t* cr, const SymbolStyle& symbol, double x, double y, double size_pt);

}  // namespace reserve::render
