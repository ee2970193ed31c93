// Before/after comparison. The transition matrix is computed between the zonings' ORIGINAL
// zones (the fine matrix) and then aggregated into the common model, so the original per-zone
// figures of a mapped side and the common-model figures come from the same measured cells.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "analysis/compare_detail.hpp"
#include "analysis/compare_fine.hpp"
#include "analysis/compare_resolved.hpp"
#include "check/stage_threads.hpp"
#include "geom/geos.hpp"
#include "reserve/compare.hpp"
#include "reserve/error.hpp"
#include "zoning/resolved_zones.hpp"

namespace reserve {
namespace {

using analysis::FineCell;
using analysis::ring_length;
using analysis::ring_length_lonlat_m;
using analysis::Side;

// Mean width 2·area/perimeter of a piece. Projected CRS: planar area and perimeter in the CRS's
// units (metres for the CRSs the library works in). Geographic CRS: the measured area over an
// approximate perimeter in metres.
double mean_width_m(const Polygon& poly, double area_m2, bool geographic) {
  double perimeter = 0.0;
  auto length = [geographic](const Ring& r) {
    return geographic ? ring_length_lonlat_m(r) : ring_length(r);
  };
  perimeter += length(poly.outer);
  for (const auto& h : poly.holes) perimeter += length(h);
  if (perimeter <= 0.0) return 0.0;
  return 2.0 * (geographic ? area_m2 : planar_area(poly)) / perimeter;
}

// The model of a zoning's parts (InputError when they mix models or there are none).
ZoneModel parts_model(const Zoning& z, const char* side) {
  if (z.parts.empty()) {
    throw InputError(std::string("the ") + side + " zoning '" + z.name +
                     "' has no zone polygons; check the layer, the filter and the zone field");
  }
  std::optional<ZoneModel> model;
  for (const auto& part : z.parts) {
    if (part.zone == Zone::outside) {
      throw InputError("a part is labelled 'outside'; zonings hold reserve land only", part.where);
    }
    const ZoneModel m = model_of(part.zone);
    if (model && *model != m) {
      throw InputError(std::string("the ") + side +
                           " zoning mixes three-zone and two-zone labels; use one model per "
                           "zoning",
                       part.where);
    }
    model = m;
  }
  return *model;
}

bool same_crs(const Crs& a, const Crs& b) {
  if (a.epsg && b.epsg) return *a.epsg == *b.epsg;
  if (a.wkt == b.wkt) return true;
  if (a.empty() || b.empty()) return false;
  return equivalent(a, b);
}

std::string crs_label(const Crs& c) { return c.empty() ? std::string("(no CRS)") : c.label(); }

// The zones are resolved from this zoning alone (stricter zone wins where zones overlap), so the
// side's figures never depend on the other side and each piece of land is in one cell per row.
Side build_side(const Zoning& z, ZoneModel model, const zoning::ResolvedLayout* given) {
  Side s;
  s.model = model;
  zoning::ResolvedLayout layout = zoning::layout_for(z, model, given);
  for (auto& rz : layout.zones) {
    s.zones.push_back(rz.zone);
    s.envelope.push_back(envelope_of(rz.geometry));
    s.geometry.push_back(std::move(rz.geometry));
  }
  s.outline = std::move(layout.outline);
  return s;
}

double measure(const AreaCalculator& area, const MultiPolygon& mp) {
  double sum = 0.0;
  for (const auto& p : mp.polygons) sum += area.area_m2(p);
  return sum;
}

// Summary of one side from cell areas: `row` true sums rows (before), else columns (after).
ZoningSummary summarise(ZoneModel model, const std::vector<Zone>& zones,
                        const std::map<std::pair<Zone, Zone>, double>& cell_m2, bool row,
                        const std::vector<double>& measured_m2, double outline_m2) {
  ZoningSummary s;
  s.model = model;
  s.outline_m2 = outline_m2;
  for (std::size_t i = 0; i < zones.size(); ++i) {
    ZoneFigure za;
    za.zone = zones[i];
    for (const auto& [key, a] : cell_m2)
      if ((row ? key.first : key.second) == zones[i]) za.area_m2 += a;
    za.measured_m2 = measured_m2[i];
    s.total_m2 += za.area_m2;
    s.zones.push_back(za);
  }
  const auto strict = strict_zones(model);
  for (auto& za : s.zones) {
    za.share = s.total_m2 > 0.0 ? za.area_m2 / s.total_m2 : 0.0;
    if (std::find(strict.begin(), strict.end(), za.zone) != strict.end()) s.strict_m2 += za.area_m2;
  }
  s.strict_share = s.total_m2 > 0.0 ? s.strict_m2 / s.total_m2 : 0.0;
  return s;
}

// A side's directly measured areas: each zone's and the outline's.
struct SideAreas {
  std::vector<double> zones;
  double outline_m2 = 0.0;
};

SideAreas measure_side(const AreaCalculator& area, const Side& side) {
  SideAreas out;
  for (const auto& g : side.geometry) out.zones.push_back(measure(area, g));
  out.outline_m2 = measure(area, side.outline);
  return out;
}

ChangeSet* change_set_for(Comparison& c, Zone from, Zone to) {
  if (from == to) return nullptr;
  if (to == Zone::outside) return &c.removed;
  if (from == Zone::outside) return &c.added;
  return strictness(to) < strictness(from) ? &c.downgraded : &c.upgraded;
}

void require_same_crs(const Zoning& before, const Zoning& after) {
  if (!same_crs(before.crs, after.crs)) {
    throw InputError("the baseline is in " + crs_label(before.crs) + " and the proposal in " +
                     crs_label(after.crs) +
                     "; load both into one working CRS (e.g. --working-crs EPSG:4544)");
  }
}

// The model both sides are compared in: the one asked for, else the sides' own when they agree,
// else the two-zone model (three zones map onto two, never back). A side in another model needs
// the mapping to be allowed.
ZoneModel common_model(ZoneModel before_model, ZoneModel after_model,
                       const CompareOptions& options) {
  const ZoneModel model = options.common_model.value_or(
      before_model == after_model ? before_model : ZoneModel::two_zone);
  for (const auto& [side_model, side] :
       {std::pair{before_model, "baseline"}, std::pair{after_model, "proposal"}}) {
    if (side_model == model) continue;
    if (model == ZoneModel::three_zone) {
      throw InputError(std::string("the ") + side +
                       " uses the two-zone model, which cannot be mapped back to the three-zone "
                       "model; compare in the two-zone model");
    }
    if (!options.allow_model_mapping) {
      const std::string how =
          "; give a mapping (in the profile: [zone_model] allow_mapping = true, with "
          "[zone_model.legacy_map])";
      if (before_model == after_model) {
        throw InputError(
            "both zonings use the three-zone model but the two-zone model was asked "
            "for without allowing the mapping" +
            how);
      }
      throw InputError(
          std::string(before_model == ZoneModel::three_zone ? "proposal" : "baseline") +
          " uses the two-zone model and the " +
          (before_model == ZoneModel::three_zone ? "baseline" : "proposal") +
          " the three-zone model" + how);
    }
  }
  return model;
}

// A side's zone in the common model ("outside" stays outside).
struct ToCommon {
  ZoneModel model;
  const LegacyToTwoZoneMap& legacy_map;
  Zone operator()(Zone z, ZoneModel side_model) const {
    return (side_model == model || z == Zone::outside) ? z : legacy_map.map(z);
  }
};

// Splits a changed cell into its polygons, each measured and classed as noise or not on its own:
// a thin sliver along a redrawn boundary is noise even when the same cell holds a real change.
// `piece_m2` holds the polygons' areas, in order.
void add_change_pieces(ChangeSet& set, const TransitionCell& cell,
                       const std::vector<double>& piece_m2, const CompareOptions& options,
                       bool geographic) {
  for (std::size_t k = 0; k < cell.geometry.polygons.size(); ++k) {
    const Polygon& poly = cell.geometry.polygons[k];
    ChangePiece piece;
    piece.from = cell.from;
    piece.to = cell.to;
    piece.area_m2 = piece_m2[k];
    piece.width_m = mean_width_m(poly, piece.area_m2, geographic);
    piece.noise = options.noise.is_noise(piece.area_m2, piece.width_m);
    piece.geometry = poly;
    set.area_m2 += piece.area_m2;
    if (piece.noise) set.noise_m2 += piece.area_m2;
    set.pieces.push_back(std::move(piece));
  }
}

// Sorts the polygons and their areas `piece_m2` alike.
void sort_west_to_east(MultiPolygon& mp, std::vector<double>& piece_m2) {
  using Key = std::tuple<double, double, double, double>;
  std::vector<std::pair<Key, std::size_t>> order;
  for (std::size_t i = 0; i < mp.polygons.size(); ++i) {
    Envelope e;
    for (const auto& pt : mp.polygons[i].outer) e.expand(pt);
    order.push_back({{e.min_x, e.min_y, e.max_x, e.max_y}, i});
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Polygon> sorted;
  std::vector<double> sorted_m2;
  sorted.reserve(order.size());
  sorted_m2.reserve(order.size());
  for (const auto& [key, i] : order) {
    sorted.push_back(std::move(mp.polygons[i]));
    sorted_m2.push_back(piece_m2[i]);
  }
  mp.polygons = std::move(sorted);
  piece_m2 = std::move(sorted_m2);
}

using CellParts = std::map<std::pair<Zone, Zone>, std::vector<const FineCell*>>;
using CellAreas = std::map<std::pair<Zone, Zone>, double>;

// The areas of a geometry's polygons, in order.
std::vector<double> polygon_areas(const AreaCalculator& area, const MultiPolygon& mp) {
  std::vector<double> out;
  out.reserve(mp.polygons.size());
  for (const auto& p : mp.polygons) out.push_back(area.area_m2(p));
  return out;
}

// Their sum, added in order from zero: the same double as measure() of the geometry.
double sum_of(const std::vector<double>& piece_m2) {
  double sum = 0.0;
  for (double a : piece_m2) sum += a;
  return sum;
}

// The common-model matrix (every from × to on the axis but outside → outside), each cell the
// union of the fine cells that map onto it, and the change pieces of the changed cells. Returns
// the cell areas. `fine_piece_m2` holds the areas of the fine cells' polygons (indexed as `fine`).
CellAreas common_matrix(Comparison& c, const CellParts& common_parts,
                        const std::vector<FineCell>& fine,
                        const std::vector<std::vector<double>>& fine_piece_m2,
                        const AreaCalculator& area, const CompareOptions& options,
                        bool geographic) {
  CellAreas common_m2;
  for (Zone from : c.axis) {
    for (Zone to : c.axis) {
      if (from == Zone::outside && to == Zone::outside) continue;
      TransitionCell cell{from, to, 0.0, {}};
      std::vector<double> piece_m2;
      const auto it = common_parts.find({from, to});
      if (it != common_parts.end() && it->second.size() == 1) {
        const FineCell& f = *it->second.front();
        cell.geometry = f.geometry;
        cell.area_m2 = *f.area_m2;
        piece_m2 = fine_piece_m2[static_cast<std::size_t>(&f - fine.data())];
      } else if (it != common_parts.end()) {
        std::vector<const MultiPolygon*> parts;
        for (const FineCell* f : it->second) parts.push_back(&f->geometry);
        cell.geometry = geom::unite(parts);
        piece_m2 = polygon_areas(area, cell.geometry);
        cell.area_m2 = sum_of(piece_m2);
      }
      // The pieces in an order of their own (west to east, then south to north), not the
      // overlay's: one overlay or several confined ones give them in different orders.
      if (from != to) sort_west_to_east(cell.geometry, piece_m2);
      common_m2[{from, to}] = cell.area_m2;
      if (ChangeSet* set = change_set_for(c, from, to))
        add_change_pieces(*set, cell, piece_m2, options, geographic);
      c.matrix.push_back(std::move(cell));
    }
  }
  return common_m2;
}

// The directly measured zone areas of a side in the common model: a mapped side's zones that map
// onto one common zone are unioned and measured again (not summed: they may overlap).
std::vector<double> common_measured(const Side& side, const std::vector<double>& fine_measured,
                                    ZoneModel side_model, const ToCommon& to_common,
                                    const AreaCalculator& area) {
  if (side_model == to_common.model) return fine_measured;
  std::vector<double> out;
  for (Zone z : zones_of(to_common.model)) {
    std::vector<const MultiPolygon*> parts;
    for (std::size_t i = 0; i < side.zones.size(); ++i)
      if (to_common(side.zones[i], side_model) == z && !side.geometry[i].empty())
        parts.push_back(&side.geometry[i]);
    out.push_back(parts.empty() ? 0.0 : measure(area, geom::unite(parts)));
  }
  return out;
}

}  // namespace

Comparison compare(const Zoning& before, const Zoning& after, const CompareOptions& options) {
  return analysis::compare_resolved(before, after, options, nullptr, nullptr, {});
}

Comparison analysis::compare_resolved(const Zoning& before, const Zoning& after,
                                      const CompareOptions& options,
                                      const zoning::ResolvedLayout* before_layout,
                                      const zoning::ResolvedLayout* after_layout,
                                      const CompareRun& run) {
  const ZoneModel before_model = parts_model(before, "baseline (before)");
  const ZoneModel after_model = parts_model(after, "proposal (after)");
  require_same_crs(before, after);
  const ZoneModel model = common_model(before_model, after_model, options);

  Comparison c;
  c.crs = before.crs;
  c.area_method = options.area_method;
  c.model = model;
  c.legacy_map = options.legacy_map;
  c.noise = options.noise;
  AreaCalculator area(before.crs, options.area_method);

  const Side bs = build_side(before, before_model, before_layout);
  const Side as = build_side(after, after_model, after_layout);
  // Each area is measured once (geodesic areas are not cheap on large reserves), the two sides
  // side by side when the budget allows: on the 50,000-vertex benchmark reserve they took ~50 ms
  // on one thread while the other core waited. The second side gets a calculator of its own thread
  // (the calculator's PROJ objects are per thread); the areas do not depend on the calculator.
  SideAreas before_areas, after_areas;
  check::run_both([&] { before_areas = measure_side(area, bs); },
                  [&] {
                    const AreaCalculator own(before.crs, options.area_method);
                    after_areas = measure_side(own, as);
                  });
  const std::vector<double>& before_measured = before_areas.zones;
  const std::vector<double>& after_measured = after_areas.zones;
  // One model on both sides: the overlays are confined to where the zonings differ. Mapped into
  // another model, unchanged cells are united with changed ones (core → buffer is core protection
  // → core protection): they need their geometry.
  const bool unchanged_geometry = run.unchanged_geometry || model != before_model;
  std::vector<FineCell> fine =
      run.pairwise || bs.zones != as.zones
          ? analysis::fine_matrix_pairwise(bs, as)
          : analysis::fine_matrix_regional(bs, as, area, unchanged_geometry, before_measured);
  const ToCommon to_common{model, options.legacy_map};

  // Fine cell areas (for the original summaries), their polygons' areas and common-model cells.
  CellAreas fine_m2;
  CellParts common_parts;
  std::vector<std::vector<double>> fine_piece_m2(fine.size());
  for (std::size_t k = 0; k < fine.size(); ++k) {
    FineCell& f = fine[k];
    const bool carried = !f.geometry.empty() || f.area_m2;
    if (!f.area_m2) {
      fine_piece_m2[k] = polygon_areas(area, f.geometry);
      f.area_m2 = sum_of(fine_piece_m2[k]);
    }
    fine_m2[{f.from, f.to}] = *f.area_m2;
    if (carried)
      common_parts[{to_common(f.from, before_model), to_common(f.to, after_model)}].push_back(&f);
  }
  c.axis = zones_of(model);
  c.axis.push_back(Zone::outside);
  const CellAreas common_m2 =
      common_matrix(c, common_parts, fine, fine_piece_m2, area, options, before.crs.is_geographic);

  // Zone figures from the cells (so that the matrix rows and columns add up to them exactly); the
  // directly measured unions alongside.
  const double before_outline_m2 = before_areas.outline_m2;
  const double after_outline_m2 = after_areas.outline_m2;
  c.before = summarise(model, zones_of(model), common_m2, true,
                       common_measured(bs, before_measured, before_model, to_common, area),
                       before_outline_m2);
  c.after = summarise(model, zones_of(model), common_m2, false,
                      common_measured(as, after_measured, after_model, to_common, area),
                      after_outline_m2);
  if (before_model != model) {
    c.before_original =
        summarise(before_model, bs.zones, fine_m2, true, before_measured, before_outline_m2);
  }
  if (after_model != model) {
    c.after_original =
        summarise(after_model, as.zones, fine_m2, false, after_measured, after_outline_m2);
  }
  return c;
}

}  // namespace reserve
