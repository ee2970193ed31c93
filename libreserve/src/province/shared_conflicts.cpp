// Conflict layers read once per province; each reserve's near rows selected through an R-tree.
#include "province/shared_conflicts.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "analysis/feature_filter.hpp"
#include "analysis/features_load.hpp"
#include "check/conflict_loading.hpp"
#include "check/stage_threads.hpp"

namespace reserve::province {
namespace {

// Streamed: each row is boxed and packed as it is read, so the layer is never held as Features.
SharedLayer read_shared(const FeatureOptions& options, const Crs& working_crs) {
  std::vector<std::size_t> ordinals;
  bool in_order = true;  // row i is the source's row i + 1 so far
  NearIndex::Builder boxes;
  CompactRows rows;
  Layer metadata = analysis::read_in_working_crs_rows(
      options.path, options.read, working_crs, [&](Feature&& f, std::size_t ordinal) {
        const std::size_t row = rows.size();
        // A point row's point is kept once, by the index (2 million facilities: 32 MB).
        const Geometry& g = f.geometry;
        const bool one_point = g.points.size() == 1 && g.lines.empty() && g.polygons.empty();
        const bool indexed_as_point = boxes.add(row, envelope_of(g));
        rows.add(f, one_point && indexed_as_point);
        if (in_order && ordinal != row + 1) {  // the first skipped row: keep them all from here
          in_order = false;
          for (std::size_t i = 0; i < row; ++i) ordinals.push_back(i + 1);
        }
        if (!in_order) ordinals.push_back(ordinal);
      });
  rows.shrink_to_fit();
  ordinals.shrink_to_fit();
  // Every reserve's selection copies the metadata; the skipped rows (issues name them) serve
  // only to tell a zoning row's reserve.
  metadata.skipped_rows = {};
  return SharedLayer{options, std::move(rows), std::move(metadata), std::move(ordinals),
                     boxes.build()};
}

Envelope reserve_box(const Zoning& before, const Zoning& after) {
  Envelope box;
  for (const Zoning* z : {&before, &after})
    for (const auto& p : z->parts) box.expand(envelope_of(p.geometry));
  return box;
}

// The rows of `shared` whose box comes within d_m of `box` (analysis::boxes_within), as a layer
// of their own with their source positions: what load_features_within keeps.
Layer near_rows(const SharedLayer& shared, const Envelope& box, double d_m,
                std::vector<std::size_t>& ordinals) {
  Envelope grown = box;
  grown.min_x -= d_m;
  grown.min_y -= d_m;
  grown.max_x += d_m;
  grown.max_y += d_m;
  const std::vector<NearIndex::Hit> hits = shared.index.query_hits(grown);
  Layer layer = shared.metadata;
  layer.features.reserve(hits.size());
  for (const auto& h : hits) {
    layer.features.push_back(shared.rows.get(h.row, h.is_point ? &h.point : nullptr));
    ordinals.push_back(shared.ordinal(h.row));
  }
  return layer;
}

Layer every_row(const SharedLayer& shared, std::vector<std::size_t>& ordinals) {
  std::vector<const Point*> kept(shared.rows.size(), nullptr);  // the index's points by row
  const std::vector<NearIndex::Hit> points = shared.index.point_rows();
  for (const auto& h : points) kept[h.row] = &h.point;
  Layer layer = shared.metadata;
  layer.features.reserve(shared.rows.size());
  ordinals.reserve(shared.rows.size());
  for (std::size_t i = 0; i < shared.rows.size(); ++i) {
    layer.features.push_back(shared.rows.get(i, kept[i]));
    ordinals.push_back(shared.ordinal(i));
  }
  return layer;
}

// As load_conflict_features_near (check/conflict_inputs.cpp), from the shared rows.
FeatureSet near_features(const SharedConflictLayers& shared, const Zoning& before,
                         const Zoning& after, double search_distance_m, FarFeatures& far) {
  far = FarFeatures{};
  far.distance_m = search_distance_m;
  FeatureSet set;
  set.crs = before.crs;
  const Envelope box = reserve_box(before, after);
  const double grow_m = search_distance_m + 1e-3;
  const bool prefilter = box.valid && std::isfinite(grow_m);
  analysis::FarFeatureFilter filter(before, after, search_distance_m);  // one for every layer
  for (const auto& s : shared.layers) {
    std::vector<std::size_t> ordinals;
    const Layer layer = prefilter ? near_rows(s, box, grow_m, ordinals) : every_row(s, ordinals);
    const std::size_t left_out = s.rows.size() - layer.features.size();
    FeatureSet one = features_from_layer(layer, s.options, before.crs, &ordinals);
    if (!one.sources.empty()) {
      one.sources.back().features_read += left_out;
      one.sources.back().far += left_out;
    }
    far.count += left_out;
    far.total += left_out;
    const FarFeatures f = filter.drop_far(one);
    far.count += f.count;
    far.total += f.total;
    append(set, std::move(one));
  }
  return set;
}

}  // namespace

SharedConflictLayers load_shared_conflict_layers(const ConflictInputs& inputs,
                                                 const Crs& working_crs) {
  const std::vector<FeatureOptions> options = conflict_feature_options(inputs);
  // The layers are independent (each file opened on its own): on two threads when there are
  // several, such as the mining rights beside the facilities, which the province's checks all
  // wait for. The error raised is the first layer's, as reading them in order would raise it.
  std::vector<std::optional<SharedLayer>> read(options.size());
  check::for_each_index(options.size(), 1, options.size() > 1, [&] {
    return [&](std::size_t i) { read[i].emplace(read_shared(options[i], working_crs)); };
  });
  SharedConflictLayers shared;
  for (auto& layer : read) shared.layers.push_back(std::move(*layer));
  return shared;
}

std::optional<CheckConflicts> reserve_conflicts(const SharedConflictLayers& shared,
                                                const ConflictInputs& inputs,
                                                const LedgerInputs& ledger, const Zoning& before,
                                                const Zoning& after, const Profile& profile,
                                                const Comparison& changes,
                                                zoning::LayoutPair layouts) {
  if (!inputs.has_layers() && ledger.monitoring.empty()) return std::nullopt;
  FarFeatures far;
  FeatureSet features = near_features(
      shared, before, after, conflict_search_distance_m(profile, inputs.boundary_tolerance_m), far);
  std::vector<Issue> issues = features.issues;
  return make_check_conflicts_resolved(std::move(features), inputs.has_layers(), before, after,
                                       profile, inputs.boundary_tolerance_m, inputs.min_area_m2,
                                       ledger, std::move(issues), &changes, layouts, &far);
}

}  // namespace reserve::province
