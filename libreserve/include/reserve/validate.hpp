#pragma once
// Zoning validation: per-feature validity and the zone topology checks that GEOS 3.11 lacks
// (overlaps between zones, gaps inside the reserve, core not enclosed by buffer).
#include <string>
#include <vector>

#include "reserve/area.hpp"
#include "reserve/export.hpp"
#include "reserve/issue.hpp"
#include "reserve/zoning.hpp"

namespace reserve {

struct TopologyOptions {
  double min_overlap_area_m2 = 1.0;  // overlaps smaller than this are reported as info, not error
  double min_gap_area_m2 = 1.0;      // likewise for gaps (holes in the union that no zone fills)
  // Core boundary length on the reserve's exterior (not enclosed by buffer) below this is info.
  double min_exposed_core_length_m = 1.0;
  bool check_core_enclosed = true;  // only meaningful in the three-zone model
};

struct ValidationReport {
  std::vector<Issue> issues;    // from loading and from the topology checks
  std::vector<Repair> repairs;  // copied from the zoning
  int error_count() const noexcept;
  int warning_count() const noexcept;
  int info_count() const noexcept;
};

// Runs the topology checks on a loaded (already valid) zoning. Areas and lengths are measured
// with `area`. Issue codes (stable):
//   zone-overlap                parts of two different zones overlap (error above
//                               min_overlap_area_m2, else info); located at a point inside it
//   same-zone-overlap           two parts of one zone overlap (duplicates); same thresholds
//   interior-gap                a hole in the reserve's outline: land inside the outer boundary
//                               that no zone covers. A deliberate enclave looks the same, so this
//                               is a warning above min_gap_area_m2, else info
//   core-not-enclosed           a stretch of core boundary next to no other zone, i.e. on the
//                               reserve's boundary (three-zone model; error above
//                               min_exposed_core_length_m, else info)
//   core-adjacent-experimental  a stretch of core boundary on the experimental zone (warning)
// The loading issues (invalid-geometry-repaired, empty geometries, …) come first, unchanged.
RESERVE_API ValidationReport validate_zoning(const Zoning& zoning, const TopologyOptions& options,
                                             const AreaCalculator& area);

}  // namespace reserve
