#include "reserve/overlay.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <vector>

#include "analysis/overlay_area.hpp"
#include "analysis/overlay_changes.hpp"
#include "analysis/overlay_resolved.hpp"
#include "analysis/overlay_zone_index.hpp"
#include "check/stage_threads.hpp"
#include "geom/overlap_area.hpp"
#include "geom/prepared_overlay.hpp"
#include "geom/vertex_count.hpp"
#include "reserve/error.hpp"

namespace reserve {
namespace {

using analysis::PieceArea;
using analysis::PreparedShape;
using analysis::ZoneIndex;

bool prepared_covers(const PreparedShape& s, const GEOSGeometry* g) {
  return !s.empty() && GEOSPreparedCovers_r(geom::context(), s.prepared.get(), g) == 1;
}

bool prepared_intersects(const PreparedShape& s, const GEOSGeometry* g) {
  return !s.empty() && GEOSPreparedIntersects_r(geom::context(), s.prepared.get(), g) == 1;
}

void envelope(const GEOSGeometry* g, double& x0, double& y0, double& x1, double& y1) {
  auto* h = geom::context();
  GEOSGeom_getXMin_r(h, g, &x0);
  GEOSGeom_getYMin_r(h, g, &y0);
  GEOSGeom_getXMax_r(h, g, &x1);
  GEOSGeom_getYMax_r(h, g, &y1);
}

// The box distance between two envelopes: a lower bound of the distance between what they hold.
double box_gap(const Envelope& a, const Envelope& b) {
  const double dx = std::max({0.0, a.min_x - b.max_x, b.min_x - a.max_x});
  const double dy = std::max({0.0, a.min_y - b.max_y, b.min_y - a.max_y});
  return std::sqrt(dx * dx + dy * dy);
}

// The distance to the zones stricter than `zone`: the least distance to any one of their polygons,
// which is the distance to their union, so no union is built; polygons whose envelope lies farther
// than the least so far are skipped. When every zone is stricter (a feature outside), the
// outline's. Measured through the zones' segment indexes (ZoneIndex), as GEOSDistance would.
// `covered`: for a point, the polygons that cover it (ascending; every one that does, as found by
// place_point), so that the others are measured without a point-in-polygon test; null for
// polygons.
std::optional<double> stricter_distance(const ZoneIndex& index, Zone zone, const GEOSGeometry* g,
                                        const Envelope& box,
                                        const std::vector<std::size_t>* covered = nullptr) {
  const int level = strictness(zone);
  const auto& zones = index.zones();
  const auto n =
      std::count_if(zones.begin(), zones.end(), [level](Zone z) { return strictness(z) > level; });
  if (n == 0) return std::nullopt;
  if (static_cast<std::size_t>(n) == zones.size()) return index.outline_distance_m(g);
  double least = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < index.polygon_count() && least > 0.0; ++i) {
    const auto& poly = index.polygon(i);
    if (strictness(poly.zone) <= level || box_gap(box, poly.box) > least) continue;
    if (!covered)
      least = std::min(least, index.polygon_distance_m(i, g));
    else if (std::binary_search(covered->begin(), covered->end(), i))
      least = 0.0;
    else  // outside the polygon: the distance to its rings
      least = std::min(least, poly.segments.facet_distance_m(Point{box.min_x, box.min_y}));
  }
  return least;
}

FeaturePlacement place_point(const ZoneIndex& index, const GEOSGeometry* pt, Point p,
                             double tolerance_m) {
  FeaturePlacement out;
  std::vector<Zone> covering, near;
  std::vector<std::size_t> covered;  // ascending, as the candidates come
  for (std::size_t i : index.candidates(p.x - tolerance_m, p.y - tolerance_m, p.x + tolerance_m,
                                        p.y + tolerance_m)) {
    const auto& poly = index.polygon(i);
    if (poly.covers(p)) {
      covered.push_back(i);
      covering.push_back(poly.zone);
      near.push_back(poly.zone);
    } else if (poly.segments.within(p, tolerance_m)) {  // not covered: distance to its rings
      near.push_back(poly.zone);
    }
  }
  auto stricter_first = [](Zone a, Zone b) { return strictness(a) > strictness(b); };
  std::sort(covering.begin(), covering.end(), stricter_first);
  out.zone = covering.empty() ? Zone::outside : covering.front();

  const bool in_outline = !covering.empty();
  out.distance_to_reserve_boundary_m =
      index.outline().empty() ? 0.0 : index.outline_segments().distance_m(p);
  const bool near_boundary =
      !index.outline().empty() && out.distance_to_reserve_boundary_m <= tolerance_m;
  out.location = near_boundary ? PointLocation::on_boundary
                               : (in_outline ? PointLocation::inside : PointLocation::outside);
  if (!in_outline || near_boundary) near.push_back(Zone::outside);
  std::sort(near.begin(), near.end(), stricter_first);
  near.erase(std::unique(near.begin(), near.end()), near.end());
  out.zones_within_tolerance = std::move(near);
  out.distance_to_stricter_zone_m =
      stricter_distance(index, out.zone, pt, Envelope{p.x, p.y, p.x, p.y, true}, &covered);
  return out;
}

// When no boundary segment of the candidate zone polygons (those whose envelope meets g's) comes
// into g's envelope, the envelope — and so g — lies wholly inside one of them or outside all:
// the polygon holding g's first vertex (strictly inside, as no boundary is near), or
// polygon_count() for none. Nullopt when some boundary comes near (the overlay decides).
std::optional<std::size_t> clear_of_zone_boundaries(const ZoneIndex& index,
                                                    const std::vector<std::size_t>& candidates,
                                                    const GEOSGeometry* g, const Envelope& box) {
  if (geom::is_empty(g)) return std::nullopt;
  for (std::size_t i : candidates)
    if (index.polygon(i).segments.meets(box)) return std::nullopt;
  if (candidates.empty()) return index.polygon_count();
  const std::optional<Point> p = geom::first_shell_vertex(g);
  if (!p) return std::nullopt;
  for (std::size_t i : candidates)
    if (index.polygon(i).covers(*p)) return i;
  return index.polygon_count();
}

// The feature's pieces in each zone of one zoning (kept for the downgrade computation).
struct PolygonSide {
  FeaturePlacement placement;
  std::map<Zone, geom::GeomPtr> pieces;  // zone → feature ∩ zone
  geom::GeomPtr inside;                  // feature ∩ reserve (when asked for)
};

// The planar area of g − outline, g crossing the outline's boundary: measured without the
// difference where the boundaries are in general position (geom/overlap_area.hpp).
double outside_planar_m2(const GEOSGeometry* g, const ZoneIndex& index) {
  const PreparedShape& outline = index.outline();
  if (const auto o = geom::overlap_areas(g, index.outline_chunks())) return o->outside;
  const auto outside = geom::prepared_difference(g, outline.geometry.get(), outline.prepared.get());
  return geom::planar_area(outside.get());
}

// `keep_inside`: also keep the feature's part inside the reserve (side.inside). `areas_only`:
// only the placement's areas are wanted (side.pieces and side.inside stay empty), so pieces in
// general position are measured without being built.
PolygonSide place_polygon(const ZoneIndex& index, const GEOSGeometry* g, double feature_area_m2,
                          const PieceArea& area, double min_area_m2, bool keep_inside,
                          bool areas_only) {
  auto* h = geom::context();
  PolygonSide side;
  FeaturePlacement& out = side.placement;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  envelope(g, x0, y0, x1, y1);
  std::map<Zone, std::vector<geom::GeomPtr>> per_zone;
  std::map<Zone, double> measured_planar;  // zone → planar area of pieces measured, not built
  bool contained = false;
  const std::vector<std::size_t> candidates = index.candidates(x0, y0, x1, y1);
  if (const auto holder = clear_of_zone_boundaries(index, candidates, g, {x0, y0, x1, y1, true})) {
    // No zone boundary comes into g's envelope: g lies wholly in one zone polygon or in none,
    // the overlay's answer without an overlay (the loop below would find the same).
    if (*holder < index.polygon_count()) {
      per_zone[index.polygon(*holder).zone].push_back(
          geom::check(GEOSGeom_clone_r(h, g), "clone feature"));
      contained = true;
    }
  } else {
    for (std::size_t i : candidates) {
      const auto& poly = index.polygon(i);
      // Areas only: measured first, which also tells a polygon g misses (nothing inside) or lies
      // in (nothing outside, no boundary met: GEOS's "contains properly") without GEOS's
      // predicates; the predicates and the overlay where the measure declines.
      if (areas_only)
        if (const auto o = geom::overlap_areas(g, poly.chunks)) {
          if (!o->boundaries_meet && o->inside > 0.0) {
            per_zone.clear();
            measured_planar.clear();
            per_zone[poly.zone].push_back(geom::check(GEOSGeom_clone_r(h, g), "clone feature"));
            contained = true;
            break;
          }
          if (o->boundaries_meet)
            measured_planar[poly.zone] += o->inside;  // zone polygons are disjoint
          continue;
        }
      if (GEOSPreparedIntersects_r(h, poly.prepared.get(), g) != 1) continue;
      if (GEOSPreparedContainsProperly_r(h, poly.prepared.get(), g) == 1) {
        // Entirely inside one zone polygon: no overlay needed.
        per_zone.clear();
        measured_planar.clear();
        per_zone[poly.zone].push_back(geom::check(GEOSGeom_clone_r(h, g), "clone feature"));
        contained = true;
        break;
      }
      // The zone polygon cut to the feature's surroundings first: the overlay then costs the
      // feature's size, not the zone's (geom/prepared_overlay.hpp).
      per_zone[poly.zone].push_back(geom::clipped_intersection(g, poly.geometry.get()));
    }
  }
  const bool overlaid = !per_zone.empty() || !measured_planar.empty();
  std::vector<std::pair<Zone, double>> areas;
  for (auto& [zone, pieces] : per_zone) {
    geom::GeomPtr piece =
        pieces.size() == 1 ? std::move(pieces.front()) : geom::unite_all(std::move(pieces));
    double a = contained ? feature_area_m2 : area.piece_m2(piece.get());
    if (const auto m = measured_planar.find(zone); m != measured_planar.end()) {
      a += area.planar_piece_m2(m->second);
      measured_planar.erase(m);
    }
    if (a > 0.0) areas.emplace_back(zone, a);
    if (!areas_only) side.pieces[zone] = std::move(piece);
  }
  for (const auto& [zone, planar] : measured_planar)
    if (const double a = area.planar_piece_m2(planar); a > 0.0) areas.emplace_back(zone, a);
  std::sort(areas.begin(), areas.end(),
            [](const auto& a, const auto& b) { return strictness(a.first) > strictness(b.first); });

  double outside_m2 = 0.0;
  if (contained) {
    side.inside = geom::check(GEOSGeom_clone_r(h, g), "clone feature");
  } else if (!overlaid) {
    outside_m2 = feature_area_m2;
    side.inside = geom::check(GEOSGeom_createEmptyPolygon_r(h), "empty");
  } else if (areas_only) {
    outside_m2 = area.planar_piece_m2(outside_planar_m2(g, index));
  } else {
    const PreparedShape& outline = index.outline();
    const auto outside =
        geom::prepared_difference(g, outline.geometry.get(), outline.prepared.get());
    outside_m2 = area.piece_m2(outside.get());
    if (keep_inside)
      side.inside = geom::prepared_intersection(g, outline.geometry.get(), outline.prepared.get());
  }

  out.zone = Zone::outside;
  for (const auto& [zone, a] : areas) {
    out.areas.push_back({zone, a, feature_area_m2 > 0 ? a / feature_area_m2 : 0.0});
    out.inside_area_m2 += a;
    if (out.zone == Zone::outside && a > min_area_m2) out.zone = zone;
  }
  out.areas.push_back(
      {Zone::outside, outside_m2, feature_area_m2 > 0 ? outside_m2 / feature_area_m2 : 0.0});
  out.location = out.inside_area_m2 > 0.0 ? PointLocation::inside : PointLocation::outside;
  out.distance_to_reserve_boundary_m = index.boundary_distance_m(g);
  out.distance_to_stricter_zone_m =
      stricter_distance(index, out.zone, g, Envelope{x0, y0, x1, y1, true});
  return side;
}

// Which model strictness is compared on: the proposal's two-zone model when the baseline is
// three-zone, else the baseline's.
ZoneModel comparison_model(const ZoneIndex& before, const ZoneIndex& after) {
  return after.model() == ZoneModel::two_zone ? ZoneModel::two_zone : before.model();
}

StatusChange status_of(bool in_before, bool in_after, int rank_before, int rank_after,
                       double freed_m2, double downgraded_m2, double min_area_m2) {
  if (!in_before && !in_after) return StatusChange::unchanged;
  if (!in_before) return StatusChange::newly_included;
  if (!in_after) return StatusChange::freed;
  if (freed_m2 > min_area_m2) return StatusChange::partly_freed;
  if (rank_after < rank_before) return StatusChange::downgraded;
  if (rank_after > rank_before) return StatusChange::upgraded;
  if (downgraded_m2 > min_area_m2) return StatusChange::downgraded;
  return StatusChange::unchanged;
}

}  // namespace

