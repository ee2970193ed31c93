// Reading conflict-feature and sample layers and bringing them into the working CRS, row by row:
// a row that cannot be used is reported and skipped, the others go on.
#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>

#include "analysis/feature_filter.hpp"
#include "analysis/features_load.hpp"
#include "crs/ballpark_issue.hpp"
#include "geom/densify.hpp"
#include "io/layer_reading.hpp"
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

namespace {

// The row-wise part of read_in_working_crs: one transformer for the layer, then per row the
// geographic range check and the reprojection.
class ToWorkingCrs {
 public:
  ToWorkingCrs(const Layer& layer, const Crs& working_crs)
      : layer_(layer), working_crs_(working_crs) {
    if (!working_crs.empty() && !layer.crs.empty() && !equivalent(layer.crs, working_crs))
      transformer_ = std::make_unique<Transformer>(layer.crs, working_crs);
  }
  bool active() const { return !working_crs_.empty() && !layer_.crs.empty(); }
  // The layer-level warning of a reprojection whose result lands far from the working CRS.
  std::optional<Issue> ballpark() const {
    if (!transformer_) return std::nullopt;
    return crs::ballpark_issue(*transformer_, layer_.crs, working_crs_,
                               SourceRef{layer_.path, layer_.name, {}});
  }
  // false (with an issue) when the row is skipped.
  bool prepare(Feature& f, std::vector<Issue>& issues) const {
    const SourceRef where{layer_.path, layer_.name, f.id};
    if (layer_.crs.is_geographic && !in_geographic_range(f.geometry)) {
      issues.push_back({IssueCode::coordinate_out_of_range, Severity::error,
                        "a coordinate is outside longitude −180…180 / latitude −90…90 (are "
                        "the columns swapped, or is this plane data with a wrong CRS?); "
                        "the feature was skipped",
                        where, std::nullopt, std::nullopt});
      return false;
    }
    if (transformer_) {
      try {
        geom::to_working_crs(f.geometry, layer_.crs, *transformer_);  // lon/lat edges densified
      } catch (const Error& e) {
        issues.push_back({IssueCode::reprojection_failed, Severity::error,
                          "cannot transform the feature to the working CRS " +
                              working_crs_.label() + " (" + e.message() +
                              "); the feature was skipped",
                          where, std::nullopt, std::nullopt});
        return false;
      }
    }
    return true;
  }

 private:
  const Layer& layer_;
  const Crs& working_crs_;
  std::unique_ptr<Transformer> transformer_;
};

}  // namespace

Layer read_in_working_crs(const std::string& path, const ReadOptions& options,
                          const Crs& working_crs, std::vector<std::size_t>* ordinals) {
  Layer layer = read_layer(path, options);
  if (ordinals) {
    ordinals->clear();
    for (std::size_t i = 0; i < layer.features.size(); ++i) ordinals->push_back(i + 1);
  }
  const ToWorkingCrs to_working(layer, working_crs);
  if (!to_working.active()) return layer;
  if (auto issue = to_working.ballpark()) layer.issues.push_back(std::move(*issue));
  std::vector<Feature> kept;
  std::vector<std::size_t> kept_ordinals;
  kept.reserve(layer.features.size());
  for (std::size_t row = 0; row < layer.features.size(); ++row) {
    Feature& f = layer.features[row];
    if (!to_working.prepare(f, layer.issues)) continue;
    kept.push_back(std::move(f));
    kept_ordinals.push_back(row + 1);
  }
  layer.features = std::move(kept);
  if (ordinals) *ordinals = std::move(kept_ordinals);
  return layer;
}

Layer read_in_working_crs_rows(const std::string& path, const ReadOptions& options,
                               const Crs& working_crs, const WorkingRowSink& row,
                               io::NearRows* near) {
  if (!io::can_read_by_fid(path)) {  // CSV tables, databases: read whole, then handed over
    std::vector<std::size_t> ordinals;
    Layer layer = read_in_working_crs(path, options, working_crs, &ordinals);
    for (std::size_t i = 0; i < layer.features.size(); ++i)
      row(std::move(layer.features[i]), ordinals[i]);
    layer.features = {};
    return layer;
  }
  std::unique_ptr<ToWorkingCrs> to_working;  // made at the first row, when the CRS is known
  std::vector<Issue> row_issues;             // after the read's own issues, as above
  std::size_t converted = 0;
  const io::RowSink sink = [&](const Layer& so_far, Feature&& f, std::int64_t) {
    const std::size_t ordinal = ++converted + (near ? near->far : 0);  // far rows count too
    if (!to_working) to_working = std::make_unique<ToWorkingCrs>(so_far, working_crs);
    if (to_working->active() && !to_working->prepare(f, row_issues)) return;
    row(std::move(f), ordinal);
  };
  Layer layer = near ? io::read_layer_rows_near(path, options, *near, sink)
                     : io::read_layer_rows(path, options, sink);
  const ToWorkingCrs whole(layer, working_crs);
  if (whole.active()) {
    if (auto issue = whole.ballpark()) layer.issues.push_back(std::move(*issue));
    for (auto& i : row_issues) layer.issues.push_back(std::move(i));
  }
  return layer;
}

}  // namespace analysis

FeatureSet load_features(const FeatureOptions& options, const Crs& working_crs) {
  std::vector<std::size_t> ordinals;  // rows' positions before reprojection dropped any
  Layer layer = analysis::read_in_working_crs(options.path, options.read, working_crs, &ordinals);
  return features_from_layer(layer, options, working_crs, &ordinals);
}

namespace analysis {

namespace {

// read_in_working_crs for one reserve's surroundings: a GDAL file in the working CRS has the rows
// whose stored envelope is clearly far counted by the reader (`far`), never converted; the
// others come back as read_in_working_crs gives them, with their ordinals among usable rows.
Layer read_near_in_working_crs(const FeatureOptions& options, const Crs& working_crs,
                               const Envelope& box, double d_m, std::vector<std::size_t>& ordinals,
                               std::size_t& far) {
  far = 0;
  if (working_crs.empty() || !box.valid || !io::can_read_by_fid(options.path))
    return read_in_working_crs(options.path, options.read, working_crs, &ordinals);
  // The reader's test is on either axis; 1 mm plus a relative margin above rounding.
  io::NearRows near{working_crs, box, d_m + 1e-3 + 1e-9 * std::max(box.width(), box.height()), 0};
  std::vector<Feature> kept;
  ordinals.clear();
  Layer layer = read_in_working_crs_rows(
      options.path, options.read, working_crs,
      [&](Feature&& f, std::size_t ordinal) {
        kept.push_back(std::move(f));
        ordinals.push_back(ordinal);
      },
      &near);
  layer.features = std::move(kept);
  far = near.far;
  return layer;
}

}  // namespace

FeatureSet load_features_within(const FeatureOptions& options, const Crs& working_crs,
                                const Envelope& box, double d_m, std::size_t& left_out) {
  std::vector<std::size_t> ordinals;  // rows' positions in the source, kept for the near rows
  std::size_t far_in_reader = 0;      // rows the reader counted without converting them
  Layer layer = read_near_in_working_crs(options, working_crs, box, d_m, ordinals, far_in_reader);
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
  left_out = rows - layer.features.size() + far_in_reader;
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
