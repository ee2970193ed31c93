// Shared land of reserve outlines: candidate pairs from the envelope R-tree, then an exact
// intersection (GEOS OverlayNG) measured by the check's area method. Between a reserve's baseline
// and its proposal, which share most of their boundary bit for bit, only the area is needed and
// the overlay is confined to the rectangles around the edges that differ (geom/changed_regions).
#include "province/outlines.hpp"

#include <algorithm>

#include "geom/changed_regions.hpp"
#include "geom/envelope_index.hpp"
#include "geom/geos.hpp"
#include "geom/rectangle_clip.hpp"
#include "province/parallel.hpp"

namespace reserve::province {
namespace {

using Pair = std::pair<std::size_t, std::size_t>;

// Intersects each candidate pair on `jobs` threads (each thread its own GEOS context and area
// calculator); keeps those with positive area.
std::vector<SharedLand> intersect_pairs(const std::vector<Pair>& pairs,
                                        const std::vector<Outline>& a,
                                        const std::vector<Outline>& b, const Crs& crs,
                                        AreaMethod method, unsigned jobs) {
  std::vector<SharedLand> found(pairs.size());
  parallel_for(pairs.size(), jobs, [&](std::size_t k) {
    const auto [i, j] = pairs[k];
    SharedLand land{i, j, geom::intersect(a[i].shape, b[j].shape), 0.0};
    if (!land.geometry.empty()) land.area_m2 = AreaCalculator(crs, method).area_m2(land.geometry);
    found[k] = std::move(land);
  });
  std::vector<SharedLand> out;
  for (auto& f : found)
    if (f.area_m2 > 0.0) out.push_back(std::move(f));
  return out;
}

double area_of(const AreaCalculator& calc, const MultiPolygon& mp) {
  return mp.empty() ? 0.0 : calc.area_m2(mp);
}

double area_of(const AreaCalculator& calc, const GEOSGeometry* g) {
  return g ? area_of(calc, geom::polygons_from_geos(g)) : 0.0;
}

// The area a and b share. Outside the rectangles that hold every point in one outline only, the
// two are the same land; so area(a ∩ b) = area(a) − area(a ∩ R) + area((a ∩ R) ∩ (b ∩ R)).
// Unrelated outlines (every edge differs, one rectangle around both) take the plain overlay.
// a ∩ R and b ∩ R are cut by GEOSClipByRect (geom/rectangle_clip.hpp): an edge the two share is
// the same directed edge in both, so both are cut at the same points.
double shared_area(const Outline& a, const Outline& b, const AreaCalculator& calc) {
  Envelope all = a.box;
  all.expand(b.box);
  const std::vector<Envelope> regions =
      geom::changed_regions({{1, &a.shape}}, {{1, &b.shape}}, geom::changed_region_margin(all));
  if (regions.empty()) return a.area_m2;  // the same outline
  for (const auto& r : regions)
    if (geom::envelope_inside(a.box, r)) return area_of(calc, geom::intersect(a.shape, b.shape));
  const geom::GeomPtr ga = geom::to_geos(a.shape), gb = geom::to_geos(b.shape);
  auto* h = geom::context();
  double shared = a.area_m2;
  for (const auto& r : regions) {
    const geom::GeomPtr a_in = geom::land_in_rectangle(ga.get(), a.shape, r);
    if (!a_in) continue;
    shared -= area_of(calc, a_in.get());
    const geom::GeomPtr b_in = geom::land_in_rectangle(gb.get(), b.shape, r);
    if (!b_in) continue;
    shared += area_of(
        calc,
        geom::land_only(geom::check(GEOSIntersection_r(h, a_in.get(), b_in.get()), "intersection"))
            .get());
  }
  return shared;
}

}  // namespace

std::vector<SharedLand> shared_land_between(const std::vector<Outline>& a,
                                            const std::vector<Outline>& b, const Crs& crs,
                                            AreaMethod method, unsigned jobs) {
  std::vector<Envelope> boxes;
  for (const auto& o : b) boxes.push_back(o.box);
  const geom::EnvelopeIndex index(boxes);
  std::vector<Pair> pairs;
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j : index.query(a[i].box)) pairs.emplace_back(i, j);
  std::vector<SharedLand> found(pairs.size());
  parallel_for(pairs.size(), jobs, [&](std::size_t k) {
    const auto [i, j] = pairs[k];
    found[k] = SharedLand{i, j, {}, shared_area(a[i], b[j], AreaCalculator(crs, method))};
  });
  std::vector<SharedLand> out;
  // Relative to the smaller outline: a difference of two areas carries rounding.
  for (auto& f : found)
    if (f.area_m2 > 1e-12 * std::min(a[f.a].area_m2, b[f.b].area_m2)) out.push_back(std::move(f));
  return out;
}

std::vector<SharedLand> shared_land_within(const std::vector<Outline>& list, const Crs& crs,
                                           AreaMethod method, unsigned jobs) {
  std::vector<Envelope> boxes;
  for (const auto& o : list) boxes.push_back(o.box);
  return intersect_pairs(geom::intersecting_envelope_pairs(boxes), list, list, crs, method, jobs);
}

}  // namespace reserve::province
