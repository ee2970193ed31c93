// The model as a GLPK mixed-integer program. Columns: per add item x (least strict zone) and z
// (strict zone), per upgrade item y, and one flow column per arc of the contiguity network (root →
// anchored item, item → neighbour). Contiguity is a single-commodity flow: the root sends one unit
// to every chosen add item (inflow − outflow = x + z), and an arc carries flow only between
// chosen items (f ≤ n·(x + z) at both ends), so a chosen item is joined to the reserve through
// chosen items — exact, at the price of two columns per neighbour pair.
#include <glpk.h>

#include <chrono>
#include <memory>

#include "reserve/error.hpp"
#include "suggest/model.hpp"

namespace reserve::suggestion {
namespace {

struct ProbDeleter {
  void operator()(glp_prob* p) const noexcept { glp_delete_prob(p); }
};
using ProbPtr = std::unique_ptr<glp_prob, ProbDeleter>;

// GLPK prints to stdout unless told otherwise; the library prints nothing.
int silence(void*, const char*) { return 1; }

struct Columns {
  std::vector<int> x, z, y;  // 0: no such column
  std::vector<int> flow;
};

// Sparse rows gathered before loading them into GLPK (glp_load_matrix is 1-based).
struct Triplets {
  std::vector<int> row{0}, col{0};
  std::vector<double> val{0.0};
  void add(int r, int c, double v) {
    if (c == 0) return;
    row.push_back(r);
    col.push_back(c);
    val.push_back(v);
  }
};

int add_column(glp_prob* lp, double cost, bool integer) {
  const int c = glp_add_cols(lp, 1);
  glp_set_col_bnds(lp, c, GLP_DB, 0.0, 1.0);
  glp_set_obj_coef(lp, c, cost);
  if (integer) glp_set_col_kind(lp, c, GLP_BV);
  return c;
}

int add_row(glp_prob* lp, int type, double lo, double hi) {
  const int r = glp_add_rows(lp, 1);
  glp_set_row_bnds(lp, r, type, lo, hi);
  return r;
}

ProbPtr build(const Model& m, bool integer, Columns& cols) {
  ProbPtr lp(glp_create_prob());
  glp_set_obj_dir(lp.get(), GLP_MIN);
  const std::size_t n = m.items.size();
  const std::vector<bool> reach = reachable(m);
  cols.x.assign(n, 0);
  cols.z.assign(n, 0);
  cols.y.assign(n, 0);
  std::size_t n_add = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Item& it = m.items[i];
    if (it.add) {
      if (!reach[i]) continue;  // can never be joined to the reserve
      ++n_add;
      if (m.allow_least_strict) cols.x[i] = add_column(lp.get(), it.cost, integer);
      if (m.allow_strict) cols.z[i] = add_column(lp.get(), it.cost, integer);
    } else {
      cols.y[i] = add_column(lp.get(), it.cost, integer);
    }
  }
  Triplets t;
  if (m.need_total_m2) {
    const int r = add_row(lp.get(), GLP_LO, *m.need_total_m2, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      t.add(r, cols.x[i], m.items[i].area_m2);
      t.add(r, cols.z[i], m.items[i].area_m2);
    }
  }
  if (m.share) {
    // S + Σ a·strict ≥ s·(T + Σ a·added)  ⇔  Σ a(1−s)·z − Σ a·s·x + Σ a·y ≥ s·T − S
    const ShareConstraint& s = *m.share;
    const int r =
        add_row(lp.get(), GLP_LO, s.share_before * s.total_after_m2 - s.strict_after_m2, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      const double a = m.items[i].area_m2;
      t.add(r, cols.x[i], -s.share_before * a);
      t.add(r, cols.z[i], (1.0 - s.share_before) * a);
      t.add(r, cols.y[i], a);
    }
  }
  if (m.need_strict_m2) {
    const int r = add_row(lp.get(), GLP_LO, *m.need_strict_m2, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      t.add(r, cols.z[i], m.items[i].area_m2);
      t.add(r, cols.y[i], m.items[i].area_m2);
    }
  }
  // One zone per item.
  for (std::size_t i = 0; i < n; ++i)
    if (cols.x[i] && cols.z[i]) {
      const int r = add_row(lp.get(), GLP_UP, 0.0, 1.0);
      t.add(r, cols.x[i], 1.0);
      t.add(r, cols.z[i], 1.0);
    }
  // Contiguity: flow conservation per reachable add item, capacity rows per arc.
  const double cap = static_cast<double>(n_add);
  std::vector<int> balance(n, 0);
  for (std::size_t i = 0; i < n; ++i)
    if (m.items[i].add && reach[i]) {
      balance[i] = add_row(lp.get(), GLP_FX, 0.0, 0.0);  // in − out − (x + z) = 0
      t.add(balance[i], cols.x[i], -1.0);
      t.add(balance[i], cols.z[i], -1.0);
    }
  auto arc = [&](std::size_t to, std::optional<std::size_t> from) {
    const int f = glp_add_cols(lp.get(), 1);
    glp_set_col_bnds(lp.get(), f, GLP_LO, 0.0, 0.0);
    cols.flow.push_back(f);
    t.add(balance[to], f, 1.0);
    auto capacity = [&](std::size_t end) {  // f − n·(x + z) ≤ 0 at this end
      const int r = add_row(lp.get(), GLP_UP, 0.0, 0.0);
      t.add(r, f, 1.0);
      t.add(r, cols.x[end], -cap);
      t.add(r, cols.z[end], -cap);
    };
    capacity(to);
    if (from) {
      t.add(balance[*from], f, -1.0);
      capacity(*from);
    }
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (!m.items[i].add || !reach[i]) continue;
    if (m.items[i].anchored) arc(i, std::nullopt);
    for (std::size_t j : m.items[i].neighbours)
      if (reach[j]) arc(i, j);  // j → i; the pair's other direction comes from j's list
  }
  glp_load_matrix(lp.get(), static_cast<int>(t.row.size()) - 1, t.row.data(), t.col.data(),
                  t.val.data());
  return lp;
}

Picks picks_from(const Model& m, glp_prob* lp, const Columns& cols, bool mip) {
  Picks p(m.items.size(), 0);
  auto value = [&](int c) {
    return c == 0 ? 0.0 : (mip ? glp_mip_col_val(lp, c) : glp_get_col_prim(lp, c));
  };
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (value(cols.z[i]) > 0.5 || value(cols.y[i]) > 0.5)
      p[i] = 2;
    else if (value(cols.x[i]) > 0.5)
      p[i] = 1;
  }
  return p;
}

