#include "render/furniture.hpp"

#include <fmt/format.h>
#include <cmath>
#include <cstdio>
#include <numbers>

#include "render/draw_layers.hpp"
#include "render/map_layout.hpp"
#include "render/symbols.hpp"
#include "reserve/error.hpp"

namespace reserve::render {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

std::string grouped(double v) {
  const std::string digits = fmt::format("{:.0f}", std::round(v));
  std::string out;
  const int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    out += digits[static_cast<std::size_t>(i)];
    if ((n - 1 - i) % 3 == 0 && i != n - 1) out += ' ';
  }
  return out;
}

std::string distance_text(double metres) {
  return metres >= 1000.0 ? fmt::format("{:g} km", metres / 1000.0) : fmt::format("{:g} m", metres);
}

std::string km_label(double value_m, double step_m) {
  const int decimals = step_m >= 1000.0 ? 0 : step_m >= 100.0 ? 1 : 2;
  return fmt::format("{:.{}f}", value_m / 1000.0, decimals);
}

std::string angle_text(double deg) {
  const double a = std::fabs(deg);
  int d = static_cast<int>(a);
  int m = static_cast<int>(std::lround((a - d) * 60.0));
  if (m == 60) {
    ++d;
    m = 0;
  }
  return fmt::format("{}{}°{:02}′", deg < 0 ? "-" : "+", d, m);
}

constexpr double kArrowRadiusMm = 8.0;

// True when a zone, change, mining right or facility reaches into the page box.
bool data_under(const RenderContext& c, double x0, double y0, double x1, double y1) {
  const MapTransform& t = c.transform;
  Envelope e;
  e.expand(Point{t.extent.min_x + (x0 - t.area_x_pt) / t.pt_per_unit,
                 t.extent.max_y - (y1 - t.area_y_pt) / t.pt_per_unit});
  e.expand(Point{t.extent.min_x + (x1 - t.area_x_pt) / t.pt_per_unit,
                 t.extent.max_y - (y0 - t.area_y_pt) / t.pt_per_unit});
  const MapLayers& L = c.layers;
  for (const auto* zones : {&L.baseline_zones, &L.proposal_zones})
    for (const auto& z : *zones)
      if (reaches_extent(z.geometry, e)) return true;
  for (const auto& ch : L.changes)
    if (reaches_extent(ch.geometry, e)) return true;
  for (const auto& m : L.mining_rights)
    if (reaches_extent(m.geometry, e)) return true;
  for (const auto& f : L.facilities)
    if (reaches_extent(f.geometry, e)) return true;
  return false;
}

// The north arrow sits in the first corner of the map area (top right, top left, bottom right,
// bottom left) where its disc covers no data; when every corner has data, top right with a
// see-through disc (`clear` false), so that the arrow never hides what the map is about.
struct ArrowPlace {
  Point centre;
  bool clear = true;
};
ArrowPlace arrow_place(const RenderContext& c) {
  const MapTransform& t = c.transform;
  const double r = kArrowRadiusMm * kPtPerMm;
  const double left = t.area_x_pt + 11.0 * kPtPerMm;
  const double right = t.area_x_pt + t.area_width_pt - 11.0 * kPtPerMm;
  const double top = t.area_y_pt + 14.0 * kPtPerMm;
  const double bottom = t.area_y_pt + t.area_height_pt - 11.0 * kPtPerMm;
  const Point corners[] = {{right, top}, {left, top}, {right, bottom}, {left, bottom}};
  for (const Point& p : corners)
    if (!data_under(c, p.x - r, p.y - r, p.x + r, p.y + r)) return {p, true};
  return {corners[0], false};
}
Point arrow_centre(const RenderContext& c) { return arrow_place(c).centre; }

