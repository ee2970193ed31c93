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

// Places the queued labels greedily (priority order) and draws them; updates the summary counts
// (draw_labels.cpp).
void place_and_draw_labels(RenderContext& c);

// The path of the polygons in page points (no fill or stroke).
void path_multipolygon(cairo_t* cr, const MultiPolygon& mp, const MapTransform& t);

// Geometries as paths, strokes and hatching, and the extent test: geometry_paths.cpp.
// The path of lines in page points (no stroke).
void path_lines(cairo_t* cr, const std::vector<LineString>& lines, const MapTransform& t);

// True when the geometry reaches into the envelope (exact, by GEOS; true on GEOS trouble).
bool reaches_extent(const MultiPolygon& mp, const Envelope& e);
bool reaches_extent(const Geometry& g, const Envelope& e);
bool reaches_extent(const std::vector<LineString>& lines, const Envelope& e);

// Changed land (draw_changes.cpp): the style as drawn (a translucent fill in the change colour
// added) — for the map and its legend swatch — and the drawing of one change area.
HatchStyle change_look(const HatchStyle& h);
void draw_change_area(cairo_t* cr, const MultiPolygon& mp, const MapTransform& t,
                      const HatchStyle& look);

// Helpers shared with the legend.
void hatch_current_path(cairo_t* cr, const HatchStyle& h, double x0, double y0, double x1,
                        double y1);
void stroke_with_style(cairo_t* cr, const LineStyle& l);

}  // namespace reserve::render
