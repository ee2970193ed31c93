#pragma once
// Before/after comparison of two zonings of one reserve: per-zone areas and shares, the transition
// matrix (zone before × zone after, including `outside`), gross removed / added / net, downgraded
// and upgraded land, and the boundary noise (slivers) separated from real change.
//
// Consistency contract: every area in a Comparison is measured by ONE AreaCalculator (the
// zonings' CRS, options.area_method) on the matrix cells; zone areas are the row sums (before)
// and column sums (after) of the cells, so rows and columns add up to the zone areas exactly (to
// floating-point summation). The directly measured area of each zone's union is kept next to it
// (`measured_m2`) so a reviewer can see that the two agree.
//
// Each zoning is measured on its own: where zones of one zoning overlap, the overlap is resolved
// once, from that zoning alone, the stricter zone winning (zone_geometry in zoning.hpp; the
// overlap is a "zone-overlap" finding of validate_zoning). So a side's figures never depend on
// the other side, the total is the area of the zoning's union, and a zoning compared with itself
// has no change at all (every off-diagonal cell empty).
#include <optional>
#include <string>
#include <vector>

#include "reserve/area.hpp"
#include "reserve/crs.hpp"
#include "reserve/export.hpp"
#include "reserve/geometry.hpp"
#include "reserve/zone.hpp"
#include "reserve/zoning.hpp"

namespace reserve {

// Boundary noise: a piece of change (one connected polygon of one transition cell) whose area is
// at most `max_area_m2` AND whose mean width is at most `max_width_m` is classed as noise. Width
// is 2·area/perimeter, both planar in a projected working CRS (for a long thin sliver of length
// L and width w this is ≈ w); in a geographic working CRS, the measured area over a perimeter
// approximated in metres (equirectangular per segment). A tolerance of 0 disables that test; both 0
// (default) disables noise separation. Noise is never dropped: it stays in the raw figures and is
// listed piece by piece.
struct NoiseTolerance {
  double max_area_m2 = 0.0;
  double max_width_m = 0.0;
  bool enabled() const noexcept { return max_area_m2 > 0.0 || max_width_m > 0.0; }
  // True when a piece with this area and width is noise under this tolerance.
  bool is_noise(double area_m2, double width_m) const noexcept {
    if (!enabled()) return false;
    return (max_area_m2 <= 0.0 || area_m2 <= max_area_m2) &&
           (max_width_m <= 0.0 || width_m <= max_width_m);
  }
};

struct CompareOptions {
  AreaMethod area_method = AreaMethod::geodesic;  // the same for both sides, always
  // How three-zone land maps into the two-zone model when the models differ.
  LegacyToTwoZoneMap legacy_map;
  // When false, zonings of different models are an InputError ("proposal uses the two-zone
  // model; give a mapping") instead of being mapped.
  bool allow_model_mapping = true;
  // The model both sides are compared in. Empty: the zonings' model when they agree, else
  // two_zone. Asking for three_zone with a two-zone side is an InputError (no inverse mapping).
  std::optional<ZoneModel> common_model;
  NoiseTolerance noise;
};

// Area of one zone on one side.
struct ZoneFigure {
  Zone zone = Zone::core;
  double area_m2 = 0.0;      // row/column sum of the transition matrix (see contract above)
  double measured_m2 = 0.0;  // area of the zone's union measured directly
  double share = 0.0;        // area_m2 / total_m2 (0 when the total is 0); a fraction, not %
};

// Per-zone figures of one zoning, in one model.
struct ZoningSummary {
  ZoneModel model = ZoneModel::three_zone;
  std::vector<ZoneFigure> zones;  // every zone of the model, strictest first (0 where absent)
  double total_m2 = 0.0;          // sum of the zone areas
  double outline_m2 = 0.0;        // area of the union of all zones, measured directly
  // Strictly protected land: core + buffer (three-zone) or core_protection (two-zone).
  double strict_m2 = 0.0;
  double strict_share = 0.0;  // strict_m2 / total_m2

