// The fine transition matrix, pairwise or confined to the changed regions.
#include "analysis/compare_fine.hpp"

#include <algorithm>
#include <iterator>
#include <memory>
#include <optional>
#include <utility>

#include "check/stage_threads.hpp"
#include "geom/changed_regions.hpp"
#include "geom/geos.hpp"
#include "geom/rectangle_clip.hpp"
#include "geom/vertex_count.hpp"

namespace reserve::analysis {
namespace {

bool disjoint(const Envelope& a, const Envelope& b) {
  if (!a.valid || !b.valid) return true;
  return a.max_x < b.min_x || b.max_x < a.min_x || a.max_y < b.min_y || b.max_y < a.min_y;
}

double measure(const AreaCalculator& area, const MultiPolygon& mp) {
  double sum = 0.0;
  for (const auto& p : mp.polygons) sum += area.area_m2(p);
  return sum;
}

// The pieces of a changed cell found in one rectangle that lie within `inner` (the rectangle less
// half the margin). Changed land lies a whole margin inside the rectangle
// (geom/changed_regions.hpp); what comes closer to its sides is a sliver of the cut, where the
// zone of one side and the outline of the other were cut at points a rounding apart.
MultiPolygon inside_only(MultiPolygon&& from, const Envelope& inner) {
  MultiPolygon kept;
  for (auto& p : from.polygons) {
    Envelope e;
    for (const Point& pt : p.outer) e.expand(pt);
    if (geom::envelope_inside(e, inner)) kept.polygons.push_back(std::move(p));
  }
  return kept;
}

// a ∩ b (or a ∖ b) as land only; null when a is null or nothing is left.
geom::GeomPtr overlay(const GEOSGeometry* a, const GEOSGeometry* b, bool difference) {
  if (!a) return nullptr;
  auto* h = geom::context();
  geom::GeomPtr out = difference && !b ? geom::check(GEOSGeom_clone_r(h, a), "clone")
                      : difference     ? geom::check(GEOSDifference_r(h, a, b), "difference")
                      : !b             ? nullptr
                                       : geom::check(GEOSIntersection_r(h, a, b), "intersection");
  return geom::land_only(std::move(out));
}

// The side's zones and outline in GEOS, null where empty.
struct GeosSide {
  std::vector<geom::GeomPtr> zones;
  geom::GeomPtr outline;
  explicit GeosSide(const Side& s) {
    for (const auto& g : s.geometry) zones.push_back(g.empty() ? nullptr : geom::to_geos(g));
    if (!s.outline.empty()) outline = geom::to_geos(s.outline);
  }
};

// A side clipped to one rectangle (null where nothing is left).
struct ClippedSide {
  std::vector<geom::GeomPtr> zones;
  geom::GeomPtr outline;
  // Cut by GEOSClipByRect: the cut points lie in unchanged land, a margin from every changed edge
  // (the slivers they may leave between one side's zone and the other's outline are dropped by
  // append()).
  ClippedSide(const GeosSide& s, const Side& plain, const Envelope& box) {
    for (std::size_t i = 0; i < s.zones.size(); ++i)
      zones.push_back(disjoint(plain.envelope[i], box)
                          ? nullptr
                          : geom::land_in_rectangle(s.zones[i].get(), plain.geometry[i], box));
    outline = geom::land_in_rectangle(s.outline.get(), plain.outline, box);
  }
};

// What one unit of the regional overlay adds (a before zone's row, or the after zones' land
// outside the before outline, in one rectangle): the changed cells' pieces and the before zones'
// measured areas, each addend kept apart so that merging the units in their order makes the same
// sums (to the bit) however the units were shared out between threads.
struct UnitPart {
  std::vector<std::pair<std::size_t, MultiPolygon>> pieces;  // (cell, its pieces in the rectangle)
  std::vector<double> kept_m2;                               // the row's unchanged land there
  std::optional<double> clipped_m2;                          // the row's zone there
};

// The overlays inside the rectangles, for one thread: its own GEOS copies of both sides (GEOS 3.11
// computes envelopes lazily, so threads must not share a geometry), the last rectangle's clipped
// sides, and its own area calculator.
class RegionalOverlay {
 public:
  RegionalOverlay(const Side& before, const Side& after, const std::vector<Envelope>& regions,
                  const AreaCalculator& area, bool unchanged_geometry, double margin)
      : before_(before),
        after_(after),
        regions_(regions),
        gb_(before),
        ga_(after),
        area_(area.crs(), area.method()),
        unchanged_geometry_(unchanged_geometry),
        margin_(margin) {}

