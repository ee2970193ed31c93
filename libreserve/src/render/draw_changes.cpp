// Changed land (removed, downgraded, added) drawn so that it stays visible at any scale: a solid
// translucent fill and an outline in the change colour, drawn above the zones, the reserve
// outlines and the mining rights (hatching alone vanished under heavy outlines and fills at
// province scale); hatching on top only where the piece is large enough on the page for hatch
// lines to read; a ring around pieces too small to see.
#include <algorithm>
#include <numbers>

#include "render/draw_layers.hpp"
#include "render/symbols.hpp"

namespace reserve::render {
namespace {

// Pieces whose page box is smaller than this get a ring so that they can be found (2 mm: about
// the size of a facility symbol).
constexpr double kMinVisibleMm = 2.0;
// Translucent enough to show the zone colour and mining-right hatching beneath, strong enough to
// read as a patch of the change colour.
constexpr double kMinFillAlpha = 0.35;

}  // namespace

HatchStyle change_look(const HatchStyle& h) {
  HatchStyle look = h;
  look.fill = h.colour;
  look.fill.a = std::max(h.fill.a, kMinFillAlpha);
  return look;
}

void draw_change_area(cairo_t* cr, const MultiPolygon& mp, const MapTransform& t,
                      const HatchStyle& look) {
  cairo_save(cr);
  path_multipolygon(cr, mp, t);
  double x0, y0, x1, y1;
  cairo_path_extents(cr, &x0, &y0, &x1, &y1);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  set_colour(cr, look.fill);
  cairo_fill_preserve(cr);
  set_colour(cr, look.colour);
  cairo_set_line_width(cr, std::max(0.8, 2.0 * look.line_width_mm * kPtPerMm));
  cairo_stroke(cr);
  // Hatch lines only where at least two fit across the piece; below that they are noise.
  const double spacing = look.spacing_mm * kPtPerMm;
  if (std::min(x1 - x0, y1 - y0) >= 2.0 * spacing) {
    HatchStyle lines = look;
    lines.fill.a = 0.0;  // the fill is already drawn
    path_multipolygon(cr, mp, t);
    hatch_current_path(cr, lines, x0, y0, x1, y1);
  }
  const double min_pt = kMinVisibleMm * kPtPerMm;
  if (std::max(x1 - x0, y1 - y0) < min_pt) {
    const double r = min_pt;
    cairo_new_path(cr);
    cairo_arc(cr, (x0 + x1) / 2.0, (y0 + y1) / 2.0, r, 0.0, 2.0 * std::numbers::pi);
    set_colour(cr, look.colour);
    cairo_set_line_width(cr, 1.0);
    cairo_stroke(cr);
  }
  cairo_restore(cr);
}

}  // namespace reserve::render
