#pragma once
// The rings of a large polygon (a zone, a reserve outline) for measuring small features against
// it: each ring's vertices, oriented so that the polygon's interior lies on the left of every edge
// (shells counter-clockwise, holes clockwise), cut into runs of a few consecutive edges whose
// boxes go into an R-tree. The edges near a feature then come in order, with their ring and
// direction, in O(log n) — where GEOSClipByRect walks every vertex of the polygon for each
// feature. Immutable after construction, so it may be shared between threads. Private to the
// library.
#include <cstddef>
#include <optional>
#include <vector>

#include "geom/envelope_index.hpp"
#include "geom/geos.hpp"
#include "reserve/geometry.hpp"

namespace reserve::geom {

class RingChunks {
 public:
  // Consecutive edges [first, last) of ring `ring`: vertices first … last of it.
  struct Run {
    std::size_t ring = 0, first = 0, last = 0;
  };

  RingChunks();
  // Every ring of a Polygon or MultiPolygon. usable() is false for another type or when a ring has
  // no area (a degenerate ring), so that callers fall back to GEOS.
  explicit RingChunks(const GEOSGeometry* g);
  RingChunks(RingChunks&&) noexcept;
  RingChunks& operator=(RingChunks&&) noexcept;
  ~RingChunks();

  bool usable() const noexcept { return usable_; }
  // The oriented, closed ring (first vertex repeated last).
  const std::vector<Point>& ring(std::size_t r) const { return rings_[r]; }
  // The envelope of every ring (invalid when there is none).
  const Envelope& envelope() const noexcept { return envelope_; }
  // The runs of edges whose boxes meet `box`, adjacent chunks of one ring joined, in ring order.
  std::vector<Run> runs_near(const Envelope& box) const;
  // The rings whose envelope lies within `box` (closed), ascending: the only rings that a shape
  // with that envelope can hold.
  std::vector<std::size_t> rings_within(const Envelope& box) const;
  // How many times the oriented rings wind around p (each shell counter-clockwise, each hole
  // clockwise): for valid polygons, even overlapping ones, the number of them holding p in their
  // interior. nullopt when p lies on an edge. Counts the edges crossing the ray from p toward the
  // nearest side of the envelope, found through the index (exact orientations,
  // geom/orientation.hpp).
  std::optional<int> winding_number(Point p) const;

 private:
  bool usable_ = false;
  std::vector<std::vector<Point>> rings_;
  std::vector<Envelope> ring_boxes_;
  std::vector<Run> chunks_;
  Envelope envelope_;
  EnvelopeIndex index_;
};

}  // namespace reserve::geom
