// The exact solver against brute-force enumeration of every choice (3^n) on small seeded models,
// and the greedy against both: an independent expectation for the optimum.
#include <gtest/gtest.h>

#include <random>

#include "suggest/model.hpp"

namespace reserve::suggestion {
namespace {

Model random_model(std::mt19937& rng, std::size_t n) {
  std::uniform_real_distribution<double> area(1000.0, 20000.0), unit(0.0, 1.0);
  Model m;
  for (std::size_t i = 0; i < n; ++i) {
    Item it;
    it.add = unit(rng) < 0.75;
    it.area_m2 = area(rng);
    it.cost = it.area_m2 * (0.5 + unit(rng));
    it.anchored = it.add && unit(rng) < 0.4;
    m.items.push_back(it);
  }
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j)
      if (m.items[i].add && m.items[j].add && unit(rng) < 0.3) {
        m.items[i].neighbours.push_back(j);
        m.items[j].neighbours.push_back(i);
      }
  m.need_total_m2 = area(rng) * 2.0;
  m.share = ShareConstraint{0.5, 100000.0, 45000.0 + area(rng)};  // a share just below 50 %
  return m;
}

std::optional<double> brute_force(const Model& m) {
  const std::size_t n = m.items.size();
  std::size_t count = 1;
  for (std::size_t i = 0; i < n; ++i) count *= 3;
  std::optional<double> best;
  Picks p(n, 0);
  for (std::size_t code = 0; code < count; ++code) {
    std::size_t c = code;
    for (std::size_t i = 0; i < n; ++i, c /= 3) p[i] = static_cast<int>(c % 3);
    if (!satisfies(m, p)) continue;
    const double cost = cost_of(m, p);
    if (!best || cost < *best) best = cost;
  }
  return best;
}

TEST(SuggestModel, IlpEqualsBruteForceOnSmallModels) {
  const unsigned seed = 20261130;  // printed by the failure message below
  std::mt19937 rng(seed);
  int feasible = 0;
  for (int round = 0; round < 40; ++round) {
    const Model m = random_model(rng, 8);
    const std::optional<double> expected = brute_force(m);
    const Solution s = solve_ilp(m, 30.0);
    ASSERT_EQ(s.feasible, expected.has_value()) << "seed " << seed << " round " << round;
    if (!expected) continue;
    ++feasible;
    EXPECT_TRUE(satisfies(m, s.picks)) << "round " << round;
    EXPECT_NEAR(s.objective, *expected, 1e-6 * *expected) << "round " << round;  // relative 1e-6
    EXPECT_LE(s.lower_bound, *expected * (1 + 1e-9));
    const Solution g = solve_greedy(m);
    if (g.feasible) {
      EXPECT_TRUE(satisfies(m, g.picks));
      EXPECT_GE(g.objective, *expected * (1 - 1e-9));    // never better than the optimum
      EXPECT_LE(g.lower_bound, *expected * (1 + 1e-9));  // the LP bound is a true lower bound
    }
  }
  EXPECT_GE(feasible, 10);  // the seeded models exercise both outcomes
  EXPECT_LT(feasible, 40);
}

TEST(SuggestModel, ContiguityNeedsAChainOfChosenParcels) {
  // Three 1 ha parcels in a row, only the first touching the reserve: taking the third alone is
  // not contiguous; the cheapest way to add 1 ha through it is not allowed, so the first is taken.
  Model m;
  m.items = {{true, 10000.0, 5.0, true, {1}},
             {true, 10000.0, 5.0, false, {0, 2}},
             {true, 10000.0, 1.0, false, {1}}};
  m.need_total_m2 = 10000.0;
  EXPECT_FALSE(satisfies(m, {0, 0, 1}));
  EXPECT_TRUE(satisfies(m, {1, 1, 1}));
  const Solution s = solve_ilp(m, 10.0);
  ASSERT_TRUE(s.feasible);
  EXPECT_DOUBLE_EQ(s.objective, 5.0);  // item 0 (cost 5) beats the chain 0+1+2 (cost 11)
}

}  // namespace
}  // namespace reserve::suggestion
