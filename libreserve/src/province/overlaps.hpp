#pragma once
// Cross-reserve overlaps (交叉重叠): land that lies in two protected areas of one layer. Private.
#include <vector>

#include "province/outlines.hpp"
#include "reserve/province.hpp"

namespace reserve::province {

// Every pair of reserves of one layer sharing at least `min_area_m2` (by `method`), with the
// overlap's centroid in the working CRS and in CGCS2000 lon/lat; sorted by the two names.
std::vector<ReserveOverlap> cross_reserve_overlaps(const std::vector<Outline>& outlines,
                                                   const Crs& crs, AreaMethod method,
                                                   double min_area_m2, unsigned jobs);

}  // namespace reserve::province
