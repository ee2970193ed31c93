// Candidate land → pieces: read and repair each candidate, make the layers disjoint (first layer
// wins), take out the reserve (only land outside it is added) and the conflict features with their
// buffer, split into polygons and drop slivers; pieces of the proposal's least strict zone that a
// candidate covers, or that the proposal downgraded, become upgrade pieces.
#include "suggest/pieces.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "analysis/features_load.hpp"
#include "geom/envelope_index.hpp"
#include "geom/geos.hpp"
#include "geom/repair.hpp"
#include "reserve/error.hpp"

namespace reserve::suggestion {
namespace {

// Pieces closer than this count as touching: overlay noding leaves shared edges ~1e-9 m apart.
constexpr double kTouchM = 0.01;

bool in_strict_set(const Comparison& c, Zone z, ZoneModel zoning_model) {
  const Zone common = zoning_model == c.model ? z : c.legacy_map.map(z);
  const auto s = strict_zones(c.model);
  return std::find(s.begin(), s.end(), common) != s.end();
}

double perimeter(const Polygon& p) {
  double sum = 0.0;
  auto ring = [&sum](const Ring& r) {
    for (std::size_t i = 1; i < r.size(); ++i)
      sum += std::hypot(r[i].x - r[i - 1].x, r[i].y - r[i - 1].y);
  };
  ring(p.outer);
  for (const auto& h : p.holes) ring(h);
  return sum;
}

std::optional<double> number(const std::string& text) {
  double v = 0.0;
  const char* b = text.data();
  const char* e = b + text.size();
  while (b < e && *b == ' ') ++b;
  const auto [ptr, ec] = std::from_chars(b, e, v);
  if (ec != std::errc() || ptr == b || !std::isfinite(v)) return std::nullopt;
  return v;
}

// The conflict features of the profile's categories, each grown by the buffer (points and lines
// by at least half a metre, so that they exclude some land).
MultiPolygon exclusion_zone(const PrepareInput& in) {
  if (!in.features) return {};
  std::vector<geom::GeomPtr> grown;
  for (const auto& f : in.features->features) {
    if (std::find(in.conflict_categories.begin(), in.conflict_categories.end(), f.category) ==
        in.conflict_categories.end())
      continue;
    const double d = f.geometry.kind == GeometryKind::polygon ? in.conflict_buffer_m
                                                              : std::max(in.conflict_buffer_m, 0.5);
    const geom::GeomPtr g = geom::to_geos(f.geometry);
    grown.push_back(d > 0.0 ? geom::check(GEOSBuffer_r(geom::context(), g.get(), d, 8), "buffer")
                            : geom::check(GEOSGeom_clone_r(geom::context(), g.get()), "clone"));
  }
  const geom::GeomPtr all = geom::unite_all(std::move(grown));
  return geom::polygons_from_geos(all.get());
}

struct Candidate {
  MultiPolygon geometry;
  double cost_per_m2 = 1.0;
  std::string source;
};

std::vector<Candidate> read_candidates(const PrepareInput& in, Prepared& out) {
  const SuggestOptions& o = in.options;
  std::vector<Candidate> all;
  std::vector<Envelope> boxes;
  for (const auto& path : o.candidates) {
    ReadOptions read;
    read.layer = o.candidates_layer;
    read.assume_crs = o.candidates_crs;
    Layer layer = analysis::read_in_working_crs(path, read, in.proposal.crs);
    out.issues.insert(out.issues.end(), layer.issues.begin(), layer.issues.end());
    for (auto& f : layer.features) {
      const SourceRef where{path, layer.name, f.id};
      ++out.candidate_features;
      if (f.geometry.kind != GeometryKind::polygon) {
        out.issues.push_back({IssueCode::invalid_geometry, Severity::warning,
                              "a candidate is not a polygon; it was skipped", where, std::nullopt,
                              std::nullopt});
        continue;
      }
      const geom::RepairResult r = geom::repair_polygons(f.geometry.polygons, {}, in.area);
      if (r.outcome == geom::RepairOutcome::repaired)
        out.issues.push_back(geom::repair_issue(r, where));
      if (r.outcome != geom::RepairOutcome::valid && r.outcome != geom::RepairOutcome::repaired) {
        out.issues.push_back(
            {IssueCode::invalid_geometry, Severity::warning,
             "a candidate's polygon cannot be repaired (" + r.reason + "); it was skipped", where,
             r.location, std::nullopt});
        continue;
      }
      Candidate c;
      c.geometry = r.geometry;
      c.source = path + ":" + layer.name + " FID " + f.id;
      const double area = in.area.area_m2(c.geometry);
      if (!o.cost_field.empty()) {
        const std::string* v = f.attribute(o.cost_field);
        const auto cost = v ? number(*v) : std::nullopt;
        if (!cost || *cost < 0.0)
          throw InputError("candidate cost field '" + o.cost_field + "' " +
                               (v ? "holds '" + *v + "', not a number ≥ 0" : "is missing or null") +
                               "; give every parcel a cost, or leave out --cost-field",
                           where);
        c.cost_per_m2 = area > 0.0 ? *cost / area : 0.0;
      }
      // Land already in an earlier candidate belongs to it: the pieces stay disjoint.
      const Envelope box = envelope_of(c.geometry);
      std::vector<const MultiPolygon*> earlier;
      for (std::size_t k = 0; k < all.size(); ++k)
        if (boxes[k].valid && box.valid && boxes[k].min_x <= box.max_x &&
            box.min_x <= boxes[k].max_x && boxes[k].min_y <= box.max_y &&
            box.min_y <= boxes[k].max_y)
          earlier.push_back(&all[k].geometry);
      if (!earlier.empty()) c.geometry = geom::subtract(c.geometry, geom::unite(earlier));
      boxes.push_back(box);
      all.push_back(std::move(c));
    }
  }
  return all;
}

// Splits into polygons, drops slivers, appends the rest as pieces.
void add_pieces(const MultiPolygon& mp, bool add, double cost_per_m2, const std::string& source,
                bool restores, const PrepareInput& in, Prepared& out) {
  for (const auto& poly : mp.polygons) {
    const double a = in.area.area_m2(poly);
    const double p = perimeter(poly);
    const double width = p > 0.0 ? 2.0 * planar_area(poly) / p : 0.0;
    if (a < in.options.min_parcel_m2 || in.noise.is_noise(a, width)) {
      ++out.slivers_dropped;
      continue;
    }
    out.pieces.push_back({add, poly, a, a * cost_per_m2, source, restores});
  }
}

}  // namespace

ZonePlan zone_plan(const Zoning& proposal, const Comparison& comparison) {
  ZonePlan plan;
  const bool two = proposal.model == ZoneModel::two_zone;
  plan.least = two ? Zone::general_control : Zone::experimental;
  plan.strict = two ? Zone::core_protection : Zone::buffer;
  plan.strict_counts = in_strict_set(comparison, plan.strict, proposal.model) &&
                       !in_strict_set(comparison, plan.least, proposal.model);
  return plan;
}

Prepared prepare_pieces(const PrepareInput& in) {
  Prepared out;
  const std::vector<Candidate> candidates = read_candidates(in, out);
  const MultiPolygon excluded = exclusion_zone(in);
  const MultiPolygon reserve = reserve_outline(in.proposal);
  const bool upgrades = in.options.upgrades && in.plan.strict_counts;
  const MultiPolygon least = upgrades ? zone_geometry(in.proposal, in.plan.least) : MultiPolygon{};

  // Land the proposal moved out of the strict set first: restoring it is the obvious upgrade.
  std::vector<const MultiPolygon*> restored_parts;
  std::vector<MultiPolygon> restored;
  double mean_cost = 1.0;
  if (!in.options.cost_field.empty() && !candidates.empty()) {
    double sum = 0.0;
    for (const auto& c : candidates) sum += c.cost_per_m2;
    mean_cost = sum / static_cast<double>(candidates.size());
  }
  if (upgrades) {
    const Comparison& c = in.comparison;
    int k = 0;
    for (const auto& p : c.downgraded.pieces) {
      ++k;
      if (p.noise || !in_strict_set(c, p.from, c.model) || in_strict_set(c, p.to, c.model))
        continue;
      MultiPolygon mp;
      mp.polygons.push_back(p.geometry);
      mp = geom::subtract(geom::intersect(mp, least), excluded);
      restored.push_back(mp);
      add_pieces(mp, false, mean_cost, "downgraded-" + std::to_string(k), true, in, out);
    }
  }
  for (const auto& m : restored) restored_parts.push_back(&m);
  const MultiPolygon restored_all = geom::unite(restored_parts);

  for (const auto& c : candidates) {
    const MultiPolygon outside = geom::subtract(c.geometry, reserve);
    const MultiPolygon kept = geom::subtract(outside, excluded);
    out.conflict_excluded_m2 += in.area.area_m2(outside) - in.area.area_m2(kept);
    add_pieces(kept, true, c.cost_per_m2, c.source, false, in, out);
    if (upgrades) {
      const MultiPolygon inside = geom::subtract(
          geom::subtract(geom::intersect(c.geometry, least), excluded), restored_all);
      add_pieces(inside, false, c.cost_per_m2, c.source, false, in, out);
    }
  }
  return out;
}

std::vector<Item> link_pieces(const std::vector<Piece>& pieces, const MultiPolygon& reserve,
                              double max_gap_m) {
  const double reach = max_gap_m + kTouchM;
  GEOSContextHandle_t h = geom::context();
  const geom::GeomPtr r = geom::to_geos(reserve);
  const geom::PreparedPtr prepared = geom::prepare(r.get());
  std::vector<Item> items(pieces.size());
  std::vector<geom::GeomPtr> g(pieces.size());
  std::vector<Envelope> boxes(pieces.size());
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    items[i].add = pieces[i].add;
    items[i].area_m2 = pieces[i].area_m2;
    items[i].cost = pieces[i].cost;
    if (!pieces[i].add) continue;
    g[i] = geom::to_geos(pieces[i].geometry);
    items[i].anchored = GEOSPreparedDistanceWithin_r(h, prepared.get(), g[i].get(), reach) == 1;
    MultiPolygon mp;
    mp.polygons.push_back(pieces[i].geometry);
    boxes[i] = envelope_of(mp);
    boxes[i].min_x -= reach;
    boxes[i].min_y -= reach;
    boxes[i].max_x += reach;
    boxes[i].max_y += reach;
  }
  for (const auto& [i, j] : geom::intersecting_envelope_pairs(boxes)) {
    double d = 0.0;
    if (GEOSDistance_r(h, g[i].get(), g[j].get(), &d) != 1)
      throw InternalError("GEOS could not measure the distance between two candidate pieces");
    if (d <= reach) {
      items[i].neighbours.push_back(j);
      items[j].neighbours.push_back(i);
    }
  }
  return items;
}

}  // namespace reserve::suggestion