const char* to_string(PointLocation l) noexcept {
  switch (l) {
    case PointLocation::inside: return "inside";
    case PointLocation::on_boundary: return "on-boundary";
    case PointLocation::outside: return "outside";
  }
  return "outside";
}

const char* chinese_name(PointLocation l) noexcept {
  switch (l) {
    case PointLocation::inside: return "区内";
    case PointLocation::on_boundary: return "边界上（容差内）";
    case PointLocation::outside: return "区外";
  }
  return "区外";
}

const char* to_string(StatusChange s) noexcept {
  switch (s) {
    case StatusChange::unchanged: return "unchanged";
    case StatusChange::freed: return "freed";
    case StatusChange::partly_freed: return "partly-freed";
    case StatusChange::downgraded: return "downgraded";
    case StatusChange::newly_included: return "newly-included";
    case StatusChange::upgraded: return "upgraded";
  }
  return "unchanged";
}

const char* chinese_name(StatusChange s) noexcept {
  switch (s) {
    case StatusChange::unchanged: return "未变化";
    case StatusChange::freed: return "调出保护区";
    case StatusChange::partly_freed: return "部分调出保护区";
    case StatusChange::downgraded: return "调入较低保护级别功能区";
    case StatusChange::newly_included: return "新划入保护区";
    case StatusChange::upgraded: return "调入更严格功能区";
  }
  return "未变化";
}

