#include "geom/changed_regions.hpp"

#include "geom/directed_edges.hpp"

#include <algorithm>
#include <unordered_map>

namespace reserve::geom {
namespace {

using EdgeCount = std::unordered_map<DirectedEdge, int, DirectedEdgeHash>;

void count_layout(const std::vector<LabelledArea>& layout, int weight, EdgeCount& count) {
  for (const auto& area : layout) {
    if (!area.geometry) continue;
    for_each_edge(*area.geometry, area.label, [&](const DirectedEdge& e, const Ring&, std::size_t) {
      if ((count[e] += weight) == 0) count.erase(e);
    });
  }
}

bool apart(const Envelope& a, const Envelope& b) {
  return a.max_x < b.min_x || b.max_x < a.min_x || a.max_y < b.min_y || b.max_y < a.min_y;
}

}  // namespace

std::vector<Envelope> changed_regions(const std::vector<LabelledArea>& a,
                                      const std::vector<LabelledArea>& b, double margin) {
  EdgeCount count;
  count_layout(a, 1, count);
  count_layout(b, -1, count);
  std::vector<Envelope> boxes;
  boxes.reserve(count.size());
  for (const auto& [e, n] : count) {
    Envelope box;
    box.expand(e.from);
    box.expand(e.to);
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
