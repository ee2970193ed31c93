// The one string table of the issue codes (reserve/issue.hpp).
#include <cstddef>
#include <utility>

#include "reserve/issue.hpp"

namespace reserve {
namespace {

constexpr std::pair<IssueCode, const char*> kIssueCodeNames[] = {
    {IssueCode::null_geometry, "null-geometry"},
    {IssueCode::empty_geometry, "empty-geometry"},
    {IssueCode::unsupported_geometry, "unsupported-geometry"},
    {IssueCode::mixed_geometry_collection, "mixed-geometry-collection"},
    {IssueCode::non_finite_coordinate, "non-finite-coordinate"},
    {IssueCode::bad_geometry, "bad-geometry"},
    {IssueCode::encoding_undeclared, "encoding-undeclared"},
    {IssueCode::encoding_override_ignored, "encoding-override-ignored"},
    {IssueCode::text_not_decodable, "text-not-decodable"},
    {IssueCode::text_destroyed, "text-destroyed"},
    {IssueCode::text_mojibake, "text-mojibake"},
    {IssueCode::prj_malformed, "prj-malformed"},
    {IssueCode::crs_option_ignored, "crs-option-ignored"},
    {IssueCode::csv_default_crs, "csv-default-crs"},
    {IssueCode::corner_points_crs, "corner-points-crs"},
    {IssueCode::ballpark_transformation, "ballpark-transformation"},
    {IssueCode::transform_failed, "transform-failed"},
    {IssueCode::reprojection_failed, "reprojection-failed"},
    {IssueCode::gdal_warning, "gdal-warning"},
    {IssueCode::dropped_z, "dropped-z"},
    {IssueCode::dropped_m, "dropped-m"},
    {IssueCode::curves_linearised, "curves-linearised"},
    {IssueCode::missing_coordinate, "missing-coordinate"},
    {IssueCode::bad_coordinate, "bad-coordinate"},
    {IssueCode::coordinate_out_of_range, "coordinate-out-of-range"},
    {IssueCode::corner_point_table, "corner-point-table"},
    {IssueCode::missing_id, "missing-id"},
    {IssueCode::too_few_corner_points, "too-few-corner-points"},
    {IssueCode::zone_named_layers, "zone-named-layers"},
    {IssueCode::invalid_geometry_repaired, "invalid-geometry-repaired"},
    {IssueCode::invalid_geometry, "invalid-geometry"},
    {IssueCode::collapsed_geometry, "collapsed-geometry"},
    {IssueCode::unusable_feature, "unusable-feature"},
    {IssueCode::zone_overlap, "zone-overlap"},
    {IssueCode::same_zone_overlap, "same-zone-overlap"},
    {IssueCode::interior_gap, "interior-gap"},
    {IssueCode::core_not_enclosed, "core-not-enclosed"},
    {IssueCode::core_adjacent_experimental, "core-adjacent-experimental"},
    {IssueCode::unknown_category, "unknown-category"},
    {IssueCode::missing_category, "missing-category"},
    {IssueCode::duplicate_feature_id, "duplicate-feature-id"},
    {IssueCode::assignment_without_key, "assignment-without-key"},
    {IssueCode::no_standard_limit, "no-standard-limit"},
    {IssueCode::invalid_sample_location, "invalid-sample-location"},
    {IssueCode::invalid_concentration, "invalid-concentration"},
    {IssueCode::not_a_line, "not-a-line"},
};
static_assert(std::size(kIssueCodeNames) == std::size(kIssueCodes),
              "every issue code has one spelling");

}  // namespace

const char* to_string(IssueCode code) noexcept {
  for (const auto& [c, name] : kIssueCodeNames)
    if (c == code) return name;
  return "invalid-geometry";  // not reached for a declared enumerator
}

std::optional<IssueCode> issue_code_from_string(const std::string& text) {
  for (const auto& [code, name] : kIssueCodeNames)
    if (text == name) return code;
  return std::nullopt;
}

}  // namespace reserve
