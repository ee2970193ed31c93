#pragma once
// An optional raster under the map (e.g. a hillshade GeoTIFF), read through GDAL, warped to the
// map CRS when its CRS differs, and resampled to the output resolution.
#include <string>
#include <vector>

#include "render/cairo_handles.hpp"
#include "reserve/crs.hpp"
#include "reserve/render.hpp"

namespace reserve::render {

// Draws the part of `path` inside the transform's extent into the map area. Throws InputError for
// an unreadable raster or one without a CRS; appends a warning when it does not overlap the map.
void draw_background(cairo_t* cr, const std::string& path, const Crs& map_crs,
                     const MapTransform& transform, double opacity,
                     std::vector<std::string>& warnings);

}  // namespace reserve::render
