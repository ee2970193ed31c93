#pragma once
// What the core zone's boundary borders, told from the resolved zones' edges without an overlay.
// A core edge whose exact reverse is an edge of another zone lies on that zone's boundary: it is
// enclosed, and it borders the experimental zone exactly when that zone is the experimental one.
// Only when some core edge has no such twin (core on the reserve's boundary, or borders drawn
// with other vertices on the two sides) does the check need GEOS's line difference and its
// slack (zoning/topology.cpp). Private to the library.
#include "zoning/resolved_zones.hpp"

namespace reserve::zoning {

struct CoreBorders {
  // Every edge of the core zone is, reversed, an edge of a non-core zone: no stretch of the core
  // boundary lies outside the other zones (the exact line difference is empty).
  bool enclosed = false;
  // False only when proven that the core boundary shares no stretch with the experimental zone:
  // enclosed, no core edge twinned with an experimental edge, and the zones proven disjoint.
  bool may_touch_experimental = true;
};

CoreBorders core_borders(const ResolvedLayout& layout);

}  // namespace reserve::zoning
