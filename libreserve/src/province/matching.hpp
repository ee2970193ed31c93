#pragma once
// Before and after reserves matched into the rows of the province table: by name, and merges,
// splits and renames found from the land they share (criteria: ReserveMatch in
// reserve/province.hpp).
// Private to the library.
#include <cstddef>
#include <string>
#include <vector>

#include "province/outlines.hpp"
#include "reserve/province.hpp"

namespace reserve::province {

struct MatchUnit {
  ReserveMatch match = ReserveMatch::matched;
  std::string name;
  std::vector<std::size_t> before, after;  // indices into the before / after outlines
};

// `shared`: shared_land_between(before, after). Units ordered: checked ones (matched, merged,
// split, renamed) by name, then removed, then added, each by name.
std::vector<MatchUnit> match_reserves(const std::vector<Outline>& before,
                                      const std::vector<Outline>& after,
                                      const std::vector<SharedLand>& shared, double share);

}  // namespace reserve::province
