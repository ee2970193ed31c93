// validate_zoning_sources: load and validate a zoning without stopping at the first bad feature.
// load_zoning() is right to stop (a check must not run on half a zoning), but a validation run
// exists to list every problem at once: one run per defect is how analysts lose an afternoon.
#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "reserve/error.hpp"
#include "reserve/io.hpp"
#include "reserve/validate.hpp"
#include "reserve/validate_findings.hpp"
#include "reserve/zoning.hpp"
#include "zoning/zoning_layers.hpp"

namespace reserve {
namespace {

using LayerList = std::vector<std::pair<Layer, ZoningSource>>;

std::string format_m2(double area_m2) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.4f m²", area_m2);
  return buf;
}

Envelope layer_extent(const Layer& layer) {
  Envelope e;
  for (const auto& f : layer.features) e.expand(envelope_of(f.geometry));
  return e;
}

// The working CRS is fixed once from the whole first layer, so that leaving a bad feature out
// cannot move the zoning into another Gauss–Krüger zone between attempts.
std::string fixed_working_crs(const ZoningOptions& options, const LayerList& layers) {
  if (!options.working_crs.empty()) return options.working_crs;
  const Layer& first = layers.front().first;
  // zoning_from_layers reports a missing CRS, and a layer without features, by file and layer
  if (first.crs.empty() || first.features.empty()) return {};
  const Crs chosen = choose_working_crs(first.crs, layer_extent(first));
  return chosen.epsg ? "EPSG:" + std::to_string(*chosen.epsg) : chosen.wkt;
}

// A point of the feature to show where it is (its first vertex) in the working CRS. When it
// cannot be transformed there (that may be the very problem), the location stays empty and the
// note gives the source point with its CRS, so that no source coordinate passes as a working one.
struct FeatureLocation {
  std::optional<Point> point;
  std::string note;  // empty when the point is in the working CRS
};

FeatureLocation feature_location(const Feature& f, const Crs& from, const Crs& to) {
  std::optional<Point> p;
  if (!f.geometry.points.empty()) p = f.geometry.points.front();
  if (!p && !f.geometry.lines.empty() && !f.geometry.lines.front().empty())
    p = f.geometry.lines.front().front();
  if (!p && !f.geometry.polygons.empty() && !f.geometry.polygons.polygons.front().outer.empty())
    p = f.geometry.polygons.polygons.front().outer.front();
  if (!p || from.empty() || to.empty()) return {p, {}};
  try {
    return {Transformer(from, to).apply(*p), {}};
  } catch (const Error& e) {
    return {std::nullopt, fmt::format(" (its first vertex {:.6f}, {:.6f} in {} cannot be taken to "
                                      "the working CRS {}: {})",
                                      p->x, p->y, from.label(), to.label(), e.message())};
  }
}

// Removes the feature that `e` names from `layers`. False when it names none (a layer-level
// problem). With repeated feature ids the first one still present is taken: zoning_from_layers
// stops at the first bad feature in order, and earlier ones with the same id passed.
bool remove_named_feature(const Error& e, LayerList& layers, Feature& removed, Crs& removed_crs) {
  const SourceRef& w = e.where();
  if (w.feature.empty()) return false;
  for (auto& [layer, source] : layers) {
    if (layer.path != w.file || layer.name != w.layer) continue;
    auto it = std::find_if(layer.features.begin(), layer.features.end(),
                           [&](const Feature& f) { return f.id == w.feature; });
    if (it == layer.features.end()) continue;
    removed = std::move(*it);
    removed_crs = layer.crs;
    layer.features.erase(it);
    return true;
  }
  return false;
}

bool repair_permitted(const Repair& r, const RepairPolicy& policy) {
  if (!policy.repair) return false;
  if (policy.allow_large_change) return true;
  // The same bound load_zoning applies (reserve/zoning.hpp, RepairPolicy).
  const double tolerance_m2 =
      std::max(policy.max_area_change_m2, policy.max_area_change_rel * std::abs(r.area_before_m2));
  return std::abs(r.area_change_m2()) <= tolerance_m2;
}

// Turns each repair the policy does not allow back into a finding: the repair is not listed
// (nothing was repaired with permission) and its note becomes an "invalid-geometry" error.
void withdraw_unpermitted_repairs(Zoning& zoning, const RepairPolicy& policy) {
  std::vector<Repair> kept;
  for (const auto& r : zoning.repairs) {
    if (repair_permitted(r, policy)) {
      kept.push_back(r);
      continue;
    }
    for (auto& issue : zoning.issues) {
      if (issue.code != IssueCode::invalid_geometry_repaired || issue.where.file != r.where.file ||
          issue.where.layer != r.where.layer || issue.where.feature != r.where.feature)
        continue;
      issue.code = IssueCode::invalid_geometry;
      issue.severity = Severity::error;
      issue.area_m2 = std::abs(r.area_change_m2());
      issue.message =
          "invalid geometry (" + r.reason + "); not repaired: " +
          (policy.repair
               ? "GEOS MakeValid would change its area by " + format_m2(r.area_change_m2()) +
                     ", more than the tolerance; fix it in the source data or accept "
                     "the repair with --allow-repair-area-change"
               : "--no-repair; fix it in the source data") +
          ". The topology checks use the repaired shape only to find the other problems";
      break;
    }
  }
  zoning.repairs = std::move(kept);
}

}  // namespace