  // Area / share of a zone of this model; 0 for a zone the summary does not hold.
  double area_m2(Zone z) const noexcept;
  double share(Zone z) const noexcept;
};

// The strict zone set of a model: {core, buffer} or {core_protection}.
RESERVE_API std::vector<Zone> strict_zones(ZoneModel model);

// One piece of change: a connected polygon of one transition cell (from ≠ to).
struct ChangePiece {
  Zone from = Zone::outside;
  Zone to = Zone::outside;
  double area_m2 = 0.0;
  double width_m = 0.0;  // mean width 2·area/perimeter (see NoiseTolerance)
  bool noise = false;    // under CompareOptions::noise
  Polygon geometry;
};

// A kind of change (removed, added, downgraded, upgraded): raw and noise-excluded figures.
struct ChangeSet {
  double area_m2 = 0.0;   // raw: every piece
  double noise_m2 = 0.0;  // pieces classed as noise
  double significant_m2() const noexcept { return area_m2 - noise_m2; }
  std::vector<ChangePiece> pieces;
  // The union of the significant (non-noise) pieces / of all pieces.
  MultiPolygon significant_geometry() const;
  MultiPolygon geometry() const;
};

struct TransitionCell {
  Zone from = Zone::outside;  // zone before (outside: land not in the baseline)
  Zone to = Zone::outside;    // zone after (outside: land not in the proposal)
  double area_m2 = 0.0;
  MultiPolygon geometry;  // empty for an unchanged cell (from == to) in run_check's comparison
};

struct Comparison {
  Crs crs;  // working CRS of both zonings
  AreaMethod area_method = AreaMethod::geodesic;
  ZoneModel model = ZoneModel::three_zone;  // the common model of `before`/`after`/`matrix`
  LegacyToTwoZoneMap legacy_map;            // the mapping used (when a side was mapped)
  NoiseTolerance noise;                     // the tolerance used

  ZoningSummary before;  // in the common model
  ZoningSummary after;
  // The original per-zone figures of a side that was mapped into the common model.
  std::optional<ZoningSummary> before_original;
  std::optional<ZoningSummary> after_original;

  // Rows/columns in this order: zones_of(model) strictest first, then outside.
  std::vector<Zone> axis;
  // Every cell except outside → outside, row-major over `axis` (empty cells have area 0).
  std::vector<TransitionCell> matrix;

  ChangeSet removed;     // before outline ∖ after outline (cells z → outside)
  ChangeSet added;       // after outline ∖ before outline (cells outside → z)
  ChangeSet downgraded;  // inside both, to a less strict zone
  ChangeSet upgraded;    // inside both, to a stricter zone
  double net_change_m2() const noexcept { return after.total_m2 - before.total_m2; }
  // The after figures with the noise pieces undone (one noise classification for the area rules,
  // the per-feature statuses and the maps): after.total_m2 − added noise + removed noise, and
  // after.strict_m2 − noise that entered the strict set + noise that left it. Equal to the raw
  // figures when there is no noise piece; the area rules judge these.
  double total_after_noise_excluded_m2() const noexcept;
  double strict_after_noise_excluded_m2() const noexcept;

  // The cell from → to (nullptr for outside → outside or zones not on the axis).
  const TransitionCell* cell(Zone from, Zone to) const noexcept;
  // Every noise piece of removed/added/downgraded/upgraded, in that order.
  std::vector<ChangePiece> noise_pieces() const;
};

// Compares two zonings. Both must be in the same CRS (InputError naming both CRSs otherwise) and
// non-empty (InputError naming the empty one). Models are reconciled as CompareOptions says.
// Complexity: when both sides use one model, overlays only inside rectangles around the edges
// that are not shared bit for bit (a proposal keeps most of its boundary), plus one overlay per
// zone for the unchanged cell's geometry; else one per non-disjoint pair of zones. GEOS OverlayNG.
// run_check's comparison leaves the unchanged cells (z → z) without geometry (area only).
// Thread-safe: each call uses the calling thread's GEOS context and its own AreaCalculator.
RESERVE_API Comparison compare(const Zoning& before, const Zoning& after,
                               const CompareOptions& options);

// Maps a zoning's parts into the two-zone model (three-zone parts through `map`; two-zone parts
// unchanged). The result's model is two_zone.
RESERVE_API Zoning map_to_two_zone(const Zoning& zoning, const LegacyToTwoZoneMap& map);

}  // namespace reserve
