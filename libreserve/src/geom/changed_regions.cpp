#include "geom/changed_regions.hpp"

#include "geom/directed_edges.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <utility>

namespace reserve::geom {
namespace {

// Each edge's count in `a` less its count in `b`, in an open-addressing table (indices into a
// vector of the distinct edges): one allocation each, where a hash map allocates a node per edge.
class EdgeCounts {
 public:
  explicit EdgeCounts(std::size_t most) : slots_(std::bit_ceil(2 * most + 16), kEmpty) {
    edges_.reserve(most);
  }

  void add(const std::vector<LabelledArea>& layout, int weight) {
    for (const auto& area : layout) {
      if (!area.geometry) continue;
      for_each_edge(*area.geometry, area.label,
                    [&](const DirectedEdge& e, const Ring&, std::size_t) { count(e, weight); });
    }
  }

  // Calls f(edge) for each edge whose counts do not cancel.
  template <class F>
  void for_each_changed(F&& f) const {
    for (const auto& [e, n] : edges_)
      if (n != 0) f(e);
  }

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  std::vector<std::pair<DirectedEdge, int>> edges_;
  std::vector<std::uint32_t> slots_;

  void count(const DirectedEdge& e, int weight) {
    std::uint64_t h = DirectedEdgeHash{}(e);
    h = (h ^ (h >> 33)) * 0xff51afd7ed558ccdull;  // the hash's high bits into the low ones
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = (h ^ (h >> 33)) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == kEmpty) {
        slots_[i] = static_cast<std::uint32_t>(edges_.size());
        edges_.emplace_back(e, weight);
        return;
      }
      auto& [known, n] = edges_[slots_[i]];
      if (known == e) {
        n += weight;
        return;
      }
    }
  }
};

std::size_t vertex_count(const std::vector<LabelledArea>& layout) {
  std::size_t n = 0;
  for (const auto& area : layout) {
    if (!area.geometry) continue;
    for (const auto& poly : area.geometry->polygons) {
      n += poly.outer.size();
      for (const auto& hole : poly.holes) n += hole.size();
    }
  }
  return n;
}

bool apart(const Envelope& a, const Envelope& b) {
  return a.max_x < b.min_x || b.max_x < a.min_x || a.max_y < b.min_y || b.max_y < a.min_y;
}

}  // namespace

std::vector<Envelope> changed_regions(const std::vector<LabelledArea>& a,
                                      const std::vector<LabelledArea>& b, double margin) {
  // An edge changed when it is not in `a` as often as in `b` (its counts do not cancel).
  EdgeCounts counts(vertex_count(a) + vertex_count(b));
  counts.add(a, 1);
  counts.add(b, -1);
  std::vector<Envelope> boxes;
  counts.for_each_changed([&](const DirectedEdge& e) {
    Envelope box;
    box.expand(e.from);
    box.expand(e.to);
    box.min_x -= margin;
    box.min_y -= margin;
    box.max_x += margin;
    box.max_y += margin;
    boxes.push_back(box);
  });
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
