#pragma once
// The suggestion as a plain optimisation model (numbers and a graph, no geometry), so the
// solvers can be checked against brute force on small cases. Private to the library.
//
// Items are pieces of land: `add` items lie outside the proposal (chosen: added to the reserve as
// its least strict zone — pick 1 — or its strict zone — pick 2), upgrade items lie in the
// proposal's least strict zone (chosen: pick 2, moved to the strict zone). Constraints, each
// present when set:
//   total:  Σ_add a·[pick>0]                                  ≥ need_total_m2
//   share:  S + Σ_add a·[pick=2] + Σ_up a·[pick=2] ≥ s·(T + Σ_add a·[pick>0])
//   strict: Σ_add a·[pick=2] + Σ_up a·[pick=2]                ≥ need_strict_m2
//   contiguity: every chosen add item is anchored (touches the reserve, or within the gap) or
//               joined to an anchored chosen item through chosen add items (`neighbours`).
// Objective: minimise Σ cost of the chosen items.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace reserve::suggestion {

struct Item {
  bool add = true;  // false: an upgrade piece inside the proposal
  double area_m2 = 0.0;
  double cost = 0.0;
  bool anchored = false;                // add: within the gap of the reserve
  std::vector<std::size_t> neighbours;  // add: other add items within the gap (symmetric)
};

struct ShareConstraint {
  double share_before = 0.0;     // s, a fraction
  double total_after_m2 = 0.0;   // T
  double strict_after_m2 = 0.0;  // S
};

struct Model {
  std::vector<Item> items;
  bool allow_least_strict = true;  // add items may take pick 1
  bool allow_strict = true;        // add items may take pick 2
  std::optional<double> need_total_m2;
  std::optional<ShareConstraint> share;
  std::optional<double> need_strict_m2;
};

// pick per item: 0 not chosen, 1 added as the least strict zone, 2 strict (added or upgraded).
using Picks = std::vector<int>;

// Whether `picks` is allowed (zone options) and meets every constraint, contiguity included.
bool satisfies(const Model& model, const Picks& picks);
double cost_of(const Model& model, const Picks& picks);

// Add items joined to an anchor through add items (the only ones that can ever be chosen).
std::vector<bool> reachable(const Model& model);

// How the chosen add items are joined to the reserve: `joined[i]` when a chain of chosen add
// items links i to an anchored one; `through[i]` the chosen item it is reached from (nullopt for
// an anchored item), in breadth-first order from the anchors.
struct Joins {
  std::vector<bool> joined;
  std::vector<std::optional<std::size_t>> through;
};
Joins joins(const Model& model, const Picks& picks);

struct Solution {
  bool feasible = false;
  Picks picks;
  double objective = 0.0;
  double lower_bound = 0.0;
  double gap = 0.0;
  std::string method;  // "ilp" or "greedy"
  std::string reason;  // why this method
  double seconds = 0.0;
};

// Exact: GLPK branch and cut on the model with a single-commodity flow for contiguity. Greedy
// fallback on timeout (the better of the two, with the LP relaxation as the lower bound).
Solution solve_ilp(const Model& model, double time_limit_s);
// The LP relaxation's optimum (a lower bound on every solution); nullopt when the relaxation is
// infeasible (then no solution exists).
std::optional<double> lp_lower_bound(const Model& model);
// Greedy: repeatedly the reachable choice that removes the most violation per unit cost, then
// drops what is not needed. Feasible only when it reaches every constraint.
Solution solve_greedy(const Model& model);

}  // namespace reserve::suggestion
