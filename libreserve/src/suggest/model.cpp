// Checking a choice against the model: zone options, the area constraints and contiguity.
#include "suggest/model.hpp"

#include <algorithm>
#include <cmath>
#include <deque>

namespace reserve::suggestion {
namespace {

// Relative slack for floating-point sums: a constraint met to 1e-9 of its scale is met.
bool at_least(double lhs, double rhs) {
  const double scale = std::max({1.0, std::abs(lhs), std::abs(rhs)});
  return lhs >= rhs - 1e-9 * scale;
}

}  // namespace

Joins joins(const Model& model, const Picks& picks) {
  Joins out{std::vector<bool>(model.items.size(), false),
            std::vector<std::optional<std::size_t>>(model.items.size())};
  std::deque<std::size_t> queue;
  for (std::size_t i = 0; i < model.items.size(); ++i)
    if (model.items[i].add && picks[i] > 0 && model.items[i].anchored) {
      out.joined[i] = true;
      queue.push_back(i);
    }
  while (!queue.empty()) {
    const std::size_t i = queue.front();
    queue.pop_front();
    for (std::size_t j : model.items[i].neighbours)
      if (!out.joined[j] && picks[j] > 0) {
        out.joined[j] = true;
        out.through[j] = i;
        queue.push_back(j);
      }
  }
  return out;
}

bool satisfies(const Model& model, const Picks& picks) {
  if (picks.size() != model.items.size()) return false;
  double added = 0.0, strict_gain = 0.0;
  for (std::size_t i = 0; i < picks.size(); ++i) {
    const Item& it = model.items[i];
    const int p = picks[i];
    if (p < 0 || p > 2) return false;
    if (!it.add && p == 1) return false;
    if (it.add && p == 1 && !model.allow_least_strict) return false;
    if (it.add && p == 2 && !model.allow_strict) return false;
    if (it.add && p > 0) added += it.area_m2;
    if (p == 2) strict_gain += it.area_m2;
  }
  if (model.need_total_m2 && !at_least(added, *model.need_total_m2)) return false;
  if (model.need_strict_m2 && !at_least(strict_gain, *model.need_strict_m2)) return false;
  if (model.share) {
    const ShareConstraint& s = *model.share;
    if (!at_least(s.strict_after_m2 + strict_gain, s.share_before * (s.total_after_m2 + added)))
      return false;
  }
  const std::vector<bool> linked = joins(model, picks).joined;
  for (std::size_t i = 0; i < picks.size(); ++i)
    if (model.items[i].add && picks[i] > 0 && !linked[i]) return false;
  return true;
}

double cost_of(const Model& model, const Picks& picks) {
  double c = 0.0;
  for (std::size_t i = 0; i < picks.size(); ++i)
    if (picks[i] > 0) c += model.items[i].cost;
  return c;
}

std::vector<bool> reachable(const Model& model) {
  return joins(model, Picks(model.items.size(), 1)).joined;
}

}  // namespace reserve::suggestion
