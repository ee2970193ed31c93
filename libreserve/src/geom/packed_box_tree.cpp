// Packing of PackedBoxTree (see packed_box_tree.hpp).
#include "geom/packed_box_tree.hpp"

#include <numeric>

namespace reserve::geom {
namespace {

// Sort-Tile-Recursive order of `boxes`: by centre x into ⌈√(n / fanout)⌉ vertical slices, each
// slice by centre y; consecutive runs of `fanout` then make compact nodes.
std::vector<std::uint32_t> str_order(const std::vector<PackedBox>& boxes, std::size_t fanout) {
  const std::size_t n = boxes.size();
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  auto cx = [&](std::uint32_t i) { return boxes[i].min_x + boxes[i].max_x; };
  auto cy = [&](std::uint32_t i) { return boxes[i].min_y + boxes[i].max_y; };
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return cx(a) < cx(b) || (cx(a) == cx(b) && a < b);
  });
  const std::size_t nodes = (n + fanout - 1) / fanout;
  const auto slices = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
  const std::size_t per_slice = slices * fanout;
  for (std::size_t s = 0; s < n; s += per_slice) {
    const auto first = order.begin() + static_cast<std::ptrdiff_t>(s);
    const auto last = order.begin() + static_cast<std::ptrdiff_t>(std::min(n, s + per_slice));
    std::sort(first, last, [&](std::uint32_t a, std::uint32_t b) {
      return cy(a) < cy(b) || (cy(a) == cy(b) && a < b);
    });
  }
  return order;
}

}  // namespace

PackedBoxTree::PackedBoxTree(const std::vector<PackedBox>& boxes) {
  if (boxes.empty()) return;
  items_ = str_order(boxes, kFanout);
  leaf_boxes_.reserve(items_.size());
  for (std::uint32_t i : items_) leaf_boxes_.push_back(boxes[i]);
  // Each level groups runs of kFanout slots of the one below, which is first put in STR order
  // (its nodes carry their own child ranges, so reordering them changes nothing below).
  std::vector<PackedBox> below = leaf_boxes_;
  while (true) {
    std::vector<Node> level;
    for (std::size_t k = 0; k < below.size(); k += kFanout) {
      Node n;
      n.first = static_cast<std::uint32_t>(k);
      n.count = static_cast<std::uint32_t>(std::min<std::size_t>(kFanout, below.size() - k));
      n.box = below[k];
      for (std::uint32_t c = 1; c < n.count; ++c) n.box.expand(below[k + c]);
      level.push_back(n);
    }
    if (level.size() > 1) {
      std::vector<PackedBox> level_boxes;
      for (const Node& n : level) level_boxes.push_back(n.box);
      const std::vector<std::uint32_t> order = str_order(level_boxes, kFanout);
      std::vector<Node> sorted;
      sorted.reserve(level.size());
      for (std::uint32_t i : order) sorted.push_back(level[i]);
      level = std::move(sorted);
    }
    below.clear();
    for (const Node& n : level) below.push_back(n.box);
    levels_.push_back(std::move(level));
    if (below.size() == 1) break;
  }
}

}  // namespace reserve::geom