int ZoningValidation::count(Severity s) const noexcept {
  return static_cast<int>(std::count_if(findings.begin(), findings.end(),
                                        [s](const Finding& f) { return f.issue.severity == s; }));
}

ZoningValidation validate_zoning_sources(const ZoningOptions& options,
                                         const TopologyOptions& topology) {
  if (options.sources.empty()) throw UsageError("no zoning file given");
  std::vector<Issue> notes;  // a dataset read as one layer per zone (zone-named-layers)
  LayerList layers = zoning::read_zoning_layers(options.sources, options.scheme, notes);

  // Load with every repair allowed, so that an invalid feature does not stop the load; the
  // repairs the caller's policy forbids are withdrawn afterwards.
  ZoningOptions permissive = options;
  permissive.repair.repair = true;
  permissive.repair.allow_large_change = true;
  permissive.working_crs = fixed_working_crs(options, layers);

  std::vector<std::pair<Feature, Crs>> unusable;
  std::vector<Issue> unusable_issues;
  ZoningValidation out;
  for (;;) {
    try {
      out.zoning = zoning_from_layers(layers, permissive);
      break;
    } catch (const UsageError&) {
      throw;
    } catch (const Error& e) {
      Feature removed;
      Crs removed_crs;
      if (!remove_named_feature(e, layers, removed, removed_crs)) {
        if (unusable_issues.empty()) throw;
        // Nothing usable is left: say which features were lost on the way.
        throw InputError(e.message() + " (" + std::to_string(unusable_issues.size()) +
                             " feature(s) could not be used; the first: " +
                             describe(unusable_issues.front().where) + ": " +
                             unusable_issues.front().message + ")",
                         e.where());
      }
      unusable_issues.push_back(Issue{IssueCode::unusable_feature, Severity::error,
                                      e.message() + "; the feature is left out of the checks",
                                      e.where(), std::nullopt, std::nullopt});
      unusable.emplace_back(std::move(removed), removed_crs);
    }
  }
  for (std::size_t k = 0; k < unusable.size(); ++k) {
    FeatureLocation at = feature_location(unusable[k].first, unusable[k].second, out.zoning.crs);
    unusable_issues[k].location = at.point;
    unusable_issues[k].message += at.note;
  }

  withdraw_unpermitted_repairs(out.zoning, options.repair);
  out.zoning.issues.insert(out.zoning.issues.begin(), notes.begin(), notes.end());
  out.zoning.issues.insert(out.zoning.issues.end(), unusable_issues.begin(), unusable_issues.end());
  out.repairs = out.zoning.repairs;
  for (const auto& issue : out.zoning.issues) out.findings.push_back(Finding{issue, {}, {}});
  const AreaCalculator calc(out.zoning.crs, options.area_method);
  for (auto& f : topology_findings(out.zoning, topology, calc))
    out.findings.push_back(std::move(f));
  return out;
}

}  // namespace reserve
