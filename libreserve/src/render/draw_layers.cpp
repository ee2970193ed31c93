#include "render/draw_layers.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "geom/geos.hpp"
#include "render/raster_background.hpp"
#include "render/symbols.hpp"
#include "reserve/error.hpp"
#include "reserve/features.hpp"

namespace reserve::render {
namespace {

bool intersects(const Envelope& a, const Envelope& b) {
  return a.valid && b.valid && a.min_x <= b.max_x && b.min_x <= a.max_x && a.min_y <= b.max_y &&
         b.min_y <= a.max_y;
}

void path_ring(cairo_t* cr, const Ring& ring, const MapTransform& t) {
  bool first = true;
  for (const Point& p : ring) {
    const Point q = t.to_page_pt(p);
    if (first)
      cairo_move_to(cr, q.x, q.y);
    else
      cairo_line_to(cr, q.x, q.y);
    first = false;
  }
  cairo_close_path(cr);
}

void path_polygon(cairo_t* cr, const Polygon& poly, const MapTransform& t) {
  path_ring(cr, poly.outer, t);
  for (const Ring& h : poly.holes) path_ring(cr, h, t);
}

}  // namespace

void path_multipolygon(cairo_t* cr, const MultiPolygon& mp, const MapTransform& t) {
  cairo_new_path(cr);
  for (const Polygon& p : mp.polygons) path_polygon(cr, p, t);
}

namespace {

void path_lines(cairo_t* cr, const std::vector<LineString>& lines, const MapTransform& t) {
  cairo_new_path(cr);
  for (const LineString& l : lines) {
    bool first = true;
    for (const Point& p : l) {
      const Point q = t.to_page_pt(p);
      if (first)
        cairo_move_to(cr, q.x, q.y);
      else
        cairo_line_to(cr, q.x, q.y);
      first = false;
    }
  }
}

// Exact test whether a geometry reaches into the map extent (an envelope overlap is not enough:
// an L-shaped zone or a bending river can have its box in the map and nothing visible, and then
// it must not get a legend entry). GEOS trouble (invalid input) falls back to the envelope test.
bool reaches_extent(const geom::GeomPtr& g, const Envelope& e) {
  if (!g) return true;
  Polygon r;
  r.outer = {{e.min_x, e.min_y},
             {e.max_x, e.min_y},
             {e.max_x, e.max_y},
             {e.min_x, e.max_y},
             {e.min_x, e.min_y}};
  const geom::GeomPtr rect = geom::to_geos(r);
  const char result = GEOSIntersects_r(geom::context(), g.get(), rect.get());
  return result != 0;  // 1 intersects, 2 GEOS exception: draw it anyway
}
}  // namespace

bool reaches_extent(const MultiPolygon& mp, const Envelope& e) {
  try {
    return reaches_extent(geom::to_geos(mp), e);
  } catch (const Error&) {
    return true;
  }
}
bool reaches_extent(const Geometry& g, const Envelope& e) {
  try {
    return reaches_extent(geom::to_geos(g), e);
  } catch (const Error&) {
    return true;
  }
}

namespace {

bool reaches_extent(const std::vector<LineString>& lines, const Envelope& e) {
  for (const auto& l : lines) {
    if (l.size() < 2) continue;
    try {
      if (reaches_extent(geom::to_geos(l), e)) return true;
    } catch (const Error&) {
      return true;
    }
  }
  return false;
}

// The legend text of a facility category the style has no symbol for: the library's Chinese name
// of a known category, the style's "other" text for "other", else the user's own key as given.
std::string facility_label(const std::string& category, const std::string& other_label) {
  if (category.empty() || category == "other") return other_label;
  if (const auto known = category_from_string(category)) return chinese_name(*known);
  return category;
}

// A point inside the polygons for a label or symbol. GEOS refuses some invalid input (a bow-tie
// ring); the envelope centre is then good enough for a label.
Point inside_point(const MultiPolygon& mp) {
  try {
    return point_on_surface(mp);
  } catch (const Error&) {
    const Envelope e = envelope_of(mp);
    return {(e.min_x + e.max_x) / 2.0, (e.min_y + e.max_y) / 2.0};
  }
}

// Page area of a polygon (for deciding whether a zone label fits inside it).
double page_area(const Polygon& p, const MapTransform& t) {
  return planar_area(p) * t.pt_per_unit * t.pt_per_unit;
}

void hatch_multipolygon(cairo_t* cr, const MultiPolygon& mp, const MapTransform& t,
                        const HatchStyle& h) {
  path_multipolygon(cr, mp, t);
  double x0, y0, x1, y1;
  cairo_path_extents(cr, &x0, &y0, &x1, &y1);
  hatch_current_path(cr, h, x0, y0, x1, y1);
}

}  // namespace

void stroke_with_style(cairo_t* cr, const LineStyle& l) {
  set_colour(cr, l.colour);
  const double w = l.width_mm * kPtPerMm;
  cairo_set_line_width(cr, w);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
  if (l.dashed) {
    const double dashes[2] = {std::max(2.5, w * 5.0), std::max(1.5, w * 3.0)};
    cairo_set_dash(cr, dashes, 2, 0.0);
  } else {
    cairo_set_dash(cr, nullptr, 0, 0.0);
  }
  cairo_stroke(cr);
  cairo_set_dash(cr, nullptr, 0, 0.0);
}

// Fills the current path with the hatch's translucent fill, then strokes parallel lines clipped
// to it. Lines are anchored to the page origin so adjacent polygons' hatching lines up.
void hatch_current_path(cairo_t* cr, const HatchStyle& h, double x0, double y0, double x1,
                        double y1) {
  cairo_save(cr);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  if (h.fill.a > 0.0) {
    set_colour(cr, h.fill);
    cairo_fill_preserve(cr);
  }
  cairo_clip(cr);
  set_colour(cr, h.colour);
  cairo_set_line_width(cr, h.line_width_mm * kPtPerMm);
  const double spacing = h.spacing_mm * kPtPerMm;
  for (int set = 0; set < (h.cross ? 2 : 1); ++set) {
    const double a = (h.angle_deg + 90.0 * set) * std::numbers::pi / 180.0;
    const double dx = std::cos(a), dy = -std::sin(a);  // line direction (page y is down)
    const double nx = -dy, ny = dx;                    // normal
    double lo = 1e300, hi = -1e300;
    for (double x : {x0, x1})
      for (double y : {y0, y1}) {
        lo = std::min(lo, x * nx + y * ny);
        hi = std::max(hi, x * nx + y * ny);
      }
    const double len = std::hypot(x1 - x0, y1 - y0) + spacing;
    const double cx = (x0 + x1) / 2.0, cy = (y0 + y1) / 2.0;
    const double along = cx * dx + cy * dy;
    cairo_new_path(cr);
    for (double d = std::floor(lo / spacing) * spacing; d <= hi; d += spacing) {
      // Point on the line nearest to the box centre, then half the diagonal either way.
      const double px = d * nx + along * dx, py = d * ny + along * dy;
      cairo_move_to(cr, px - dx * len / 2.0, py - dy * len / 2.0);
      cairo_line_to(cr, px + dx * len / 2.0, py + dy * len / 2.0);
    }
    cairo_stroke(cr);
  }
  cairo_restore(cr);
}

void draw_map_body(RenderContext& c, const BodyInput& in) {
  cairo_t* cr = c.cr;
  const MapStyle& s = c.style;
  const MapLayers& L = c.layers;
  const MapTransform& t = c.transform;
  auto warn = [&](const std::string& w) { c.summary.warnings.push_back(w); };
  // True when the feature should be drawn; warns about empty and outside features.
  auto visible = [&](const Envelope& e, const std::string& what, const std::string& id,
                     const auto& geometry) {
    if (!e.valid) {
      warn(what + " '" + id + "' has an empty geometry; not drawn");
      return false;
    }
    if (!intersects(e, t.extent) || !reaches_extent(geometry, t.extent)) {
      if (in.warn_outside) warn(what + " '" + id + "' lies outside the map extent; not drawn");
      return false;
    }
    return true;
  };

  cairo_save(cr);
  cairo_rectangle(cr, t.area_x_pt, t.area_y_pt, t.area_width_pt, t.area_height_pt);
  cairo_clip(cr);

  if (s.show_background && !L.background_raster.empty()) {
    draw_background(cr, L.background_raster, L.crs, t, s.background_opacity, c.summary.warnings);
    LegendItem item = legend_item("background", "背景（地形晕渲）", LegendItem::Kind::raster);
    c.add_legend(item);
  }

  // Zones: fills first, then thin boundaries between them.
  if (s.show_zones && in.filled_zones) {
    bool present[6] = {};
    for (const MapZone& z : *in.filled_zones) {
      if (!visible(envelope_of(z.geometry), "zone part", z.id, z.geometry)) continue;
      path_multipolygon(cr, z.geometry, t);
      cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
      const auto it = s.zone_fill.find(z.zone);
      set_colour(cr, it != s.zone_fill.end() ? it->second : Rgba{0.8, 0.8, 0.8, 0.8});
      cairo_fill(cr);
      present[static_cast<int>(z.zone)] = true;
    }
    cairo_set_line_width(cr, 0.4);
    for (const MapZone& z : *in.filled_zones) {
      path_multipolygon(cr, z.geometry, t);
      set_colour(cr, s.zone_boundary);
      cairo_stroke(cr);
    }
    for (Zone z : {Zone::core, Zone::buffer, Zone::experimental, Zone::core_protection,
                   Zone::general_control, Zone::outside}) {
      if (!present[static_cast<int>(z)]) continue;
      LegendItem item =
          legend_item(std::string("zone:") + to_string(z), chinese_name(z), LegendItem::Kind::fill);
      const auto it = s.zone_fill.find(z);
      item.fill = it != s.zone_fill.end() ? it->second : Rgba{0.8, 0.8, 0.8, 0.8};
      c.add_legend(item);
    }
    if (s.show_zone_labels && s.show_labels) {
      for (const MapZone& z : *in.filled_zones) {
        for (const Polygon& p : z.geometry.polygons) {
          if (page_area(p, t) < 2500.0) continue;  // ~18 mm square: too small for a zone name
          MultiPolygon one;
          one.polygons.push_back(p);
          const Point a = t.to_page_pt(inside_point(one));
          PendingLabel l;
          l.text = chinese_name(z.zone);
          l.style = c.text_style(s.label_size_pt + 1.5, true);
          l.style.colour = {0.15, 0.15, 0.15, 1.0};
          l.request = {a.x, a.y, 0.0, 0.0, 0.0, true};
          l.priority = 3;
          c.labels.push_back(l);
        }
      }
    }
  }

  // Changed land: legend entries here (their place in the legend), drawn after the outlines
  // and mining rights (draw_change_area) so that heavy lines and hatching do not hide them.
  std::vector<std::pair<const MapChange*, HatchStyle>> changes;
  if (s.show_changes) {
    for (ChangeKind k : {ChangeKind::removed, ChangeKind::downgraded, ChangeKind::added}) {
      const HatchStyle look = change_look(k == ChangeKind::removed      ? s.removed
                                          : k == ChangeKind::downgraded ? s.downgraded
                                                                        : s.added);
      bool any = false;
      for (const MapChange& ch : L.changes) {
        if (ch.kind != k) continue;
        if (!visible(envelope_of(ch.geometry), std::string(to_string(k)) + " area", ch.id,
                     ch.geometry))
          continue;
        changes.emplace_back(&ch, look);
        any = true;
      }
      if (any) {
        LegendItem item =
            legend_item(std::string("change:") + to_string(k), look.label, LegendItem::Kind::hatch);
        item.hatch = look;
        c.add_legend(item);
      }
    }
  }

  // Context lines (rivers under the outlines so the boundary stays legible).
  if (s.show_context_lines) {
    for (const MapLine& line : L.context_lines) {
      Envelope e;
      for (const auto& l : line.lines)
        for (const auto& p : l) e.expand(p);
      if (!visible(e, "line", line.id, line.lines)) continue;
      const auto it = s.context_lines.find(line.kind);
      LineStyle ls = it != s.context_lines.end() ? it->second : s.other_line;
      if (it == s.context_lines.end() && !line.kind.empty()) ls.label = line.kind;
      path_lines(cr, line.lines, t);
      stroke_with_style(cr, ls);
      LegendItem item =
          legend_item("line:" + (line.kind.empty() ? std::string("other") : line.kind), ls.label,
                      LegendItem::Kind::line);
      item.line = ls;
      c.add_legend(item);
      if (s.show_labels && !line.label.empty()) {
        // Anchor at the middle vertex of the longest part.
        const LineString* longest = nullptr;
        for (const auto& l : line.lines)
          if (!longest || l.size() > longest->size()) longest = &l;
        if (longest && !longest->empty()) {
          const Point a = t.to_page_pt((*longest)[longest->size() / 2]);
          PendingLabel pl;
          pl.text = line.label;
          pl.style = c.text_style(s.label_size_pt);
          pl.style.italic = true;
          pl.style.colour = ls.colour;
          pl.request = {a.x, a.y, ls.width_mm * kPtPerMm, 0.0, 0.0, false};
          pl.priority = 4;
          c.labels.push_back(pl);
        }
      }
    }
  }

  // Reserve outlines: baseline dashed, proposal solid.
  if (s.show_outlines) {
    if (!in.proposal_outline.empty() && reaches_extent(in.proposal_outline, t.extent)) {
      path_multipolygon(cr, in.proposal_outline, t);
      stroke_with_style(cr, s.proposal_outline);
      LegendItem item =
          legend_item("outline:proposal", s.proposal_outline.label, LegendItem::Kind::line);
      item.line = s.proposal_outline;
      c.add_legend(item);
    }
    if (!in.baseline_outline.empty() && reaches_extent(in.baseline_outline, t.extent)) {
      path_multipolygon(cr, in.baseline_outline, t);
      stroke_with_style(cr, s.baseline_outline);
      LegendItem item =
          legend_item("outline:baseline", s.baseline_outline.label, LegendItem::Kind::line);
      item.line = s.baseline_outline;
      c.add_legend(item);
    }
  }

  // Mining rights: hatched, outlined, labelled with licence number or name.
  if (s.show_mining_rights) {
    for (const MapArea& m : L.mining_rights) {
      if (!visible(envelope_of(m.geometry), "mining right", m.id, m.geometry)) continue;
      hatch_multipolygon(cr, m.geometry, t, s.mining_right);
      path_multipolygon(cr, m.geometry, t);
      set_colour(cr, s.mining_right_outline);
      cairo_set_line_width(cr, 0.7);
      cairo_stroke(cr);
      LegendItem item = legend_item("mining_right", s.mining_right.label, LegendItem::Kind::hatch);
      item.hatch = s.mining_right;
      c.add_legend(item);
      if (s.show_labels && !m.label.empty()) {
        const Point a = t.to_page_pt(inside_point(m.geometry));
        PendingLabel pl;
        pl.text = m.label;
        pl.style = c.text_style(s.label_size_pt);
        pl.style.colour = s.mining_right_outline;
        pl.request = {a.x, a.y, 2.0, 0.0, 0.0, true};
        pl.priority = 1;
        c.labels.push_back(pl);
      }
    }
  }

  for (const auto& [change, look] : changes) {
    draw_change_area(cr, change->geometry, t, look);
    c.summary.changes_drawn.push_back(change->id);
  }

  // Facilities: symbol at each point (or inside each polygon, which is outlined too).
  if (s.show_facilities) {
    for (const MapFacility& f : L.facilities) {
      if (!visible(envelope_of(f.geometry), "facility", f.id, f.geometry)) continue;
      const auto it = s.facility_symbols.find(f.category);
      SymbolStyle sym = it != s.facility_symbols.end() ? it->second : s.other_facility;
      if (it == s.facility_symbols.end()) sym.label = facility_label(f.category, sym.label);
      const double size = sym.size_mm * kPtPerMm;
      std::vector<Point> anchors;
      if (f.geometry.kind == GeometryKind::point) {
        anchors = f.geometry.points;
      } else if (f.geometry.kind == GeometryKind::polygon) {
        path_multipolygon(cr, f.geometry.polygons, t);
        Rgba fill = sym.fill;
        fill.a = 0.25;
        set_colour(cr, fill);
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
        cairo_fill_preserve(cr);
        set_colour(cr, sym.fill);
        cairo_set_line_width(cr, 0.8);
        cairo_stroke(cr);
        anchors.push_back(inside_point(f.geometry.polygons));
      } else if (f.geometry.kind == GeometryKind::line) {
        path_lines(cr, f.geometry.lines, t);
        LineStyle ls;
        ls.colour = sym.fill;
        ls.width_mm = 0.5;
        stroke_with_style(cr, ls);
        if (!f.geometry.lines.empty() && !f.geometry.lines.front().empty()) {
          const auto& l0 = f.geometry.lines.front();
          anchors.push_back(l0[l0.size() / 2]);
        }
      }
      for (const Point& p : anchors) {
        const Point q = t.to_page_pt(p);
        draw_symbol(cr, sym, q.x, q.y, size);
        c.obstacles.push_back(
            {q.x - size / 2.0, q.y - size / 2.0, q.x + size / 2.0, q.y + size / 2.0});
      }
      LegendItem item =
          legend_item("facility:" + (f.category.empty() ? std::string("other") : f.category),
                      sym.label, LegendItem::Kind::symbol);
      item.symbol = sym;
      c.add_legend(item);
      if (s.show_labels && !f.label.empty() && !anchors.empty()) {
        const Point a = t.to_page_pt(anchors.front());
        PendingLabel pl;
        pl.text = f.label;
        pl.style = c.text_style(s.label_size_pt);
        pl.request = {a.x, a.y, size / 2.0, 0.0, 0.0, false};
        pl.priority = 0;
        c.labels.push_back(pl);
      }
    }
  }
  cairo_restore(cr);
}

void place_and_draw_labels(RenderContext& c) {
  cairo_t* cr = c.cr;
  const MapTransform& t = c.transform;
  LabelPlacer placer(
      {t.area_x_pt, t.area_y_pt, t.area_x_pt + t.area_width_pt, t.area_y_pt + t.area_height_pt});
  for (const Box& b : c.obstacles) placer.add_obstacle(b);
  std::stable_sort(
      c.labels.begin(), c.labels.end(),
      [](const PendingLabel& a, const PendingLabel& b) { return a.priority < b.priority; });
  for (PendingLabel& l : c.labels) {
    // An anchor outside the map area (a feature cut by the frame of a focus map) is not a label
    // of this map: skip it rather than count it as dropped.
    const double ax = l.request.anchor_x, ay = l.request.anchor_y;
    if (ax < t.area_x_pt || ax > t.area_x_pt + t.area_width_pt || ay < t.area_y_pt ||
        ay > t.area_y_pt + t.area_height_pt)
      continue;
    Text text(cr, l.text, l.style);
    l.request.width_pt = text.box().width_pt;
    l.request.height_pt = text.box().height_pt;
    const auto placed = placer.place(l.request);
    if (!placed) {
      ++c.summary.labels_dropped;
      continue;
    }
    if (placed->leader) {
      ++c.summary.labels_leader_line;
      // From the anchor to the nearest point of the label box.
      const double bx = std::clamp(l.request.anchor_x, placed->x, placed->x + l.request.width_pt);
      const double by = std::clamp(l.request.anchor_y, placed->y, placed->y + l.request.height_pt);
      cairo_save(cr);
      cairo_set_source_rgba(cr, 0.2, 0.2, 0.2, 1.0);
      cairo_set_line_width(cr, 0.4);
      cairo_move_to(cr, l.request.anchor_x, l.request.anchor_y);
      cairo_line_to(cr, bx, by);
      cairo_stroke(cr);
      cairo_restore(cr);
    } else {
      ++c.summary.labels_placed;
    }
    text.draw(cr, placed->x, placed->y, 1.6);
  }
}

}  // namespace reserve::render
