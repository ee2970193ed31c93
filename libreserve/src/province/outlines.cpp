// Shared land of reserve outlines: candidate pairs from the envelope R-tree, then an exact
// intersection (GEOS OverlayNG) measured by the check's area method.
#include "province/outlines.hpp"

#include <algorithm>

#include "geom/envelope_index.hpp"
#include "geom/geos.hpp"
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
  return intersect_pairs(pairs, a, b, crs, method, jobs);
}

std::vector<SharedLand> shared_land_within(const std::vector<Outline>& list, const Crs& crs,
                                           AreaMethod method, unsigned jobs) {
  std::vector<Envelope> boxes;
  for (const auto& o : list) boxes.push_back(o.box);
  return intersect_pairs(geom::intersecting_envelope_pairs(boxes), list, list, crs, method, jobs);
}

}  // namespace reserve::province
