#include "render/map_layout.hpp"

#include <algorithm>
#include <cmath>

#include "render/symbols.hpp"

namespace reserve::render {

void page_size_pt(const MapStyle& style, double& width_pt, double& height_pt) {
  double w_mm = 210.0, h_mm = 297.0;
  switch (style.page) {
    case PageSize::a4: break;
    case PageSize::a3:
      w_mm = 297.0;
      h_mm = 420.0;
      break;
    case PageSize::pixels:
      width_pt = style.width_px * 72.0 / style.dpi;
      height_pt = style.height_px * 72.0 / style.dpi;
      return;
  }
  if (style.landscape) std::swap(w_mm, h_mm);
  width_pt = w_mm * kPtPerMm;
  height_pt = h_mm * kPtPerMm;
}

PageLayout layout_page(const MapStyle& style, double title_height_pt) {
  PageLayout p;
  page_size_pt(style, p.width_pt, p.height_pt);
  p.furniture = style.show_furniture;
  if (!p.furniture) {
    p.map_area = {0.0, 0.0, p.width_pt, p.height_pt};
    p.outer_frame = p.map_area;
    return p;
  }
  const double m = style.margin_mm * kPtPerMm;
  const double band = 5.0 * kPtPerMm;  // grid labels between inner and outer frame
  const double gap = 5.0 * kPtPerMm;   // frame to side panel
  const double footer = 6.0 * kPtPerMm;
  // Room under the title for the degree labels above the frame.
  const double title_h = title_height_pt + (style.show_graticule ? 6.0 : 3.0) * kPtPerMm;
  p.title = {m, m, p.width_pt - 2.0 * m, title_h};
  const double body_w = p.width_pt - 2.0 * m;
  const double body_h = p.height_pt - 2.0 * m - title_h - footer;
  if (p.height_pt > p.width_pt * 1.05) {
    // Portrait: the panel runs along the bottom (legend in columns, scale and notes at right),
    // so the map keeps the page's full width.
    p.bottom_panel = true;
    const double panel_h = std::clamp(body_h * 0.24, 45.0 * kPtPerMm, 75.0 * kPtPerMm);
    p.outer_frame = {m, m + title_h, body_w, body_h - panel_h - gap};
    p.panel = {m, p.outer_frame.y + p.outer_frame.h + gap, body_w, panel_h};
    p.footer = {m, p.panel.y + p.panel.h, body_w, footer};
  } else {
    const double panel_w = std::clamp(p.width_pt * 0.22, 46.0 * kPtPerMm, 70.0 * kPtPerMm);
    p.outer_frame = {m, m + title_h, body_w - panel_w - gap, body_h};
    p.panel = {p.outer_frame.x + p.outer_frame.w + gap, p.outer_frame.y, panel_w, body_h};
    p.footer = {m, p.outer_frame.y + p.outer_frame.h, p.outer_frame.w, footer};
  }
  p.map_area = {p.outer_frame.x + band, p.outer_frame.y + band, p.outer_frame.w - 2.0 * band,
                p.outer_frame.h - 2.0 * band};
  return p;
}

double nice_ceil(double value) {
  const double base = std::pow(10.0, std::floor(std::log10(value)));
  for (double f : {1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0}) {
    // A relative slack so that 50000.0000001 stays 1:50 000.
    if (f * base >= value * (1.0 - 1e-9)) return f * base;
  }
  return 10.0 * base;
}

double nice_floor_125(double value) {
  const double base = std::pow(10.0, std::floor(std::log10(value)));
  double best = base;
  for (double f : {1.0, 2.0, 5.0})
    if (f * base <= value * (1.0 + 1e-9)) best = f * base;
  return best;
}

MapTransform fit_extent(const Envelope& e, const Rect& area, double metres_per_unit,
                        bool round_scale, double& denominator) {
  MapTransform t;
  const double fit = std::min(area.w / e.width(), area.h / e.height());  // pt per unit
  denominator = metres_per_unit / (fit * kMetresPerPt);
  if (round_scale) denominator = nice_ceil(denominator);
  t.pt_per_unit = metres_per_unit / (denominator * kMetresPerPt);
  const double cx = (e.min_x + e.max_x) / 2.0, cy = (e.min_y + e.max_y) / 2.0;
  const double half_w = area.w / t.pt_per_unit / 2.0, half_h = area.h / t.pt_per_unit / 2.0;
  t.extent.expand(Point{cx - half_w, cy - half_h});
  t.extent.expand(Point{cx + half_w, cy + half_h});
  t.area_x_pt = area.x;
  t.area_y_pt = area.y;
  t.area_width_pt = area.w;
  t.area_height_pt = area.h;
  return t;
}

}  // namespace reserve::render
