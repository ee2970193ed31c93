#pragma once
// Reserve outlines of one layer and the land two outlines share: the input of the before/after
// matching (merge, split) and of the cross-reserve overlaps (交叉重叠). Private to the library.
#include <cstddef>
#include <string>
#include <vector>

#include "reserve/area.hpp"
#include "reserve/crs.hpp"
#include "reserve/geometry.hpp"

namespace reserve::province {

struct Outline {
  std::string name;
  MultiPolygon shape;  // reserve_outline of the reserve's zoning, working CRS
  Envelope box;
  double area_m2 = 0.0;  // by the check's area method
};

struct SharedLand {
  std::size_t a = 0, b = 0;  // indices into the two lists (or one list, a < b)
  MultiPolygon geometry;
  double area_m2 = 0.0;
};

// The area shared by a[i] and b[j] for every pair whose boxes meet and who share a positive area
// (above rounding), sorted by (a, b); the geometry is left empty (matching needs the area only).
// `jobs` threads.
std::vector<SharedLand> shared_land_between(const std::vector<Outline>& a,
                                            const std::vector<Outline>& b, const Crs& crs,
                                            AreaMethod method, unsigned jobs);

// The same within one list: pairs i < j.
std::vector<SharedLand> shared_land_within(const std::vector<Outline>& list, const Crs& crs,
                                           AreaMethod method, unsigned jobs);

}  // namespace reserve::province
