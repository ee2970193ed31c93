#include "geom/repair.hpp"

#include <cmath>
#include <cstdio>

#include "geom/validity.hpp"

namespace reserve::geom {
namespace {

std::string format_point(const Point& p) {
  char buf[80];
  std::snprintf(buf, sizeof buf, "(%.3f %.3f)", p.x, p.y);
  return buf;
}

}  // namespace

std::string format_m2(double area_m2) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.4f m²", area_m2);
  return buf;
}

RepairResult repair_polygons(const MultiPolygon& mp, const RepairPolicy& policy,
                             const AreaCalculator& calc) {
  RepairResult r;
  r.geometry = mp;
  const auto invalid = find_invalidity(mp);
  if (!invalid) {
    orient_rings(r.geometry);
    return r;
  }
  r.location = invalid->location;
  r.reason = invalid->reason + (invalid->location ? " at " + format_point(*invalid->location) : "");
  if (!policy.repair) {
    r.outcome = RepairOutcome::refused;
    return r;
  }
  // Area before: for each polygon |outer| − Σ |hole|, each ring's area its signed (algebraic)
  // area by the same method as after; a bow tie's lobes therefore cancel, and the report shows
  // that as the change.
  r.area_before_m2 = calc.area_m2(mp);
  try {
    r.geometry = make_valid_polygons(mp);
  } catch (const InternalError& e) {
    r.outcome = RepairOutcome::failed;
    r.failure = e.message();
    r.geometry = mp;
    return r;
  }
  r.area_after_m2 = calc.area_m2(r.geometry);
  r.tolerance_m2 =
      std::max(policy.max_area_change_m2, policy.max_area_change_rel * std::abs(r.area_before_m2));
  r.large = std::abs(r.change_m2()) > r.tolerance_m2;
  r.outcome =
      r.large && !policy.allow_large_change ? RepairOutcome::too_large : RepairOutcome::repaired;
  return r;
}

Repair repair_record(const RepairResult& r, const SourceRef& where) {
  Repair repair;
  repair.where = where;
  repair.reason = r.reason;
  repair.area_before_m2 = r.area_before_m2;
  repair.area_after_m2 = r.area_after_m2;
  return repair;
}

Issue repair_issue(const RepairResult& r, const SourceRef& where) {
  Issue issue;
  issue.code = IssueCode::invalid_geometry_repaired;
  issue.severity = r.large ? Severity::warning : Severity::info;
  issue.where = where;
  issue.location = r.location;
  if (!issue.location && !r.geometry.empty()) issue.location = point_on_surface(r.geometry);
  issue.area_m2 = std::abs(r.change_m2());
  issue.message = "invalid geometry (" + r.reason +
                  ") repaired with GEOS MakeValid (structure); area " +
                  format_m2(r.area_before_m2) + " → " + format_m2(r.area_after_m2) + ", change " +
                  format_m2(r.change_m2()) +
                  (r.large ? ", above the tolerance of " + format_m2(r.tolerance_m2) : "");
  return issue;
}

}  // namespace reserve::geom
