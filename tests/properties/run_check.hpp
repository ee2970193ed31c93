#pragma once
// The check as `reserve check` runs it (three-no profile: compare, validate both sides, overlay
// the conflict features with the comparison's noise classification, evaluate the rules), on
// zonings already loaded; and conflict features placed where noise would hurt most.
#include <string>
#include <vector>

#include "reserve/compare.hpp"
#include "reserve/features.hpp"
#include "reserve/overlay.hpp"
#include "reserve/rules.hpp"
#include "reserve/validate.hpp"
#include "reserve/zoning.hpp"

namespace reserve::testing::properties {

struct CheckRun {
  Comparison comparison;
  ConflictOverlay overlay;
  std::vector<Verdict> verdicts;
};

inline CheckRun run_check(const Zoning& before, const Zoning& after, const FeatureSet& features,
                          double boundary_tolerance_m = 1.0) {
  const Profile profile = load_profile("three-no");
  CheckRun r;
  r.comparison = compare(before, after, compare_options(profile));
  const AreaCalculator calc(before.crs, profile.area_method);
  const ValidationReport vb = validate_zoning(before, TopologyOptions{}, calc);
  const ValidationReport va = validate_zoning(after, TopologyOptions{}, calc);
  OverlayOptions o;
  o.boundary_tolerance_m = boundary_tolerance_m;
  o.area_method = profile.area_method;
  o.legacy_map = profile.legacy_map;
  r.overlay = make_conflict_overlay(features, before, after, r.comparison, o);
  const RuleContext ctx{r.comparison, profile, &vb, &va, &r.overlay};
  r.verdicts = evaluate_rules(ctx, RuleRegistry::standard());
  return r;
}

// Mining rights where re-digitising noise hurts most: a point on every 7th vertex of every part
// boundary and a 40 m square centred on every 11th (straddling zone and reserve boundaries).
inline FeatureSet features_on_boundaries(const Zoning& zoning) {
  FeatureSet set;
  set.crs = zoning.crs;
  int n = 0;
  auto add = [&](Geometry g) {
    ConflictFeature f;
    f.id = "MR" + std::to_string(++n);
    f.name = f.id;
    f.category = FeatureCategory::mining_right;
    f.geometry = std::move(g);
    set.features.push_back(std::move(f));
  };
  for (const auto& part : zoning.parts)
    for (const auto& poly : part.geometry.polygons)
      for (std::size_t i = 0; i + 1 < poly.outer.size(); ++i) {
        const Point p = poly.outer[i];
        if (i % 7 == 0) {
          Geometry g;
          g.kind = GeometryKind::point;
          g.points = {p};
          add(std::move(g));
        }
        if (i % 11 == 0) {
          Geometry g;
          g.kind = GeometryKind::polygon;
          g.polygons.polygons.push_back(Polygon{{{p.x - 20, p.y - 20},
                                                 {p.x + 20, p.y - 20},
                                                 {p.x + 20, p.y + 20},
                                                 {p.x - 20, p.y + 20},
                                                 {p.x - 20, p.y - 20}},
                                                {}});
          add(std::move(g));
        }
      }
  return set;
}

}  // namespace reserve::testing::properties
