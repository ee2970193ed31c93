// The rule 不以调代改 (no adjusting instead of rectifying): removed or downgraded land that
// overlaps or lies near conflict features, conflict features freed by the adjustment, and the
// targeting statistic.
#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "analysis/feature_filter.hpp"
#include "core/text_util.hpp"
#include "geom/geos.hpp"
#include "reserve/error.hpp"
#include "reserve/overlay.hpp"
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

// The overlay with both reserve outlines (the targeting statistic and the ledger locations).
ConflictOverlay with_outlines(FeatureSet features, Overlay overlay, const Zoning& before,
                              const Zoning& after) {
  ConflictOverlay out;
  out.overlay = std::move(overlay);
  out.features = std::move(features);
  std::vector<const MultiPolygon*> parts;
  for (const auto& p : before.parts) parts.push_back(&p.geometry);
  if (!parts.empty()) out.baseline_outline = geom::unite(parts);
  parts.clear();
  for (const auto& p : after.parts) parts.push_back(&p.geometry);
  if (!parts.empty()) out.proposal_outline = geom::unite(parts);
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
  const FarFeatures far = analysis::drop_far_features(features, before, after, search_distance_m);
  Overlay overlay = overlay_features(features, before, after, changes, options);
  ConflictOverlay out = with_outlines(std::move(features), std::move(overlay), before, after);
  out.far = far;
  return out;
}

NoAdjustingResult evaluate_no_adjusting(const Comparison& comparison,
                                        const ConflictOverlay& conflicts,
                                        const NoAdjustingOptions& options) {
  if (!(options.distance_m >= 0.0) || !std::isfinite(options.distance_m))
    throw UsageError("no-adjusting-instead-of-rectifying: distance_m must be ≥ 0 metres");
  auto* h = geom::context();
  const std::set<FeatureCategory> counted = category_set(options.categories);
  const AreaCalculator calc(comparison.crs, comparison.area_method);
  const double d = options.distance_m;

  // Conflict features as GEOS geometries with envelopes. Only features whose envelope comes within
  // d of the baseline reserve's envelope can touch a changed piece (inside the baseline) or put
  // footprint into the reserve: the others are never buffered or unioned (province-wide layers).
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

  NoAdjustingResult result;
  // 1. Removed and downgraded pieces near conflict features.
  auto scan = [&](const ChangeSet& set, const char* kind) {
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
      if (!hit.feature_ids.empty()) result.changes.push_back(std::move(hit));
    }
  };
  scan(comparison.removed, "removed");
  scan(comparison.downgraded, "downgraded");

  // 2. Conflict features freed or downgraded by the adjustment.
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
    result.freed.push_back(std::move(ff));
  }

  // 3. Targeting statistic.
  TargetingStatistic& t = result.targeting;
  auto reserve = geom::to_geos(conflicts.baseline_outline);
  t.reserve_area_m2 = area_of(calc, reserve.get());
  std::vector<geom::GeomPtr> changed_parts;
  for (const ChangeSet* set : {&comparison.removed, &comparison.downgraded})
    for (const auto& p : set->pieces)
      if (!p.noise) changed_parts.push_back(geom::to_geos(p.geometry));
  auto changed = geom::unite_all(std::move(changed_parts));
  t.changed_area_m2 = area_of(calc, changed.get());
  std::vector<geom::GeomPtr> footprint_parts;
  for (const auto& f : feats) {
    if (d > 0.0)
      footprint_parts.push_back(
          geom::check(GEOSBuffer_r(h, f.geometry.get(), d, 16), "buffer conflict feature"));
    else if (!conflicts.features.features[f.index].is_point())
      footprint_parts.push_back(geom::check(GEOSGeom_clone_r(h, f.geometry.get()), "clone"));
  }
  auto footprint_all = geom::unite_all(std::move(footprint_parts));
  auto footprint =
      geom::check(GEOSIntersection_r(h, footprint_all.get(), reserve.get()), "footprint ∩ reserve");
  t.footprint_area_m2 = area_of(calc, footprint.get());
  auto in_changed =
      geom::check(GEOSIntersection_r(h, footprint.get(), changed.get()), "footprint ∩ changed");
  t.footprint_in_changed_m2 = area_of(calc, in_changed.get());
  if (t.changed_area_m2 > 0.0) t.share_in_changed = t.footprint_in_changed_m2 / t.changed_area_m2;
  if (t.reserve_area_m2 > 0.0) t.share_in_reserve = t.footprint_area_m2 / t.reserve_area_m2;
  if (t.changed_area_m2 > 0.0 && t.share_in_reserve > 0.0)
    t.ratio = t.share_in_changed / t.share_in_reserve;

  // Features the rule depends on that could not be used: a counted category, or unknown.
  for (const auto& l : conflicts.features.left_out)
    if (!l.category || counted.count(*l.category)) result.left_out.push_back(l);

  // Verdict.
  const bool too_many_freed = static_cast<double>(result.freed.size()) > options.max_freed_features;
  const bool targeted = t.ratio && *t.ratio > options.max_targeting_ratio;
  std::size_t waiting = 0;
  for (const auto& f : result.freed) waiting += f.waiting_for_adjustment ? 1 : 0;
  if (too_many_freed || targeted) {
    result.status = VerdictStatus::fail;
  } else if (!result.left_out.empty()) {
    result.status = VerdictStatus::incomplete;  // nothing failed, but not on all the input
  } else if (!result.changes.empty()) {
    result.status = VerdictStatus::warn;
  } else {
    result.status = VerdictStatus::pass;
  }
  const std::string ratio_text = t.ratio ? fmt::format("{:.{}f}", *t.ratio, 2) : std::string("n/a");
  result.explanation_zh =
      std::to_string(result.freed.size()) +
      " 处冲突要素因调整被调出保护区或调入较低保护级别功能区（其中 " + std::to_string(waiting) +
      " 处整改方式为等待调整）；" + std::to_string(result.changes.size()) +
      " 块调出/降级地块与冲突要素重叠或相距不足 " + fmt::format("{:.{}f}", d, 0) +
      " 米；冲突要素在调出/降级地块中的占比为其在原保护区中占比的 " + ratio_text + " 倍（阈值 " +
      fmt_num(options.max_targeting_ratio, 2) + "）。" +
      (result.left_out.empty() ? ""
                               : std::to_string(result.left_out.size()) +
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
           : " INCOMPLETE: " + std::to_string(result.left_out.size()) +
                 " conflict feature(s) the rule depends on could not be used; they are listed "
                 "as evidence.") +
      (conflicts.features.sources.empty() ? ""
                                          : " Inputs: " + conflicts.features.used_summary() + ".");
  return result;
}

