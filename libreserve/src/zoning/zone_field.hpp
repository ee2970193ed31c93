#pragma once
// Which attribute of a zoning layer holds the zone labels, and how its labels map onto zones.
// Private to the library.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "reserve/io.hpp"
#include "reserve/zone.hpp"

namespace reserve::zoning {

// The value of a feature's attribute (exact name), or nullopt when missing or null.
std::optional<std::string> attribute_value(const Feature& f, const std::string& name);

// Label → number of features carrying it, in the field `field`; null values count as "".
std::map<std::string, int> label_counts(const Layer& layer, const std::string& field);

// The zone field of `layer`: `requested` when given (it must exist), else the detected one —
// a field with a common zone-field name (功能分区, 分区, ZONE, GNFQ, …) whose labels all map via
// `scheme`, else the only other field whose labels all map. Throws InputError naming the file and
// layer: for a missing requested field (listing the fields), for unknown labels (listing every
// label with its count and how to map it), or when no field or several fields fit.
std::string find_zone_field(const Layer& layer, const std::string& requested,
                            const ZoneScheme& scheme);

// The InputError message for labels of `field` that `scheme` does not know.
std::string unknown_labels_message(const std::string& field,
                                   const std::map<std::string, int>& counts,
                                   const ZoneScheme& scheme);

}  // namespace reserve::zoning