void draw_swatch(cairo_t* cr, const LegendItem& item, double x, double y, double w, double h) {
  cairo_save(cr);
  switch (item.kind) {
    case LegendItem::Kind::fill:
      cairo_rectangle(cr, x, y, w, h);
      set_colour(cr, item.fill);
      cairo_fill_preserve(cr);
      cairo_set_source_rgba(cr, 0.3, 0.3, 0.3, 1.0);
      cairo_set_line_width(cr, 0.4);
      cairo_stroke(cr);
      break;
    case LegendItem::Kind::hatch:
      cairo_rectangle(cr, x, y, w, h);
      hatch_current_path(cr, item.hatch, x, y, x + w, y + h);
      cairo_rectangle(cr, x, y, w, h);
      set_colour(cr, item.hatch.colour);
      cairo_set_line_width(cr, 0.5);
      cairo_stroke(cr);
      break;
    case LegendItem::Kind::line:
      cairo_move_to(cr, x, y + h / 2.0);
      cairo_line_to(cr, x + w, y + h / 2.0);
      stroke_with_style(cr, item.line);
      break;
    case LegendItem::Kind::symbol:
      draw_symbol(cr, item.symbol, x + w / 2.0, y + h / 2.0, item.symbol.size_mm * kPtPerMm);
      break;
    case LegendItem::Kind::raster: {
      PatternPtr g(cairo_pattern_create_linear(x, y, x + w, y + h));
      cairo_pattern_add_color_stop_rgb(g.get(), 0.0, 0.95, 0.95, 0.95);
      cairo_pattern_add_color_stop_rgb(g.get(), 1.0, 0.45, 0.45, 0.45);
      cairo_rectangle(cr, x, y, w, h);
      cairo_set_source(cr, g.get());
      cairo_fill(cr);
      break;
    }
  }
  cairo_restore(cr);
}

}  // namespace

double grid_step(const RenderContext& c) {
  const double span = std::max(c.transform.extent.width(), c.transform.extent.height());
  return nice_floor_125(span / 5.0);
}

void draw_grid_lines(RenderContext& c) {
  if (!c.page.furniture || !c.style.show_grid) return;
  cairo_t* cr = c.cr;
  const MapTransform& t = c.transform;
  const double step = grid_step(c);
  cairo_save(cr);
  cairo_rectangle(cr, t.area_x_pt, t.area_y_pt, t.area_width_pt, t.area_height_pt);
  cairo_clip(cr);
  set_colour(cr, c.style.grid_colour);
  cairo_set_line_width(cr, 0.35);
  cairo_new_path(cr);
  for (double x = std::ceil(t.extent.min_x / step) * step; x <= t.extent.max_x; x += step) {
    const Point p = t.to_page_pt({x, 0.0});
    cairo_move_to(cr, p.x, t.area_y_pt);
    cairo_line_to(cr, p.x, t.area_y_pt + t.area_height_pt);
  }
  for (double y = std::ceil(t.extent.min_y / step) * step; y <= t.extent.max_y; y += step) {
    const Point p = t.to_page_pt({0.0, y});
    cairo_move_to(cr, t.area_x_pt, p.y);
    cairo_line_to(cr, t.area_x_pt + t.area_width_pt, p.y);
  }
  cairo_stroke(cr);
  cairo_restore(cr);
}

void draw_frame_and_grid_labels(RenderContext& c) {
  if (!c.page.furniture) return;
  cairo_t* cr = c.cr;
  const MapTransform& t = c.transform;
  const Rect& o = c.page.outer_frame;
  const Rect& a = c.page.map_area;
  cairo_save(cr);
  cairo_set_source_rgba(cr, 0.0, 0.0, 0.0, 1.0);
  cairo_set_line_width(cr, 0.5);
  cairo_rectangle(cr, a.x, a.y, a.w, a.h);
  cairo_stroke(cr);
  cairo_set_line_width(cr, 1.6);
  cairo_rectangle(cr, o.x, o.y, o.w, o.h);
  cairo_stroke(cr);
  cairo_restore(cr);
  if (!c.style.show_grid) return;

  const double step = grid_step(c);
  const double mpu = c.projection.metres_per_unit;
  const TextStyle ts = c.text_style(6.0);
  const double band = a.x - o.x;
  for (double x = std::ceil(t.extent.min_x / step) * step; x <= t.extent.max_x; x += step) {
    const Point p = t.to_page_pt({x, 0.0});
    Text label(cr, km_label(x * mpu, step * mpu), ts);
    const double w = label.box().width_pt, h = label.box().height_pt;
    if (p.x - w / 2.0 < a.x || p.x + w / 2.0 > a.x + a.w) continue;
    label.draw(cr, p.x - w / 2.0, o.y + (band - h) / 2.0);
    label.draw(cr, p.x - w / 2.0, a.y + a.h + (band - h) / 2.0);
  }
  for (double y = std::ceil(t.extent.min_y / step) * step; y <= t.extent.max_y; y += step) {
    const Point p = t.to_page_pt({0.0, y});
    Text label(cr, km_label(y * mpu, step * mpu), ts);
    const double w = label.box().width_pt, h = label.box().height_pt;
    if (p.y - w / 2.0 < a.y || p.y + w / 2.0 > a.y + a.h) continue;
    for (double cx : {o.x + band / 2.0, a.x + a.w + band / 2.0}) {
      cairo_save(cr);
      cairo_translate(cr, cx, p.y);
      cairo_rotate(cr, -std::numbers::pi / 2.0);
      label.draw(cr, -w / 2.0, -h / 2.0);
      cairo_restore(cr);
    }
  }
}

