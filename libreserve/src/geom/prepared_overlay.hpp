#pragma once
// Intersection and difference with a large, fixed operand (a reserve outline of tens of
// thousands of vertices) for many small features, short-cut by prepared predicates where the
// answer is known without an overlay. OverlayNG builds a point-in-area index over the whole large
// operand whenever the small one has edges that do not cross it, which is most of the time; the
// short-cuts skip that and still return what the overlay would (see prepared_overlay.cpp).
// Private to the library.
#include "geom/geos.hpp"

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

// A large operand, converted and prepared once, with the two operations above.
class PreparedOperand {
 public:
  explicit PreparedOperand(GeomPtr g);
  const GEOSGeometry* geometry() const noexcept { return geometry_.get(); }
  GeomPtr intersection(const GEOSGeometry* g) const {
    return prepared_intersection(g, geometry_.get(), prepared_.get());
  }
  GeomPtr difference(const GEOSGeometry* g) const {
    return prepared_difference(g, geometry_.get(), prepared_.get());
  }

 private:
  GeomPtr geometry_;
  PreparedPtr prepared_;  // null when the operand is empty
};

}  // namespace reserve::geom
