#pragma once
// Per-feature change from the comparison's pieces, and the boundary tolerance's benefit of the
// doubt for points. Private to the library.
//
// One noise classification for everything: a change piece of the Comparison is noise or
// significant once (CompareOptions::noise), and the area rules, the maps and the per-feature
// statuses all use it. So a feature's freed / downgraded / added / upgraded area is its overlap
// with the comparison's SIGNIFICANT pieces of that kind, and a re-digitised copy whose pieces are
// all noise frees nothing.
#include <array>
#include <cstddef>
#include <vector>

#include "analysis/overlay_area.hpp"
#include "geom/envelope_index.hpp"
#include "geom/geos.hpp"
#include "reserve/compare.hpp"
#include "reserve/overlay.hpp"

namespace reserve::analysis {

enum class ChangeKind { removed, added, downgraded, upgraded };

// A feature's area in the significant pieces of each kind (PieceArea measure of the feature).
struct ChangeAreas {
  double removed_m2 = 0.0;
  double added_m2 = 0.0;
  double downgraded_m2 = 0.0;
  double upgraded_m2 = 0.0;
};

// The significant (non-noise) pieces of a Comparison, as prepared GEOS geometries in an R-tree.
class SignificantChanges {
 public:
  explicit SignificantChanges(const Comparison& comparison);
  // Area of the polygonal feature `g` inside the significant pieces of each kind. `area` must
  // have measured `g` with whole_m2 (its pieces are apportioned by planar area).
  ChangeAreas areas_in(const GEOSGeometry* g, const PieceArea& area) const;
  // True when a significant piece of `kind` lies within distance_m of the point (covers it
  // when distance_m is 0).
  bool near(ChangeKind kind, const GEOSGeometry* point, Point p, double distance_m) const;

 private:
  struct Piece {
    ChangeKind kind;
    geom::GeomPtr geometry;
    geom::PreparedPtr prepared;
  };
  std::vector<Piece> pieces_;
  geom::EnvelopeIndex tree_{{}};  // the pieces' envelopes, in the order of pieces_
  std::vector<std::size_t> candidates(double x0, double y0, double x1, double y1) const;
};

// Status of a polygon feature from its significant change areas: freed when it was inside
// (> min_area_m2) before and is not after, partly freed / downgraded / upgraded when that much
// of it lies in significant pieces of the kind, newly included when that much lies in
// significant added land; otherwise unchanged.
StatusChange polygon_status_from_changes(bool in_before, bool in_after, const ChangeAreas& a,
                                         double min_area_m2);

// The boundary tolerance gives protection the benefit of the doubt: a point inside a zone, or
// within the tolerance of a stricter zone, counts as in the stricter zone. Given a placement's
// zones_within_tolerance (strictest first, covering zones included), the strictest zone that is
// not outside; outside when there is none.
Zone protective_point_zone(const FeaturePlacement& placement);

// A point's change stands only when significant change of its kind lies within the tolerance of
// it (changed land under the point or, with a tolerance, next to it); a change that only noise
// pieces explain is "unchanged".
StatusChange confirm_point_change(StatusChange change, const SignificantChanges& changes,
                                  const GEOSGeometry* point, Point p, double tolerance_m);

}  // namespace reserve::analysis
