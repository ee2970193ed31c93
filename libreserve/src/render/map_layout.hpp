#pragma once
// Page geometry and the map transform: page sizes, the regions of an official-style layout, the
// fitted (optionally rounded) map scale, and nice numbers for grid and scale-bar steps.
#include "render/render_context.hpp"
#include "reserve/map_style.hpp"
#include "reserve/render.hpp"

namespace reserve::render {

constexpr double kMetresPerPt = 0.0254 / 72.0;

// Page size in points for the style (A4/A3 in mm, or width_px × height_px at dpi).
void page_size_pt(const MapStyle& style, double& width_pt, double& height_pt);

// The page regions. `title_height_pt` is the measured height of title + subtitle.
PageLayout layout_page(const MapStyle& style, double title_height_pt);

// Fits `data_extent` (CRS units) into the map area, centred; with `round_scale` the scale
// denominator is rounded up to a nice value. Returns the transform; denominator is set to the
// grid scale 1:N.
MapTransform fit_extent(const Envelope& data_extent, const Rect& map_area, double metres_per_unit,
                        bool round_scale, double& denominator);

// The smallest of {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8} × 10^n that is ≥ value (value > 0).
double nice_ceil(double value);
// The largest of {1, 2, 5} × 10^n that is ≤ value (value > 0).
double nice_floor_125(double value);

}  // namespace reserve::render
