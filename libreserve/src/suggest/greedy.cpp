// The greedy for models too large for the exact solver: grow the choice from the reserve,
// each step taking the reachable option that removes the most constraint violation per unit cost,
// then drop chosen items (costliest first) that the constraints and contiguity do not need. Its
// cost is compared with the LP relaxation's optimum, a lower bound on every solution, so the gap
// it reports is an upper bound on how far it is from the optimum.
#include <algorithm>
#include <chrono>
#include <numeric>

#include "suggest/model.hpp"

namespace reserve::suggestion {
namespace {

// Residuals r_k = what constraint k still needs (≤ 0: met), all in m².
struct Residuals {
  double total = 0.0, share = 0.0, strict = 0.0;
  double violation() const {
    return std::max(total, 0.0) + std::max(share, 0.0) + std::max(strict, 0.0);
  }
};

Residuals start(const Model& m) {
  Residuals r;
  r.total = m.need_total_m2.value_or(-1.0);
  r.strict = m.need_strict_m2.value_or(-1.0);
  r.share =
      m.share ? m.share->share_before * m.share->total_after_m2 - m.share->strict_after_m2 : -1.0;
  return r;
}

Residuals after_pick(const Model& m, Residuals r, const Item& it, int pick) {
  const double a = it.area_m2;
  const double s = m.share ? m.share->share_before : 0.0;
  if (it.add && m.need_total_m2) r.total -= a;
  if (pick == 2 && m.need_strict_m2) r.strict -= a;
  if (m.share) r.share -= pick == 2 ? (it.add ? (1.0 - s) * a : a) : -s * a;
  return r;
}

bool option_allowed(const Model& m, const Item& it, int pick) {
  if (!it.add) return pick == 2;
  return pick == 1 ? m.allow_least_strict : m.allow_strict;
}

}  // namespace

Solution solve_greedy(const Model& m) {
  const auto t0 = std::chrono::steady_clock::now();
  Solution s;
  s.method = "greedy";
  const std::size_t n = m.items.size();
  Picks picks(n, 0);
  std::vector<bool> frontier(n, false);  // add items joined to the reserve or a chosen item
  for (std::size_t i = 0; i < n; ++i) frontier[i] = !m.items[i].add || m.items[i].anchored;
  Residuals r = start(m);
  while (r.violation() > 1e-9 * std::max(1.0, r.violation() + 1.0)) {
    double best_score = 0.0;
    std::size_t best = n;
    int best_pick = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (picks[i] != 0 || !frontier[i]) continue;
      for (int p : {1, 2}) {
        if (!option_allowed(m, m.items[i], p)) continue;
        const double gain = r.violation() - after_pick(m, r, m.items[i], p).violation();
        const double score = gain / std::max(m.items[i].cost, 1e-12);
        if (score > best_score) {
          best_score = score;
          best = i;
          best_pick = p;
        }
      }
    }
    if (best == n) break;  // nothing left that helps
    picks[best] = best_pick;
    r = after_pick(m, r, m.items[best], best_pick);
    for (std::size_t j : m.items[best].neighbours) frontier[j] = true;
  }
  if (satisfies(m, picks)) {
    // Drop what is not needed, costliest first (a drop that breaks contiguity is undone).
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return m.items[a].cost > m.items[b].cost; });
    for (std::size_t i : order) {
      if (picks[i] == 0) continue;
      const int kept = picks[i];
      picks[i] = 0;
      if (!satisfies(m, picks)) picks[i] = kept;
    }
    s.feasible = true;
    s.picks = std::move(picks);
    s.objective = cost_of(m, s.picks);
  }
  if (const auto bound = lp_lower_bound(m)) {
    s.lower_bound = *bound;
    if (s.feasible && s.objective > 0.0)
      s.gap = std::max(0.0, (s.objective - s.lower_bound) / s.objective);
  }
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return s;
}

}  // namespace reserve::suggestion
