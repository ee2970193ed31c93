// Properties any zoning must satisfy (issue 10, "what must hold"): on three differently shaped
// zonings (the sample reserve; one in lon/lat EPSG:4490; one with holes, multipolygons and an
// enclave), inserting collinear vertices, re-digitising (jitter ≤ 0.1 m, re-noded, resampled),
// splitting zones along a meridian and a parallel, reordering features and rings (and the ring
// start vertex), and comparing a zoning with itself change no area beyond the stated bound and
// no verdict, and leave every conflict feature "unchanged".
//
// The bounds (metres of boundary: L = the summed perimeters of the baseline's parts, working CRS):
// - edits that keep every edge where it is (collinear vertices, splits, reordering): every zone
//   area, total and change set within 1 m² per km of boundary, i.e. 1e-3 m² · L/m — the bound
//   issue 10 sets (lon/lat edges are densified to ≈ 0.03 m²/km, geom/densify.hpp);
// - re-digitising moves every boundary point by at most 0.1 m, so no zone area can change by
//   more than 0.1 m · L, and every change piece must be noise under the three-no profile;
// - a zoning compared with itself: exactly zero change.
// Random edits print their seed (GoogleTest's --gtest_random_seed does not drive them).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <iostream>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "properties/property_fixtures.hpp"
#include "properties/run_check.hpp"

namespace reserve::testing::properties {
namespace {

enum class Edit { self, collinear, redigitise, split_meridian, split_parallel, reorder };

const char* edit_name(Edit e) {
  switch (e) {
    case Edit::self: return "self";
    case Edit::collinear: return "collinear";
    case Edit::redigitise: return "redigitise";
    case Edit::split_meridian: return "split_meridian";
    case Edit::split_parallel: return "split_parallel";
    case Edit::reorder: return "reorder";
  }
  return "?";
}

struct Case {
  std::string shape;
  Edit edit;
  std::uint32_t seed;
};

// Test names and failure messages show the case and its seed, not its bytes.
void PrintTo(const Case& c, std::ostream* os) {
  *os << c.shape << "/" << edit_name(c.edit) << " seed " << c.seed;
}

SourceZoning shape(const std::string& name) {
  if (name == "sample") return sample_zoning();
  if (name == "lonlat") return lonlat_zoning();
  return holes_multi_zoning();
}

SourceZoning edited(const SourceZoning& z, Edit e, std::uint32_t seed) {
  switch (e) {
    case Edit::self: return z;
    case Edit::collinear: return with_collinear_vertices(z, seed);
    case Edit::redigitise: return redigitised(z, seed, 0.1);
    case Edit::split_meridian: return split_along(z, true, middle_of(z, true));
    case Edit::split_parallel: return split_along(z, false, middle_of(z, false));
    case Edit::reorder: return reordered(z, seed);
  }
  return z;
}

class ZoningProperty : public ::testing::TestWithParam<Case> {};

TEST_P(ZoningProperty, ChangesNoAreaBeyondTheBoundAndNoVerdict) {
  const Case& c = GetParam();
  std::cout << "[ seed ] " << c.shape << "/" << edit_name(c.edit) << " seed " << c.seed << "\n";
  const SourceZoning source = shape(c.shape);
  const Zoning before = load(source, "baseline");
  const Zoning after = load(edited(source, c.edit, c.seed), "proposal");
  const FeatureSet features = features_on_boundaries(before);
  const CheckRun self = run_check(before, before, features);
  const CheckRun run = run_check(before, after, features);

  const double length_m = boundary_length_m(before);
  const bool moves_edges = c.edit == Edit::redigitise;
  const double bound_m2 = moves_edges ? 0.1 * length_m : 1e-3 * length_m;
  const Comparison& cmp = run.comparison;
  std::cout << "[ figs ] boundary " << length_m / 1000.0 << " km, bound " << bound_m2
            << " m²; removed " << cmp.removed.area_m2 << " m² (" << cmp.removed.pieces.size()
            << " pieces), added " << cmp.added.area_m2 << ", downgraded " << cmp.downgraded.area_m2
            << ", upgraded " << cmp.upgraded.area_m2 << "; total " << cmp.before.total_m2 << " → "
            << cmp.after.total_m2 << " m²\n";

  for (const auto& zb : cmp.before.zones) {
    const double diff = cmp.after.area_m2(zb.zone) - zb.area_m2;
    EXPECT_LE(std::abs(diff), bound_m2) << to_string(zb.zone) << " changed by " << diff << " m²";
  }
  EXPECT_LE(std::abs(cmp.after.total_m2 - cmp.before.total_m2), bound_m2);
  for (const ChangeSet* set : {&cmp.removed, &cmp.added, &cmp.downgraded, &cmp.upgraded}) {
    if (moves_edges)
      EXPECT_EQ(set->significant_m2(), 0.0) << "a re-digitising piece is not noise";
    else
      EXPECT_LE(set->area_m2, bound_m2);
  }
  if (c.edit == Edit::self) {
    for (const ChangeSet* set : {&cmp.removed, &cmp.added, &cmp.downgraded, &cmp.upgraded}) {
      EXPECT_EQ(set->area_m2, 0.0);
      EXPECT_TRUE(set->pieces.empty());
    }
    for (std::size_t i = 0; i < cmp.before.zones.size(); ++i)
      EXPECT_EQ(cmp.before.zones[i].area_m2, cmp.after.zones[i].area_m2);
  }

  ASSERT_EQ(run.verdicts.size(), self.verdicts.size());
  for (std::size_t i = 0; i < run.verdicts.size(); ++i) {
    EXPECT_EQ(run.verdicts[i].status, self.verdicts[i].status)
        << run.verdicts[i].rule_id << ": " << run.verdicts[i].explanation_en;
    EXPECT_NE(run.verdicts[i].status, VerdictStatus::fail) << run.verdicts[i].rule_id;
  }
  for (const auto& row : run.overlay.overlay.rows)
    EXPECT_EQ(row.change, StatusChange::unchanged)
        << "feature " << row.feature_id << " " << to_string(row.change) << ", freed "
        << row.freed_area_m2 << " m², downgraded " << row.downgraded_area_m2 << " m²";
}

std::vector<Case> all_cases() {
  std::vector<Case> out;
  std::uint32_t seed = 20261130;
  for (const char* s : {"sample", "lonlat", "holes-multi"})
    for (Edit e : {Edit::self, Edit::collinear, Edit::redigitise, Edit::split_meridian,
                   Edit::split_parallel, Edit::reorder})
      out.push_back({s, e, seed++});
  return out;
}

INSTANTIATE_TEST_SUITE_P(Shapes, ZoningProperty, ::testing::ValuesIn(all_cases()),
                         [](const ::testing::TestParamInfo<Case>& param_info) {
                           const Case& p = param_info.param;
                           std::string n = p.shape + "_" + edit_name(p.edit);
                           for (auto& ch : n)
                             if (ch == '-') ch = '_';
                           return n;
                         });

}  // namespace
}  // namespace reserve::testing::properties
