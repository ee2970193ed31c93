#include "conflict_inputs.hpp"

#include <fmt/format.h>
#include <cstdio>
#include <iostream>
#include <map>

#include "reserve/error.hpp"

namespace reserve::cli {

void add_zoning_options(CLI::App* cmd, ZoningArgs& a, bool after_required) {
  cmd->add_option("--before", a.before, "Baseline zoning (the approved reserve)")->required();
  cmd->add_option("--after", a.after, "Proposed zoning")->required(after_required);
  cmd->add_option("--before-layer", a.before_layer, "Layer of the baseline file");
  cmd->add_option("--after-layer", a.after_layer, "Layer of the proposal file");
  cmd->add_option("--zone-field", a.zone_field, "Attribute with the zone labels (default: detect)");
  cmd->add_option("--zone-map", a.zone_maps, "Extra zone label mapping, e.g. '1=core'; repeat");
  cmd->add_option("--encoding", a.encoding, "Text encoding of the zoning files (e.g. GBK)");
  cmd->add_option("--crs", a.crs,
                  "CRS to assume for zoning files without one (or whose own CRS does not "
                  "fit their coordinates)");
  cmd->add_option("--working-crs", a.working_crs,
                  "Working CRS (default: the baseline's projected CRS or its CGCS2000 GK zone)");
  cmd->add_option("--area-method", a.area_method,
                  "geodesic, planar or survey (default geodesic; map: the profile's)")
      ->check(CLI::IsMember({"geodesic", "planar", "survey"}));
}

void add_conflict_options(CLI::App* cmd, ConflictArgs& a) {
  cmd->add_option("--mining", a.mining, "Mining-right polygons (采矿权/探矿权); repeat");
  cmd->add_option("--facilities", a.facilities,
                  "Facilities (points or polygons; CSV with lon/lat or 经度/纬度); repeat");
  cmd->add_option("--mining-layer", a.mining_layer, "Layer of the mining-right files");
  cmd->add_option("--facilities-layer", a.facilities_layer, "Layer of the facility files");
  cmd->add_option("--category-field", a.category_field,
                  "Attribute holding the category (default: detect 类别/类型/category/type)");
  cmd->add_option("--category-map", a.category_maps,
                  "Extra category mapping, e.g. '化工厂=industrial'; repeat");
  cmd->add_option("--feature-encoding", a.feature_encoding, "Text encoding of the feature files");
  cmd->add_option("--feature-crs", a.feature_crs,
                  "CRS to assume for feature files without one, or whose own CRS does not "
                  "fit their coordinates (e.g. EPSG:4490 for lon/lat)");
  cmd->add_option("--x-field", a.x_field, "CSV column of x / longitude (default: detect)");
  cmd->add_option("--y-field", a.y_field, "CSV column of y / latitude (default: detect)");
  cmd->add_option("--id-field", a.id_field, "Attribute used as the feature id");
  cmd->add_option("--boundary-tolerance-m", a.boundary_tolerance_m,
                  "Points within this distance (m) of a boundary are 'on the boundary' (default 1)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--min-area-m2", a.min_area_m2,
                  "Polygon pieces below this area (m²) do not decide a feature's zone (default 1)")
      ->check(CLI::NonNegativeNumber);
}

void add_ledger_options(CLI::App* cmd, LedgerArgs& a) {
  cmd->add_option("--monitoring", a.monitoring,
                  "Water samples (CSV/points with Cd, Zn, Pb, As, Hg … in mg/L)");
  cmd->add_option("--monitoring-layer", a.monitoring_layer, "Layer of the monitoring file");
  cmd->add_option("--standards", a.standards,
                  "Standards CSV overriding/adding limits (columns as share/standards/"
                  "water_limits.csv)");
  cmd->add_option("--water-class", a.water_class,
                  "GB 3838-2002 class for surface-water samples (default I: nature reserves)")
      ->check(CLI::IsMember({"I", "II", "III", "IV", "V"}));
  cmd->add_option("--discharge-level", a.discharge_level,
                  "GB 25466-2010 row for discharge/leachate samples: new (default), existing");
  cmd->add_option("--assignments", a.assignments,
                  "CSV with 整改目标/整改时限/责任单位/… per problem id or feature id");
  cmd->add_option("--actions", a.actions,
                  "Decision table (TOML [[required_actions]] rows) tried before the defaults");
  cmd->add_option_function<int>(
      "--established-year",
      [&a](const int& year) {
        if (year > 0) a.established_year = year;  // 0 or less: unknown, as before
      },
      "Year the reserve was established (decides 'built before the reserve')");
}

CheckRequest zoning_request(const ZoningArgs& a) {
  CheckRequest r;
  r.before = {a.before, a.before_layer, std::nullopt};
  r.after = {a.after, a.after_layer, std::nullopt};
  r.zone_field = a.zone_field;
  r.zone_maps = a.zone_maps;
  r.encoding = a.encoding;
  r.crs = a.crs;
  r.working_crs = a.working_crs;
  return r;
}

LoadedZonings load_zonings(const ZoningArgs& a) {
  ZoningPair pair = load_zoning_pair(zoning_request(a), area_method_from_string(a.area_method));
  if (!pair.after) throw UsageError("give the proposal with --after");
  return {std::move(pair.before), std::move(*pair.after)};
}

OverlayOptions overlay_options(const ConflictArgs& a, const ZoningArgs& z) {
  OverlayOptions o;
  o.boundary_tolerance_m = a.boundary_tolerance_m;
  o.min_area_m2 = a.min_area_m2;
  o.area_method = area_method_from_string(z.area_method);
  return o;
}

nlohmann::json overlay_json(const ConflictOverlay& c) {
  return nlohmann::json::parse(overlay_json_text(c));
}

void print_overlay_text(const ConflictOverlay& c) { std::cout << overlay_text(c); }

void print_issues(const std::vector<Issue>& issues, const std::string& what) {
  // A million bad rows would print a million lines: the terminal shows the first ones of each
  // code; report.json keeps every one.
  constexpr std::size_t kShownPerCode = 20;
  std::map<IssueCode, std::size_t> shown;
  std::size_t hidden = 0;
  for (const auto& i : issues) {
    if (++shown[i.code] > kShownPerCode) {
      ++hidden;
      continue;
    }
    const std::string where = describe(i.where);
    std::cerr << to_string(i.severity) << ": " << to_string(i.code) << ": "
              << (where.empty() ? "" : where + ": ") << i.message << "\n";
  }
  if (hidden > 0)
    std::cerr << "… " << hidden << " more issue(s) not shown (at most " << kShownPerCode
              << " per code are shown; `reserve check` keeps every one in report.json)\n";
  if (!issues.empty()) std::cerr << issues.size() << " issue(s) in " << what << "\n";
}

}  // namespace reserve::cli
