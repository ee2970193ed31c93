// Zone topology checks that GEOS 3.11 lacks (coverage validation came in 3.12): overlaps between
// parts, gaps inside the reserve, and core land not enclosed by buffer.
#include <fmt/format.h>
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "geom/edge_union.hpp"
#include "geom/envelope_index.hpp"
#include "geom/geos.hpp"
#include "geom/interiors_meet.hpp"
#include "geom/validity.hpp"
#include "reserve/error.hpp"
#include "reserve/validate.hpp"
#include "reserve/validate_findings.hpp"
#include "zoning/core_borders.hpp"
#include "zoning/resolved_zones.hpp"
#include "zoning/validate_resolved.hpp"

namespace reserve {
namespace {

std::string format_m2(double area_m2) {
  return fmt::format("{:.2f} m² ({:.4f} ha)", area_m2, to_ha(area_m2));
}

std::string format_m(double length_m) { return fmt::format("{:.2f} m", length_m); }

std::string zone_words(Zone z) { return std::string(to_string(z)) + " " + chinese_name(z); }

// "feature 7 (buffer 缓冲区)", naming the file and layer too when they differ from `here`'s.
std::string describe_part(const ZonePart& p, const SourceRef& here) {
  std::string out = "feature " + p.feature_id + " (" + zone_words(p.zone) + ")";
  if (p.where.file != here.file || p.where.layer != here.layer)
    out += " of " + describe(SourceRef{p.where.file, p.where.layer, {}});
  return out;
}

// Where a zoning-wide finding sits: the file and layer when the zoning has exactly one source.
SourceRef zoning_ref(const Zoning& zoning) {
  if (zoning.sources.size() == 1) return {zoning.sources[0].path, zoning.sources[0].layer, {}};
  return {};
}

// The lines of any GEOS geometry (points dropped), merged into maximal connected stretches.
std::vector<LineString> merged_lines(const GEOSGeometry* g) {
  auto* h = geom::context();
  if (geom::is_empty(g)) return {};
  geom::GeomPtr merged = geom::check(GEOSLineMerge_r(h, g), "line merge");
  return geom::geometry_from_geos(merged.get()).lines;
}

// The vertex at half the line's planar length: a location that lies on the stretch itself.
Point midpoint(const LineString& line) {
  auto g = geom::to_geos(line);
  auto p = geom::check(GEOSInterpolateNormalized_r(geom::context(), g.get(), 0.5), "interpolate");
  Geometry pt = geom::geometry_from_geos(p.get());
  return pt.points.empty() ? line.front() : pt.points.front();
}

// Whether parts i and j are proven to share no area by the layout: parts of two different zones
// of its model when every zone was united with the stricter ones by edges.
bool proven_apart(const ZonePart& a, const ZonePart& b, const zoning::ResolvedLayout& layout) {
  if (!layout.zones_disjoint || a.zone == b.zone) return false;
  const auto in_model = [&](Zone z) {
    for (const auto& rz : layout.zones)
      if (rz.zone == z) return true;
    return false;
  };
  return in_model(a.zone) && in_model(b.zone);
}

void check_overlaps(const Zoning& zoning, const zoning::ResolvedLayout& layout,
                    const TopologyOptions& options, const AreaCalculator& area,
                    std::vector<Finding>& findings) {
  auto* h = geom::context();
  const auto& parts = zoning.parts;
  std::vector<Envelope> boxes;
  boxes.reserve(parts.size());
  for (const auto& p : parts) boxes.push_back(envelope_of(p.geometry));
  std::vector<geom::GeomPtr> shapes(parts.size());
  std::vector<geom::PreparedPtr> prepared(parts.size());
  auto shape = [&](std::size_t i) -> const GEOSGeometry* {
    if (!shapes[i]) shapes[i] = geom::to_geos(parts[i].geometry);
    return shapes[i].get();
  };
  for (const auto& [i, j] : geom::intersecting_envelope_pairs(boxes)) {
    if (proven_apart(parts[i], parts[j], layout)) continue;
    if (!prepared[i]) prepared[i] = geom::prepare(shape(i));
    if (GEOSPreparedIntersects_r(h, prepared[i].get(), shape(j)) != 1) continue;
    // Parts that only border each other (the usual case) need no overlay.
    if (!prepared[j]) prepared[j] = geom::prepare(shape(j));
    if (!geom::interiors_may_meet(parts[i].geometry, prepared[i].get(), parts[j].geometry,
                                  prepared[j].get()))
      continue;
    GEOSGeometry* raw = GEOSIntersection_r(h, shape(i), shape(j));
    if (!raw) {
      throw InternalError("GEOS could not intersect this part with " +
                              describe_part(parts[j], parts[i].where) +
                              "; check both geometries (e.g. in QGIS) and report this case",
                          parts[i].where);
    }
    geom::GeomPtr inter(raw);
    const MultiPolygon overlap = geom::polygons_from_geos(inter.get());
    if (overlap.empty()) continue;  // touching along an edge or at a point is fine
    const double overlap_m2 = area.area_m2(overlap);
    if (overlap_m2 <= 0.0) continue;
    const bool same_zone = parts[i].zone == parts[j].zone;
    Issue issue;
    issue.code = same_zone ? IssueCode::same_zone_overlap : IssueCode::zone_overlap;
    issue.severity = overlap_m2 < options.min_overlap_area_m2 ? Severity::info : Severity::error;
    issue.where = parts[i].where;
    issue.location = point_on_surface(overlap);
    issue.area_m2 = overlap_m2;
    issue.message =
        describe_part(parts[i], parts[i].where) + " overlaps " +
        describe_part(parts[j], parts[i].where) + " by " + format_m2(overlap_m2) +
        (same_zone ? "; the land is counted once in the zone's area, but the duplicate should be "
                     "removed or the parts merged"
                   : "; land belongs to one zone only: cut the overlap out of one of them "
                     "(meanwhile every figure counts it once, in the stricter zone " +
                         zone_words(strictness(parts[i].zone) >= strictness(parts[j].zone)
                                        ? parts[i].zone
                                        : parts[j].zone) +
                         ")") +
        (issue.severity == Severity::info ? " (below --min-overlap-m2, likely a digitising sliver)"
                                          : "");
    findings.push_back(Finding{std::move(issue), std::nullopt, {parts[j].feature_id}});
  }
}

// The parts that touch or overlap `piece` (the features around a gap), by feature id.
std::vector<std::string> bordering_parts(const GEOSGeometry* piece, const Envelope& box,
                                         const Zoning& zoning) {
  std::vector<std::string> ids;
  for (const auto& part : zoning.parts) {
    const Envelope b = envelope_of(part.geometry);
    if (b.max_x < box.min_x || b.min_x > box.max_x || b.max_y < box.min_y || b.min_y > box.max_y)
      continue;
    auto g = geom::to_geos(part.geometry);
    if (GEOSIntersects_r(geom::context(), piece, g.get()) == 1) ids.push_back(part.feature_id);
  }
  return ids;
}

std::string bordering_zones(const GEOSGeometry* piece,
                            const std::vector<std::pair<Zone, geom::GeomPtr>>& zones) {
  std::string out;
  for (const auto& [zone, g] : zones) {
    if (GEOSIntersects_r(geom::context(), piece, g.get()) != 1) continue;
    if (!out.empty()) out += ", ";
    out += to_string(zone);
  }
  return out.empty() ? "no zone" : out;
}

void check_gaps(const Zoning& zoning, const MultiPolygon& outline,
                const std::vector<std::pair<Zone, geom::GeomPtr>>& zones,
                const TopologyOptions& options, const AreaCalculator& area,
                std::vector<Finding>& findings) {
  // Every hole of the union lies inside an outer shell and is covered by no zone. A deliberate
  // enclave (a town excluded from the reserve) looks exactly like a forgotten gap, so holes are
  // warnings above the threshold, never errors.
  for (const auto& poly : outline.polygons) {
    for (const auto& hole : poly.holes) {
      MultiPolygon hole_area;
      hole_area.polygons.push_back(Polygon{hole, {}});
      // Parts of the reserve may lie inside the hole (an island of core inside a ring of
      // buffer): the gap is what is left of the hole once they are taken out.
      // Only outline polygons whose envelope meets the hole's can lie inside it.
      const Envelope hole_box = envelope_of(hole_area);
      MultiPolygon inside;
      for (const auto& other : outline.polygons) {
        const Envelope b = envelope_of(MultiPolygon{{other}});
        if (&other != &poly && b.min_x >= hole_box.min_x && b.max_x <= hole_box.max_x &&
            b.min_y >= hole_box.min_y && b.max_y <= hole_box.max_y)
          inside.polygons.push_back(other);
      }
      MultiPolygon pieces = inside.empty() ? hole_area : geom::subtract(hole_area, inside);
      for (auto& piece : pieces.polygons) {
        MultiPolygon gap;
        gap.polygons.push_back(std::move(piece));
        geom::orient_rings(gap);
        const double gap_m2 = area.area_m2(gap);
        if (gap_m2 <= 0.0) continue;
        auto g = geom::to_geos(gap);
        Issue issue;
        issue.code = IssueCode::interior_gap;
        issue.severity = gap_m2 < options.min_gap_area_m2 ? Severity::info : Severity::warning;
        issue.where = zoning_ref(zoning);
        issue.location = point_on_surface(gap);
        issue.area_m2 = gap_m2;
        issue.message = format_m2(gap_m2) +
                        " inside the reserve's outer boundary belong to no zone (bordered by " +
                        bordering_zones(g.get(), zones) +
                        "); unless it is a deliberate enclave excluded from the reserve (e.g. a "
                        "town), assign it to a zone";
        findings.push_back(Finding{std::move(issue), std::nullopt,
                                   bordering_parts(g.get(), envelope_of(gap), zoning)});
      }
    }
  }
}

void report_stretches(const std::vector<LineString>& stretches, IssueCode code, Severity above,
                      const std::string& what, const std::string& advice, const ZonePart& core,
                      const TopologyOptions& options, const AreaCalculator& area,
                      std::vector<Finding>& findings) {
  for (const auto& line : stretches) {
    const double length_m = area.length_m(line);
    if (length_m <= 0.0) continue;
    Issue issue;
    issue.code = code;
    issue.severity = length_m < options.min_exposed_core_length_m ? Severity::info : above;
    issue.where = core.where;
    issue.location = midpoint(line);
    issue.message = format_m(length_m) + " of the boundary of " + describe_part(core, core.where) +
                    " " + what + "; " + advice;
    findings.push_back(Finding{std::move(issue), length_m, {}});
  }
}

// Core boundary that lies farther than kEnclosureSlack_m from every other zone. Two versions of
// one shared boundary may differ by far less than a millimetre without any gap between them: a
// lon/lat edge densified from different vertices (one side has an extra collinear vertex, or was
// cut along a meridian) projects to polylines up to ~5e-5 m apart (geom/densify.hpp). An exact
// line difference would call every such stretch "exposed", so stretches within the slack of
// another zone are taken back out. Only the surroundings of the exact difference are buffered.
constexpr double kEnclosureSlack_m = 1e-3;

geom::GeomPtr exposed_core_boundary(const GEOSGeometry* core_boundary, const GEOSGeometry* rest,
                                    bool projected) {
  auto* h = geom::context();
  geom::GeomPtr exact =
      geom::check(GEOSDifference_r(h, core_boundary, rest), "exposed core boundary");
  if (!projected || geom::is_empty(exact.get()) || geom::is_empty(rest)) return exact;
  geom::GeomPtr band = geom::check(GEOSBuffer_r(h, exact.get(), 2.0 * kEnclosureSlack_m, 2),
                                   "band around the exposed core boundary");
  geom::GeomPtr rest_near = geom::check(GEOSIntersection_r(h, rest, band.get()), "nearby zones");
  if (geom::is_empty(rest_near.get())) return exact;
  geom::GeomPtr slack = geom::check(GEOSBuffer_r(h, rest_near.get(), kEnclosureSlack_m, 2),
                                    "nearby zones with slack");
  return geom::check(GEOSDifference_r(h, exact.get(), slack.get()), "exposed core boundary");
}

void check_core_enclosed(const Zoning& zoning, const zoning::ResolvedLayout& resolved,
                         const std::vector<std::pair<Zone, geom::GeomPtr>>& zones,
                         const TopologyOptions& options, const AreaCalculator& area,
                         std::vector<Finding>& findings) {
  auto* h = geom::context();
  const GEOSGeometry* core = nullptr;
  const GEOSGeometry* experimental = nullptr;
  for (const auto& [zone, g] : zones) {
    if (zone == Zone::core) core = g.get();
    if (zone == Zone::experimental) experimental = g.get();
  }
  if (!core || geom::is_empty(core)) return;
  // Core edges twinned, reversed, with another zone's edges are enclosed exactly (the usual case:
  // the whole check then needs no overlay); the GEOS path below handles everything else.
  const zoning::CoreBorders borders = zoning::core_borders(resolved);
  if (borders.enclosed && !borders.may_touch_experimental) return;
  geom::GeomPtr core_boundary = geom::check(GEOSBoundary_r(h, core), "boundary of the core zone");
  // Core boundary next to no other zone lies on the reserve's boundary (outer or an enclave's).
  // The other resolved zones mostly share their borders bit for bit: united by their edges.
  geom::GeomPtr exposed;
  if (!borders.enclosed) {
    std::vector<const MultiPolygon*> others;
    for (const auto& rz : resolved.zones)
      if (rz.zone != Zone::core && !rz.geometry.empty()) others.push_back(&rz.geometry);
    geom::GeomPtr rest = geom::to_geos(geom::unite_bordering(others));
    exposed = exposed_core_boundary(core_boundary.get(), rest.get(), zoning.crs.is_projected);
  }
  geom::GeomPtr touching;
  if (borders.may_touch_experimental && experimental && !geom::is_empty(experimental))
    touching = geom::check(GEOSIntersection_r(h, core_boundary.get(), experimental),
                           "core boundary on the experimental zone");
  if (!exposed && !touching) return;
  // The stretches are found on the core zone's union (boundaries between two core parts are not
  // exposed); each is then told per core feature, so that the finding names the feature to fix.
  for (const auto& part : zoning.parts) {
    if (part.zone != Zone::core) continue;
    auto shape = geom::to_geos(part.geometry);
    geom::GeomPtr own = geom::check(GEOSBoundary_r(h, shape.get()), "boundary of a core part");
    if (exposed) {
      geom::GeomPtr own_exposed =
          geom::check(GEOSIntersection_r(h, own.get(), exposed.get()), "exposed core stretch");
      report_stretches(merged_lines(own_exposed.get()), IssueCode::core_not_enclosed,
                       Severity::error, "lies on the reserve's boundary, not enclosed by buffer",
                       "in the three-zone model the buffer zone surrounds the core zone", part,
                       options, area, findings);
    }
    if (!touching) continue;
    geom::GeomPtr own_touching = geom::check(GEOSIntersection_r(h, own.get(), touching.get()),
                                             "core stretch on experimental");
    report_stretches(merged_lines(own_touching.get()), IssueCode::core_adjacent_experimental,
                     Severity::warning,
                     "borders the experimental zone directly, without buffer in between",
                     "in the three-zone model the buffer zone separates core and experimental",
                     part, options, area, findings);
  }
}

}  // namespace

int ValidationReport::error_count() const noexcept {
  return static_cast<int>(std::count_if(
      issues.begin(), issues.end(), [](const Issue& i) { return i.severity == Severity::error; }));
}

int ValidationReport::warning_count() const noexcept {
  return static_cast<int>(std::count_if(issues.begin(), issues.end(), [](const Issue& i) {
    return i.severity == Severity::warning;
  }));
}

int ValidationReport::info_count() const noexcept {
  return static_cast<int>(std::count_if(
      issues.begin(), issues.end(), [](const Issue& i) { return i.severity == Severity::info; }));
}

std::vector<Finding> topology_findings(const Zoning& zoning, const TopologyOptions& options,
                                       const AreaCalculator& area) {
  return zoning::topology_findings_resolved(zoning, options, area, nullptr);
}

std::vector<Finding> zoning::topology_findings_resolved(const Zoning& zoning,
                                                        const TopologyOptions& options,
                                                        const AreaCalculator& area,
                                                        const ResolvedLayout* layout) {
  std::vector<Finding> findings;
  if (zoning.parts.empty()) return findings;

  // Resolved once for all zones (zone_geometry per zone would resolve the whole zoning each time).
  // The outline is the union of the zone unions (cheaper than uniting every part again).
  // The caller's layout is used in place (a copy of a 50,000-vertex layout is not free).
  const bool given = layout && layout->model == zoning.model;
  ResolvedLayout own;
  if (!given) own = resolve_layout(zoning, zoning.model);
  const ResolvedLayout& resolved = given ? *layout : own;
  check_overlaps(zoning, resolved, options, area, findings);

  std::vector<std::pair<Zone, geom::GeomPtr>> zones;
  for (const auto& rz : resolved.zones)
    if (!rz.geometry.empty()) zones.emplace_back(rz.zone, geom::to_geos(rz.geometry));
  check_gaps(zoning, resolved.outline, zones, options, area, findings);
  if (options.check_core_enclosed && zoning.model == ZoneModel::three_zone)
    check_core_enclosed(zoning, resolved, zones, options, area, findings);
  return findings;
}

ValidationReport validate_zoning(const Zoning& zoning, const TopologyOptions& options,
                                 const AreaCalculator& area) {
  return zoning::validate_zoning_resolved(zoning, options, area, nullptr);
}

ValidationReport zoning::validate_zoning_resolved(const Zoning& zoning,
                                                  const TopologyOptions& options,
                                                  const AreaCalculator& area,
                                                  const ResolvedLayout* layout) {
  ValidationReport report;
  report.issues = zoning.issues;
  report.repairs = zoning.repairs;
  for (auto& f : topology_findings_resolved(zoning, options, area, layout))
    report.issues.push_back(std::move(f.issue));
  return report;
}

}  // namespace reserve
