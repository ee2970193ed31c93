#pragma once
// The conflict footprint of 不以调代改's targeting statistic: the union of the counted features'
// buffers, inside the baseline reserve. Private to the library (rule_no_adjusting_overlay.cpp).
//
// Why not one global union: the buffers of a province's mines and facilities are thousands of
// mostly disjoint shapes, and a cascaded union of all of them, then two overlays of the whole
// result with a 50,000-vertex outline, cost seconds. The same land is the union of the connected
// components of overlapping buffers, each unioned on its own (most hold one buffer), each
// intersected with the operand cut to a rectangle around it.
#include <memory>
#include <optional>
#include <vector>

#include "geom/geos.hpp"
#include "geom/prepared_overlay.hpp"
#include "geom/ring_chunks.hpp"
#include "reserve/geometry.hpp"

namespace reserve::rules {

// The unions of the connected components of `shapes` (polygons; two meet when they intersect,
// touching included), in the order of each component's first shape. Components are disjoint
// (no two have a point in common), so their polygons together form a valid MultiPolygon.
//
// `discs`, when given (one entry per shape), says which shapes are GEOS buffers of a point with
// 16 segments per quarter circle (GEOSBuffer(point, radius, 16): a regular 64-gon inscribed in
// the circle). Two such discs whose centres lie farther apart than the radii's sum do not meet,
// and two closer than the sum times cos(π/64) (the polygons' inner circles) do: GEOS decides only
// the pairs in between. A disc and a polygon are settled the same way by the polygon's boundary
// distance from the centre and the centre's side. A lone disc is valid without asking GEOS. A disc
// whose circle lies wholly inside another member of its component that is not a disc (a facility
// inside its mining right's buffer) adds no land and no edge: it is left out of that component's
// union.
struct Disc {
  Point centre;
  double radius = 0.0;
};
std::vector<geom::GeomPtr> union_by_component(std::vector<geom::GeomPtr> shapes,
                                              const std::vector<std::optional<Disc>>& discs = {});

// A large polygonal operand (a reserve outline, the changed land), prepared once, intersected
// with many small polygons: a polygon inside it is returned as it is, one apart from it gives
// nothing, and one crossing its boundary is intersected with the operand cut to a rectangle a
// margin beyond the polygon's envelope (the same land; the cut is checked for validity and the
// whole operand is used when GEOS's rectangle clip leaves it invalid).
//
// GEOS's rectangle clip walks every vertex of what it clips: on a 50,000-vertex outline with
// hundreds of crossing polygons that walk was most of the cost. An operand of at least
// kTiledVertices vertices is therefore also cut, when first needed, into overlapping tiles (2 × 2
// cells of a grid over its envelope, the outer ones open beyond it); a rectangle inside a tile is
// clipped from the tile (tile ∩ rectangle = operand ∩ rectangle as point sets; new vertices only
// on the tile's sides, outside the rectangle), else from the whole operand. Not thread-safe (the
// tiles are built lazily); one operand per thread.
class LargeOperand {
 public:
  static constexpr int kTiledVertices = 4096;
  explicit LargeOperand(const GEOSGeometry* operand);
  // fast_paths = false: the plain computation (no tiles, no boundary index), for tests.
  LargeOperand(const GEOSGeometry* operand, bool fast_paths);
  geom::GeomPtr intersection(const GEOSGeometry* g) const;
  // The same, consuming g: a polygon wholly inside is returned itself, not a copy.
  geom::GeomPtr intersection(geom::GeomPtr g) const;
  // Rectangle cuts taken from a tile so far (for tests comparing them with the plain path).
  std::size_t cuts_from_tiles() const { return cuts_from_tiles_; }
  // Polygons settled as wholly inside or outside by the operand's rings (geom::side_against),
  // without GEOS's predicates (for the same tests).
  std::size_t settled_clear_of_boundary() const { return settled_clear_; }

 private:
  struct Tile {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool built = false;
    geom::GeomPtr geometry;  // null: GEOS could not clip it; the whole operand is used
  };
  // The operand, or a tile of it holding the rectangle strictly inside.
  const GEOSGeometry* source_for(double x0, double y0, double x1, double y1) const;

  // Where g lies, settled without an overlay (by the rings, else the prepared predicates);
  // `crossing` is left to crossing_intersection().
  enum class Side { inside, outside, crossing };
  Side side_of(const GEOSGeometry* g) const;
  geom::GeomPtr crossing_intersection(const GEOSGeometry* g) const;

  const GEOSGeometry* operand_;
  geom::PreparedPtr prepared_;  // null when the operand is empty
  bool fast_paths_ = true;
  // The operand's rings, indexed by runs of edges (built when first needed); null when they
  // cannot be (a degenerate ring): the prepared geometry answers then.
  const geom::RingChunks* rings() const;
  mutable std::unique_ptr<geom::RingChunks> rings_;
  mutable std::size_t settled_clear_ = 0;
  mutable bool tiled_ = false;
  mutable bool tiles_built_ = false;
  mutable std::vector<Tile> tiles_;  // (k − 1)² of them, row by row
  mutable int k_ = 0;                // grid cells per side
  mutable double gx0_ = 0, gy0_ = 0, cw_ = 1, ch_ = 1;
  mutable std::size_t cuts_from_tiles_ = 0;
};

// The polygons of `parts` (each polygonal, pairwise disjoint) as one MultiPolygon. The second
// form consumes the parts: a part that is one polygon goes in itself, not a copy (a footprint of
// ten thousand discs was copied once more here).
geom::GeomPtr collect_polygons(const std::vector<geom::GeomPtr>& parts);
geom::GeomPtr collect_polygons(std::vector<geom::GeomPtr>&& parts);

// ∪ shapes ∩ reserve, as the disjoint components' intersections with the reserve.
geom::GeomPtr footprint_in(std::vector<geom::GeomPtr> shapes, const GEOSGeometry* reserve,
                           const std::vector<std::optional<Disc>>& discs = {});

}  // namespace reserve::rules
