// The map body, one function per layer, drawn bottom to top in draw_map_body(); each layer adds
// its legend entries and queues its labels as it is drawn.
#include "render/draw_layers.hpp"

#include <string>
#include <utility>
#include <vector>

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

// Decides whether a feature is drawn, and says why not: empty geometries always warn, features
// outside the extent warn only on whole-extent maps (a focus map leaves most features out).
class LayerFilter {
 public:
  LayerFilter(RenderContext& c, bool warn_outside) : c_(c), warn_outside_(warn_outside) {}

  template <typename G>
  bool visible(const Envelope& e, const std::string& what, const std::string& id,
               const G& geometry) {
    if (!e.valid) {
      c_.summary.warnings.push_back(what + " '" + id + "' has an empty geometry; not drawn");
      return false;
    }
    if (!intersects(e, c_.transform.extent) || !reaches_extent(geometry, c_.transform.extent)) {
      if (warn_outside_)
        c_.summary.warnings.push_back(what + " '" + id +
                                      "' lies outside the map extent; not drawn");
      return false;
    }
    return true;
  }

 private:
  RenderContext& c_;
  bool warn_outside_;
};

void draw_background_layer(RenderContext& c) {
  const MapStyle& s = c.style;
  const MapLayers& L = c.layers;
  if (!s.show_background || L.background_raster.empty()) return;
  draw_background(c.cr, L.background_raster, L.crs, c.transform, s.background_opacity,
                  c.summary.warnings);
  LegendItem item = legend_item("background", "背景（地形晕渲）", LegendItem::Kind::raster);
  c.add_legend(item);
}

Rgba zone_fill_colour(const MapStyle& s, Zone z) {
  const auto it = s.zone_fill.find(z);
  return it != s.zone_fill.end() ? it->second : Rgba{0.8, 0.8, 0.8, 0.8};
}

