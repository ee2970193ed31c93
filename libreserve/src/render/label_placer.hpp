#pragma once
// Greedy label placement: labels are tried in priority order at candidate positions around their
// anchor (8 positions next to it, then further rings that need a leader line); the first position
// whose box stays inside the map area and overlaps no obstacle or earlier label wins. Labels with
// no free position are dropped and counted.
#include <optional>
#include <vector>

namespace reserve::render {

struct Box {
  double x0 = 0.0, y0 = 0.0, x1 = 0.0, y1 = 0.0;  // page points, y down
  bool overlaps(const Box& o) const noexcept {
    return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1;
  }
  bool inside(const Box& o) const noexcept {
    return x0 >= o.x0 && y0 >= o.y0 && x1 <= o.x1 && y1 <= o.y1;
  }
};

struct LabelRequest {
  double anchor_x = 0.0, anchor_y = 0.0;  // page points
  double clearance_pt = 0.0;              // radius kept free around the anchor (symbol size / 2)
  double width_pt = 0.0, height_pt = 0.0;
  bool centred_first = false;  // areas: try the anchor itself first
};

struct LabelPlacement {
  double x = 0.0, y = 0.0;  // top-left of the label box
  bool leader = false;      // draw a line from the anchor to the box
};

class LabelPlacer {
 public:
  explicit LabelPlacer(Box area) : area_(area) {}
  void add_obstacle(const Box& b) { taken_.push_back(b); }
  // Places one label (call in priority order); nullopt when dropped.
  std::optional<LabelPlacement> place(const LabelRequest& r);

 private:
  bool free(const Box& b) const;
  Box area_;
  std::vector<Box> taken_;
};

}  // namespace reserve::render
