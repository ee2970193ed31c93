// Adapters from analysis values to MapLayers: zone parts, comparison pieces (checked against
// hand-computed areas), conflict features (licence numbers as labels, category ids as symbols).
#include <gtest/gtest.h>

#include "render/map_fixture.hpp"
#include "reserve/compare.hpp"
#include "reserve/error.hpp"
#include "reserve/map_layers.hpp"

namespace reserve {
namespace {

using maptest::kX0;
using maptest::kY0;
using maptest::multi;
using maptest::rect;

Zoning zoning(const std::string& name, double east_edge) {
  Zoning z;
  z.name = name;
  z.crs = Crs::from_epsg(4544);
  z.parts.push_back(
      {"1", "核心区", Zone::core, multi(rect(kX0 + 1000, kY0 + 1000, kX0 + 3000, kY0 + 3000)), {}});
  z.parts.push_back({"2",
                     "实验区",
                     Zone::experimental,
                     maptest::frame(kX0, kY0, kX0 + east_edge, kY0 + 4000, kX0 + 1000, kY0 + 1000,
                                    kX0 + 3000, kY0 + 3000),
                     {}});
  return z;
}

TEST(MapLayers, ZoningsAndComparisonBecomeZonesAndHatchedChanges) {
  // The proposal moves the east edge from 5000 m to 4000 m: 1000 m × 4000 m = 400 ha removed.
  const Zoning before = zoning("baseline", 5000);
  const Zoning after = zoning("proposal", 4000);
  CompareOptions o;
  o.area_method = AreaMethod::planar;
  const Comparison cmp = compare(before, after, o);
  const MapLayers L = comparison_map_layers(before, after, cmp);
  ASSERT_EQ(L.baseline_zones.size(), 2u);
  ASSERT_EQ(L.proposal_zones.size(), 2u);
  EXPECT_EQ(L.baseline_zones[0].id, "baseline:1");
  EXPECT_EQ(L.proposal_zones[1].zone, Zone::experimental);
  // Outline = union of the zones: 5000 × 4000 m (hand computed).
  EXPECT_NEAR(planar_area(L.baseline_outline), 5000.0 * 4000.0, 1e-3);  // tolerance 1e-3 m²
  double removed = 0.0;
  int removed_pieces = 0;
  for (const auto& c : L.changes) {
    EXPECT_EQ(c.kind, ChangeKind::removed) << c.id;  // nothing added or downgraded
    removed += planar_area(c.geometry);
    ++removed_pieces;
  }
  EXPECT_GE(removed_pieces, 1);
  EXPECT_NEAR(removed, 1000.0 * 4000.0, 1e-3);  // tolerance 1e-3 m²
  EXPECT_EQ(L.changes.front().id, "removed-1");

  // A zoning in another CRS cannot join the map.
  MapLayers other = L;
  Zoning elsewhere = zoning("x", 5000);
  elsewhere.crs = Crs::from_epsg(4545);
  EXPECT_THROW(add_zoning(other, elsewhere, false), InputError);
}

TEST(MapLayers, FeaturesSplitIntoHatchedRightsAndSymbols) {
  FeatureSet set;
  set.crs = Crs::from_epsg(4544);
  ConflictFeature right;
  right.id = "MR01";
  right.name = "某某铅锌矿";
  right.category = FeatureCategory::mining_right;
  right.geometry = Geometry::from(rect(kX0, kY0, kX0 + 500, kY0 + 500));
  right.mining_right = MiningRightInfo{"C5300002011071120115678", "", "采矿权", "", ""};
  ConflictFeature unnumbered = right;
  unnumbered.id = "MR02";
  unnumbered.category = FeatureCategory::exploration_right;
  unnumbered.mining_right.reset();
  ConflictFeature plant;
  plant.id = "XC01";
  plant.name = "某某选矿厂";
  plant.category = FeatureCategory::concentrator;
  plant.geometry = Geometry::from(Point{kX0 + 100, kY0 + 100});
  set.features = {right, unnumbered, plant};
  MapLayers L;
  add_features(L, set);
  ASSERT_EQ(L.mining_rights.size(), 2u);
  EXPECT_EQ(L.mining_rights[0].label, "C5300002011071120115678");  // licence number first
  EXPECT_EQ(L.mining_rights[1].label, "某某铅锌矿");               // else the name
  ASSERT_EQ(L.facilities.size(), 1u);
  EXPECT_EQ(L.facilities[0].category, "concentrator");
  EXPECT_EQ(L.facilities[0].label, "某某选矿厂");
  // Every feature category has a symbol in the default style (no grey fallback by accident).
  const MapStyle s = default_map_style();
  for (FeatureCategory c : all_categories()) {
    if (c == FeatureCategory::other) continue;
    EXPECT_TRUE(s.facility_symbols.count(to_string(c))) << to_string(c);
  }
}

}  // namespace
}  // namespace reserve
