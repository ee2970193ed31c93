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

// What an Issue is about. The strings of to_string() are the only spellings of the codes (stable,
// kebab-case; JSON "code", text reports); docs/issue-codes.md lists exactly these (a test checks
// it).
enum class IssueCode {
  // reading a layer: geometries
  null_geometry,
  empty_geometry,
  unsupported_geometry,
  mixed_geometry_collection,
  non_finite_coordinate,
  bad_geometry,
  // reading a layer: text and CRS facts
  encoding_undeclared,
  encoding_override_ignored,
  text_not_decodable,
  text_destroyed,
  text_mojibake,
  prj_malformed,
  crs_option_ignored,
  csv_default_crs,
  corner_points_crs,
  ballpark_transformation,
  transform_failed,
  reprojection_failed,
  gdal_warning,
  dropped_z,
  dropped_m,
  curves_linearised,
  // reading point and corner-point tables
  missing_coordinate,
  bad_coordinate,
  coordinate_out_of_range,
  corner_point_table,
  missing_id,
  too_few_corner_points,
  // reading a zoning: a dataset whose layers are named by zone (a KML folder per zone)
  zone_named_layers,
  // geometry repair and unusable features
  invalid_geometry_repaired,
  invalid_geometry,
  collapsed_geometry,
  unusable_feature,
  // zoning topology (validate_zoning)
  zone_overlap,
  same_zone_overlap,
  interior_gap,
  core_not_enclosed,
  core_adjacent_experimental,
  // conflict features
  unknown_category,
  missing_category,
  duplicate_feature_id,
  // ledger, monitoring data and map layers
  assignment_without_key,
  no_standard_limit,
  invalid_sample_location,
  invalid_concentration,
  not_a_line,
};
inline constexpr IssueCode kIssueCodes[] = {
    IssueCode::null_geometry,
    IssueCode::empty_geometry,
    IssueCode::unsupported_geometry,
    IssueCode::mixed_geometry_collection,
    IssueCode::non_finite_coordinate,
    IssueCode::bad_geometry,
    IssueCode::encoding_undeclared,
    IssueCode::encoding_override_ignored,
    IssueCode::text_not_decodable,
    IssueCode::text_destroyed,
    IssueCode::text_mojibake,
    IssueCode::prj_malformed,
    IssueCode::crs_option_ignored,
    IssueCode::csv_default_crs,
    IssueCode::corner_points_crs,
    IssueCode::ballpark_transformation,
    IssueCode::transform_failed,
    IssueCode::reprojection_failed,
    IssueCode::gdal_warning,
    IssueCode::dropped_z,
    IssueCode::dropped_m,
    IssueCode::curves_linearised,
    IssueCode::missing_coordinate,
    IssueCode::bad_coordinate,
    IssueCode::coordinate_out_of_range,
    IssueCode::corner_point_table,
    IssueCode::missing_id,
    IssueCode::too_few_corner_points,
    IssueCode::zone_named_layers,
    IssueCode::invalid_geometry_repaired,
    IssueCode::invalid_geometry,
    IssueCode::collapsed_geometry,
    IssueCode::unusable_feature,
    IssueCode::zone_overlap,
    IssueCode::same_zone_overlap,
    IssueCode::interior_gap,
    IssueCode::core_not_enclosed,
    IssueCode::core_adjacent_experimental,
    IssueCode::unknown_category,
    IssueCode::missing_category,
    IssueCode::duplicate_feature_id,
    IssueCode::assignment_without_key,
    IssueCode::no_standard_limit,
    IssueCode::invalid_sample_location,
    IssueCode::invalid_concentration,
    IssueCode::not_a_line,
};
RESERVE_API const char* to_string(IssueCode code) noexcept;  // "zone-overlap", …
// The code spelled `text` by to_string(), or nullopt (spellings are exact).
RESERVE_API std::optional<IssueCode> issue_code_from_string(const std::string& text);

struct Issue {
  IssueCode code = IssueCode::invalid_geometry;  // to_string(): "null-geometry", "zone-overlap", …
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
