#pragma once
// The permutation test's pieces (rules/carve_out_permutation.hpp): the proposal's removed and
// downgraded pieces centred on their centroids, the rigid motions that place them, and the GEOS
// measure of a piece against a footprint part (the observed value; shared edges allowed). Private
// to the library.
#include <cstddef>
#include <memory>
#include <vector>

#include "geom/envelope_index.hpp"
#include "geom/geos.hpp"
#include "geom/segment_index.hpp"
#include "reserve/compare.hpp"
#include "reserve/geometry.hpp"
#include "rules/grid_shape.hpp"

namespace reserve::rules::carve {

// A piece as its vertices relative to its centroid, with what placing and measuring it needs.
struct Piece {
  MultiPolygon shape;           // centred on (0, 0); made valid once (GEOS MakeValid) if it was not
  geom::GeomPtr local;          // `shape` in GEOS
  geom::PreparedPtr prepared;   // … prepared: footprint parts are tested against it
  geom::SegmentIndex boundary;  // … its rings: is a footprint part clear of them?
  // A large piece cut into tiles (each prepared, behind an index): a footprint part crossing the
  // piece's boundary is intersected with the few tiles it meets, not with the whole piece.
  struct Tile {
    geom::GeomPtr geometry;
    geom::PreparedPtr prepared;
  };
  std::vector<Tile> tiles;
  std::unique_ptr<geom::EnvelopeIndex> tile_index;  // null: not tiled
  std::size_t vertices = 0;
  double area_m2 = 0.0;      // planar
  double radius_m = 0.0;     // farthest vertex from the centroid: the moved piece's box
  bool on_boundary = false;  // removed: placed at the boundary; downgraded: anywhere inside
  GridShape grid;            // `shape` for the draws' measure
  double depth = 0.0;        // removed: how far inside the reserve its centroid lies (m)
  Point centroid;            // where it is in the proposal
};

// A rigid motion: rotate by `angle` about the origin, then translate by `to`.
struct Motion {
  Point to;
  double angle = 0.0;
};

// The significant (not noise) removed and downgraded pieces of `comparison`, removed ones with
// their depth inside `reserve` (the baseline outline).
std::vector<Piece> pieces_of(const Comparison& comparison, const GEOSGeometry* reserve);

// `shape` rotated by `angle` about the origin, then moved by `to`.
MultiPolygon moved(const MultiPolygon& shape, Point to, double angle);
// `mp` (or p) moved back by the inverse of `m` (into the frame of a piece centred on the origin).
MultiPolygon moved_back(const MultiPolygon& mp, const Motion& m);
Point moved_back(Point p, const Motion& m);

bool contains(const GEOSPreparedGeometry* area, Point p);

// Area of a ∩ b where a is prepared and b is `b_value` (of area b_area_m2); GEOS overlay.
double overlap_m2(const GEOSPreparedGeometry* a_prepared, const GEOSGeometry* a,
                  const MultiPolygon& b_value, double b_area_m2);
// Area of piece ∩ b, both in the piece's frame (tile by tile for a tiled piece).
double piece_overlap_m2(const Piece& piece, const MultiPolygon& b_value, double b_area_m2);

// The convex hull of the pieces' outer vertices (Andrew's monotone chain), counter-clockwise: the
// box of a rotated piece is the box of its rotated hull, a few vertices instead of all.
std::vector<Point> convex_hull(const MultiPolygon& shape);

}  // namespace reserve::rules::carve
