#pragma once
// compare() with the zonings' resolved layouts computed once by the caller (run_check shares
// them with the validation). Private to the library.
#include "reserve/compare.hpp"
#include "zoning/resolved_zones.hpp"

namespace reserve::analysis {

// How compare_resolved builds the matrix.
struct CompareRun {
  // False: unchanged cells (z → z) carry their area but no geometry (the check needs none, and
  // building them costs a whole overlay of the reserve per zone).
  bool unchanged_geometry = true;
  // True: one GEOS overlay per pair of zones over the whole reserve (the reference the confined
  // overlays are tested against).
  bool pairwise = false;
};

// As compare(before, after, options); a layout that is null, or resolved in another model than
// the side's parts, is resolved here.
Comparison compare_resolved(const Zoning& before, const Zoning& after,
                            const CompareOptions& options,
                            const zoning::ResolvedLayout* before_layout,
                            const zoning::ResolvedLayout* after_layout, const CompareRun& run);

}  // namespace reserve::analysis
