#include "geom/changed_regions.hpp"

#include "geom/directed_edges.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>

namespace reserve::geom {
namespace {

// An edge (its coordinates' bits and label) with +1 when it comes from `a`, −1 from `b`. Sorted,
// the copies of one edge are neighbours: one allocation instead of a hash map's node per edge.
struct Counted {
  std::array<std::uint64_t, 4> key;
  int label;
  int weight;
};

void collect(const std::vector<LabelledArea>& layout, int weight, std::vector<Counted>& out) {
  for (const auto& area : layout) {
    if (!area.geometry) continue;
    for_each_edge(*area.geometry, area.label, [&](const DirectedEdge& e, const Ring&, std::size_t) {
      out.push_back(
          {{std::bit_cast<std::uint64_t>(e.from.x), std::bit_cast<std::uint64_t>(e.from.y),
            std::bit_cast<std::uint64_t>(e.to.x), std::bit_cast<std::uint64_t>(e.to.y)},
           area.label,
           weight});
    });
  }
}

bool apart(const Envelope& a, const Envelope& b) {
  return a.max_x < b.min_x || b.max_x < a.min_x || a.max_y < b.min_y || b.max_y < a.min_y;
}

}  // namespace

std::vector<Envelope> changed_regions(const std::vector<LabelledArea>& a,
                                      const std::vector<LabelledArea>& b, double margin) {
  // An edge changed when it is not in `a` as often as in `b` (its weights do not cancel).
  std::vector<Counted> edges;
  collect(a, 1, edges);
  collect(b, -1, edges);
  std::sort(edges.begin(), edges.end(), [](const Counted& l, const Counted& r) {
    return l.key != r.key ? l.key < r.key : l.label < r.label;
  });
  std::vector<Envelope> boxes;
  for (std::size_t i = 0, k = 0; i < edges.size(); i = k) {
    int count = 0;
    for (k = i;
         k < edges.size() && edges[k].key == edges[i].key && edges[k].label == edges[i].label; ++k)
      count += edges[k].weight;
    if (count == 0) continue;
    const auto& key = edges[i].key;
    Envelope box;
    box.expand(Point{std::bit_cast<double>(key[0]), std::bit_cast<double>(key[1])});
    box.expand(Point{std::bit_cast<double>(key[2]), std::bit_cast<double>(key[3])});
    box.min_x -= margin;
    box.min_y -= margin;
    box.max_x += margin;
    box.max_y += margin;
    boxes.push_back(box);
  }
  // Changed edges come in runs along a redrawn stretch: sorted by x, most boxes join the
  // rectangle just before them. Then rectangles that meet are merged until none do.
  std::sort(boxes.begin(), boxes.end(),
            [](const Envelope& l, const Envelope& r) { return l.min_x < r.min_x; });
  std::vector<Envelope> rects;
  for (const auto& box : boxes) {
    auto it = std::find_if(rects.rbegin(), rects.rend(),
                           [&](const Envelope& r) { return !apart(r, box); });
    if (it == rects.rend())
      rects.push_back(box);
    else
      it->expand(box);
  }
  for (bool merged = true; merged;) {
    merged = false;
    for (std::size_t i = 0; i < rects.size() && !merged; ++i) {
      for (std::size_t j = i + 1; j < rects.size(); ++j) {
        if (apart(rects[i], rects[j])) continue;
        rects[i].expand(rects[j]);
        rects.erase(rects.begin() + static_cast<std::ptrdiff_t>(j));
        merged = true;
        break;
      }
    }
  }
  return rects;
}

}  // namespace reserve::geom
