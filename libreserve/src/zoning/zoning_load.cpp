// Loading a zoning: zone labels → Zone, reprojection into one working CRS, validity and the one
// allowed repair (GEOS MakeValid, STRUCTURE) with its area change checked against the policy.
#include <fmt/format.h>
#include <cmath>
#include <cstdio>
#include <set>
#include <string>

#include "crs/ballpark_issue.hpp"
#include "geom/validity.hpp"
#include "reserve/error.hpp"
#include "reserve/zoning.hpp"
#include "zoning/zone_field.hpp"

namespace reserve {
namespace {

std::string format_m2(double area_m2) { return fmt::format("{:.4f} m²", area_m2); }

std::string format_point(const Point& p) { return fmt::format("({:.3f} {:.3f})", p.x, p.y); }

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

// Makes `part.geometry` valid under the policy, recording the repair. `calc` measures in the
// working CRS (where the geometry already is).
void make_valid(ZonePart& part, const RepairPolicy& policy, const AreaCalculator& calc,
                Zoning& zoning) {
  const auto invalid = geom::find_invalidity(part.geometry);
  if (!invalid) {
    geom::orient_rings(part.geometry);
    return;
  }
  const std::string reason =
      invalid->reason + (invalid->location ? " at " + format_point(*invalid->location) : "");
  if (!policy.repair) {
    throw InputError("invalid geometry: " + reason +
                         " (in the working CRS). Fix it in the source data, or let reserve "
                         "repair it (drop --no-repair)",
                     part.where);
  }
  // Area before: for each polygon, |area of the outer ring| − Σ |area of each hole|, each ring's
  // area being its signed (algebraic) area by the same method as after — the absolute shoelace
  // sum for planar. A bow tie's lobes therefore cancel; the report shows that as the change.
  const double before_m2 = calc.area_m2(part.geometry);
  MultiPolygon repaired;
  try {
    repaired = geom::make_valid_polygons(part.geometry);
  } catch (const InternalError& e) {
    throw InternalError("repairing the invalid geometry (" + reason + ") failed: " + e.message() +
                            ". Fix the geometry in the source data",
                        part.where);
  }
  const double after_m2 = calc.area_m2(repaired);
  const double change_m2 = after_m2 - before_m2;
  const double tolerance_m2 =
      std::max(policy.max_area_change_m2, policy.max_area_change_rel * std::abs(before_m2));
  const bool large = std::abs(change_m2) > tolerance_m2;
  if (large && !policy.allow_large_change) {
    throw InputError(
        "invalid geometry (" + reason + ") repaired with GEOS MakeValid changes its area by " +
            format_m2(change_m2) + " (from " + format_m2(before_m2) + " to " + format_m2(after_m2) +
            "), more than the tolerance of " + format_m2(tolerance_m2) +
            ". Fix the geometry in the source data, or accept the repair with "
            "--allow-repair-area-change",
        part.where);
  }
  Repair repair;
  repair.where = part.where;
  repair.reason = reason;
  repair.area_before_m2 = before_m2;
  repair.area_after_m2 = after_m2;
  zoning.repairs.push_back(repair);

  Issue issue;
  issue.code = "invalid-geometry-repaired";
  issue.severity = large ? Severity::warning : Severity::info;
  issue.where = part.where;
  issue.location = invalid->location;
  if (!issue.location && !repaired.empty()) issue.location = point_on_surface(repaired);
  issue.area_m2 = std::abs(change_m2);
  issue.message = "invalid geometry (" + reason +
                  ") repaired with GEOS MakeValid (structure); area " + format_m2(before_m2) +
                  " → " + format_m2(after_m2) + ", change " + format_m2(change_m2) +
                  (large ? ", above the tolerance (accepted by --allow-repair-area-change)" : "");
  zoning.issues.push_back(std::move(issue));
  part.geometry = std::move(repaired);
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
  }
  zoning.crs = options.working_crs.empty() ? choose_working_crs(first.crs, layer_extent(first))
                                           : Crs::from_user_input(options.working_crs);
  const AreaCalculator calc(zoning.crs, options.area_method);

  for (const auto& [layer, source] : layers) {
    zoning.sources.push_back(
        SourceFile{layer.path, layer.sha256, layer.name, layer.driver, layer.encoding, layer.crs});
    zoning.issues.insert(zoning.issues.end(), layer.issues.begin(), layer.issues.end());
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
        issue.code = "empty-geometry";
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
          to_working.apply(part.geometry);
        } catch (const Error& e) {
          throw InputError("cannot reproject into " + zoning.crs.label() + ": " + e.message(),
                           part.where);
        }
      }
      make_valid(part, options.repair, calc, zoning);
      if (part.geometry.empty()) {
        Issue issue;
        issue.code = "collapsed-geometry";
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
    throw InputError("the zoning has no polygon features", SourceRef{first.path, first.name, {}});
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

}  // namespace reserve
