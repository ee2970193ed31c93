#pragma once
// How unlikely the targeting of 不以调代改 is by chance: a seeded permutation test that moves
// and rotates the removed and downgraded pieces at random and counts how often they take in as
// much conflict footprint as the proposal's pieces do. Private to the library; the rule
// (rule_no_adjusting_overlay.cpp) stores the result in TargetingStatistic.
#include <cstdint>
#include <vector>

#include "geom/geos.hpp"
#include "reserve/compare.hpp"
#include "reserve/overlay.hpp"

namespace reserve::rules {

struct CarveOutPermutation {
  double observed_m2 = 0.0;  // footprint taken in by the proposal's pieces (planar m²)
  int draws = 0;             // random placements of all pieces made
  int as_large = 0;          // draws taking in at least observed_m2
  double p_value = 1.0;      // (as_large + 1) / (draws + 1), or 50 / draws when stopped early
  std::uint64_t seed = 0;
  int measured_exactly = 0;  // draws the grid bounds left to the exact measure
};

// The null model: each significant (non-noise) piece keeps its shape and area and gets a uniform
// random rotation about its centroid; a removed piece (cut from the reserve's edge) has its
// centroid put at a uniform random point of the baseline reserve's boundary (outer rings and
// holes, by length), moved inwards along the boundary's normal by the depth at which the real
// piece's centroid lies inside the reserve; a downgraded piece (inside the reserve) has its
// centroid put at a uniform random point of the reserve. A draw takes in the sum over pieces of
// area(moved piece ∩ footprint), pieces placed independently (overlaps between moved pieces count
// twice: the real pieces are disjoint, so this can only make random draws look more extreme,
// i.e. p is conservative). The same measure on the unmoved pieces is the observed value; a draw
// counts when it takes in at least the observed value (less 1e-9 relative, so that ties count).
//
// `reserve` is the baseline reserve and `footprint` the conflict footprint clipped to it, both in
// the comparison's working CRS, which must be projected (metres): rotations keep shapes there.
// Areas are planar in that CRS (the statistic compares like with like; the scale factor cancels).
// The test stops early, with p = 50 / draws made, once 50 draws were as large (Besag and
// Clifford's sequential p-value; see the .cpp). Deterministic for a given seed on every platform.
// Cost: draws × pieces × (the piece's edges + the grid cells its boundary crosses): a draw is
// first bounded by the footprint in the boxes of the pieces' rotated convex hulls (O(1) look-up
// each), then piece by piece (the most footprint in its box first) by the footprint's area per
// cell of a coarse grid (rules/footprint_raster.hpp; runs of edges over empty cells skipped),
// stopping once the bounds settle the draw, the pieces not walked keeping their box bound;
// only when the bounds straddle the observed value is it measured exactly: per footprint part near
// the moved piece an O(1) grid look-up, and an exact overlap by Green's theorem, without GEOS, for
// the parts crossing its boundary. The bounds hold with a margin far above rounding, so a draw
// counts exactly when its exact measure says so: the p-value does not depend on the bounds
// (`exact_every_draw` measures every draw exactly, for tests). The observed value is a GEOS
// overlay (the real pieces share edges with the footprint; a draw in general position does not).
// draws ≥ 1; no pieces or an empty footprint: observed 0 and p = 1 without drawing.
CarveOutPermutation carve_out_permutation(const Comparison& comparison, const GEOSGeometry* reserve,
                                          const GEOSGeometry* footprint, int draws,
                                          std::uint64_t seed, bool exact_every_draw = false);

// Runs the test with the rule's options (permutation_draws, permutation_seed) and stores p, the
// draws and the seed in `t`; does nothing when permutation_draws is 0. UsageError when it is
// negative.
void add_permutation_test(TargetingStatistic& t, const Comparison& comparison,
                          const GEOSGeometry* reserve, const GEOSGeometry* footprint,
                          const NoAdjustingOptions& options);

// The rule's parameters permutation_draws (count, default 999) and permutation_seed (default 1),
// declared once here for the rule's ParamSpec list; read_permutation_options() reads them into
// `o` (UsageError for a negative or fractional draw count or seed).
std::vector<ParamSpec> permutation_param_specs();
void read_permutation_options(const RuleDefinition& def, const RuleConfig& config,
                              NoAdjustingOptions& o);

// The verdict's share of the test: measures targeting_p_value (fraction) and permutation_draws
// (count) after the ratio, and a sentence in both explanations. Nothing when p was not computed.
void add_permutation_result(Verdict& v, const TargetingStatistic& t);

}  // namespace reserve::rules
