#pragma once
// The one validity → repair → area-guard path of the library, shared by zonings and conflict
// layers (mining rights, facility polygons): GEOS validity, then GEOS MakeValid (STRUCTURE) when
// the policy allows it, re-checked, with the area before and after measured by the caller's
// AreaCalculator. The caller decides what a refused or too-large repair means (a zoning stops
// with an input error; a conflict feature is left out and named). Private to the library.
#include <optional>
#include <string>

#include "reserve/area.hpp"
#include "reserve/error.hpp"
#include "reserve/geometry.hpp"
#include "reserve/issue.hpp"
#include "reserve/zoning.hpp"

namespace reserve::geom {

enum class RepairOutcome {
  valid,      // nothing to repair (rings oriented)
  repaired,   // repaired; |Δarea| within the policy's tolerance, or allowed by it
  too_large,  // repaired, but |Δarea| exceeds the tolerance and the policy does not allow it
  refused,    // invalid and the policy forbids repairs (--no-repair)
  failed,     // GEOS could not repair it
};

struct RepairResult {
  RepairOutcome outcome = RepairOutcome::valid;
  // valid / repaired / too_large: the valid, oriented geometry (may be empty when everything
  // collapsed); refused / failed: the input unchanged.
  MultiPolygon geometry;
  std::string reason;  // the validity problem with its location, e.g. "Self-intersection at (x y)"
  std::optional<Point> location;
  double area_before_m2 = 0.0;  // Σ |outer| − Σ |holes| (a bow tie's lobes cancel)
  double area_after_m2 = 0.0;
  double tolerance_m2 = 0.0;  // max(policy.max_area_change_m2, policy.max_area_change_rel·before)
  bool large = false;         // |Δarea| > tolerance_m2
  std::string failure;        // failed: GEOS's message
  double change_m2() const noexcept { return area_after_m2 - area_before_m2; }
};

// Checks `mp` and repairs it under `policy`; never throws for invalid input (only for bugs).
RepairResult repair_polygons(const MultiPolygon& mp, const RepairPolicy& policy,
                             const AreaCalculator& calc);

// The record and the finding of a repair that was applied (outcome repaired or too_large):
// code "invalid-geometry-repaired", info within the tolerance, warning above it.
Repair repair_record(const RepairResult& r, const SourceRef& where);
Issue repair_issue(const RepairResult& r, const SourceRef& where);

// "1.2345 m²" and "(x y)" as repair messages print them.
std::string format_m2(double area_m2);

}  // namespace reserve::geom