namespace {

std::string dm_text(double deg) {
  const long total = std::lround(std::fabs(deg) * 60.0);
  return fmt::format("{}{}°{:02}′", deg < 0 ? "-" : "", total / 60, total % 60);
}

// Where along a frame edge (parameter 0…1) the longitude (or latitude) passes multiples of
// `step_deg`: the edge is sampled and crossings interpolated linearly between samples.
std::vector<std::pair<double, double>> crossings(const ToGeographic& geo, Point a, Point b,
                                                 bool longitude, double step_deg) {
  constexpr int kSamples = 240;
  std::vector<std::pair<double, double>> out;  // (parameter, value)
  double prev_v = 0.0;
  for (int i = 0; i <= kSamples; ++i) {
    const double u = static_cast<double>(i) / kSamples;
    const Point ll = geo.apply({a.x + (b.x - a.x) * u, a.y + (b.y - a.y) * u});
    const double v = (longitude ? ll.x : ll.y) / step_deg;
    if (i > 0 && std::floor(v) != std::floor(prev_v)) {
      const double k = std::floor(std::max(v, prev_v));
      const double f = (k - prev_v) / (v - prev_v);
      out.emplace_back((static_cast<double>(i - 1) + f) / kSamples, k * step_deg);
    }
    prev_v = v;
  }
  return out;
}

}  // namespace

// Degree ticks and labels outside the outer frame: meridians along the top, parallels along the
// left (the bottom and right carry the footer and panel).
void draw_graticule_ticks(RenderContext& c) {
  if (!c.page.furniture || !c.style.show_graticule) return;
  cairo_t* cr = c.cr;
  const MapTransform& t = c.transform;
  const Envelope& e = t.extent;
  const Rect& o = c.page.outer_frame;
  try {
    const ToGeographic geo(c.layers.crs);
    const Point sw = geo.apply({e.min_x, e.min_y}), ne = geo.apply({e.max_x, e.max_y});
    const double span_deg = std::max(std::fabs(ne.x - sw.x), std::fabs(ne.y - sw.y));
    double step_deg = 5.0;
    for (double minutes : {1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0}) {
      if (span_deg / (minutes / 60.0) <= 6.0) {
        step_deg = minutes / 60.0;
        break;
      }
    }
    const double tick = 1.5 * kPtPerMm;
    const TextStyle ts = c.text_style(6.0);
    cairo_save(cr);
    cairo_set_source_rgba(cr, 0.0, 0.0, 0.0, 1.0);
    cairo_set_line_width(cr, 0.5);
    // Along the top edge of the map area: meridians.
    for (const auto& [u, lon] :
         crossings(geo, {e.min_x, e.max_y}, {e.max_x, e.max_y}, true, step_deg)) {
      const double x = t.area_x_pt + u * t.area_width_pt;
      c.summary.graticule.push_back({true, lon, x});
      cairo_move_to(cr, x, o.y);
      cairo_line_to(cr, x, o.y - tick);
      cairo_stroke(cr);
      Text label(cr, dm_text(lon), ts);
      if (x - label.box().width_pt / 2.0 < o.x || x + label.box().width_pt / 2.0 > o.x + o.w)
        continue;
      label.draw(cr, x - label.box().width_pt / 2.0, o.y - tick - label.box().height_pt);
    }
    // Along the left edge: parallels.
    for (const auto& [u, lat] :
         crossings(geo, {e.min_x, e.max_y}, {e.min_x, e.min_y}, false, step_deg)) {
      const double y = t.area_y_pt + u * t.area_height_pt;
      c.summary.graticule.push_back({false, lat, y});
      cairo_move_to(cr, o.x, y);
      cairo_line_to(cr, o.x - tick, y);
      cairo_stroke(cr);
      Text label(cr, dm_text(lat), ts);
      const double w = label.box().width_pt, h = label.box().height_pt;
      if (y - w / 2.0 < o.y || y + w / 2.0 > o.y + o.h) continue;
      cairo_save(cr);
      cairo_translate(cr, o.x - tick - h / 2.0, y);
      cairo_rotate(cr, -std::numbers::pi / 2.0);
      label.draw(cr, -w / 2.0, -h / 2.0);
      cairo_restore(cr);
    }
    cairo_restore(cr);
  } catch (const Error& err) {
    c.summary.warnings.push_back(std::string("degree ticks left out: ") + err.message());
  }
}

