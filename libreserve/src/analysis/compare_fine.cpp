// The fine transition matrix, pairwise or confined to the changed regions.
#include "analysis/compare_fine.hpp"

#include <algorithm>

#include "geom/changed_regions.hpp"
#include "geom/geos.hpp"
#include "geom/rectangle_clip.hpp"

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

// Appends the pieces of a changed cell found in one rectangle, those within `inner` (the rectangle
// less half the margin). Changed land lies a whole margin inside the rectangle
// (geom/changed_regions.hpp); what comes closer to its sides is a sliver of the cut, where the
// zone of one side and the outline of the other were cut at points a rounding apart.
void append(MultiPolygon& to, MultiPolygon&& from, const Envelope& inner) {
  for (auto& p : from.polygons) {
    Envelope e;
    for (const Point& pt : p.outer) e.expand(pt);
    if (geom::envelope_inside(e, inner)) to.polygons.push_back(std::move(p));
  }
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
  auto in_at = [&](std::size_t j) { return nb * (na + 1) + j; };
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

  // Inside each rectangle: every changed cell, and the unchanged cells' part there.
  std::vector<double> clipped_m2(nb, 0.0), kept_inside_m2(nb, 0.0);
  if (!regions.empty()) {
    const GeosSide gb(before), ga(after);
    for (const auto& box : regions) {
      const ClippedSide cb(gb, before, box), ca(ga, after, box);
      const Envelope inner{box.min_x + margin / 2, box.min_y + margin / 2, box.max_x - margin / 2,
                           box.max_y - margin / 2, true};
      for (std::size_t i = 0; i < nb; ++i) {
        const GEOSGeometry* bi = cb.zones[i].get();
        if (!bi) continue;
        for (std::size_t j = 0; j < na; ++j) {
          geom::GeomPtr cell = overlay(bi, ca.zones[j].get(), false);
          if (!cell) continue;
          MultiPolygon pieces = geom::polygons_from_geos(cell.get());
          if (before.zones[i] == after.zones[j]) {
            if (!unchanged_geometry) kept_inside_m2[i] += measure(area, pieces);
          } else {
            append(cells[at(i, j)].geometry, std::move(pieces), inner);
          }
        }
        if (!unchanged_geometry) clipped_m2[i] += measure(area, geom::polygons_from_geos(bi));
        if (geom::GeomPtr out = overlay(bi, ca.outline.get(), true))
          append(cells[at(i, na)].geometry, geom::polygons_from_geos(out.get()), inner);
      }
      for (std::size_t j = 0; j < na; ++j)
        if (geom::GeomPtr in = overlay(ca.zones[j].get(), cb.outline.get(), true))
          append(cells[in_at(j)].geometry, geom::polygons_from_geos(in.get()), inner);
    }
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
