#pragma once
// The conflict layers of a province, read once into the working CRS, packed (CompactRows) and
// shared read-only by every reserve's check: each reserve takes only the rows near it (an envelope
// index query), exactly as a single check's loading (load_conflict_features_near) would have kept
// them. Private.
#include <cstddef>
#include <optional>
#include <vector>

#include "province/compact_rows.hpp"
#include "province/near_index.hpp"
#include "reserve/check.hpp"
#include "zoning/resolved_zones.hpp"

namespace reserve::province {

struct SharedLayer {
  FeatureOptions options;
  CompactRows rows;  // every row, reprojected (rows that failed are issues)
  Layer metadata;    // the layer without its rows (what a selection copies)
  // 1-based source position of each row; empty when row i is the source's row i + 1 (no row
  // skipped: the usual case, and 16 MB fewer for 2 million points).
  std::vector<std::size_t> ordinals;
  NearIndex index;  // rows with an invalid (empty) box are near every reserve
  std::size_t ordinal(std::size_t row) const { return ordinals.empty() ? row + 1 : ordinals[row]; }
};

struct SharedConflictLayers {
  std::vector<SharedLayer> layers;
};

// Reads every conflict layer of `inputs` once (mining layers first, as a check does).
SharedConflictLayers load_shared_conflict_layers(const ConflictInputs& inputs,
                                                 const Crs& working_crs);

// One reserve's conflicts, as load_check_conflicts would make them from the same files: rows
// within the profile's search distance of the reserve (before and after) become features, the
// others are counted as far. nullopt when no conflict layer and no monitoring file is given.
// Safe to call from several threads at once.
std::optional<CheckConflicts> reserve_conflicts(const SharedConflictLayers& shared,
                                                const ConflictInputs& inputs,
                                                const LedgerInputs& ledger, const Zoning& before,
                                                const Zoning& after, const Profile& profile,
                                                const Comparison& changes,
                                                zoning::LayoutPair layouts);

}  // namespace reserve::province