namespace {

NoAdjustingOptions options_from(const Profile& profile, const RuleConfig& config) {
  NoAdjustingOptions o;
  o.distance_m = config.number("distance_m", profile.conflicts.buffer_distance_m);
  // Defaults as the rule declares them (ParamSpec), in one place.
  const RuleDefinition def = no_adjusting_rule_definition();
  o.max_freed_features = rules::number_param(def, config, "max_freed_features");
  o.max_targeting_ratio = rules::number_param(def, config, "max_targeting_ratio");
  std::vector<std::string> names = config.text_list("categories");
  if (names.empty()) names = profile.conflicts.categories;
  for (const auto& n : names) {
    auto c = category_from_string(n);
    if (!c)
      throw UsageError("rule " + std::string(kNoAdjustingRuleId) + ": unknown category '" + n +
                       "' in the profile (" + profile.path + ")");
    o.categories.push_back(*c);
  }
  return o;
}

}  // namespace

NoAdjustingOptions no_adjusting_options(const Profile& profile) {
  const RuleConfig* found = profile.rule(kNoAdjustingRuleId);
  return options_from(profile, found ? *found : RuleConfig{});
}

RuleDefinition no_adjusting_rule_definition() {
  RuleDefinition def;  // evaluate is set below; start_verdict() reads only the id and titles
  def.id = kNoAdjustingRuleId;
  def.title_zh = "不以调代改";
  def.title_en = "No adjusting instead of rectifying";
  def.description =
      "Removed or downgraded land that overlaps or lies within distance_m of a conflict feature "
      "(mining right, mine, tailings pond, concentrator, smelter, slag yard, hydropower, …) is "
      "evidence; conflict features that were inside (or in a stricter zone) before and are "
      "outside (or weaker) after are listed as freed. Fails when more than max_freed_features are "
      "freed or when the targeting ratio (share of the conflict footprint in the changed land / "
      "its share in the baseline reserve) exceeds max_targeting_ratio; warns when changed land "
      "lies near conflicts without freeing any.";
  def.params = {
      {"distance_m", ParamType::number,
       "changed land within this distance of a conflict feature is evidence; also the "
       "footprint buffer of the targeting statistic (when absent: [conflicts] buffer_distance_m)",
       std::nullopt, MeasureUnit::m},
      {"max_freed_features", ParamType::number,
       "fail when more conflict features than this are freed or downgraded", 0.0,
       MeasureUnit::count},
      {"max_targeting_ratio", ParamType::number, "fail when the targeting ratio exceeds this", 2.0,
       MeasureUnit::ratio},
      {"categories", ParamType::text_list,
       "feature categories that count as conflicts (default: [conflicts] categories, else "
       "mining, polluting, industrial and energy categories)",
       std::nullopt, std::nullopt},
  };
  def.evaluate = [](const RuleContext& ctx, const RuleConfig& config) {
    Verdict v = rules::start_verdict(no_adjusting_rule_definition());
    if (!ctx.conflicts) {
      v.status = VerdictStatus::not_evaluated;
      v.explanation_zh = "未提供矿业权或设施图层，未评价。";
      v.explanation_en =
          "not evaluated: no mining-right or facility layer was given (--mining, --facilities)";
      return v;
    }
    const NoAdjustingOptions o = options_from(ctx.profile, config);
    const NoAdjustingResult r = evaluate_no_adjusting(ctx.comparison, *ctx.conflicts, o);
    v.status = r.status == VerdictStatus::fail ? config.on_violation : r.status;
    v.explanation_zh = r.explanation_zh;
    v.explanation_en = r.explanation_en;
    v.measured = {
        rules::count("freed_feature_count", static_cast<double>(r.freed.size())),
        rules::count("changes_near_conflicts_count", static_cast<double>(r.changes.size())),
        rules::m2("changed_area_m2", r.targeting.changed_area_m2),
        rules::m2("conflict_footprint_m2", r.targeting.footprint_area_m2),
        rules::m2("conflict_footprint_in_changed_m2", r.targeting.footprint_in_changed_m2),
        rules::fraction("conflict_share_in_changed", r.targeting.share_in_changed),
        rules::fraction("conflict_share_in_reserve", r.targeting.share_in_reserve),
    };
    if (r.targeting.ratio)
      v.measured.push_back({"targeting_ratio", *r.targeting.ratio, MeasureUnit::ratio});
    v.thresholds = {rules::count("max_freed_features", o.max_freed_features),
                    {"max_targeting_ratio", o.max_targeting_ratio, MeasureUnit::ratio},
                    {"distance_m", o.distance_m, MeasureUnit::m}};
    v.threshold_text = "freed conflict features ≤ " + fmt_num(o.max_freed_features, 0) +
                       " and targeting ratio ≤ " + fmt_num(o.max_targeting_ratio, 2) +
                       " (conflicts within " + fmt_num(o.distance_m, 0) + " m)";
    int n = 0;
    for (const auto& c : r.changes) {
      Evidence e;
      e.kind = *evidence_kind_from_string(c.kind);  // "removed" or "downgraded"
      e.id = c.kind + "-near-conflict-" + std::to_string(++n);
      std::string ids;
      for (const auto& id : c.feature_ids) ids += (ids.empty() ? "" : ", ") + id;
      e.description = c.kind + " land (" + to_string(c.from) + " → " + to_string(c.to) + ", " +
                      rules::format_ha(c.piece_area_m2) + ") near conflict features " + ids +
                      " (overlap " + rules::format_ha(c.overlap_area_m2) + ", nearest " +
                      fmt_num(c.min_distance_m, 1) + " m)";
      e.zone_before = c.from;
      e.zone_after = c.to;
      e.area_m2 = c.piece_area_m2;
      e.geometry.polygons.push_back(c.geometry);
      v.evidence.push_back(std::move(e));
    }
    for (const auto& l : r.left_out) {
      Evidence e;
      e.kind = EvidenceKind::issue;
      e.id = "left-out-" + std::to_string(&l - r.left_out.data() + 1);
      e.description = "not used: " + l.label + " (" + l.where.file +
                      (l.where.layer.empty() ? "" : ":" + l.where.layer) +
                      "): " + to_string(l.code) + ", " + l.reason;
      v.evidence.push_back(std::move(e));
    }
    for (const auto& f : r.freed) {
      Evidence e;
      e.kind = EvidenceKind::feature;
      e.id = f.feature_id;
      e.description = std::string(chinese_name(f.category)) + " " + f.name + ": " +
                      to_string(f.zone_before) + " → " + to_string(f.zone_after) + " (" +
                      english_name(f.change) + ", freed " + rules::format_ha(f.freed_area_m2) +
                      ")" +
                      (f.waiting_for_adjustment
                           ? "; its treatment is to wait for the adjustment: adjusting instead of "
                             "rectifying (以调代改)"
                           : "");
      e.zone_before = f.zone_before;
      e.zone_after = f.zone_after;
      e.area_m2 = f.freed_area_m2;
      if (const auto* feat = ctx.conflicts->features.find(f.feature_id)) {
        if (feat->is_point())
          e.location = feat->geometry.points.front();
        else
          e.geometry = feat->geometry.polygons;
      }
      v.evidence.push_back(std::move(e));
    }
    return v;
  };
  return def;
}

}  // namespace reserve
