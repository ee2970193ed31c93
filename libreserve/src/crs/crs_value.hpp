#pragma once
// Conversion between PROJ objects and the library's Crs value. Private to the library.
#include <string>

#include "crs/proj_handles.hpp"
#include "reserve/crs.hpp"

namespace reserve::crs {

// Builds the value (WKT2:2019, name, EPSG code when identifiable, kind) from a PROJ CRS. A
// compound CRS is reduced to its horizontal part (heights are dropped at the I/O boundary).
Crs crs_from_pj(PJ_CONTEXT* ctx, const PJ* pj);

// The PROJ object for a Crs value; throws InputError when the WKT no longer parses.
PjPtr pj_from_crs(PJ_CONTEXT* ctx, const Crs& crs);

}  // namespace reserve::crs
