#pragma once
// The planar areas of g ∩ b and g − b without building either, by Green's theorem: the boundary
// of g ∩ b is g's boundary inside b and b's boundary inside g, so its area is the shoelace sum
// over those pieces of edges, split where the two boundaries cross. For a small feature against a
// zone cut to its surroundings (geom/prepared_overlay.hpp) this costs a fraction of an OverlayNG
// overlay, which builds, nodes and labels a graph to return a geometry the caller only measures.
//
// Only for two boundaries in general position: every crossing proper, no vertex of one on or
// near the other's boundary, no two crossings on one edge at (nearly) the same place. Anything
// else (shared edges, touching vertices, near-degenerate crossings, invalid rings, too many edge
// pairs) returns nullopt and the caller overlays with GEOS as before, so the answer never rests on
// a guess about a degenerate case. Where it answers, the areas agree with GEOSArea of
// GEOSIntersection and GEOSDifference to rounding (the tests compare on random and real shapes).
// Private to the library.
#include <optional>

#include "geom/geos.hpp"
#include "geom/ring_chunks.hpp"

namespace reserve::geom {

struct OverlapAreas {
  double inside = 0.0;   // planar area of g ∩ b, in squared CRS units
  double outside = 0.0;  // planar area of g − b
  // Whether b's boundary comes into g (crossing g's boundary, or a ring of b inside g): when not,
  // g lies wholly inside b's interior (inside > 0) or wholly outside b (outside > 0).
  bool boundaries_meet = false;
};

// g and b: Polygon or MultiPolygon (valid; b may be a cut made by clip_around). Nullopt when the
// boundaries are not in general position or either is of another type.
std::optional<OverlapAreas> overlap_areas(const GEOSGeometry* g, const GEOSGeometry* b);
// The same against a large polygon given by its oriented rings in chunks (geom/ring_chunks.hpp):
// the cost follows g's size and the edges near it (and along a ray from each of g's rings), not
// the polygon's size.
std::optional<OverlapAreas> overlap_areas(const GEOSGeometry* g, const RingChunks& b);

}  // namespace reserve::geom