  // Units per rectangle: one per before zone, then one for the after zones.
  std::size_t units_per_region() const { return before_.zones.size() + 1; }

  UnitPart operator()(std::size_t unit) {
    const std::size_t r = unit / units_per_region(), k = unit % units_per_region();
    const Envelope& box = regions_[r];
    if (clipped_region_ != r) {
      cb_.emplace(gb_, before_, box);
      ca_.emplace(ga_, after_, box);
      clipped_region_ = r;
    }
    const Envelope inner{box.min_x + margin_ / 2, box.min_y + margin_ / 2, box.max_x - margin_ / 2,
                         box.max_y - margin_ / 2, true};
    const std::size_t nb = before_.zones.size(), na = after_.zones.size();
    UnitPart part;
    if (k == nb) {  // the after zones' land outside the before outline: cells (outside, j)
      for (std::size_t j = 0; j < na; ++j)
        if (geom::GeomPtr in = overlay(ca_->zones[j].get(), cb_->outline.get(), true))
          part.pieces.emplace_back(nb * (na + 1) + j,
                                   inside_only(geom::polygons_from_geos(in.get()), inner));
      return part;
    }
    const std::size_t i = k;  // before zone i's row: cells (i, j) and (i, outside)
    const GEOSGeometry* bi = cb_->zones[i].get();
    if (!bi) return part;
    for (std::size_t j = 0; j < na; ++j) {
      geom::GeomPtr cell = overlay(bi, ca_->zones[j].get(), false);
      if (!cell) continue;
      MultiPolygon pieces = geom::polygons_from_geos(cell.get());
      if (before_.zones[i] == after_.zones[j]) {
        if (!unchanged_geometry_) part.kept_m2.push_back(measure(area_, pieces));
      } else {
        part.pieces.emplace_back(i * (na + 1) + j, inside_only(std::move(pieces), inner));
      }
    }
    if (!unchanged_geometry_) part.clipped_m2 = measure(area_, geom::polygons_from_geos(bi));
    if (geom::GeomPtr out = overlay(bi, ca_->outline.get(), true))
      part.pieces.emplace_back(i * (na + 1) + na,
                               inside_only(geom::polygons_from_geos(out.get()), inner));
    return part;
  }

