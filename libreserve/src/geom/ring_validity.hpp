#pragma once
// A cheap exact proof that a polygon set is valid: GEOSisValid nodes every ring against every
// other and builds a topology graph (a twentieth of a 50,000-vertex reserve's run inside
// geom::unite_by_edges). One proof for every validity question: the edge unions and
// geom::find_invalidity (each zone and conflict polygon on load). Private to the library.
#include <cstddef>

#include "reserve/geometry.hpp"

namespace reserve::geom {

// True only if `mp` is a valid multipolygon (OGC rules, as GEOSisValid checks them); false means
// "not proven": ask GEOSisValid. Proven when
//  - no edge meets another except edges next to each other in a ring, at their common vertex,
//    and edges of two rings at a vertex of both (exact orientation
//    predicates, an x-sweep over the edges' boxes; collinear overlaps refused);
//  - at each vertex where rings touch, exactly two rings meet and neither crosses the other
//    there (the other ring's two edges lie in one sector of the first's);
//  - the touches between the rings of one polygon form no cycle (else its interior is cut);
//  - every hole lies inside its own shell and in no other hole of it, and a shell inside
//    another polygon's shell lies in one of that polygon's holes (told by a vertex where the
//    ring touches nothing).
// Rings closed, as GEOS writes them; either ring orientation.
// A multipolygon of 64 or more vertices proven valid once is not proven again in this process
// (told by its content, geom/content_key.hpp): a province run builds each zoning twice.
bool proven_valid(const MultiPolygon& mp);

// How many proofs were taken from that memory so far (for tests).
std::size_t proofs_reused();

}  // namespace reserve::geom