const char* english_name(StatusChange s) noexcept {
  switch (s) {
    case StatusChange::unchanged: return "unchanged";
    case StatusChange::freed: return "freed from the reserve";
    case StatusChange::partly_freed: return "partly freed from the reserve";
    case StatusChange::downgraded: return "moved to a less strict zone";
    case StatusChange::newly_included: return "newly included in the reserve";
    case StatusChange::upgraded: return "moved to a stricter zone";
  }
  return "unchanged";
}

int comparable_strictness(Zone zone, ZoneModel model, const LegacyToTwoZoneMap& map) {
  if (model == ZoneModel::two_zone && model_of(zone) == ZoneModel::three_zone &&
      zone != Zone::outside)
    return strictness(map.map(zone));
  return strictness(zone);
}

std::size_t Overlay::count(StatusChange s) const noexcept {
  return static_cast<std::size_t>(
      std::count_if(rows.begin(), rows.end(), [s](const auto& r) { return r.change == s; }));
}

namespace {

// One thread's placer of features: its own zone indexes and change pieces, since two threads must
// not share a GEOS geometry (GEOS 3.11 computes envelopes lazily). Each row depends on its
// feature alone, so which thread places which feature does not change the rows.
class RowPlacer {
 public:
  RowPlacer(const FeatureSet& features, const Zoning& before, const Zoning& after,
            const Comparison* comparison, const OverlayOptions& options, zoning::LayoutPair layouts)
      : features_(features),
        options_(options),
        bi_(before, layouts.before),
        ai_(after, layouts.after),
        area_(before.crs.empty() ? after.crs : before.crs, options.area_method),
        model_(comparison_model(bi_, ai_)) {
    if (comparison) significant_.emplace(*comparison);
  }

