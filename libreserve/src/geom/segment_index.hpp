#pragma once
// Distance from a point to the segments of a linear or polygonal geometry through an R-tree of its
// segments: O(log n) per point instead of GEOS 3.11's scan of every segment
// (GEOSPreparedDistanceWithin walks the whole boundary; the indexed version came in GEOS 3.12).
// Private to the library.
//
// Contract: distance_m(p) equals the minimum over every segment of every ring or line of the
// geometry of the Euclidean point–segment distance (Boost.Geometry's formula; equal to
// GEOSDistance on the boundary to ~1e-9 m). For a polygon, that is the distance to its boundary
// (shell and holes), whichever side the point is on. Empty geometry: no segments, distance_m is
// +infinity. Immutable after construction, so it may be shared between threads.
#include <cstddef>
#include <vector>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include "geom/geos.hpp"
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

  std::size_t size() const noexcept { return tree_.size(); }
  bool empty() const noexcept { return tree_.empty(); }
  // Distance from p to the nearest segment, metres (CRS units); +infinity when empty.
  double distance_m(Point p) const;
  // distance_m(p) <= d_m, without computing more than needed.
  bool within(Point p, double d_m) const;

 private:
  boost::geometry::index::rtree<Segment, boost::geometry::index::rstar<16>> tree_;
};

}  // namespace reserve::geom
