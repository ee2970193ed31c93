#pragma once
// A finding about the input: validation problems, skipped features, repairs. Issues are values
// (validation never throws for bad data); an Error is thrown only when work cannot go on.
#include <optional>
#include <string>
#include <vector>

#include "reserve/error.hpp"
#include "reserve/export.hpp"
#include "reserve/geometry.hpp"

namespace reserve {

enum class Severity { info, warning, error };

RESERVE_API const char* to_string(Severity s) noexcept;

struct Issue {
  std::string code;  // stable, kebab-case: "self-intersection", "null-geometry", "zone-overlap", …
  Severity severity = Severity::error;
  std::string message;            // one line, says what is wrong and what to do
  SourceRef where;                // file, layer, feature
  std::optional<Point> location;  // in the working CRS (or source CRS before reprojection)
  std::optional<double> area_m2;  // for area findings (overlaps, gaps, repairs)
};

// A geometry repair: never silent; listed in every report.
struct Repair {
  SourceRef where;
  std::string reason;  // the validity problem that was repaired
  double area_before_m2 = 0.0;
  double area_after_m2 = 0.0;
  double area_change_m2() const noexcept { return area_after_m2 - area_before_m2; }
};

}  // namespace reserve
