#pragma once
// The conflict footprint as the permutation test measures it (rules/carve_out_permutation.hpp):
// its polygons behind an envelope index, each with what placing a piece on it needs. Private to
// the library.
#include <cstddef>
#include <memory>
#include <vector>

#include "geom/envelope_index.hpp"
#include "geom/geos.hpp"
#include "reserve/geometry.hpp"
#include "rules/carve_out_pieces.hpp"
#include "rules/grid_shape.hpp"

namespace reserve::rules::carve {

// The footprint as separate polygons behind an envelope index. Each pair (piece, footprint part)
// is measured in the frame of the one with more vertices, which is prepared once: the smaller one
// is moved (a mining-right buffer into the frame of a large removed piece, a small piece onto a
// large merged footprint), so a draw costs about the small geometries' size, not the large ones'.
class Footprint {
 public:
  // Parts with more vertices than `grid_above` get a GridShape (pieces are moved onto them).
  // `footprint`'s polygons must outlive this object.
  Footprint(const GEOSGeometry* footprint, std::size_t grid_above);
  bool empty() const { return parts_.empty(); }

  // The parts as oriented rings in the world frame (for the FootprintRaster).
  std::vector<Rings> world_rings() const;

  // Planar area of (piece moved by m) ∩ footprint, by GEOS (shared edges allowed).
  double taken_in(const Piece& piece, const Motion& m) const;

  // The same measure for a random draw, by GridShape (general position; grid_shape.hpp). Each
  // pair (piece, part) is measured in the frame of the one with more vertices, as in taken_in().
  double drawn_in(const Piece& piece, const Motion& m) const;

 private:
  struct Part {
    const GEOSGeometry* geometry = nullptr;  // owned by the caller's footprint
    geom::PreparedPtr prepared;
    MultiPolygon value;
    std::size_t vertices = 0;
    double area_m2 = 0.0;
    Point center;                     // of its envelope
    double radius_m = 0.0;            // of the circle round its envelope
    Rings rings;                      // relative to `center`, oriented
    std::unique_ptr<GridShape> grid;  // relative to `center`; only for parts larger than a piece
  };
  std::vector<Part> parts_;
  std::unique_ptr<geom::EnvelopeIndex> index_;
};

}  // namespace reserve::rules::carve
