// The rule 不以调代改 (no adjusting instead of rectifying): removed or downgraded land that
// overlaps or lies near conflict features, conflict features freed by the adjustment, and the
// targeting statistic.
// The rule's definition and verdict: rule_no_adjusting_verdict.cpp.
#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <set>

#include "analysis/feature_filter.hpp"
#include "analysis/overlay_resolved.hpp"
#include "check/stage_threads.hpp"
#include "core/text_util.hpp"
#include "geom/edge_union.hpp"
#include "geom/geos.hpp"
#include "geom/overlap_area.hpp"
#include "geom/point_buffer.hpp"
#include "reserve/error.hpp"
#include "reserve/overlay.hpp"
#include "rules/carve_out_permutation.hpp"
#include "rules/conflict_footprint.hpp"
#include "rules/conflict_overlay_resolved.hpp"
#include "rules/rule_helpers.hpp"

namespace reserve {
namespace {

struct IndexedFeature {
  std::size_t index = 0;
  geom::GeomPtr geometry;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

std::string fmt_num(double v, int decimals) { return fmt::format("{:.{}f}", v, decimals); }

double area_of(const AreaCalculator& calc, const GEOSGeometry* g) {
  if (!g || geom::is_empty(g)) return 0.0;
  return calc.area_m2(geom::polygons_from_geos(g));
}

std::set<FeatureCategory> category_set(const std::vector<FeatureCategory>& categories) {
  const auto list = categories.empty() ? default_conflict_categories() : categories;
  return {list.begin(), list.end()};
}

}  // namespace

std::vector<FeatureCategory> default_conflict_categories() {
  return {FeatureCategory::mining_right,  FeatureCategory::exploration_right,
          FeatureCategory::mine,          FeatureCategory::concentrator,
          FeatureCategory::smelter,       FeatureCategory::slag_yard,
          FeatureCategory::tailings_pond, FeatureCategory::industrial,
          FeatureCategory::hydropower,    FeatureCategory::other_energy};
}

bool is_wait_for_adjustment(const std::string& treatment) {
  const std::string t = text::normalise_label(treatment);
  if (t.empty()) return false;
  for (const char* key :
       {"等待调整", "待调整", "等调整", "调整后处理", "待区划调整", "等待区划调整",
        "wait-for-adjustment", "wait for adjustment", "wait_for_adjustment", "await adjustment"})
    if (t.find(text::normalise_label(key)) != std::string::npos) return true;
  return false;
}

namespace {

// The union of a zoning's parts: the outline of its resolved layout when that holds every part
// (the same point set, already united), else united here by their shared edges (GEOS only when
// that fails). Every use of the outlines depends on their point sets alone (the permutation test
// walks the rings canonically).
MultiPolygon outline_of(const Zoning& z, const zoning::ResolvedLayout* layout) {
  if (layout) {
    const std::vector<Zone> zones = zones_of(layout->model);
    const bool holds_every_part = std::all_of(z.parts.begin(), z.parts.end(), [&](const auto& p) {
      return p.geometry.empty() || std::find(zones.begin(), zones.end(), p.zone) != zones.end();
    });
    if (holds_every_part) return layout->outline;
  }
  std::vector<const MultiPolygon*> parts;
  for (const auto& p : z.parts) parts.push_back(&p.geometry);
  return parts.empty() ? MultiPolygon{} : geom::unite_bordering(parts);
}

// The overlay with both reserve outlines (the targeting statistic and the ledger locations).
ConflictOverlay with_outlines(FeatureSet features, Overlay overlay, const Zoning& before,
                              const Zoning& after, zoning::LayoutPair layouts = {}) {
  ConflictOverlay out;
  out.overlay = std::move(overlay);
  out.features = std::move(features);
  out.baseline_outline = outline_of(before, layouts.before);
  out.proposal_outline = outline_of(after, layouts.after);
  return out;
}

}  // namespace

ConflictOverlay make_conflict_overlay(FeatureSet features, const Zoning& before,
                                      const Zoning& after, const OverlayOptions& options,
                                      double search_distance_m) {
  const FarFeatures far = analysis::drop_far_features(features, before, after, search_distance_m);
  Overlay overlay = overlay_features(features, before, after, options);
  ConflictOverlay out = with_outlines(std::move(features), std::move(overlay), before, after);
  out.far = far;
  return out;
}

ConflictOverlay make_conflict_overlay(FeatureSet features, const Zoning& before,
                                      const Zoning& after, const Comparison& changes,
                                      const OverlayOptions& options, double search_distance_m) {
  return rules::make_conflict_overlay_resolved(std::move(features), before, after, changes, options,
                                               search_distance_m, {});
}

ConflictOverlay rules::make_conflict_overlay_resolved(
    FeatureSet features, const Zoning& before, const Zoning& after, const Comparison& changes,
    const OverlayOptions& options, double search_distance_m, zoning::LayoutPair layouts,
    bool features_near) {
  FarFeatures far;
  if (features_near) {
    far.distance_m = search_distance_m;
    far.total = features.features.size();
  } else {
    far = analysis::drop_far_features(features, before, after, search_distance_m);
  }
  Overlay overlay =
      analysis::overlay_features_resolved(features, before, after, changes, options, layouts);
  ConflictOverlay out =
      with_outlines(std::move(features), std::move(overlay), before, after, layouts);
  out.far = far;
  return out;
}

namespace {

// Conflict features of a counted category as GEOS geometries with envelopes. Only features whose
// envelope comes within d of the baseline reserve's envelope can touch a changed piece (inside
// the baseline) or put footprint into the reserve: the others are never buffered or unioned
// (province-wide layers).
std::vector<IndexedFeature> conflicts_near_reserve(const ConflictOverlay& conflicts,
                                                   const std::set<FeatureCategory>& counted,
                                                   double d) {
  auto* h = geom::context();
  const Envelope reserve_box = envelope_of(conflicts.baseline_outline);
  std::vector<IndexedFeature> feats;
  for (std::size_t i = 0; i < conflicts.features.features.size(); ++i) {
    const auto& f = conflicts.features.features[i];
    if (!counted.count(f.category)) continue;
    // 1 mm of slack for piece vertices rounded off the baseline's boundary.
    if (!analysis::boxes_within(envelope_of(f.geometry), reserve_box, d + 1e-3)) continue;
    IndexedFeature ix;
    ix.index = i;
    ix.geometry = geom::to_geos(f.geometry);
    GEOSGeom_getXMin_r(h, ix.geometry.get(), &ix.x0);
    GEOSGeom_getYMin_r(h, ix.geometry.get(), &ix.y0);
    GEOSGeom_getXMax_r(h, ix.geometry.get(), &ix.x1);
    GEOSGeom_getYMax_r(h, ix.geometry.get(), &ix.y1);
    feats.push_back(std::move(ix));
  }
  return feats;
}

// Part 1: the significant (not noise) pieces of a change set that overlap or lie within d of a
// conflict feature, with the nearest distance and the overlap area. Envelopes grown by d reject
// most pairs before the exact prepared-geometry distance test.
void find_changes_near_conflicts(const ChangeSet& set, const char* kind,
                                 const std::vector<IndexedFeature>& feats,
                                 const ConflictOverlay& conflicts, const AreaCalculator& calc,
                                 double d, std::vector<ChangeNearConflict>& out) {
  auto* h = geom::context();
  for (const auto& piece : set.pieces) {
    if (piece.noise) continue;
    auto g = geom::to_geos(piece.geometry);
    auto prepared = geom::prepare(g.get());
    double px0 = 0, py0 = 0, px1 = 0, py1 = 0;
    GEOSGeom_getXMin_r(h, g.get(), &px0);
    GEOSGeom_getYMin_r(h, g.get(), &py0);
    GEOSGeom_getXMax_r(h, g.get(), &px1);
    GEOSGeom_getYMax_r(h, g.get(), &py1);
    ChangeNearConflict hit;
    hit.kind = kind;
    hit.from = piece.from;
    hit.to = piece.to;
    hit.piece_area_m2 = piece.area_m2;
    hit.geometry = piece.geometry;
    hit.min_distance_m = std::numeric_limits<double>::infinity();
    for (const auto& f : feats) {
      if (f.x1 < px0 - d || f.x0 > px1 + d || f.y1 < py0 - d || f.y0 > py1 + d) continue;
      if (GEOSPreparedDistanceWithin_r(h, prepared.get(), f.geometry.get(), d) != 1) continue;
      double dist = 0.0;
      GEOSPreparedDistance_r(h, prepared.get(), f.geometry.get(), &dist);
      hit.min_distance_m = std::min(hit.min_distance_m, dist);
      hit.feature_ids.push_back(conflicts.features.features[f.index].id);
      if (!conflicts.features.features[f.index].is_point() &&
          GEOSPreparedIntersects_r(h, prepared.get(), f.geometry.get()) == 1) {
        auto both = geom::check(GEOSIntersection_r(h, g.get(), f.geometry.get()), "overlap");
        hit.overlap_area_m2 += area_of(calc, both.get());
      }
    }
    if (!hit.feature_ids.empty()) out.push_back(std::move(hit));
  }
}

// Part 2: conflict features of a counted category that the adjustment frees or downgrades.
std::vector<FreedFeature> freed_conflict_features(const ConflictOverlay& conflicts,
                                                  const std::set<FeatureCategory>& counted) {
  std::vector<FreedFeature> out;
  for (const auto& row : conflicts.overlay.rows) {
    if (!counted.count(row.category)) continue;
    if (row.change != StatusChange::freed && row.change != StatusChange::partly_freed &&
        row.change != StatusChange::downgraded)
      continue;
    const auto& f = conflicts.features.features.at(row.feature_index);
    FreedFeature ff;
    ff.feature_id = f.id;
    ff.name = f.name;
    ff.category = f.category;
    ff.zone_before = row.before.zone;
    ff.zone_after = row.after.zone;
    ff.change = row.change;
    ff.freed_area_m2 = row.freed_area_m2;
    ff.downgraded_area_m2 = row.downgraded_area_m2;
    ff.waiting_for_adjustment = is_wait_for_adjustment(f.treatment);
    out.push_back(std::move(ff));
  }
  return out;
}

// Part 3, the targeting statistic: the share of the changed (removed or downgraded) land that is
// conflict footprint, divided by the share of the whole baseline reserve that is. A ratio near 1
// is what a change drawn without regard to the conflicts gives; well above 1 means the new
// boundary was drawn around the conflicts, which is what 不以调代改 forbids even when each piece
// on its own looks harmless. The footprint is the features buffered by d (so that points and
// lines have an area, and land next to a feature counts); with d = 0 only polygons have one.
TargetingStatistic targeting_statistic(const Comparison& comparison,
                                       const ConflictOverlay& conflicts,
                                       const std::vector<IndexedFeature>& feats,
                                       const AreaCalculator& calc, double d,
                                       const NoAdjustingOptions& options) {
  auto* h = geom::context();
  TargetingStatistic t;
  geom::GeomPtr reserve, changed, footprint;
  std::optional<geom::RingChunks> changed_rings;
  // The reserve and the changed land beside the footprint (check/stage_threads.hpp): the two need
  // nothing of each other. On two threads the footprint's side has its own GEOS copy of the
  // outline; the features' GEOS copies are the caller's, for this rule part alone.
  const bool two_threads = check::stage_threads() >= 2;
  check::run_both(
      [&] {
        reserve = geom::to_geos(conflicts.baseline_outline);
        t.reserve_area_m2 = area_of(calc, reserve.get());
        std::vector<geom::GeomPtr> changed_parts;
        for (const ChangeSet* set : {&comparison.removed, &comparison.downgraded})
          for (const auto& p : set->pieces)
            if (!p.noise) changed_parts.push_back(geom::to_geos(p.geometry));
        changed = geom::unite_all(std::move(changed_parts));
        t.changed_area_m2 = area_of(calc, changed.get());
        // Planar areas of the footprint's parts in the changed land are measured without
        // building the pieces where the boundaries are in general position
        // (geom/overlap_area.hpp); the parts are disjoint, so their areas add. Geodesic areas
        // need the pieces.
        if (comparison.area_method == AreaMethod::planar && !geom::is_empty(changed.get()))
          changed_rings.emplace(changed.get());
      },
      [&] {
        auto* hf = geom::context();
        // Unioned before measuring: overlapping features (a mine inside its mining right) count
        // once.
        std::vector<geom::GeomPtr> footprint_parts;
        std::vector<std::optional<rules::Disc>> discs;  // the buffers of points
        for (const auto& f : feats) {
          const ConflictFeature& feature = conflicts.features.features[f.index];
          const bool one_point = feature.is_point() && feature.geometry.points.size() == 1;
          if (d > 0.0 && one_point) {  // GEOS's buffer of the point, without its builder
            const Point centre = feature.geometry.points.front();
            footprint_parts.push_back(geom::point_buffer(centre, d, 16));
            discs.push_back(rules::Disc{centre, d});
          } else if (d > 0.0) {
            footprint_parts.push_back(
                geom::check(GEOSBuffer_r(hf, f.geometry.get(), d, 16), "buffer conflict feature"));
            discs.push_back(std::nullopt);
          } else if (!feature.is_point()) {
            footprint_parts.push_back(geom::check(GEOSGeom_clone_r(hf, f.geometry.get()), "clone"));
            discs.push_back(std::nullopt);
          }
        }
        // By connected components of the buffers, each met with the outline and the changed land
        // near it (rules/conflict_footprint.hpp): the same land as one global union, without its
        // cost.
        geom::GeomPtr own_outline;  // on one thread, the reserve converted beside
        if (two_threads) own_outline = geom::to_geos(conflicts.baseline_outline);
        footprint = rules::footprint_in(std::move(footprint_parts),
                                        two_threads ? own_outline.get() : reserve.get(), discs);
      });
  // The permutation test needs the outline and the footprint, not the footprint's area nor its
  // share of the changed land: it runs beside both (on the large benchmark reserve it was the
  // check's last step, on one core, after 0.13 s of geodesic area of the footprint). It runs
  // whenever a ratio may come out and is kept only when one does. On two threads the test has its
  // own GEOS copy of the footprint (GEOS 3.11 fills envelopes lazily: a geometry read on two
  // threads is a data race); the outline is the test's alone.
  const bool may_have_ratio =
      t.changed_area_m2 > 0.0 && t.reserve_area_m2 > 0.0 && !geom::is_empty(footprint.get());
  geom::GeomPtr own_footprint;
  if (may_have_ratio && two_threads)
    own_footprint = geom::check(GEOSGeom_clone_r(h, footprint.get()), "clone footprint");
  TargetingStatistic permuted;
  check::run_both(
      [&] {
        auto* hc = geom::context();
        t.footprint_area_m2 = area_of(calc, footprint.get());
        const rules::LargeOperand changed_land(changed.get());
        std::vector<geom::GeomPtr> in_changed;
        double measured_m2 = 0.0;
        const int n = GEOSGetNumGeometries_r(hc, footprint.get());
        for (int i = 0; i < n; ++i) {
          const GEOSGeometry* part = GEOSGetGeometryN_r(hc, footprint.get(), i);
          if (changed_rings)
            if (const auto o = geom::overlap_areas(part, *changed_rings)) {
              measured_m2 += o->inside;
              continue;
            }
          in_changed.push_back(changed_land.intersection(part));
        }
        t.footprint_in_changed_m2 =
            area_of(calc, rules::collect_polygons(in_changed).get()) + measured_m2;
      },
      [&] {
        if (may_have_ratio)
          rules::add_permutation_test(permuted, comparison, reserve.get(),
                                      own_footprint ? own_footprint.get() : footprint.get(),
                                      options);
      });
  if (t.reserve_area_m2 > 0.0) t.share_in_reserve = t.footprint_area_m2 / t.reserve_area_m2;
  const bool has_ratio = t.changed_area_m2 > 0.0 && t.share_in_reserve > 0.0;
  if (t.changed_area_m2 > 0.0) t.share_in_changed = t.footprint_in_changed_m2 / t.changed_area_m2;
  if (has_ratio) {
    t.ratio = t.share_in_changed / t.share_in_reserve;
    t.p_value = permuted.p_value;
    t.permutation_draws = permuted.permutation_draws;
    t.permutation_seed = permuted.permutation_seed;
  }
  return t;
}

// Fail beats incomplete beats warn: a failure found on part of the input is still a failure,
// while a pass on part of it is not a pass.
VerdictStatus no_adjusting_status(const NoAdjustingResult& result,
                                  const NoAdjustingOptions& options) {
  const TargetingStatistic& t = result.targeting;
  const bool too_many_freed = static_cast<double>(result.freed.size()) > options.max_freed_features;
  const bool targeted = t.ratio && *t.ratio > options.max_targeting_ratio;
  if (too_many_freed || targeted) return VerdictStatus::fail;
  if (!result.left_out.empty()) return VerdictStatus::incomplete;
  if (!result.changes.empty()) return VerdictStatus::warn;
  return VerdictStatus::pass;
}

void explain_no_adjusting(NoAdjustingResult& result, const ConflictOverlay& conflicts,
                          const NoAdjustingOptions& options) {
  const TargetingStatistic& t = result.targeting;
  const double d = options.distance_m;
  std::size_t waiting = 0;
  for (const auto& f : result.freed) waiting += f.waiting_for_adjustment ? 1 : 0;
  const std::string ratio_text = t.ratio ? fmt::format("{:.{}f}", *t.ratio, 2) : std::string("n/a");
  result.explanation_zh =
      std::to_string(result.freed.size()) +
      " 处冲突要素因调整被调出保护区或调入较低保护级别功能区（其中 " + std::to_string(waiting) +
      " 处整改方式为等待调整）；" + std::to_string(result.changes.size()) +
      " 块调出/降级地块与冲突要素重叠或相距不足 " + fmt::format("{:.{}f}", d, 0) +
      " 米；冲突要素在调出/降级地块中的占比为其在原保护区中占比的 " + ratio_text + " 倍（阈值 " +
      fmt_num(options.max_targeting_ratio, 2) + "）。" +
      (result.left_out.empty() ? ""
                               : std::to_string(rows_left_out(result.left_out)) +
                                     " 个冲突要素无法使用（见证据），结论不完整。");
  result.explanation_en =
      std::to_string(result.freed.size()) +
      " conflict feature(s) freed from the reserve or moved to a less strict zone (" +
      std::to_string(waiting) + " of them waiting for the adjustment as their treatment); " +
      std::to_string(result.changes.size()) +
      " removed/downgraded piece(s) overlap or lie within " + fmt::format("{:.{}f}", d, 0) +
      " m of conflict features; targeting ratio " + ratio_text + " (threshold " +
      fmt_num(options.max_targeting_ratio, 2) + ")." +
      (result.left_out.empty()
           ? ""
           : " INCOMPLETE: " + std::to_string(rows_left_out(result.left_out)) +
                 " conflict feature(s) the rule depends on could not be used; they are listed "
                 "as evidence.") +
      (conflicts.features.sources.empty() ? ""
                                          : " Inputs: " + conflicts.features.used_summary() + ".");
}

}  // namespace

NoAdjustingResult evaluate_no_adjusting(const Comparison& comparison,
                                        const ConflictOverlay& conflicts,
                                        const NoAdjustingOptions& options) {
  if (!(options.distance_m >= 0.0) || !std::isfinite(options.distance_m))
    throw UsageError("no-adjusting-instead-of-rectifying: distance_m must be ≥ 0 metres");
  const std::set<FeatureCategory> counted = category_set(options.categories);
  const double d = options.distance_m;

  // Part 3, most of the rule's time, keeps the calling thread and its budget (it splits again),
  // with parts 1 and 2 beside it (check/stage_threads.hpp). On two threads parts 1 and 2 have their
  // own area calculator and part 3 its own GEOS copies of the features (GEOS geometries must not
  // be shared); on one, the parts run one after the other and share them.
  const AreaCalculator calc(comparison.crs, comparison.area_method);
  const std::vector<IndexedFeature> feats = conflicts_near_reserve(conflicts, counted, d);
  const bool two_threads = check::stage_threads() >= 2;
  NoAdjustingResult result;
  check::run_both_caller_later(
      [&] {
        std::optional<AreaCalculator> own_calc;
        if (two_threads) own_calc.emplace(comparison.crs, comparison.area_method);
        const AreaCalculator& c = own_calc ? *own_calc : calc;
        find_changes_near_conflicts(comparison.removed, "removed", feats, conflicts, c, d,
                                    result.changes);
        find_changes_near_conflicts(comparison.downgraded, "downgraded", feats, conflicts, c, d,
                                    result.changes);
        result.freed = freed_conflict_features(conflicts, counted);
      },
      [&] {
        std::vector<IndexedFeature> own;
        if (two_threads) own = conflicts_near_reserve(conflicts, counted, d);
        result.targeting =
            targeting_statistic(comparison, conflicts, two_threads ? own : feats, calc, d, options);
      });
  // Features the rule depends on that could not be used: a counted category, or unknown.
  for (const auto& l : conflicts.features.left_out)
    if (!l.category || counted.count(*l.category)) result.left_out.push_back(l);
  result.status = no_adjusting_status(result, options);
  explain_no_adjusting(result, conflicts, options);
  return result;
}

}  // namespace reserve
