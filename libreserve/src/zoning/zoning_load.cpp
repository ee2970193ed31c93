// Loading a zoning: zone labels → Zone, reprojection into one working CRS, validity and the one
// allowed repair (GEOS MakeValid, STRUCTURE) with its area change checked against the policy.
#include <fmt/format.h>
#include <cmath>
#include <cstdio>
#include <set>
#include <string>

#include "crs/ballpark_issue.hpp"
#include "geom/densify.hpp"
#include "geom/repair.hpp"
#include "geom/validity.hpp"
#include "reserve/error.hpp"
#include "reserve/zoning.hpp"
#include "zoning/zone_field.hpp"
#include "zoning/zoning_layers.hpp"

namespace reserve {
namespace {

const char* kind_name(GeometryKind k) {
  switch (k) {
    case GeometryKind::point: return "a point";
    case GeometryKind::line: return "a line";
    case GeometryKind::polygon: return "a polygon";
    case GeometryKind::empty: return "empty";
  }
  return "unknown";
}

Envelope layer_extent(const Layer& layer) {
  Envelope e;
  for (const auto& f : layer.features) e.expand(envelope_of(f.geometry));
  return e;
}

// options.working_crs, else the one chosen for the first layer's CRS and extent.
Crs chosen_working_crs(const Layer& first, const ZoningOptions& options) {
  return options.working_crs.empty() ? choose_working_crs(first.crs, layer_extent(first))
                                     : Crs::from_user_input(options.working_crs);
}

// Makes `part.geometry` valid under the policy (the library's one validity → repair → area-guard
// path, geom/repair.hpp), recording the repair. `calc` measures in the working CRS (where the
// geometry already is). A zoning cannot go on without a part, so anything but a repair within
// the policy stops here.
void make_valid(ZonePart& part, const RepairPolicy& policy, const AreaCalculator& calc,
                Zoning& zoning) {
  geom::RepairResult r = geom::repair_polygons(part.geometry, policy, calc);
  switch (r.outcome) {
    case geom::RepairOutcome::valid: part.geometry = std::move(r.geometry); return;
    case geom::RepairOutcome::refused:
      throw InputError("invalid geometry: " + r.reason +
                           " (in the working CRS). Fix it in the source data, or let reserve "
                           "repair it (drop --no-repair)",
                       part.where);
    case geom::RepairOutcome::failed:
      throw InternalError("repairing the invalid geometry (" + r.reason + ") failed: " + r.failure +
                              ". Fix the geometry in the source data",
                          part.where);
    case geom::RepairOutcome::too_large:
      throw InputError(
          "invalid geometry (" + r.reason + ") repaired with GEOS MakeValid changes its area by " +
              geom::format_m2(r.change_m2()) + " (from " + geom::format_m2(r.area_before_m2) +
              " to " + geom::format_m2(r.area_after_m2) + "), more than the tolerance of " +
              geom::format_m2(r.tolerance_m2) +
              ". Fix the geometry in the source data, or accept the repair with "
              "--allow-repair-area-change",
          part.where);
    case geom::RepairOutcome::repaired: break;
  }
  zoning.repairs.push_back(geom::repair_record(r, part.where));
  Issue issue = geom::repair_issue(r, part.where);
  if (r.large) issue.message += " (accepted by --allow-repair-area-change)";
  zoning.issues.push_back(std::move(issue));
  part.geometry = std::move(r.geometry);
}

// Labels of one model, for the mixed-model error.
std::string labels_of(const Zoning& z, ZoneModel model) {
  std::set<std::string> labels;
  for (const auto& p : z.parts)
    if (model_of(p.zone) == model) labels.insert("'" + p.label + "'");
  std::string out;
  for (const auto& l : labels) out += (out.empty() ? "" : ", ") + l;
  return out;
}

// No feature is left to make a zoning of: the reasons are the issues that left them out (a
// non-finite vertex, a ring that collapsed), which would otherwise be lost with the exception.
[[noreturn]] void throw_no_features(const std::vector<Issue>& issues, const SourceRef& where) {
  std::string reasons;
  for (const auto& i : issues) {
    if (i.severity == Severity::info) continue;
    reasons += (reasons.empty() ? "" : "; ") + std::string("feature ") +
               (i.where.feature.empty() ? "?" : i.where.feature) + ": " + i.message;
    if (reasons.size() > 2000) break;
  }
  throw InputError(
      "the zoning has no polygon features" +
          (reasons.empty() ? std::string() : " left; every one was left out — " + reasons),
      where);
}

}  // namespace

Zoning zoning_from_layers(const std::vector<std::pair<Layer, ZoningSource>>& layers,
                          const ZoningOptions& options) {
  if (layers.empty()) throw UsageError("a zoning needs at least one input layer");
  Zoning zoning;
  zoning.name = options.name;
  const Layer& first = layers.front().first;
  for (const auto& [layer, source] : layers) {
    if (layer.crs.empty()) {
      throw InputError("the layer has no CRS; give it one with --crs (e.g. --crs EPSG:4544)",
                       SourceRef{layer.path, layer.name, {}});
    }
    // Before the working CRS is chosen from the first layer's extent: a layer without features
    // has none, and "cannot choose a Gauss-Kruger zone for data without coordinates" named
    // neither the file nor the reason.
    if (layer.features.empty())
      throw_no_features(layer.issues, SourceRef{layer.path, layer.name, {}});
  }
  zoning.crs = chosen_working_crs(first, options);
  const AreaCalculator calc(zoning.crs, options.area_method);

  for (const auto& [layer, source] : layers) {
    zoning.sources.push_back(SourceFile{layer.path, layer.sha256, layer.name, layer.driver,
                                        layer.encoding, layer.crs,
                                        geom::edge_model(layer.crs, zoning.crs)});
    zoning.issues.insert(zoning.issues.end(), layer.issues.begin(), layer.issues.end());
    if (layer.features.empty())
      throw_no_features(layer.issues, SourceRef{layer.path, layer.name, {}});
    const std::string field =
        source.zone ? std::string()
                    : zoning::find_zone_field(layer, source.zone_field, options.scheme);
    const Transformer to_working(layer.crs, zoning.crs);
    if (auto issue = crs::ballpark_issue(to_working, layer.crs, zoning.crs,
                                         SourceRef{layer.path, layer.name, {}}))
      zoning.issues.push_back(std::move(*issue));

    for (const auto& feature : layer.features) {
      ZonePart part;
      part.feature_id = feature.id;
      part.where = SourceRef{layer.path, layer.name, feature.id};
      if (source.zone) {
        part.zone = *source.zone;
        part.label = to_string(*source.zone);
      } else {
        part.label = zoning::attribute_value(feature, field).value_or("");
        const auto zone = options.scheme.lookup(part.label);
        if (!zone) {  // find_zone_field has checked every label; keep the guard for safety
          throw InputError("zone label '" + part.label + "' in field '" + field +
                               "' is not recognised; map it with --zone-map",
                           part.where);
        }
        part.zone = *zone;
      }
      if (feature.geometry.kind == GeometryKind::empty) {
        Issue issue;
        issue.code = IssueCode::empty_geometry;
        issue.severity = Severity::warning;
        issue.where = part.where;
        issue.message = "feature has no geometry and is left out of the zoning";
        zoning.issues.push_back(std::move(issue));
        continue;
      }
      if (feature.geometry.kind != GeometryKind::polygon) {
        throw InputError(std::string("the geometry is ") + kind_name(feature.geometry.kind) +
                             ", but a zoning layer holds polygons only; remove the feature or "
                             "choose the polygon layer (--layer)",
                         part.where);
      }
      part.geometry = feature.geometry.polygons;
      if (!to_working.is_identity()) {
        try {
          // Edges are straight in the source CRS: lon/lat edges are densified before projecting.
          geom::to_working_crs(part.geometry, layer.crs, to_working);
        } catch (const Error& e) {
          throw InputError("cannot reproject into " + zoning.crs.label() + ": " + e.message(),
                           part.where);
        }
      }
      make_valid(part, options.repair, calc, zoning);
      if (part.geometry.empty()) {
        Issue issue;
        issue.code = IssueCode::collapsed_geometry;
        issue.severity = Severity::warning;
        issue.where = part.where;
        issue.message = "nothing of the feature's area is left after the repair; it is left out";
        zoning.issues.push_back(std::move(issue));
        continue;
      }
      zoning.parts.push_back(std::move(part));
    }
  }

  if (zoning.parts.empty()) {
    throw_no_features(zoning.issues, SourceRef{first.path, first.name, {}});
  }
  bool three = false, two = false;
  for (const auto& p : zoning.parts) (model_of(p.zone) == ZoneModel::two_zone ? two : three) = true;
  if (three && two) {
    throw InputError(
        "the zoning mixes the three-zone model (" + labels_of(zoning, ZoneModel::three_zone) +
            ") and the two-zone model (" + labels_of(zoning, ZoneModel::two_zone) +
            "); a zoning uses one model. Fix the labels, or remap them with --zone-map",
        SourceRef{first.path, first.name, {}});
  }
  zoning.model = two ? ZoneModel::two_zone : ZoneModel::three_zone;
  return zoning;
}

std::optional<Crs> zoning::working_crs_ahead(
    const std::vector<std::pair<Layer, ZoningSource>>& layers, const ZoningOptions& options) {
  if (layers.empty()) return std::nullopt;
  for (const auto& [layer, source] : layers)
    if (layer.crs.empty() || layer.features.empty()) return std::nullopt;
  try {
    return chosen_working_crs(layers.front().first, options);
  } catch (const Error&) {
    return std::nullopt;
  }
}

}  // namespace reserve
