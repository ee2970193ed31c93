#pragma once
// Conflict features × zones, before and after a proposal: which zone each feature is in, how much
// of a polygon lies in each zone and outside, where a point lies relative to the reserve boundary
// (with an explicit tolerance), distances to the reserve boundary and to the nearest stricter
// zone, and how the feature's status changes (freed, downgraded, newly included, …).
//
// Both zonings and the features must be in the same working CRS (projected, metres). A polygon
// is measured once with the chosen method (geodesic by default); its pieces (per zone, outside,
// freed, downgraded) get that area in proportion to their planar areas in the working CRS, so
// they add up to the feature's area (~1e-12 relative; zones that overlap each other are counted
// in each). Measuring each piece geodesically on its own would not add up beyond ~1e-8 (Karney's
// edge areas carry ~1e-5 m² each); apportioning differs from that by the projection's scale
// variation across the feature (~1e-5 relative for a 1 km feature).
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "reserve/area.hpp"
#include "reserve/compare.hpp"
#include "reserve/export.hpp"
#include "reserve/features.hpp"
#include "reserve/geometry.hpp"
#include "reserve/rules.hpp"
#include "reserve/zone.hpp"
#include "reserve/zoning.hpp"

namespace reserve {

// Where a point lies relative to the reserve's outer boundary: inside, outside, or within the
// boundary tolerance of it (then it is "on the boundary" whichever side it falls).
enum class PointLocation { inside, on_boundary, outside };
RESERVE_API const char* to_string(PointLocation l) noexcept;     // "inside", "on-boundary", …
RESERVE_API const char* chinese_name(PointLocation l) noexcept;  // "区内", "边界上", "区外"

enum class StatusChange {
  unchanged,       // same zone (or outside both times)
  freed,           // inside the reserve before, entirely outside after
  partly_freed,    // some of its area left the reserve, some stays
  downgraded,      // moved to a less strict zone (and none of it left the reserve)
  newly_included,  // outside before, inside after
  upgraded,        // moved to a stricter zone
};
RESERVE_API const char* to_string(StatusChange s) noexcept;     // "freed", "partly-freed", …
RESERVE_API const char* chinese_name(StatusChange s) noexcept;  // "调出保护区", …
RESERVE_API const char* english_name(StatusChange s) noexcept;  // "freed from the reserve", …

struct ZoneShare {
  Zone zone = Zone::outside;  // outside = the part of the feature outside the reserve
  double area_m2 = 0.0;
  double share = 0.0;  // area_m2 / feature area
};

// One side (before or after) of a feature's overlay.
struct FeaturePlacement {
  // Points: the strictest zone that covers the point or lies within the boundary tolerance of
  // it (protection gets the benefit of the doubt: see OverlayOptions::boundary_tolerance_m).
  // Polygons: the strictest zone holding more than OverlayOptions::min_area_m2 of it. outside
  // when none.
  Zone zone = Zone::outside;
  std::vector<ZoneShare> areas;  // polygons: each zone with area > 0, then outside (always last)
  double inside_area_m2 = 0.0;   // polygons: area inside the reserve
  PointLocation location = PointLocation::outside;  // points: vs the reserve outline; polygons:
                                                    // inside if any area inside
  // Every zone (and outside) within the boundary tolerance of a point, strictest first.
  std::vector<Zone> zones_within_tolerance;
  // Distance to the reserve's outer boundary (0 when a polygon crosses it), metres.
  double distance_to_reserve_boundary_m = 0.0;
  // Distance to the nearest zone stricter than `zone` (outside: to the reserve), metres; nullopt
  // when no stricter zone exists.
  std::optional<double> distance_to_stricter_zone_m;
};

struct FeatureOverlay {
  std::size_t feature_index = 0;  // into FeatureSet::features
  std::string feature_id;
  FeatureCategory category = FeatureCategory::other;
  bool is_point = false;
  double area_m2 = 0.0;  // polygons only
  FeaturePlacement before;
  FeaturePlacement after;
  StatusChange change = StatusChange::unchanged;
  // With a Comparison: the feature's area in its significant removed / downgraded pieces (noise
  // pieces never count). Without: inside before and outside after / inside both times, in a
  // less strict zone after.
  double freed_area_m2 = 0.0;
  double downgraded_area_m2 = 0.0;
};

struct OverlayOptions {
  // The boundary tolerance decides, and protection gets the benefit of the doubt. A point inside
  // a zone, or within this distance of a stricter zone, counts as in the stricter zone — before
  // and after alike. So a point that ends up less than the tolerance outside a cut has not
  // provably been freed (it stays in its zone), and one less than the tolerance outside added
  // land counts as newly included; the statuses and 不以调代改 follow. Points within it of the
  // reserve's boundary are also PointLocation::on_boundary; every zone within it is listed in
  // zones_within_tolerance. Metres, ≥ 0 (0: exact point-in-polygon, a point on a boundary is in
  // both zones, so in the stricter).
  double boundary_tolerance_m = 1.0;
  // Polygon pieces smaller than this do not decide a feature's zone (slivers from digitising).
  double min_area_m2 = 1.0;
  AreaMethod area_method = AreaMethod::geodesic;
  // How three-zone baseline zones compare with a two-zone proposal's zones.
  LegacyToTwoZoneMap legacy_map;
};

struct RESERVE_API Overlay {
  std::vector<FeatureOverlay> rows;  // one per feature, in FeatureSet order
  double boundary_tolerance_m = 0.0;
  AreaMethod area_method = AreaMethod::geodesic;
  std::size_t count(StatusChange s) const noexcept;
};

// Overlays every feature on both zonings. Uses an R-tree over the zone polygons and prepared
// geometries (about O(log n) candidate tests per feature). Throws UsageError when the CRSs
// differ or a tolerance is negative.
RESERVE_API Overlay overlay_features(const FeatureSet& features, const Zoning& before,
                                     const Zoning& after, const OverlayOptions& options = {});

// The same, with per-feature change taken from the comparison of the two zonings: a polygon's
// freed / downgraded area is its overlap with the comparison's SIGNIFICANT removed / downgraded
// pieces (noise pieces, as CompareOptions::noise classed them for the area rules, never count),
// and its status follows from those areas (freed or partly freed, downgraded, upgraded, newly
// included when more than min_area_m2 of it lies in significant change of that kind). A point's
// change stands only when a significant piece of that kind lies within the boundary tolerance of
// it. So a re-digitised copy whose change pieces are all noise leaves every feature unchanged.
// `changes` must be compare(before, after, …) of these zonings.
RESERVE_API Overlay overlay_features(const FeatureSet& features, const Zoning& before,
                                     const Zoning& after, const Comparison& changes,
                                     const OverlayOptions& options = {});

// The strictness of `zone` on the scale of `model` (three-zone zones mapped with `map` when the
// model is two-zone). Used to compare a baseline zone with a proposal zone.
RESERVE_API int comparable_strictness(Zone zone, ZoneModel model, const LegacyToTwoZoneMap& map);

// ---------------------------------------------------------------------------------------------
// Features that lie farther from the reserve than every distance a check uses: counted, never
// overlaid, buffered or listed one by one ("N of M features lie farther than D m from the
// reserve"). With province-wide layers they are nearly all of the input.
struct FarFeatures {
  // D: the search distance (conflict_search_distance_m); +infinity when nothing was filtered.
  double distance_m = std::numeric_limits<double>::infinity();
  std::size_t count = 0;  // N: farther than D from the reserve both before and after
  std::size_t total = 0;  // M: features given
};

// The largest distance a check with this profile looks at around the reserve, metres: the boundary
// tolerance, [conflicts] buffer_distance_m and every rule parameter named *distance_m. A feature
// farther than it from the reserve before and after is outside both times, decides no rule and
// is not in the ledger.
RESERVE_API double conflict_search_distance_m(const Profile& profile, double boundary_tolerance_m);

// What the rule engine receives about conflicts (rules.hpp forward-declares it): the features
// near the reserve, their overlay, the baseline reserve outline (for the targeting statistic) and
// the count of the features set aside as far.
struct ConflictOverlay {
  FeatureSet features;  // the features within far.distance_m of the reserve, in input order
  Overlay overlay;
  MultiPolygon baseline_outline;  // union of the baseline zones, working CRS
  MultiPolygon proposal_outline;  // union of the proposal's zones, working CRS
  FarFeatures far;
};

// The overlay as text for `reserve overlay`: one line per feature with its area in each zone
// before and after (never the feature's total beside a zone's name), the layers' "N of M used",
// and every feature left out, named.
RESERVE_API std::string overlay_text(const ConflictOverlay& conflicts);

// Builds a ConflictOverlay: the features farther than `search_distance_m` from the reserve
// (before and after) are counted in `far` and dropped first — an envelope test, then an exact
// distance, so the result on the rest is the same as without the filter — then overlay_features
// on the rest, plus the baseline outline. search_distance_m = +infinity keeps every feature.
RESERVE_API ConflictOverlay
make_conflict_overlay(FeatureSet features, const Zoning& before, const Zoning& after,
                      const OverlayOptions& options = {},
                      double search_distance_m = std::numeric_limits<double>::infinity());
// The same with per-feature change from the comparison's significant pieces (see above); what a
// check uses, so the rules and the feature table share the comparison's noise classification.
RESERVE_API ConflictOverlay
make_conflict_overlay(FeatureSet features, const Zoning& before, const Zoning& after,
                      const Comparison& changes, const OverlayOptions& options = {},
                      double search_distance_m = std::numeric_limits<double>::infinity());

// ---------------------------------------------------------------------------------------------
// The rule 不以调代改 (id "no-adjusting-instead-of-rectifying").

inline constexpr const char* kNoAdjustingRuleId = "no-adjusting-instead-of-rectifying";

struct NoAdjustingOptions {
  // Changed land within this distance of a conflict feature is evidence; features are buffered
  // by it for the targeting statistic. Metres, ≥ 0.
  double distance_m = 100.0;
  // Fail when more conflict features than this are freed or downgraded (default: any).
  double max_freed_features = 0.0;
  // Fail when the targeting ratio exceeds this (removal concentrated on conflict features).
  double max_targeting_ratio = 2.0;
  // Categories that count as conflicts; empty: the default set (extraction, polluting,
  // industrial, hydropower, other energy).
  std::vector<FeatureCategory> categories;
  // The permutation test of the targeting (TargetingStatistic::p_value): random placements of
  // the changed pieces (≥ 1; 0 turns the test off) and the seed of its generator.
  int permutation_draws = 999;
  std::uint64_t permutation_seed = 1;
};

// The default conflict categories of the rule.
RESERVE_API std::vector<FeatureCategory> default_conflict_categories();

// The rule's options as `profile` sets them (the rule's params, then [conflicts]). UsageError for
// an unknown category.
RESERVE_API NoAdjustingOptions no_adjusting_options(const Profile& profile);

// A removed or downgraded piece of land that overlaps or lies near conflict features.
struct ChangeNearConflict {
  std::string kind;  // "removed" or "downgraded"
  Zone from = Zone::outside;
  Zone to = Zone::outside;
  double piece_area_m2 = 0.0;
  double overlap_area_m2 = 0.0;  // piece ∩ conflict polygons
  double min_distance_m = 0.0;   // to the nearest conflict feature (0: touching/overlapping)
  std::vector<std::string> feature_ids;
  Polygon geometry;
};

// A conflict feature inside (or in a stricter zone) before and outside (or weaker) after.
struct FreedFeature {
  std::string feature_id;
  std::string name;
  FeatureCategory category = FeatureCategory::other;
  Zone zone_before = Zone::outside;
  Zone zone_after = Zone::outside;
  StatusChange change = StatusChange::unchanged;
  double freed_area_m2 = 0.0;           // polygons; 0 for points
  double downgraded_area_m2 = 0.0;      // polygons; 0 for points
  bool waiting_for_adjustment = false;  // treatment says "wait for the adjustment" (等待调整)
};

// Share of the conflict footprint (conflict features buffered by distance_m, clipped to the
// baseline reserve) in the removed + downgraded land, against its share in the whole baseline
// reserve. ratio ≫ 1: the removal is concentrated on conflict features.
struct TargetingStatistic {
  double reserve_area_m2 = 0.0;          // baseline reserve
  double changed_area_m2 = 0.0;          // removed + downgraded (significant pieces)
  double footprint_area_m2 = 0.0;        // footprint ∩ baseline reserve
  double footprint_in_changed_m2 = 0.0;  // footprint ∩ changed land
  double share_in_changed = 0.0;         // footprint_in_changed / changed
  double share_in_reserve = 0.0;         // footprint / reserve
  std::optional<double> ratio;           // nullopt when there is no change or no footprint
  // How unlikely that much footprint in the changed land is by chance: the share of
  // permutation_draws random placements of the same pieces (rotated at random; removed pieces
  // along the reserve's boundary, downgraded ones inside it) that take in at least as much
  // footprint, as p = (k + 1) / (draws + 1) (≥ 1 / (draws + 1)). Deterministic for a seed.
  // nullopt when the ratio is, or when the test is off (permutation_draws = 0).
  std::optional<double> p_value;
  int permutation_draws = 0;
  std::uint64_t permutation_seed = 0;
};

struct NoAdjustingResult {
  // incomplete when nothing fails but a feature the rule depends on (a counted category, or one
  // whose category is unknown because the row could not be read) was left out.
  VerdictStatus status = VerdictStatus::pass;
  std::vector<LeftOutFeature> left_out;  // the left-out features the rule depends on
  std::vector<ChangeNearConflict> changes;
  std::vector<FreedFeature> freed;
  TargetingStatistic targeting;
  std::string explanation_zh;
  std::string explanation_en;
};

// Evaluates the rule on a comparison (its removed and downgraded pieces, noise excluded) and the
// conflict overlay. Areas with the comparison's area method.
RESERVE_API NoAdjustingResult evaluate_no_adjusting(const Comparison& comparison,
                                                    const ConflictOverlay& conflicts,
                                                    const NoAdjustingOptions& options);

// The rule for the engine: parameters distance_m, max_freed_features, max_targeting_ratio,
// categories (text list). Without conflict layers it is not evaluated. Register it with
// RuleRegistry::add (it replaces a placeholder of the same id).
RESERVE_API RuleDefinition no_adjusting_rule_definition();

// True when a treatment text means "wait for the boundary adjustment" (等待调整, 待调整,
// 调整后处理, wait for adjustment, …).
RESERVE_API bool is_wait_for_adjustment(const std::string& treatment);

}  // namespace reserve
