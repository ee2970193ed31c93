// Issue 10.5: noise never accuses. On a re-digitised copy of the sample reserve (every vertex
// moved ≤ 0.1 m, edges re-noded and resampled along the same lines) with mining rights on the
// zone boundaries, the geometry alone shows rights "freed" by slivers; with the comparison's
// noise classification (the one the area rules use) every right is unchanged and 不以调代改
// passes.
#include <gtest/gtest.h>

#include <iostream>

#include "properties/property_fixtures.hpp"
#include "properties/run_check.hpp"

namespace reserve::testing::properties {
namespace {

TEST(NoiseNeverAccuses, ARedigitisedCopyFreesNoFeature) {
  const std::uint32_t seed = 105;
  std::cout << "[ seed ] " << seed << "\n";
  const SourceZoning source = sample_zoning();
  const Zoning before = load(source, "baseline");
  const Zoning after = load(redigitised(source, seed, 0.1), "proposal");
  const FeatureSet features = features_on_boundaries(before);
  const CheckRun run = run_check(before, after, features);

  // The geometry alone (no noise classification): slivers reach into some rights.
  OverlayOptions o;
  o.area_method = AreaMethod::geodesic;
  const Overlay raw = overlay_features(features, before, after, o);
  std::size_t raw_touched = 0;
  double raw_freed_m2 = 0.0;
  for (const auto& row : raw.rows) {
    raw_freed_m2 += row.freed_area_m2;
    if (row.freed_area_m2 > 0.0 || row.downgraded_area_m2 > 0.0) ++raw_touched;
  }
  std::cout << "geometry alone: " << raw_touched << " of " << raw.rows.size()
            << " rights with freed/downgraded slivers, " << raw_freed_m2 << " m² freed; "
            << run.comparison.noise_pieces().size() << " noise pieces\n";
  EXPECT_GT(raw_touched, 0u) << "the copy should put slivers into rights on the boundaries";

  // With the comparison's classification: every piece is noise, so nothing is freed.
  EXPECT_EQ(run.comparison.removed.significant_m2(), 0.0);
  EXPECT_EQ(run.comparison.downgraded.significant_m2(), 0.0);
  for (const auto& row : run.overlay.overlay.rows) {
    EXPECT_EQ(row.change, StatusChange::unchanged) << row.feature_id;
    EXPECT_EQ(row.freed_area_m2, 0.0) << row.feature_id;
    EXPECT_EQ(row.downgraded_area_m2, 0.0) << row.feature_id;
  }
  for (const auto& v : run.verdicts) {
    if (v.rule_id == kNoAdjustingRuleId) {
      EXPECT_EQ(v.status, VerdictStatus::pass) << v.explanation_en;
    }
    EXPECT_NE(v.status, VerdictStatus::fail) << v.rule_id << ": " << v.explanation_en;
  }
}

TEST(NoiseNeverAccuses, ASignificantCutStillFreesTheRightsInIt) {
  // The classification must not hide real change: cutting the sample's zones along a meridian
  // and dropping the east half frees the rights there.
  const SourceZoning source = sample_zoning();
  const Zoning before = load(source, "baseline");
  SourceZoning cut = split_along(source, true, middle_of(source, true));
  for (auto& [layer, s] : cut.layers) {
    std::vector<Feature> west;
    for (auto& f : layer.features)
      if (envelope_of(f.geometry).max_x <= middle_of(source, true) + 1e-6) west.push_back(f);
    layer.features = west;
  }
  const Zoning after = load(cut, "proposal");
  const CheckRun run = run_check(before, after, features_on_boundaries(before));
  std::size_t freed = 0;
  for (const auto& row : run.overlay.overlay.rows)
    if (row.change == StatusChange::freed || row.change == StatusChange::partly_freed) ++freed;
  std::cout << freed << " rights freed by the cut\n";
  EXPECT_GT(freed, 0u);
}

}  // namespace
}  // namespace reserve::testing::properties
