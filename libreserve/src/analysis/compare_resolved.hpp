#pragma once
// compare() with the zonings' resolved layouts computed once by the caller (run_check shares
// them with the validation). Private to the library.
#include "reserve/compare.hpp"
#include "zoning/resolved_zones.hpp"

namespace reserve::analysis {

// As compare(before, after, options); a layout that is null, or resolved in another model than
// the side's parts, is resolved here.
Comparison compare_resolved(const Zoning& before, const Zoning& after,
                            const CompareOptions& options,
                            const zoning::ResolvedLayout* before_layout,
                            const zoning::ResolvedLayout* after_layout);

}  // namespace reserve::analysis
