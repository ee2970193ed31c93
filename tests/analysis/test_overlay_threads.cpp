// The conflict overlay split over two threads (analysis/overlay.cpp: chunks of features taken by
// whichever thread is free, each thread with its own zone indexes) gives the rows one thread
// gives, in the same order, bit for bit.
#include <gtest/gtest.h>

#include <string>

#include "analysis/zoning_fixtures.hpp"
#include "check/stage_threads.hpp"
#include "reserve/check.hpp"
#include "reserve/compare.hpp"
#include "reserve/overlay.hpp"

namespace reserve {
namespace {

using testing::kX0;
using testing::kY0;
using testing::make_zoning;
using testing::rect;
using testing::rect_ring_shape;

// 1,600 squares of 60 m every 80 m and 3,600 points every 55 m over the nested squares and
// beyond: many cross a zone boundary or the reserve's. Their work (vertices) is well above the
// share that makes the overlay use two threads.
FeatureSet grid_features() {
  FeatureSet set;
  set.crs = testing::test_crs();
  auto add = [&set](Geometry g, FeatureCategory category) {
    ConflictFeature f;
    f.id = std::to_string(set.features.size());
    f.category = category;
    f.geometry = std::move(g);
    set.features.push_back(std::move(f));
  };
  for (int i = 0; i < 40; ++i)
    for (int j = 0; j < 40; ++j) {
      const double x = -1150.0 + 80.0 * i, y = -1150.0 + 80.0 * j;
      add(Geometry::from(rect(x, y, x + 60.0, y + 60.0)), FeatureCategory::mining_right);
    }
  for (int i = 0; i < 60; ++i)
    for (int j = 0; j < 60; ++j)
      add(Geometry::from(Point{kX0 - 1120.0 + 55.0 * i, kY0 - 1120.0 + 55.0 * j}),
          FeatureCategory::hydropower);
  return set;
}

TEST(OverlayThreads, TwoSharesGiveTheRowsOfOneThread) {
  const Zoning before = testing::nested_squares();
  // The proposal gives the core's east strip (x 800–1000 m) to the buffer zone.
  const Zoning after = make_zoning(
      "proposal",
      {{Zone::core, rect(0, 0, 800, 1000)},
       {Zone::buffer, rect_ring_shape(-500, -500, 1500, 1500, 0, 0, 800, 1000)},
       {Zone::experimental, rect_ring_shape(-1000, -1000, 2000, 2000, -500, -500, 1500, 1500)}});
  const Comparison changes = compare(before, after, CompareOptions{});
  OverlayOptions options;
  options.area_method = AreaMethod::planar;
  auto overlay_with = [&](unsigned threads) {
    const check::StageThreads budget(threads);
    return overlay_json_text(
        make_conflict_overlay(grid_features(), before, after, changes, options));
  };
  const std::string one = overlay_with(1), two = overlay_with(2);
  // The features do land in every zone and outside (the split has something to get wrong).
  for (const char* zone : {"\"core\"", "\"buffer\"", "\"experimental\"", "\"outside\""})
    EXPECT_NE(one.find(zone), std::string::npos) << zone;
  EXPECT_EQ(one, two);
}

}  // namespace
}  // namespace reserve