void reserve_north_arrow_space(RenderContext& c) {
  if (!c.page.furniture || !c.style.show_north_arrow) return;
  const Point ctr = arrow_centre(c);
  const double r = kArrowRadiusMm * kPtPerMm;
  c.obstacles.push_back({ctr.x - r, ctr.y - r, ctr.x + r, ctr.y + r});
}

void draw_north_arrow(RenderContext& c) {
  if (!c.page.furniture || !c.style.show_north_arrow) return;
  cairo_t* cr = c.cr;
  const ArrowPlace place = arrow_place(c);
  const Point ctr = place.centre;
  const double r = kArrowRadiusMm * kPtPerMm;
  c.summary.north_arrow_x_pt = ctr.x;
  c.summary.north_arrow_y_pt = ctr.y;
  c.summary.north_arrow_radius_pt = r;
  c.summary.north_arrow_see_through = !place.clear;
  cairo_save(cr);
  cairo_new_path(cr);  // no current point left over from text, or the arc would join it
  cairo_arc(cr, ctr.x, ctr.y, r, 0.0, 2.0 * std::numbers::pi);
  cairo_set_source_rgba(cr, 1.0, 1.0, 1.0, place.clear ? 0.85 : 0.0);
  cairo_fill_preserve(cr);
  cairo_set_source_rgba(cr, 0.2, 0.2, 0.2, 1.0);
  cairo_set_line_width(cr, 0.5);
  cairo_stroke(cr);
  cairo_translate(cr, ctr.x, ctr.y + 1.5 * kPtPerMm);
  cairo_rotate(cr, c.summary.true_north_page_deg * kDeg);
  const double tip = r * 0.62, tail = r * 0.45, half = r * 0.28;
  // Left half black, right half white: the classic compass needle.
  cairo_move_to(cr, 0.0, -tip);
  cairo_line_to(cr, -half, tail);
  cairo_line_to(cr, 0.0, tail * 0.55);
  cairo_close_path(cr);
  cairo_set_source_rgba(cr, 0.0, 0.0, 0.0, 1.0);
  cairo_fill(cr);
  cairo_move_to(cr, 0.0, -tip);
  cairo_line_to(cr, half, tail);
  cairo_line_to(cr, 0.0, tail * 0.55);
  cairo_close_path(cr);
  cairo_set_source_rgba(cr, 1.0, 1.0, 1.0, 1.0);
  cairo_fill_preserve(cr);
  cairo_set_source_rgba(cr, 0.0, 0.0, 0.0, 1.0);
  cairo_set_line_width(cr, 0.5);
  cairo_stroke(cr);
  Text north(cr, "北", c.text_style(7.0, true));
  north.draw(cr, -north.box().width_pt / 2.0, -tip - north.box().height_pt + 0.5);
  cairo_restore(cr);
}

double draw_title(RenderContext& c, bool draw) {
  if (!c.style.show_furniture) return 0.0;
  cairo_t* cr = c.cr;
  double h = 0.0;
  const double width = c.page.width_pt - 2.0 * c.style.margin_mm * kPtPerMm;
  if (!c.style.title.empty()) {
    TextStyle ts{c.style.title_font_family, c.style.title_size_pt, true, false, {0, 0, 0, 1}};
    Text title(cr, c.style.title, ts, width, true);
    if (draw) title.draw(cr, c.page.title.x, c.page.title.y);
    h += title.box().height_pt;
  }
  if (!c.style.subtitle.empty()) {
    TextStyle ts{
        c.style.font_family, c.style.title_size_pt * 0.6, false, false, {0.2, 0.2, 0.2, 1}};
    Text sub(cr, c.style.subtitle, ts, width, true);
    if (draw) sub.draw(cr, c.page.title.x, c.page.title.y + h + 1.0);
    h += sub.box().height_pt + 1.0;
  }
  return h;
}