  FeatureOverlay operator()(std::size_t i) {
    auto* h = geom::context();
    const analysis::SignificantChanges* changes = significant_ ? &*significant_ : nullptr;
    const OverlayOptions& options = options_;
    const ZoneIndex& bi = bi_;
    const ZoneIndex& ai = ai_;
    PieceArea& area = area_;
    auto rank = [&](Zone z) { return comparable_strictness(z, model_, options.legacy_map); };
    const ConflictFeature& f = features_.features[i];
    FeatureOverlay row;
    row.feature_index = i;
    row.feature_id = f.id;
    row.category = f.category;
    row.is_point = f.is_point();
    if (row.is_point) {
      const Point p = f.geometry.points.front();
      auto pt = geom::to_geos(p);
      row.before = place_point(bi, pt.get(), p, options.boundary_tolerance_m);
      row.after = place_point(ai, pt.get(), p, options.boundary_tolerance_m);
      // Within the tolerance of a stricter zone counts as in it, before and after.
      row.before.zone = analysis::protective_point_zone(row.before);
      row.after.zone = analysis::protective_point_zone(row.after);
      const bool in_b = row.before.zone != Zone::outside, in_a = row.after.zone != Zone::outside;
      row.change =
          status_of(in_b, in_a, rank(row.before.zone), rank(row.after.zone), 0.0, 0.0, 0.0);
      if (changes)
        row.change = analysis::confirm_point_change(row.change, *changes, pt.get(), p,
                                                    options.boundary_tolerance_m);
    } else {
      auto g = geom::to_geos(f.geometry.polygons);
      row.area_m2 = area.whole_m2(g.get());
      // The freed piece below needs the part inside the baseline reserve; the comparison's
      // pieces give it otherwise.
      const bool areas_only = changes != nullptr;
      PolygonSide b =
          place_polygon(bi, g.get(), row.area_m2, area, options.min_area_m2, !changes, areas_only);
      PolygonSide a =
          place_polygon(ai, g.get(), row.area_m2, area, options.min_area_m2, false, areas_only);
      if (changes) {
        const analysis::ChangeAreas ca = changes->areas_in(g.get(), area);
        row.freed_area_m2 = ca.removed_m2;
        row.downgraded_area_m2 = ca.downgraded_m2;
        row.before = std::move(b.placement);
        row.after = std::move(a.placement);
        row.change = analysis::polygon_status_from_changes(
            row.before.inside_area_m2 > options.min_area_m2,
            row.after.inside_area_m2 > options.min_area_m2, ca, options.min_area_m2);
        return row;
      }
      // Freed: inside before, outside after.
      if (b.placement.inside_area_m2 > 0.0) {
        if (ai.outline().empty()) {
          row.freed_area_m2 = b.placement.inside_area_m2;
        } else if (!prepared_covers(ai.outline(), b.inside.get())) {
          auto freed = geom::clipped_difference(b.inside.get(), ai.outline().geometry.get());
          row.freed_area_m2 = area.piece_m2(freed.get());
        }
      }
      // Downgraded: inside both times, less strict after.
      for (const auto& [zb, piece_b] : b.pieces) {
        for (const auto& [za, piece_a] : a.pieces) {
          if (rank(za) >= rank(zb)) continue;
          if (!prepared_intersects(ai.zone_shape(za), piece_b.get())) continue;
          auto both =
              geom::check(GEOSIntersection_r(h, piece_b.get(), piece_a.get()), "downgraded piece");
          row.downgraded_area_m2 += area.piece_m2(both.get());
        }
      }
      row.before = std::move(b.placement);
      row.after = std::move(a.placement);
      row.change = status_of(row.before.inside_area_m2 > options.min_area_m2,
                             row.after.inside_area_m2 > options.min_area_m2, rank(row.before.zone),
                             rank(row.after.zone), row.freed_area_m2, row.downgraded_area_m2,
                             options.min_area_m2);
    }
    return row;
  }

