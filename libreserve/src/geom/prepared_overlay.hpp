#pragma once
// Intersection and difference with a large, fixed operand (a reserve outline of tens of
// thousands of vertices) for many small features, short-cut by prepared predicates where the
// answer is known without an overlay. OverlayNG builds a point-in-area index over the whole large
// operand whenever the small one has edges that do not cross it, which is most of the time; the
// short-cuts skip that and still return what the overlay would (see prepared_overlay.cpp).
// Private to the library.
#include "geom/geos.hpp"
#include "geom/ring_chunks.hpp"

namespace reserve::geom {

// `operand` cut to a rectangle around g's envelope (GEOSClipByRect), so that overlaying g with it
// costs about g's size, not the operand's: g ∩ operand = g ∩ cut and g − operand = g − cut, as the
// cut keeps all of the operand within a margin of g. Null when the cut would not be smaller (the
// operand lies within the rectangle, has few vertices) or GEOS cannot cut it: use the operand.
GeomPtr clip_around(const GEOSGeometry* operand, const GEOSGeometry* g);

// g ∩ operand and g − operand as one overlay with the operand, cut by clip_around when that helps.
GeomPtr clipped_intersection(const GEOSGeometry* g, const GEOSGeometry* operand);
GeomPtr clipped_difference(const GEOSGeometry* g, const GEOSGeometry* operand);

// g ∩ operand and g − operand, as GEOSIntersection_r / GEOSDifference_r return them; `prepared`
// is the operand prepared (null when the operand is empty). Not thread-safe on one prepared
// geometry (GEOS builds its indexes lazily).
GeomPtr prepared_intersection(const GEOSGeometry* g, const GEOSGeometry* operand,
                              const GEOSPreparedGeometry* prepared);
GeomPtr prepared_difference(const GEOSGeometry* g, const GEOSGeometry* operand,
                            const GEOSPreparedGeometry* prepared);

// Where polygonal g lies against the polygons whose rings are `rings` (usable), decided exactly
// without GEOS's predicates: inside or apart when no edge of theirs meets g's boundary (each part
// of g then lies on the side of its first vertex), crossing when one meets it or may (collinear
// edges; also parts on both sides), unknown when a ring of theirs lies inside g or a vertex is
// on an edge (the predicates decide then).
enum class RingSide { inside, apart, crossing, unknown };
RingSide side_against(const RingChunks& rings, const GEOSGeometry* g);

// A large operand, converted and prepared once, with the two operations above. A polygon g whose
// envelope no edge of the operand meets lies wholly inside it or wholly apart from it, as one of
// its vertices does: told by the winding number of the operand's rings around that vertex
// (geom/ring_chunks.hpp), without the prepared predicates, whose first use builds GEOS's indexes
// of the whole operand (in a province run, for every reserve). Where edges of the operand come
// into g's envelope, g's edges are tested against them (exact orientations): crossing or touching
// edges send g straight to the overlay, none settle it by its vertex as above, unless a ring of
// the operand lies inside g (the prepared predicates decide then).
class PreparedOperand {
 public:
  explicit PreparedOperand(GeomPtr g);
  const GEOSGeometry* geometry() const noexcept { return geometry_.get(); }
  GeomPtr intersection(const GEOSGeometry* g) const;
  GeomPtr difference(const GEOSGeometry* g) const;
  // Polygons placed by the rings alone so far (for tests comparing them with the overlay).
  std::size_t settled_by_rings() const noexcept { return settled_; }
  // Polygons sent to the overlay by an edge meeting the operand's, without the predicates.
  std::size_t sent_by_edges() const noexcept { return crossing_; }

 private:
  // side_against the operand's rings, counted.
  RingSide side_of(const GEOSGeometry* g) const;

  GeomPtr geometry_;
  PreparedPtr prepared_;  // null when the operand is empty
  RingChunks rings_;      // the operand's rings (not usable for other types)
  mutable std::size_t settled_ = 0;
  mutable std::size_t crossing_ = 0;
};

}  // namespace reserve::geom