namespace {

// Legend rows in one or two columns between y_top and y_bottom; returns false when they do not fit.
bool draw_legend(RenderContext& c, double x, double width, double y_top, double y_bottom,
                 int columns, bool draw) {
  cairo_t* cr = c.cr;
  const double sw = (columns == 1 ? 9.0 : 7.0) * kPtPerMm, sh = 4.5 * kPtPerMm;
  const double gap = (columns == 1 ? 2.5 : 1.5) * kPtPerMm;
  const double col_w = width / columns;
  const double label_w = col_w - sw - gap - 1.0 * kPtPerMm;
  const std::size_t per_column =
      (c.legend.size() + static_cast<std::size_t>(columns) - 1) / static_cast<std::size_t>(columns);
  for (int col = 0; col < columns; ++col) {
    double y = y_top;
    for (std::size_t i = static_cast<std::size_t>(col) * per_column;
         i < std::min(c.legend.size(), static_cast<std::size_t>(col + 1) * per_column); ++i) {
      const LegendItem& item = c.legend[i];
      Text label(cr, item.label, c.text_style(columns == 1 ? 8.5 : 7.0), label_w);
      const double row = std::max(sh, label.box().height_pt) + 1.4 * kPtPerMm;
      if (y + row > y_bottom) return false;
      if (draw) {
        c.summary.legend.push_back({item.key, item.label});
        const double cx = x + col * col_w;
        draw_swatch(cr, item, cx, y, sw, sh);
        label.draw(cr, cx + sw + gap, y + (sh - label.box().height_pt) / 2.0);
      }
      y += row;
    }
  }
  return true;
}

}  // namespace

namespace {

// Scale (numeric scale + bar) and the notes, top-down from (x, y) within `width`. Returns the
// height used; draws only when `draw` (measure first, then place).
double draw_info(RenderContext& c, double x, double y, double width, bool draw) {
  cairo_t* cr = c.cr;
  const MapStyle& s = c.style;
  const double y0 = y;
  if (s.show_scale_bar) {
    const ProjectionInfo& pi = c.projection;
    const double ground_per_pt = pi.metres_per_unit / (pi.scale_factor * c.transform.pt_per_unit);
    const double ground_m = nice_floor_125(std::min(width * 0.75, 60.0 * kPtPerMm) * ground_per_pt);
    const double bar_pt = ground_m / ground_per_pt;
    std::string numeric = "比例尺 1:" + grouped(c.summary.scale_denominator);
    if (std::fabs(pi.scale_factor - 1.0) > 1e-3)
      numeric = "比例尺（图幅中心）1:" + grouped(c.summary.scale_denominator / pi.scale_factor);
    Text num(cr, numeric, c.text_style(8.5));
    const double bh = 1.6 * kPtPerMm;
    if (draw) {
      c.summary.scale_bar_ground_m = ground_m;
      c.summary.scale_bar_length_pt = bar_pt;
      num.draw(cr, x + (width - num.box().width_pt) / 2.0, y);
    }
    y += num.box().height_pt + 1.5 * kPtPerMm;
    const double x0 = x + (width - bar_pt) / 2.0;
    if (draw) {
      cairo_save(cr);
      for (int i = 0; i < 4; ++i) {
        cairo_rectangle(cr, x0 + bar_pt * i / 4.0, y, bar_pt / 4.0, bh);
        if (i % 2 == 0)
          cairo_set_source_rgba(cr, 0, 0, 0, 1);
        else
          cairo_set_source_rgba(cr, 1, 1, 1, 1);
        cairo_fill(cr);
      }
      cairo_rectangle(cr, x0, y, bar_pt, bh);
      cairo_set_source_rgba(cr, 0, 0, 0, 1);
      cairo_set_line_width(cr, 0.5);
      cairo_stroke(cr);
      cairo_restore(cr);
    }
    y += bh + 0.8 * kPtPerMm;
    double label_h = 0.0;
    for (double f : {0.0, 0.5, 1.0}) {
      Text t(cr, f == 0.0 ? "0" : distance_text(ground_m * f), c.text_style(6.5));
      if (draw) t.draw(cr, x0 + bar_pt * f - t.box().width_pt / 2.0, y);
      label_h = t.box().height_pt;
    }
    y += label_h + 3.0 * kPtPerMm;
  }
  std::vector<std::string> notes;
  notes.push_back("坐标系：" + c.projection.note);
  if (s.show_grid) {
    const double step_m = grid_step(c) * c.projection.metres_per_unit;
    notes.push_back("公里网间隔 " + distance_text(step_m) + "，坐标单位 km");
  }
  if (s.show_north_arrow) {
    notes.push_back("指北针指向真北；图幅中心子午线收敛角 γ = " +
                    angle_text(c.projection.convergence_deg));
  }
  if (!s.data_source.empty()) notes.push_back(s.data_source);
  for (const std::string& n : notes) {
    Text t(cr, n, c.text_style(7.0), width);
    if (draw) t.draw(cr, x, y);
    y += t.box().height_pt + 1.2 * kPtPerMm;
  }
  return y - y0;
}

}  // namespace