 private:
  const FeatureSet& features_;
  const OverlayOptions& options_;
  std::optional<analysis::SignificantChanges> significant_;
  const ZoneIndex bi_, ai_;
  PieceArea area_;
  ZoneModel model_;
};

// Whether the features are worth two threads (each builds its own zone indexes): a polygon costs
// its vertices, a point little.
bool worth_two_threads(const FeatureSet& features) {
  constexpr std::size_t kPointCost = 1, kPolygonCost = 16, kWorthTwoThreads = 8000;
  std::size_t total = 0;
  for (const ConflictFeature& f : features.features) {
    total += f.is_point() ? kPointCost : kPolygonCost + geom::vertex_count(f.geometry.polygons);
    if (total >= kWorthTwoThreads) return true;
  }
  return false;
}

// The overlay; with `comparison`, per-feature change comes from its significant pieces
// (analysis/overlay_changes.hpp), else from the zonings' geometry directly. Every feature; on two
// threads when the check's budget allows and the work is worth it (check/stage_threads.hpp); the
// rows and the error raised are those of one thread going through the features in order.
Overlay overlay_rows(const FeatureSet& features, const Zoning& before, const Zoning& after,
                     const Comparison* comparison, const OverlayOptions& options,
                     zoning::LayoutPair layouts) {
  if (!(options.boundary_tolerance_m >= 0.0) || !std::isfinite(options.boundary_tolerance_m))
    throw UsageError("the boundary tolerance must be a number of metres ≥ 0");
  if (!(options.min_area_m2 >= 0.0)) throw UsageError("the minimum area must be ≥ 0 m²");
  // Same working CRS everywhere (compared as WKT: load_zoning and load_features write the
  // working CRS they were given, so equal inputs give equal text).
  if (!before.crs.empty() && !after.crs.empty() && before.crs.wkt != after.crs.wkt)
    throw UsageError("the baseline and the proposal are in different working CRSs (" +
                     before.crs.name + ", " + after.crs.name +
                     "); load both with the same working CRS");
  if (!features.crs.empty() && !before.crs.empty() && features.crs.wkt != before.crs.wkt)
    throw UsageError("the conflict features are in " + features.crs.name + " but the zonings in " +
                     before.crs.name + "; load the features with the zonings' working CRS");

  Overlay result;
  result.boundary_tolerance_m = options.boundary_tolerance_m;
  result.area_method = options.area_method;
  // Features handed out in small chunks to whichever thread is free: polygons and points cost
  // very different amounts, so fixed halves left one thread idle (check/stage_threads.hpp).
  constexpr std::size_t kChunk = 64;
  result.rows.resize(features.features.size());
  check::for_each_index(features.features.size(), kChunk, worth_two_threads(features), [&] {
    auto placer =
        std::make_shared<RowPlacer>(features, before, after, comparison, options, layouts);
    return [placer, &result](std::size_t i) { result.rows[i] = (*placer)(i); };
  });
  return result;
}

}  // namespace

Overlay overlay_features(const FeatureSet& features, const Zoning& before, const Zoning& after,
                         const OverlayOptions& options) {
  return overlay_rows(features, before, after, nullptr, options, {});
}

Overlay overlay_features(const FeatureSet& features, const Zoning& before, const Zoning& after,
                         const Comparison& changes, const OverlayOptions& options) {
  return analysis::overlay_features_resolved(features, before, after, changes, options, {});
}

Overlay analysis::overlay_features_resolved(const FeatureSet& features, const Zoning& before,
                                            const Zoning& after, const Comparison& changes,
                                            const OverlayOptions& options,
                                            zoning::LayoutPair layouts) {
  return overlay_rows(features, before, after, &changes, options, layouts);
}

}  // namespace reserve
