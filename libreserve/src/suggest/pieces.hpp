#pragma once
// Candidate land turned into the model's pieces: parcels outside the proposal (to add) and pieces
// of its least strict zone (to upgrade), conflict features and their buffer taken out, slivers
// dropped, every piece one polygon, pieces pairwise disjoint. Private to the library.
#include <cstddef>
#include <string>
#include <vector>

#include "reserve/area.hpp"
#include "reserve/compare.hpp"
#include "reserve/features.hpp"
#include "reserve/suggest.hpp"
#include "reserve/zoning.hpp"
#include "suggest/model.hpp"

namespace reserve::suggestion {

struct Piece {
  bool add = true;
  Polygon geometry;  // working CRS
  double area_m2 = 0.0;
  double cost = 0.0;
  std::string source;     // where it came from, e.g. "candidates.gpkg:parcels FID 3"
  bool restores = false;  // an upgrade piece that the proposal downgraded
};

// The zones a suggestion works with, in the proposal's model.
struct ZonePlan {
  Zone least = Zone::experimental;  // the least strict zone (added land, upgrade source)
  Zone strict = Zone::buffer;       // the strict zone next to it (added as strict, upgrade target)
  bool strict_counts = true;        // `strict` is in the common model's strict set
};
ZonePlan zone_plan(const Zoning& proposal, const Comparison& comparison);

struct PrepareInput {
  const Zoning& proposal;
  const Comparison& comparison;
  const FeatureSet* features = nullptr;  // conflict features (nullptr: none given)
  std::vector<FeatureCategory> conflict_categories;
  double conflict_buffer_m = 0.0;
  const SuggestOptions& options;
  const AreaCalculator& area;
  NoiseTolerance noise;
  ZonePlan plan;
};

struct Prepared {
  std::vector<Piece> pieces;
  std::size_t candidate_features = 0;
  std::size_t slivers_dropped = 0;
  double conflict_excluded_m2 = 0.0;
  std::vector<Issue> issues;
};

// Reads the candidate layers (in priority order: land in two layers belongs to the first) into
// the proposal's CRS and cuts them into pieces. InputError for an unreadable layer or a bad cost.
Prepared prepare_pieces(const PrepareInput& in);

// Anchors (within max_gap_m of the reserve) and neighbours (add pieces within max_gap_m of each
// other) of the add pieces, as model items in the same order as `pieces`.
std::vector<Item> link_pieces(const std::vector<Piece>& pieces, const MultiPolygon& reserve,
                              double max_gap_m);

}  // namespace reserve::suggestion
