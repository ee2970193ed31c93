#include "geom/changed_regions.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <unordered_map>

namespace reserve::geom {
namespace {

// A directed edge with the labelled area on its left, compared bit for bit.
struct Edge {
  Point from, to;
  int label = 0;
  bool operator==(const Edge& o) const noexcept {
    return std::bit_cast<std::uint64_t>(from.x) == std::bit_cast<std::uint64_t>(o.from.x) &&
           std::bit_cast<std::uint64_t>(from.y) == std::bit_cast<std::uint64_t>(o.from.y) &&
           std::bit_cast<std::uint64_t>(to.x) == std::bit_cast<std::uint64_t>(o.to.x) &&
           std::bit_cast<std::uint64_t>(to.y) == std::bit_cast<std::uint64_t>(o.to.y) &&
           label == o.label;
  }
};

struct EdgeHash {
  std::size_t operator()(const Edge& e) const noexcept {
    std::uint64_t h = static_cast<std::uint64_t>(e.label) * 0x9E3779B97F4A7C15ull;
    for (double v : {e.from.x, e.from.y, e.to.x, e.to.y})
      h = (h ^ std::bit_cast<std::uint64_t>(v)) * 0x100000001B3ull + (h >> 29);
    return static_cast<std::size_t>(h);
  }
};

// Twice the signed area (counter-clockwise positive), relative to the first vertex.
double signed_area2(const Ring& r) {
  double sum = 0.0;
  for (std::size_t i = 1; i + 1 < r.size(); ++i)
    sum += (r[i].x - r[0].x) * (r[i + 1].y - r[0].y) - (r[i + 1].x - r[0].x) * (r[i].y - r[0].y);
  return sum;
}

// Adds +weight for each edge of the ring, oriented with the area on its left (shells
// counter-clockwise, holes clockwise).
void count_ring(const Ring& r, bool shell, int label, int weight,
                std::unordered_map<Edge, int, EdgeHash>& count) {
  const std::size_t n = r.size();
  if (n < 2) return;
  const bool reverse = (signed_area2(r) > 0.0) != shell;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t j = i + 1 < n ? i + 1 : 0;
    if (r[i] == r[j]) continue;  // the closing point, or a repeated vertex
    const Edge e = reverse ? Edge{r[j], r[i], label} : Edge{r[i], r[j], label};
    if ((count[e] += weight) == 0) count.erase(e);
  }
}

void count_layout(const std::vector<LabelledArea>& layout, int weight,
                  std::unordered_map<Edge, int, EdgeHash>& count) {
  for (const auto& area : layout) {
    if (!area.geometry) continue;
    for (const auto& poly : area.geometry->polygons) {
      count_ring(poly.outer, true, area.label, weight, count);
      for (const auto& hole : poly.holes) count_ring(hole, false, area.label, weight, count);
    }
  }
}

bool apart(const Envelope& a, const Envelope& b) {
  return a.max_x < b.min_x || b.max_x < a.min_x || a.max_y < b.min_y || b.max_y < a.min_y;
}

}  // namespace

std::vector<Envelope> changed_regions(const std::vector<LabelledArea>& a,
                                      const std::vector<LabelledArea>& b, double margin) {
  std::unordered_map<Edge, int, EdgeHash> count;
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
