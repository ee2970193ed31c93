#pragma once
// The proposal with a suggestion applied. Private to the library.
#include <vector>

#include "reserve/suggest.hpp"
#include "reserve/zoning.hpp"

namespace reserve::suggestion {

// The label the proposal uses for `zone` (its first part of that zone), else the Chinese name.
std::string label_for(const Zoning& proposal, Zone zone);

// Upgraded land leaves the parts of its old zone; every parcel becomes a part of its new zone
// (feature_id = the parcel id, label as the proposal writes that zone).
Zoning apply_suggestion(const Zoning& proposal, const std::vector<SuggestedParcel>& parcels);

}  // namespace reserve::suggestion
