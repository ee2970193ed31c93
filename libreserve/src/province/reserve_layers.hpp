#pragma once
// Which attribute names the reserve of each feature of a province's zoning layers, and the layer
// split into one layer per reserve (in memory). Private to the library.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "reserve/io.hpp"
#include "reserve/zone.hpp"

namespace reserve::province {

struct ReserveField {
  std::string before_name;  // the field as spelled in each layer (matched ignoring ASCII case)
  std::string after_name;
  std::string reason;  // for the audit: given, or detected and why
  bool given = false;
};

// `requested` when given (InputError naming file and layer when a layer lacks it, listing the
// fields), else the first of common_reserve_field_names() present in both layers that is not the
// layer's zone field (zone_before / zone_after) and does not name zone polygons (in either layer
// each of its values holds one zone label while the layer holds several, e.g. 名称 =
// "青岚山保护区核心区"). nullopt when nothing fits; `why_not` then says so.
std::optional<ReserveField> choose_reserve_field(const Layer& before, const Layer& after,
                                                 const std::string& requested,
                                                 const std::string& zone_before,
                                                 const std::string& zone_after,
                                                 std::string& why_not);

// Distinct values of `field` (null counts as "").
std::size_t distinct_reserves(const Layer& layer, const std::string& field);

// The positions of the layer's features grouped by the value of `field` (trimmed), ascending;
// InputError naming the feature for a null or empty value.
std::map<std::string, std::vector<std::size_t>> rows_by_reserve(const Layer& layer,
                                                                const std::string& field);

// The reserves of the rows that a layer skipped for a null or empty geometry (Layer::
// skipped_rows), so that each such row's issue goes to its own reserve's zoning only: there it
// makes the rules INCOMPLETE (a zone without its shape), and it must not do so for every reserve
// of the province. A row whose reserve value is blank, or names no reserve with a usable row,
// cannot be placed: its issue goes to every reserve (its land is missing, nobody knows whose).
class SkippedRowOwners {
 public:
  // `reserves`: the layer's reserve names (rows_by_reserve's keys).
  SkippedRowOwners(const Layer& layer, const std::string& field,
                   const std::vector<std::string>& reserves);
  // The issues of `layer` that concern reserve `name`: all but the skipped rows of other reserves.
  std::vector<Issue> issues_of(const std::vector<Issue>& issues, const std::string& name) const;

 private:
  // Row id → the reserve each skipped row of that id names ("" when it cannot be placed).
  std::map<std::string, std::set<std::string>> owners_;
};

// The layer's features grouped as rows_by_reserve, each group a layer of its own with the
// source's metadata and the issues that concern it (SkippedRowOwners). Features keep their order.
std::map<std::string, Layer> split_by_reserve(Layer layer, const std::string& field);

}  // namespace reserve::province
