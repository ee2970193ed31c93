#pragma once
// The evidence of a comparison as polygon layers: removed, added, downgraded, upgraded (the
// significant pieces) and noise (the pieces of every kind classed as noise), each piece with its
// id, kind, zones, area and width, in the comparison's working CRS. Private to the library.
#include <string>
#include <vector>

#include "reserve/compare.hpp"
#include "reserve/result_store.hpp"

namespace reserve::report {

// Layer names are `prefix` + the kind ("removed", …, "noise"), in that order.
std::vector<StorePolygons> evidence_layers(const Comparison& c, const std::string& prefix);

}  // namespace reserve::report
