#pragma once
// The map body: background raster, zone fills, hatched changes, outlines, context lines, mining
// rights, facilities and (last) the labels, all clipped to the map area. Records legend items for
// what was actually drawn and warnings for what could not be.
#include <vector>

#include "render/render_context.hpp"

namespace reserve::render {

struct BodyInput {
  const std::vector<MapZone>* filled_zones = nullptr;  // the zoning whose zones are filled
  MultiPolygon baseline_outline;
  MultiPolygon proposal_outline;
  bool warn_outside = true;  // whole-extent maps warn about features outside the extent
};

void draw_map_body(RenderContext& c, const BodyInput& in);

// Places the queued labels greedily (priority order) and draws them; updates the summary counts.
void place_and_draw_labels(RenderContext& c);

// Helpers shared with the legend.
void hatch_current_path(cairo_t* cr, const HatchStyle& h, double x0, double y0, double x1,
                        double y1);
void stroke_with_style(cairo_t* cr, const LineStyle& l);

}  // namespace reserve::render