void draw_panel(RenderContext& c) {
  if (!c.page.furniture) return;
  cairo_t* cr = c.cr;
  const Rect& p = c.page.panel;
  const MapStyle& s = c.style;
  const double pad = 3.0 * kPtPerMm;
  const double top = p.y + pad;
  const double bottom = p.y + p.h - pad;

  cairo_save(cr);
  cairo_set_source_rgba(cr, 0.0, 0.0, 0.0, 1.0);
  cairo_set_line_width(cr, 0.8);
  cairo_rectangle(cr, p.x, p.y, p.w, p.h);
  cairo_stroke(cr);
  cairo_restore(cr);

  // Side panel: legend on top, scale and notes at the bottom. Bottom panel (portrait): legend in
  // columns on the left, scale and notes on the right.
  Rect legend;
  int max_columns = 2;
  if (!c.page.bottom_panel) {
    const double w = p.w - 2.0 * pad;
    const double info_h = draw_info(c, p.x + pad, 0.0, w, false);
    draw_info(c, p.x + pad, bottom - info_h, w, true);
    legend = {p.x + pad, top, w, bottom - info_h - 2.0 * kPtPerMm - top};
  } else {
    const double info_w = std::min(70.0 * kPtPerMm, p.w * 0.38);
    const double info_x = p.x + p.w - pad - info_w;
    draw_info(c, info_x, top, info_w, true);
    cairo_save(cr);
    cairo_set_source_rgba(cr, 0.0, 0.0, 0.0, 1.0);
    cairo_set_line_width(cr, 0.4);
    cairo_move_to(cr, info_x - 2.0 * kPtPerMm, p.y);
    cairo_line_to(cr, info_x - 2.0 * kPtPerMm, p.y + p.h);
    cairo_stroke(cr);
    cairo_restore(cr);
    legend = {p.x + pad, top, info_x - 4.0 * kPtPerMm - p.x - pad, bottom - top};
    max_columns = 4;
  }

  if (s.show_legend && !c.legend.empty()) {
    Text heading(cr, "图  例", c.text_style(12.0, true));
    heading.draw(cr, legend.x + (legend.w - heading.box().width_pt) / 2.0, legend.y);
    const double y0 = legend.y + heading.box().height_pt + 2.0 * kPtPerMm;
    int columns = c.page.bottom_panel ? 2 : 1;
    while (columns < max_columns &&
           !draw_legend(c, legend.x, legend.w, y0, legend.y + legend.h, columns, false))
      ++columns;
    if (!draw_legend(c, legend.x, legend.w, y0, legend.y + legend.h, columns, true)) {
      c.summary.warnings.push_back(
          "the legend does not fit the panel and was cut short; use a larger page (A3)");
    }
  }
}

void draw_footer(RenderContext& c) {
  if (!c.page.furniture) return;
  const Rect& f = c.page.footer;
  if (!c.style.review_number.empty()) {
    Text t(c.cr, c.style.review_number, c.text_style(8.0));
    t.draw(c.cr, f.x, f.y + (f.h - t.box().height_pt) / 2.0);
  }
  // Producer and date at the bottom right, as on published thematic maps.
  std::string right = c.style.producer;
  if (!c.style.date.empty()) right += (right.empty() ? "" : "    ") + ("制图日期：" + c.style.date);
  if (!right.empty()) {
    Text t(c.cr, right, c.text_style(8.0));
    t.draw(c.cr, f.x + f.w - t.box().width_pt, f.y + (f.h - t.box().height_pt) / 2.0);
  }
}

}  // namespace reserve::render
