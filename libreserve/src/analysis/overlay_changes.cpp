// Per-feature change from the comparison's significant pieces, and the tolerance rule for points
// (see overlay_changes.hpp).
#include "analysis/overlay_changes.hpp"

#include "geom/prepared_overlay.hpp"
#include "reserve/error.hpp"

namespace reserve::analysis {
namespace {

void bounds(const GEOSGeometry* g, double& x0, double& y0, double& x1, double& y1) {
  if (GEOSGeom_getExtent_r(geom::context(), g, &x0, &y0, &x1, &y1) != 1)
    throw InternalError("GEOS could not measure the extent of a geometry");
}

}  // namespace

SignificantChanges::SignificantChanges(const Comparison& comparison) {
  const std::array<std::pair<ChangeKind, const ChangeSet*>, 4> sets{
      {{ChangeKind::removed, &comparison.removed},
       {ChangeKind::added, &comparison.added},
       {ChangeKind::downgraded, &comparison.downgraded},
       {ChangeKind::upgraded, &comparison.upgraded}}};
  std::vector<Envelope> boxes;
  for (const auto& [kind, set] : sets) {
    for (const auto& piece : set->pieces) {
      if (piece.noise) continue;  // the classification the area rules use
      Piece p{kind, geom::to_geos(piece.geometry), nullptr};
      if (geom::is_empty(p.geometry.get())) continue;
      p.prepared = geom::prepare(p.geometry.get());
      double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
      bounds(p.geometry.get(), x0, y0, x1, y1);
      boxes.push_back(Envelope{x0, y0, x1, y1, true});
      pieces_.push_back(std::move(p));
    }
  }
  tree_ = geom::EnvelopeIndex(boxes);
}

std::vector<std::size_t> SignificantChanges::candidates(double x0, double y0, double x1,
                                                        double y1) const {
  // Ascending indices, a fixed order: sums do not depend on the tree's layout.
  return tree_.query(Envelope{x0, y0, x1, y1, true});
}

ChangeAreas SignificantChanges::areas_in(const GEOSGeometry* g, const PieceArea& area) const {
  auto* h = geom::context();
  ChangeAreas out;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bounds(g, x0, y0, x1, y1);
  for (std::size_t i : candidates(x0, y0, x1, y1)) {
    const Piece& p = pieces_[i];
    if (GEOSPreparedIntersects_r(h, p.prepared.get(), g) != 1) continue;
    // Pieces of one kind never overlap (they are polygons of one matrix cell or of cells that
    // partition the land), so the overlaps add up.
    auto both = geom::clipped_intersection(g, p.geometry.get());
    const double a = area.piece_m2(both.get());
    switch (p.kind) {
      case ChangeKind::removed: out.removed_m2 += a; break;
      case ChangeKind::added: out.added_m2 += a; break;
      case ChangeKind::downgraded: out.downgraded_m2 += a; break;
      case ChangeKind::upgraded: out.upgraded_m2 += a; break;
    }
  }
  return out;
}

bool SignificantChanges::near(ChangeKind kind, const GEOSGeometry* point, Point p,
                              double distance_m) const {
  auto* h = geom::context();
  for (std::size_t i :
       candidates(p.x - distance_m, p.y - distance_m, p.x + distance_m, p.y + distance_m)) {
    const Piece& piece = pieces_[i];
    if (piece.kind != kind) continue;
    const char hit = distance_m > 0.0
                         ? GEOSPreparedDistanceWithin_r(h, piece.prepared.get(), point, distance_m)
                         : GEOSPreparedIntersects_r(h, piece.prepared.get(), point);
    if (hit == 2) throw InternalError("GEOS could not relate a point to a change piece");
    if (hit == 1) return true;
  }
  return false;
}

StatusChange polygon_status_from_changes(bool in_before, bool in_after, const ChangeAreas& a,
                                         double min_area_m2) {
  if (!in_before && !in_after) return StatusChange::unchanged;
  if (!in_before)
    return a.added_m2 > min_area_m2 ? StatusChange::newly_included : StatusChange::unchanged;
  if (!in_after) return a.removed_m2 > min_area_m2 ? StatusChange::freed : StatusChange::unchanged;
  if (a.removed_m2 > min_area_m2) return StatusChange::partly_freed;
  if (a.downgraded_m2 > min_area_m2) return StatusChange::downgraded;
  if (a.upgraded_m2 > min_area_m2) return StatusChange::upgraded;
  return StatusChange::unchanged;
}

Zone protective_point_zone(const FeaturePlacement& placement) {
  Zone best = Zone::outside;
  for (Zone z : placement.zones_within_tolerance)
    if (z != Zone::outside && (best == Zone::outside || strictness(z) > strictness(best))) best = z;
  return best;
}

StatusChange confirm_point_change(StatusChange change, const SignificantChanges& changes,
                                  const GEOSGeometry* point, Point p, double tolerance_m) {
  ChangeKind kind = ChangeKind::removed;
  switch (change) {
    case StatusChange::unchanged: return change;
    case StatusChange::freed:
    case StatusChange::partly_freed: kind = ChangeKind::removed; break;
    case StatusChange::downgraded: kind = ChangeKind::downgraded; break;
    case StatusChange::newly_included: kind = ChangeKind::added; break;
    case StatusChange::upgraded: kind = ChangeKind::upgraded; break;
  }
  return changes.near(kind, point, p, tolerance_m) ? change : StatusChange::unchanged;
}

}  // namespace reserve::analysis
