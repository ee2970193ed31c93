#pragma once
// Checks that a layer's coordinates fit its CRS (zone-prefixed Gauss–Krüger eastings in a CRS
// without the prefix and vice versa, metres in a geographic CRS), and a suggestion of the CRS
// for data that has none. Private to the library.
#include <string>

#include "reserve/crs.hpp"
#include "reserve/error.hpp"
#include "reserve/geometry.hpp"

namespace reserve::io {

// Throws InputError, suggesting the right EPSG code, when `extent` contradicts `crs`.
void check_extent_matches_crs(const Crs& crs, const Envelope& extent, const SourceRef& where);

// What the coordinates look like, as advice ("…; pass --crs EPSG:4523"), or "" when unclear.
std::string suggest_crs_from_extent(const Envelope& extent);

}  // namespace reserve::io
