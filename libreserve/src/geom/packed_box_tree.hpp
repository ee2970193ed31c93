#pragma once
// A static R-tree of boxes, packed once (Sort-Tile-Recursive) and immutable after, so it may be
// shared between threads. Its queries allocate nothing: Boost.Geometry's incremental nearest-first
// query allocated its queues on every call and took ~7 % of a large reserve's check, more than the
// distances it served. Private to the library.
//
// Contract: for_each_meeting(b, f) calls f(item) for every item whose box meets the closed box b
// (until f returns true); nearest_first(dist, visit) calls visit(item, d) for items in an order
// of their boxes' distances d = dist(box) where every subtree skipped is one whose box distance
// exceeded what visit last said it could still use (its return value): see nearest_first.
// Depth first with the children in order finds a nearest item about as soon as a global queue.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace reserve::geom {

struct PackedBox {
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
  bool meets(const PackedBox& o) const noexcept {
    return min_x <= o.max_x && o.min_x <= max_x && min_y <= o.max_y && o.min_y <= max_y;
  }
  void expand(const PackedBox& o) noexcept {
    min_x = std::min(min_x, o.min_x);
    min_y = std::min(min_y, o.min_y);
    max_x = std::max(max_x, o.max_x);
    max_y = std::max(max_y, o.max_y);
  }
};

class PackedBoxTree {
 public:
  PackedBoxTree() = default;
  // Item i is boxes[i].
  explicit PackedBoxTree(const std::vector<PackedBox>& boxes);

  std::size_t size() const noexcept { return items_.size(); }

  // f(item) for every item whose box meets `b`, until f returns true; whether one did.
  template <class F>
  bool for_each_meeting(const PackedBox& b, F&& f) const {
    if (items_.empty()) return false;
    std::array<std::uint32_t, kStack> stack;
    std::size_t top = 0;
    stack[top++] = 0;  // the root: the one node of the last level
    std::array<std::uint32_t, kStack> levels;
    levels[0] = static_cast<std::uint32_t>(levels_.size() - 1);
    while (top > 0) {
      --top;
      const std::uint32_t node = stack[top], level = levels[top];
      const Node& n = levels_[level][node];
      if (!n.box.meets(b)) continue;
      if (level == 0) {
        for (std::uint32_t k = n.first; k < n.first + n.count; ++k)
          if (leaf_boxes_[k].meets(b) && f(items_[k])) return true;
        continue;
      }
      for (std::uint32_t k = n.first; k < n.first + n.count; ++k) {
        stack[top] = k;
        levels[top++] = level - 1;
      }
    }
    return false;
  }

  // Nearest first, depth first: the children of a node are taken in ascending box distance
  // dist(box), and a child (node or item) is skipped when its distance exceeds `reach`: `start`
  // at first, then what visit(item, d) returns each time (what the caller can still use). visit
  // returning a negative reach stops the walk. Every item not visited lies in a box farther than
  // the reach in force when it was passed over.
  template <class Dist, class Visit>
  void nearest_first(double start, Dist&& dist, Visit&& visit) const {
    if (items_.empty()) return;
    struct Entry {
      double d;
      std::uint32_t index, level;  // level kItems: an item (leaf slot)
    };
    std::array<Entry, kStack> stack;
    std::size_t top = 0;
    const auto root_level = static_cast<std::uint32_t>(levels_.size() - 1);
    stack[top++] = Entry{dist(levels_[root_level][0].box), 0, root_level};
    double reach = start;
    std::array<Entry, kFanout> children;
    while (top > 0) {
      const Entry e = stack[--top];
      if (e.d > reach) continue;
      if (e.level == kItems) {
        reach = visit(items_[e.index], e.d);
        if (reach < 0.0) return;
        continue;
      }
      const Node& n = levels_[e.level][e.index];
      std::size_t m = 0;
      for (std::uint32_t k = n.first; k < n.first + n.count; ++k) {
        const PackedBox& box = e.level == 0 ? leaf_boxes_[k] : levels_[e.level - 1][k].box;
        const double d = dist(box);
        if (d > reach) continue;
        children[m++] = Entry{d, k, e.level == 0 ? kItems : e.level - 1};
      }
      // Farthest pushed first, so that the nearest is taken next.
      std::sort(children.begin(), children.begin() + static_cast<std::ptrdiff_t>(m),
                [](const Entry& a, const Entry& b) { return a.d > b.d; });
      for (std::size_t k = 0; k < m; ++k) stack[top++] = children[k];
    }
  }

 private:
  static constexpr std::uint32_t kFanout = 16;
  static constexpr std::uint32_t kItems = 0xffffffffu;
  // Depth first keeps at most kFanout entries per level on the stack; 16 levels hold 16^16 items.
  static constexpr std::size_t kStack = kFanout * 16;

  struct Node {
    PackedBox box;
    std::uint32_t first = 0, count = 0;  // children: slots of the level below (leaves: items)
  };

  std::vector<PackedBox> leaf_boxes_;      // the items' boxes in packed order
  std::vector<std::uint32_t> items_;       // the item at each packed slot
  std::vector<std::vector<Node>> levels_;  // levels_[0] groups leaf slots; the last is the root
};

}  // namespace reserve::geom
