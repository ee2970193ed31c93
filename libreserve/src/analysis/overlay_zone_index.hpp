#pragma once
// A zoning prepared for many point and polygon queries: zone unions, their polygons in an R-tree
// with prepared geometries, the reserve outline and its boundary, and "stricter than s" unions.
// Private to the library.
#include <map>
#include <vector>

#include "geom/envelope_index.hpp"
#include "geom/geos.hpp"
#include "geom/point_in_area.hpp"
#include "geom/ring_chunks.hpp"
#include "geom/segment_index.hpp"
#include "reserve/geometry.hpp"
#include "reserve/zone.hpp"
#include "reserve/zoning.hpp"
#include "zoning/resolved_zones.hpp"

namespace reserve::analysis {

struct IndexedPolygon {
  Zone zone = Zone::outside;
  geom::GeomPtr geometry;
  geom::PreparedPtr prepared;
  geom::SegmentIndex segments;  // its rings, for point distances within the boundary tolerance
  geom::RingChunks chunks;      // its rings in order, for measuring features against it
  Envelope box;
  // p in the polygon or on its boundary (geom/point_in_area.hpp).
  bool covers(Point p) const { return geom::area_covers(chunks, prepared.get(), p); }
};

struct PreparedShape {
  geom::GeomPtr geometry;
  geom::PreparedPtr prepared;  // null when the geometry is empty
  bool empty() const noexcept { return !prepared; }
};

class ZoneIndex {
 public:
  // `layout`: the zoning's zones resolved by the caller (null: resolved here).
  explicit ZoneIndex(const Zoning& zoning, const zoning::ResolvedLayout* layout = nullptr);

  ZoneModel model() const noexcept { return model_; }
  // Zones present, strictest first.
  const std::vector<Zone>& zones() const noexcept { return zones_; }
  const PreparedShape& zone_shape(Zone z) const;  // union of the zone's parts
  const PreparedShape& outline() const noexcept { return outline_; }
  const PreparedShape& outline_boundary() const noexcept { return boundary_; }
  // The outline's boundary segments, for point distances (indexed; GEOS 3.11 scans them all).
  const geom::SegmentIndex& outline_segments() const noexcept { return boundary_segments_; }
  // The outline's rings in order, for measuring features against it (geom/overlap_area.hpp).
  const geom::RingChunks& outline_chunks() const noexcept { return outline_chunks_; }
  // Indices of polygons whose envelope intersects the box.
  std::vector<std::size_t> candidates(double min_x, double min_y, double max_x, double max_y) const;
  const IndexedPolygon& polygon(std::size_t i) const { return polygons_[i]; }
  std::size_t polygon_count() const noexcept { return polygons_.size(); }

  // Distances from g (a point or polygons) through the segment indexes, as GEOS 3.11's prepared
  // distance measures them. To the outline's boundary: between g's and the boundary's segments
  // (0 where they meet; a ring inside g does not count). To the outline, to polygon i: 0 where g
  // meets the shape, which one vertex per component decides where the boundaries do not meet (a
  // component of g inside the shape, or a ring of the shape inside g); GEOS measures only when
  // the shape's rings could not be indexed.
  double boundary_distance_m(const GEOSGeometry* g) const;
  double outline_distance_m(const GEOSGeometry* g) const;
  double polygon_distance_m(std::size_t i, const GEOSGeometry* g) const;

 private:
  ZoneModel model_;
  std::vector<Zone> zones_;
  std::map<Zone, PreparedShape> zone_shapes_;
  PreparedShape outline_;
  PreparedShape boundary_;
  geom::SegmentIndex boundary_segments_;
  geom::RingChunks outline_chunks_;
  PreparedShape empty_;
  std::vector<IndexedPolygon> polygons_;
  geom::EnvelopeIndex tree_{{}};  // the polygons' envelopes, in the order of polygons_
};

PreparedShape make_prepared(geom::GeomPtr g);

}  // namespace reserve::analysis
