#include "render/symbols.hpp"

#include <cmath>
#include <numbers>

namespace reserve::render {
namespace {

// A regular polygon with `n` vertices on a circle of radius r, first vertex at angle `start`
// (radians, page coordinates: y down, so -π/2 points up).
void regular_polygon(cairo_t* cr, double x, double y, double r, int n, double start) {
  for (int i = 0; i < n; ++i) {
    const double a = start + 2.0 * std::numbers::pi * i / n;
    const double px = x + r * std::cos(a), py = y + r * std::sin(a);
    if (i == 0)
      cairo_move_to(cr, px, py);
    else
      cairo_line_to(cr, px, py);
  }
  cairo_close_path(cr);
}

void star(cairo_t* cr, double x, double y, double r) {
  const double inner = r * 0.42;
  for (int i = 0; i < 10; ++i) {
    const double a = -std::numbers::pi / 2.0 + std::numbers::pi * i / 5.0;
    const double rr = (i % 2 == 0) ? r : inner;
    const double px = x + rr * std::cos(a), py = y + rr * std::sin(a);
    if (i == 0)
      cairo_move_to(cr, px, py);
    else
      cairo_line_to(cr, px, py);
  }
  cairo_close_path(cr);
}

}  // namespace

void draw_symbol(cairo_t* cr, const SymbolStyle& symbol, double x, double y, double size_pt) {
  const double r = size_pt / 2.0;
  const double up = -std::numbers::pi / 2.0;
  cairo_save(cr);
  cairo_new_path(cr);
  switch (symbol.shape) {
    case SymbolShape::circle: cairo_arc(cr, x, y, r * 0.85, 0.0, 2.0 * std::numbers::pi); break;
    case SymbolShape::triangle: regular_polygon(cr, x, y + r * 0.15, r, 3, up); break;
    case SymbolShape::inverted_triangle: regular_polygon(cr, x, y - r * 0.15, r, 3, -up); break;
    case SymbolShape::square:
      cairo_rectangle(cr, x - r * 0.75, y - r * 0.75, r * 1.5, r * 1.5);
      break;
    case SymbolShape::diamond: regular_polygon(cr, x, y, r, 4, up); break;
    case SymbolShape::star: star(cr, x, y, r * 1.1); break;
    case SymbolShape::pentagon: regular_polygon(cr, x, y, r * 0.9, 5, up); break;
    case SymbolShape::hexagon: regular_polygon(cr, x, y, r * 0.85, 6, 0.0); break;
    case SymbolShape::cross: {
      // A thick "X": two crossed bars filled like the other shapes.
      const double w = r * 0.32;
      for (double a : {std::numbers::pi / 4.0, -std::numbers::pi / 4.0}) {
        const double c = std::cos(a), s = std::sin(a);
        auto pt = [&](double u, double v) {
          return std::pair{x + u * c - v * s, y + u * s + v * c};
        };
        auto [x0, y0] = pt(-r, -w);
        auto [x1, y1] = pt(r, -w);
        auto [x2, y2] = pt(r, w);
        auto [x3, y3] = pt(-r, w);
        cairo_move_to(cr, x0, y0);
        cairo_line_to(cr, x1, y1);
        cairo_line_to(cr, x2, y2);
        cairo_line_to(cr, x3, y3);
        cairo_close_path(cr);
      }
      break;
    }
  }
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
  set_colour(cr, symbol.fill);
  cairo_fill_preserve(cr);
  set_colour(cr, symbol.stroke);
  cairo_set_line_width(cr, std::max(0.4, size_pt * 0.07));
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
  cairo_stroke(cr);
  cairo_restore(cr);
}

}  // namespace reserve::render
