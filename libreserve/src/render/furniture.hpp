#pragma once
// Map furniture: frame with labelled kilometre grid, true-north arrow, title, side panel (legend
// built from what was drawn, scale bar true at the map centre, CRS note, sources, producer, date)
// and the review-number footer.
#include "render/render_context.hpp"

namespace reserve::render {

// Grid lines (inside the map area) are drawn before labels; frame and grid labels after.
void draw_grid_lines(RenderContext& c);
void draw_frame_and_grid_labels(RenderContext& c);
// Degree (graticule) ticks with labels outside the frame: meridians on top, parallels on the left.
void draw_graticule_ticks(RenderContext& c);
// Reserves the north arrow's box as a label obstacle (call before placing labels).
void reserve_north_arrow_space(RenderContext& c);
void draw_north_arrow(RenderContext& c);
// Title and subtitle; returns their height (measure with draw = false).
double draw_title(RenderContext& c, bool draw);
void draw_panel(RenderContext& c);
void draw_footer(RenderContext& c);

// Grid interval in CRS units for the current extent.
double grid_step(const RenderContext& c);

}  // namespace reserve::render
