#pragma once
// validate_zoning() and topology_findings() with the zoning's resolved layout computed once by
// the caller (run_check shares it with the comparison). Private to the library.
#include <vector>

#include "reserve/validate.hpp"
#include "reserve/validate_findings.hpp"
#include "zoning/resolved_zones.hpp"

namespace reserve::zoning {

// As topology_findings / validate_zoning; a null layout, or one in another model than the
// zoning's, is resolved here.
std::vector<Finding> topology_findings_resolved(const Zoning& zoning,
                                                const TopologyOptions& options,
                                                const AreaCalculator& area,
                                                const ResolvedLayout* layout);
ValidationReport validate_zoning_resolved(const Zoning& zoning, const TopologyOptions& options,
                                          const AreaCalculator& area, const ResolvedLayout* layout);

}  // namespace reserve::zoning
