#include "render/label_placer.hpp"

#include <cmath>

namespace reserve::render {

bool LabelPlacer::free(const Box& b) const {
  if (!b.inside(area_)) return false;
  for (const auto& t : taken_)
    if (b.overlaps(t)) return false;
  return true;
}

std::optional<LabelPlacement> LabelPlacer::place(const LabelRequest& r) {
  const double w = r.width_pt, h = r.height_pt;
  const double gap = r.clearance_pt + 1.0;
  auto box_at = [&](double x, double y) { return Box{x, y, x + w, y + h}; };
  auto try_at = [&](double x, double y, bool leader) -> std::optional<LabelPlacement> {
    const Box b = box_at(x, y);
    if (!free(b)) return std::nullopt;
    taken_.push_back(b);
    return LabelPlacement{x, y, leader};
  };
  const double ax = r.anchor_x, ay = r.anchor_y;
  if (r.centred_first) {
    if (auto p = try_at(ax - w / 2.0, ay - h / 2.0, false)) return p;
  }
  // Cartographic preference order: right, upper right, lower right, left, above, below, …
  const double offsets[8][2] = {{1, 0},  {1, -1}, {1, 1},   {-1, 0},
                                {0, -1}, {0, 1},  {-1, -1}, {-1, 1}};
  auto position = [&](const double* o, double distance) {
    double x = ax - w / 2.0, y = ay - h / 2.0;
    if (o[0] > 0) x = ax + distance;
    if (o[0] < 0) x = ax - distance - w;
    if (o[1] > 0) y = ay + distance * (o[0] != 0 ? 0.3 : 1.0);
    if (o[1] < 0) y = ay - distance * (o[0] != 0 ? 0.3 : 1.0) - h;
    if (o[0] != 0 && o[1] == 0) y = ay - h / 2.0;
    return std::pair{x, y};
  };
  for (const auto& o : offsets) {
    auto [x, y] = position(o, gap);
    if (auto p = try_at(x, y, false)) return p;
  }
  // Further out, joined to the anchor by a leader line.
  for (double factor : {2.5, 4.0, 6.0}) {
    const double distance = gap + factor * h;
    for (const auto& o : offsets) {
      auto [x, y] = position(o, distance);
      if (auto p = try_at(x, y, true)) return p;
    }
  }
  return std::nullopt;
}

}  // namespace reserve::render
