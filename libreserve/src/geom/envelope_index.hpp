#pragma once
// Candidate pairs for pairwise checks without O(n²) comparisons: a GEOS STRtree over envelopes.
// Private to the library.
#include <cstddef>
#include <utility>
#include <vector>

#include "reserve/geometry.hpp"

namespace reserve::geom {

// Every pair (i, j), i < j, of envelopes that intersect (closed boxes: touching counts), sorted.
// Invalid (empty) envelopes take part in no pair.
std::vector<std::pair<std::size_t, std::size_t>> intersecting_envelope_pairs(
    const std::vector<Envelope>& boxes);

}  // namespace reserve::geom