// Solves the relaxation in place; nullopt when it is infeasible.
std::optional<double> relax(glp_prob* lp) {
  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.presolve = GLP_OFF;
  const int rc = glp_simplex(lp, &parm);
  if (rc != 0 && rc != GLP_ENOPFS && rc != GLP_ENODFS)
    throw InternalError("GLPK simplex failed (code " + std::to_string(rc) + ")");
  if (rc != 0 || glp_get_status(lp) != GLP_OPT) return std::nullopt;
  return glp_get_obj_val(lp);
}

struct TermHook {
  TermHook() { glp_term_hook(silence, nullptr); }
  ~TermHook() { glp_term_hook(nullptr, nullptr); }
};

}  // namespace

std::optional<double> lp_lower_bound(const Model& model) {
  TermHook quiet;
  Columns cols;
  ProbPtr lp = build(model, false, cols);
  return relax(lp.get());
}

Solution solve_ilp(const Model& model, double time_limit_s) {
  TermHook quiet;
  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  Solution s;
  s.method = "ilp";
  Columns cols;
  ProbPtr lp = build(model, true, cols);
  const std::optional<double> bound = relax(lp.get());
  if (!bound) {
    s.seconds = elapsed();
    return s;  // the relaxation is infeasible, so is the integer program
  }
  glp_iocp parm;
  glp_init_iocp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.presolve = GLP_OFF;  // the relaxation is solved above
  parm.mip_gap = 0.0;
  parm.tm_lim = static_cast<int>(std::min(time_limit_s, 2.0e6) * 1000.0);
  const int rc = glp_intopt(lp.get(), &parm);
  const int status = glp_mip_status(lp.get());
  s.lower_bound = *bound;
  if (rc == 0 && status == GLP_OPT) {
    s.feasible = true;
    s.picks = picks_from(model, lp.get(), cols, true);
    s.objective = glp_mip_obj_val(lp.get());
    s.lower_bound = s.objective;
    s.gap = 0.0;
    s.reason = "exact (GLPK branch and cut, proven optimal)";
  } else if (status == GLP_NOFEAS) {
    s.feasible = false;
  } else {
    // Time limit (or another stop): the incumbent if any, or the greedy, whichever is cheaper.
    Solution g = solve_greedy(model);
    const bool incumbent = status == GLP_FEAS;
    const Picks ip = incumbent ? picks_from(model, lp.get(), cols, true) : Picks{};
    if (incumbent && (!g.feasible || cost_of(model, ip) <= g.objective)) {
      s.feasible = true;
      s.picks = ip;
      s.objective = cost_of(model, ip);
      s.reason = "GLPK stopped at its time limit with a feasible solution";
    } else {
      s = g;
      s.reason = "GLPK stopped at its time limit; greedy used";
    }
    s.lower_bound = *bound;
  }
  if (s.feasible && s.objective > 0.0 && s.method != "ilp")
    s.gap = std::max(0.0, (s.objective - s.lower_bound) / s.objective);
  if (s.feasible && s.method == "ilp" && status != GLP_OPT && s.objective > 0.0)
    s.gap = std::max(0.0, (s.objective - s.lower_bound) / s.objective);
  s.seconds = elapsed();
  return s;
}

}  // namespace reserve::suggestion
