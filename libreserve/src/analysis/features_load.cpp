// Reading conflict-feature and sample layers and bringing them into the working CRS, row by row:
// a row that cannot be used is reported and skipped, the others go on.
#include <cmath>
#include <memory>

#include "analysis/feature_filter.hpp"
#include "analysis/features_load.hpp"
#include "crs/ballpark_issue.hpp"
#include "geom/densify.hpp"
#include "reserve/error.hpp"
#include "reserve/features.hpp"
#include "reserve/monitoring.hpp"

namespace reserve {
namespace analysis {
namespace {

bool in_geographic_range(const Geometry& g) {
  auto ok = [](const Point& p) {
    return std::isfinite(p.x) && std::isfinite(p.y) && p.x >= -180.0 && p.x <= 180.0 &&
           p.y >= -90.0 && p.y <= 90.0;
  };
  for (const auto& p : g.points)
    if (!ok(p)) return false;
  for (const auto& poly : g.polygons.polygons) {
    for (const auto& p : poly.outer)
      if (!ok(p)) return false;
    for (const auto& h : poly.holes)
      for (const auto& p : h)
        if (!ok(p)) return false;
  }
  return true;
}

}  // namespace

bool is_skipped_row(const Issue& issue) {
  return issue.severity == Severity::error || issue.message.find("skipped") != std::string::npos;
}

std::size_t count_skipped(const std::vector<Issue>& issues) {
  std::size_t n = 0;
  for (const auto& i : issues)
    if (is_skipped_row(i)) ++n;
  return n;
}

Layer read_in_working_crs(const std::string& path, const ReadOptions& options,
                          const Crs& working_crs, std::vector<std::size_t>* ordinals) {
  Layer layer = read_layer(path, options);
  if (ordinals) {
    ordinals->clear();
    for (std::size_t i = 0; i < layer.features.size(); ++i) ordinals->push_back(i + 1);
  }
  if (working_crs.empty() || layer.crs.empty()) return layer;
  std::unique_ptr<Transformer> transformer;
  if (!equivalent(layer.crs, working_crs))
    transformer = std::make_unique<Transformer>(layer.crs, working_crs);
  if (transformer) {
    if (auto issue = crs::ballpark_issue(*transformer, layer.crs, working_crs,
                                         SourceRef{layer.path, layer.name, {}}))
      layer.issues.push_back(std::move(*issue));
  }
  std::vector<Feature> kept;
  std::vector<std::size_t> kept_ordinals;
  kept.reserve(layer.features.size());
  for (std::size_t row = 0; row < layer.features.size(); ++row) {
    Feature& f = layer.features[row];
    const SourceRef where{layer.path, layer.name, f.id};
    if (layer.crs.is_geographic && !in_geographic_range(f.geometry)) {
      layer.issues.push_back({IssueCode::coordinate_out_of_range, Severity::error,
                              "a coordinate is outside longitude −180…180 / latitude −90…90 (are "
                              "the columns swapped, or is this plane data with a wrong CRS?); "
                              "the feature was skipped",
                              where, std::nullopt, std::nullopt});
      continue;
    }
    if (transformer) {
      try {
        geom::to_working_crs(f.geometry, layer.crs, *transformer);  // lon/lat edges densified
      } catch (const Error& e) {
        layer.issues.push_back({IssueCode::reprojection_failed, Severity::error,
                                "cannot transform the feature to the working CRS " +
                                    working_crs.label() + " (" + e.message() +
                                    "); the feature was skipped",
                                where, std::nullopt, std::nullopt});
        continue;
      }
    }
    kept.push_back(std::move(f));
    kept_ordinals.push_back(row + 1);
  }
  layer.features = std::move(kept);
  if (ordinals) *ordinals = std::move(kept_ordinals);
  return layer;
}

}  // namespace analysis

FeatureSet load_features(const FeatureOptions& options, const Crs& working_crs) {
  std::vector<std::size_t> ordinals;  // rows' positions before reprojection dropped any
  Layer layer = analysis::read_in_working_crs(options.path, options.read, working_crs, &ordinals);
  return features_from_layer(layer, options, working_crs, &ordinals);
}

namespace analysis {

FeatureSet load_features_within(const FeatureOptions& options, const Crs& working_crs,
                                const Envelope& box, double d_m, std::size_t& left_out) {
  std::vector<std::size_t> ordinals;  // rows' positions in the source, kept for the near rows
  Layer layer = read_in_working_crs(options.path, options.read, working_crs, &ordinals);
  const std::size_t rows = layer.features.size();
  std::vector<Feature> near;
  std::vector<std::size_t> near_ordinals;
  near.reserve(rows);
  for (std::size_t i = 0; i < rows; ++i) {
    if (!boxes_within(envelope_of(layer.features[i].geometry), box, d_m)) continue;
    near.push_back(std::move(layer.features[i]));
    if (i < ordinals.size()) near_ordinals.push_back(ordinals[i]);
  }
  layer.features = std::move(near);
  left_out = rows - layer.features.size();
  FeatureSet set = features_from_layer(layer, options, working_crs, &near_ordinals);
  if (!set.sources.empty()) {
    set.sources.back().features_read += left_out;
    set.sources.back().far += left_out;
  }
  return set;
}

}  // namespace analysis

SampleSet load_samples(const std::string& path, const ReadOptions& options,
                       const Crs& working_crs) {
  return samples_from_layer(analysis::read_in_working_crs(path, options, working_crs), working_crs);
}

}  // namespace reserve