// Queues a zone name inside every part large enough on the page to hold one.
void queue_zone_labels(RenderContext& c, const std::vector<MapZone>& zones) {
  const MapStyle& s = c.style;
  for (const MapZone& z : zones) {
    for (const Polygon& p : z.geometry.polygons) {
      if (page_area(p, c.transform) < 2500.0) continue;  // ~18 mm square: too small for a name
      MultiPolygon one;
      one.polygons.push_back(p);
      const Point a = c.transform.to_page_pt(inside_point(one));
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

// Zones: all fills first, then the thin boundaries between them, so that no fill covers the
// boundary of a neighbour drawn earlier.
void draw_zones(RenderContext& c, LayerFilter& filter, const std::vector<MapZone>& zones) {
  cairo_t* cr = c.cr;
  const MapStyle& s = c.style;
  const MapTransform& t = c.transform;
  bool present[6] = {};
  for (const MapZone& z : zones) {
    if (!filter.visible(envelope_of(z.geometry), "zone part", z.id, z.geometry)) continue;
    path_multipolygon(cr, z.geometry, t);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    set_colour(cr, zone_fill_colour(s, z.zone));
    cairo_fill(cr);
    present[static_cast<int>(z.zone)] = true;
  }
  cairo_set_line_width(cr, 0.4);
  for (const MapZone& z : zones) {
    path_multipolygon(cr, z.geometry, t);
    set_colour(cr, s.zone_boundary);
    cairo_stroke(cr);
  }
  for (Zone z : {Zone::core, Zone::buffer, Zone::experimental, Zone::core_protection,
                 Zone::general_control, Zone::outside}) {
    if (!present[static_cast<int>(z)]) continue;
    LegendItem item =
        legend_item(std::string("zone:") + to_string(z), chinese_name(z), LegendItem::Kind::fill);
    item.fill = zone_fill_colour(s, z);
    c.add_legend(item);
  }
  if (s.show_zone_labels && s.show_labels) queue_zone_labels(c, zones);
}

using ChangeToDraw = std::pair<const MapChange*, HatchStyle>;

// Changed land: picks the visible change areas and adds their legend entries now (their place in
// the legend), but they are drawn later, by draw_changes.
std::vector<ChangeToDraw> collect_changes(RenderContext& c, LayerFilter& filter) {
  const MapStyle& s = c.style;
  std::vector<ChangeToDraw> changes;
  for (ChangeKind k :
       {ChangeKind::removed, ChangeKind::downgraded, ChangeKind::added, ChangeKind::suggested}) {
    const HatchStyle look = change_look(k == ChangeKind::removed      ? s.removed
                                        : k == ChangeKind::downgraded ? s.downgraded
                                        : k == ChangeKind::added      ? s.added
                                                                      : s.suggested);
    bool any = false;
    for (const MapChange& ch : c.layers.changes) {
      if (ch.kind != k) continue;
      if (!filter.visible(envelope_of(ch.geometry), std::string(to_string(k)) + " area", ch.id,
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
  return changes;
}

// Change areas go above the zones, outlines and mining rights: they are what the reviewer checks,
// and the heavy outline strokes and mining hatching would otherwise hide their edges.
void draw_changes(RenderContext& c, const std::vector<ChangeToDraw>& changes) {
  for (const auto& [change, look] : changes) {
    draw_change_area(c.cr, change->geometry, c.transform, look);
    c.summary.changes_drawn.push_back(change->id);
  }
}

// Queues a line's name at the middle vertex of its longest part (the part a reader follows).
void queue_line_label(RenderContext& c, const MapLine& line, const LineStyle& ls) {
  const LineString* longest = nullptr;
  for (const auto& l : line.lines)
    if (!longest || l.size() > longest->size()) longest = &l;
  if (!longest || longest->empty()) return;
  const Point a = c.transform.to_page_pt((*longest)[longest->size() / 2]);
  PendingLabel pl;
  pl.text = line.label;
  pl.style = c.text_style(c.style.label_size_pt);
  pl.style.italic = true;
  pl.style.colour = ls.colour;
  pl.request = {a.x, a.y, ls.width_mm * kPtPerMm, 0.0, 0.0, false};
  pl.priority = 4;
  c.labels.push_back(pl);
}

// Context lines (rivers, roads), drawn under the outlines so that the boundary stays legible.
void draw_context_lines(RenderContext& c, LayerFilter& filter) {
  const MapStyle& s = c.style;
  for (const MapLine& line : c.layers.context_lines) {
    Envelope e;
    for (const auto& l : line.lines)
      for (const auto& p : l) e.expand(p);
    if (!filter.visible(e, "line", line.id, line.lines)) continue;
    const auto it = s.context_lines.find(line.kind);
    LineStyle ls = it != s.context_lines.end() ? it->second : s.other_line;
    if (it == s.context_lines.end() && !line.kind.empty()) ls.label = line.kind;
    path_lines(c.cr, line.lines, c.transform);
    stroke_with_style(c.cr, ls);
    LegendItem item = legend_item("line:" + (line.kind.empty() ? std::string("other") : line.kind),
                                  ls.label, LegendItem::Kind::line);
    item.line = ls;
    c.add_legend(item);
    if (s.show_labels && !line.label.empty()) queue_line_label(c, line, ls);
  }
}

void draw_outline(RenderContext& c, const MultiPolygon& outline, const LineStyle& style,
                  const char* legend_key) {
  if (outline.empty() || !reaches_extent(outline, c.transform.extent)) return;
  path_multipolygon(c.cr, outline, c.transform);
  stroke_with_style(c.cr, style);
  LegendItem item = legend_item(legend_key, style.label, LegendItem::Kind::line);
  item.line = style;
  c.add_legend(item);
}

// Reserve outlines: baseline dashed, proposal solid (as styled); the proposal is listed first.
void draw_outlines(RenderContext& c, const BodyInput& in) {
  draw_outline(c, in.proposal_outline, c.style.proposal_outline, "outline:proposal");
  draw_outline(c, in.baseline_outline, c.style.baseline_outline, "outline:baseline");
}

// Mining rights: hatched, outlined, labelled with licence number or name.
void draw_mining_rights(RenderContext& c, LayerFilter& filter) {
  cairo_t* cr = c.cr;
  const MapStyle& s = c.style;
  const MapTransform& t = c.transform;
  for (const MapArea& m : c.layers.mining_rights) {
    if (!filter.visible(envelope_of(m.geometry), "mining right", m.id, m.geometry)) continue;
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

SymbolStyle facility_symbol(const MapStyle& s, const std::string& category) {
  const auto it = s.facility_symbols.find(category);
  SymbolStyle sym = it != s.facility_symbols.end() ? it->second : s.other_facility;
  if (it == s.facility_symbols.end()) sym.label = facility_label(category, sym.label);
  return sym;
}

// Draws a polygon or line facility's shape and returns where its symbol goes: each point of a
// point facility, a point inside a polygon, the middle vertex of a line's first part.
std::vector<Point> draw_facility_shape(RenderContext& c, const Geometry& g,
                                       const SymbolStyle& sym) {
  cairo_t* cr = c.cr;
  std::vector<Point> anchors;
  if (g.kind == GeometryKind::point) {
    anchors = g.points;
  } else if (g.kind == GeometryKind::polygon) {
    path_multipolygon(cr, g.polygons, c.transform);
    Rgba fill = sym.fill;
    fill.a = 0.25;
    set_colour(cr, fill);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    cairo_fill_preserve(cr);
    set_colour(cr, sym.fill);
    cairo_set_line_width(cr, 0.8);
    cairo_stroke(cr);
    anchors.push_back(inside_point(g.polygons));
  } else if (g.kind == GeometryKind::line) {
    path_lines(cr, g.lines, c.transform);
    LineStyle ls;
    ls.colour = sym.fill;
    ls.width_mm = 0.5;
    stroke_with_style(cr, ls);
    if (!g.lines.empty() && !g.lines.front().empty()) {
      const auto& l0 = g.lines.front();
      anchors.push_back(l0[l0.size() / 2]);
    }
  }
  return anchors;
}

// Facilities: a symbol at each anchor (polygons and lines are drawn too); each symbol is an
// obstacle for label placement.
void draw_facilities(RenderContext& c, LayerFilter& filter) {
  const MapStyle& s = c.style;
  for (const MapFacility& f : c.layers.facilities) {
    if (!filter.visible(envelope_of(f.geometry), "facility", f.id, f.geometry)) continue;
    const SymbolStyle sym = facility_symbol(s, f.category);
    const double size = sym.size_mm * kPtPerMm;
    const std::vector<Point> anchors = draw_facility_shape(c, f.geometry, sym);
    for (const Point& p : anchors) {
      const Point q = c.transform.to_page_pt(p);
      draw_symbol(c.cr, sym, q.x, q.y, size);
      c.obstacles.push_back(
          {q.x - size / 2.0, q.y - size / 2.0, q.x + size / 2.0, q.y + size / 2.0});
    }
    LegendItem item =
        legend_item("facility:" + (f.category.empty() ? std::string("other") : f.category),
                    sym.label, LegendItem::Kind::symbol);
    item.symbol = sym;
    c.add_legend(item);
    if (s.show_labels && !f.label.empty() && !anchors.empty()) {
      const Point a = c.transform.to_page_pt(anchors.front());
      PendingLabel pl;
      pl.text = f.label;
      pl.style = c.text_style(s.label_size_pt);
      pl.request = {a.x, a.y, size / 2.0, 0.0, 0.0, false};
      pl.priority = 0;
      c.labels.push_back(pl);
    }
  }
}

}  // namespace

// Layer order, bottom to top: background, zones, context lines, outlines, mining rights, change
// areas, facilities. The legend lists the change kinds right after the zones although they are
// drawn near the top (see draw_changes).
void draw_map_body(RenderContext& c, const BodyInput& in) {
  const MapTransform& t = c.transform;
  const MapStyle& s = c.style;
  LayerFilter filter(c, in.warn_outside);

  cairo_save(c.cr);
  cairo_rectangle(c.cr, t.area_x_pt, t.area_y_pt, t.area_width_pt, t.area_height_pt);
  cairo_clip(c.cr);

  draw_background_layer(c);
  if (s.show_zones && in.filled_zones) draw_zones(c, filter, *in.filled_zones);
  std::vector<ChangeToDraw> changes;
  if (s.show_changes) changes = collect_changes(c, filter);
  if (s.show_context_lines) draw_context_lines(c, filter);
  if (s.show_outlines) draw_outlines(c, in);
  if (s.show_mining_rights) draw_mining_rights(c, filter);
  draw_changes(c, changes);
  if (s.show_facilities) draw_facilities(c, filter);

  cairo_restore(c.cr);
}

}  // namespace reserve::render