 private:
  const Side& before_;
  const Side& after_;
  const std::vector<Envelope>& regions_;
  const GeosSide gb_, ga_;
  const AreaCalculator area_;
  bool unchanged_geometry_;
  double margin_;
  std::size_t clipped_region_ = static_cast<std::size_t>(-1);
  std::optional<ClippedSide> cb_, ca_;
};

// Worth a second thread: the overlays' cost follows the zones' vertices.
bool worth_two_threads(const Side& before, const Side& after) {
  constexpr std::size_t kWorthTwoThreads = 20000;
  std::size_t vertices = 0;
  for (const Side* s : {&before, &after})
    for (const auto& g : s->geometry) vertices += geom::vertex_count(g);
  return vertices >= kWorthTwoThreads;
}

}  // namespace

std::vector<FineCell> fine_matrix_pairwise(const Side& before, const Side& after) {
  std::vector<FineCell> cells;
  for (std::size_t i = 0; i < before.zones.size(); ++i) {
    for (std::size_t j = 0; j < after.zones.size(); ++j) {
      FineCell c{before.zones[i], after.zones[j], {}, {}};
      if (!disjoint(before.envelope[i], after.envelope[j]))
        c.geometry = geom::intersect(before.geometry[i], after.geometry[j]);
      cells.push_back(std::move(c));
    }
    FineCell out{before.zones[i], Zone::outside, {}, {}};
    if (!before.geometry[i].empty())
      out.geometry = geom::subtract(before.geometry[i], after.outline);
    cells.push_back(std::move(out));
  }
  for (std::size_t j = 0; j < after.zones.size(); ++j) {
    FineCell in{Zone::outside, after.zones[j], {}, {}};
    if (!after.geometry[j].empty()) in.geometry = geom::subtract(after.geometry[j], before.outline);
    cells.push_back(std::move(in));
  }
  return cells;
}

std::vector<FineCell> fine_matrix_regional(const Side& before, const Side& after,
                                           const AreaCalculator& area, bool unchanged_geometry,
                                           const std::vector<double>& before_zone_m2) {
  const std::size_t nb = before.zones.size(), na = after.zones.size();
  // Cells in the pairwise order: row i holds (i, j) for every j, then (i, outside); then the
  // (outside, j) cells.
  auto at = [&](std::size_t i, std::size_t j) { return i * (na + 1) + j; };
  std::vector<FineCell> cells;
  for (std::size_t i = 0; i < nb; ++i) {
    for (std::size_t j = 0; j < na; ++j) cells.push_back({before.zones[i], after.zones[j], {}, {}});
    cells.push_back({before.zones[i], Zone::outside, {}, {}});
  }
  for (std::size_t j = 0; j < na; ++j) cells.push_back({Zone::outside, after.zones[j], {}, {}});

  // Zones are labelled by their zone, so that a zone is "the same" on both sides.
  std::vector<geom::LabelledArea> la, lb;
  for (std::size_t i = 0; i < nb; ++i)
    la.push_back({static_cast<int>(before.zones[i]), &before.geometry[i]});
  for (std::size_t j = 0; j < na; ++j)
    lb.push_back({static_cast<int>(after.zones[j]), &after.geometry[j]});
  Envelope all = envelope_of(before.outline);
  all.expand(envelope_of(after.outline));
  const double margin = geom::changed_region_margin(all);
  const std::vector<Envelope> regions = geom::changed_regions(la, lb, margin);

  // Inside each rectangle: every changed cell, and the unchanged cells' part there, by units
  // (a before zone's row, the after zones' land outside) that are independent: on two threads when
  // the budget allows and the zones are large (check/stage_threads.hpp), merged in their order.
  std::vector<UnitPart> parts(regions.size() * (nb + 1));
  if (!regions.empty())
    check::for_each_index(parts.size(), 1, worth_two_threads(before, after), [&] {
      auto worker = std::make_shared<RegionalOverlay>(before, after, regions, area,
                                                      unchanged_geometry, margin);
      return [worker, &parts](std::size_t u) { parts[u] = (*worker)(u); };
    });
  std::vector<double> clipped_m2(nb, 0.0), kept_inside_m2(nb, 0.0);
  for (std::size_t u = 0; u < parts.size(); ++u) {
    UnitPart& part = parts[u];
    for (auto& [cell, pieces] : part.pieces) {
      auto& to = cells[cell].geometry.polygons;
      to.insert(to.end(), std::make_move_iterator(pieces.polygons.begin()),
                std::make_move_iterator(pieces.polygons.end()));
    }
    const std::size_t i = u % (nb + 1);  // a before zone's row (i < nb)
    for (double m2 : part.kept_m2) kept_inside_m2[i] += m2;
    if (part.clipped_m2) clipped_m2[i] += *part.clipped_m2;
  }

  // Unchanged cells z → z.
  for (std::size_t i = 0; i < nb; ++i) {
    for (std::size_t j = 0; j < na; ++j) {
      if (before.zones[i] != after.zones[j]) continue;
      FineCell& c = cells[at(i, j)];
      if (disjoint(before.envelope[i], after.envelope[j])) {
        if (!unchanged_geometry) c.area_m2 = 0.0;
      } else if (unchanged_geometry) {
        c.geometry = geom::intersect(before.geometry[i], after.geometry[j]);
      } else {
        const bool all_inside = std::any_of(regions.begin(), regions.end(), [&](const Envelope& r) {
          return geom::envelope_inside(before.envelope[i], r);
        });
        const double outside_m2 = all_inside ? 0.0 : before_zone_m2[i] - clipped_m2[i];
        c.area_m2 = outside_m2 + kept_inside_m2[i];
      }
    }
  }
  return cells;
}

}  // namespace reserve::analysis
