#pragma once
// What `reserve validate` needs beyond validate_zoning(): a whole file validated in one run, and
// findings that carry every number and feature as fields (an Issue has room for one area).
#include <optional>
#include <string>
#include <vector>

#include "reserve/area.hpp"
#include "reserve/export.hpp"
#include "reserve/issue.hpp"
#include "reserve/validate.hpp"
#include "reserve/zoning.hpp"

namespace reserve {

// An Issue with the measures that do not fit into one.
struct Finding {
  Issue issue;
  std::optional<double> length_m;  // boundary findings (core-not-enclosed, core-adjacent-…), m
  // Other features the finding involves: the second part of an overlap, the parts around a gap.
  std::vector<std::string> related_features;
};

// The topology checks of validate_zoning() (same codes, severities, order and thresholds), each
// as a Finding. Exposed and adjacent core stretches are told per core feature: the finding names
// the core feature whose boundary it is (where.feature) and carries its length.
RESERVE_API std::vector<Finding> topology_findings(const Zoning& zoning,
                                                   const TopologyOptions& options,
                                                   const AreaCalculator& area);

struct ZoningValidation {
  Zoning zoning;                  // the usable features (invalid ones as their MakeValid shape)
  std::vector<Finding> findings;  // loading findings first, then the topology checks
  std::vector<Repair> repairs;    // the repairs made (those the policy permits)
  int count(Severity s) const noexcept;
};

// Loads the zoning and validates it without stopping at a feature: what `reserve validate` does.
// Only a file or layer that cannot be read or interpreted at all (missing, no CRS, no zone
// field, mixed zone models, no usable polygon) throws InputError; every feature-level problem is
// a finding (severity error) naming its feature, so that one run shows all of them:
//   unusable-feature     a feature that cannot be part of the zoning (not a polygon, cannot be
//                        reprojected); left out of the checks; located at its first vertex
//   invalid-geometry     an invalid feature that options.repair does not allow to repair
//                        (--no-repair, or a repair that would change the area beyond the
//                        tolerance without allow_large_change). Nothing is repaired: the repair
//                        is not listed, and the topology checks use the MakeValid shape only to
//                        find the other problems; area_m2 is the change the repair would make
// plus every loading issue and topology finding. Repairs within the policy are made and listed.
RESERVE_API ZoningValidation validate_zoning_sources(const ZoningOptions& options,
                                                     const TopologyOptions& topology);

}  // namespace reserve
