// The labels queued while the layers were drawn: placed greedily, in priority order, around the
// symbols and earlier labels, then drawn.
#include <algorithm>

#include "render/draw_layers.hpp"

namespace reserve::render {

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
