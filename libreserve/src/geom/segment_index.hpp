#pragma once
// Distance from a point to the segments of a linear or polygonal geometry through an R-tree of its
// segments (one box per run of consecutive segments): O(log n) per point instead of GEOS 3.11's
// scan of every segment (GEOSPreparedDistanceWithin walks the whole boundary; the indexed version
// came in GEOS 3.12). Private to the library.
//
// Contract: distance_m(p) equals the minimum over every segment of every ring or line of the
// geometry of the Euclidean point–segment distance (Boost.Geometry's formula; equal to
// GEOSDistance on the boundary to ~1e-9 m). For a polygon, that is the distance to its boundary
// (shell and holes), whichever side the point is on. Empty geometry: no segments, distance_m is
// +infinity. Immutable after construction, so it may be shared between threads.
//
// facet_distance_m(g) and facet_within(g, d) measure between g's segments and the indexed ones by
// the segment–segment formula GEOS's DistanceOp uses (0 where two segments meet, else the least
// of the four endpoint–segment distances), so the least value is the one GEOSDistance finds
// between the two boundaries. They say nothing about containment (g inside a ring, a ring inside
// g): that is the caller's part.
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include <boost/geometry.hpp>

#include "geom/geos.hpp"
#include "geom/packed_box_tree.hpp"
#include "reserve/geometry.hpp"

namespace reserve::geom {

class SegmentIndex {
 public:
  using BPoint = boost::geometry::model::point<double, 2, boost::geometry::cs::cartesian>;
  using Segment = boost::geometry::model::segment<BPoint>;

  SegmentIndex() = default;
  // Every segment of every ring (polygons) or line of `g` (collections are searched; points add
  // nothing).
  explicit SegmentIndex(const GEOSGeometry* g);

  // Number of segments indexed.
  std::size_t size() const noexcept { return segment_count_; }
  bool empty() const noexcept { return segment_count_ == 0; }
  // Distance from p to the nearest segment, metres (CRS units); +infinity when empty.
  double distance_m(Point p) const;
  // distance_m(p) <= d_m, without computing more than needed.
  bool within(Point p, double d_m) const;

  // Least distance between g's segments (rings, lines; a point is a segment of length zero) and
  // the indexed segments; +infinity when either side has none.
  double facet_distance_m(const GEOSGeometry* g) const;
  // The same for one point (a segment of length zero), without a GEOS geometry.
  double facet_distance_m(Point p) const;
  // facet_distance_m(g) <= d_m, stopping at the first pair that is.
  bool facet_within(const GEOSGeometry* g, double d_m) const;
  // Whether some indexed segment meets the closed box.
  bool meets(const Envelope& box) const;

  using Box = boost::geometry::model::box<BPoint>;
  // A run of up to kChunk consecutive segments of one ring or line: its points are
  // points_[first .. first + segments] (geom/segment_index.cpp says why chunks).
  struct Chunk {
    std::uint32_t first = 0;
    std::uint32_t segments = 0;
  };

 private:
  // Whether some chunk's box meets `box` (a filter: its segments may still miss it).
  bool any_chunk_meets(const Box& box) const;
  // The least GEOS distance from s (a point when its ends are equal) to the indexed segments when
  // it is <= bound (up to a pad), else some value > bound; `query` is s as the tree's
  // nearest-first walk takes it (a point for a point). Defined and used in segment_index.cpp.
  template <class Query>
  double least_distance(const Query& query, const Segment& s, double bound) const;

  std::vector<BPoint> points_;
  std::vector<Chunk> chunks_;
  std::size_t segment_count_ = 0;
  PackedBoxTree tree_;  // each chunk's box; item c is chunks_[c]
};

}  // namespace reserve::geom
