// suggest(): the check, the pieces of candidate land, the model, the solver, the parcels with
// their reasons, the proposal with the suggestion applied and its re-check.
#include <fmt/format.h>

#include <chrono>

#include "reserve/error.hpp"
#include "reserve/suggest.hpp"
#include "suggest/apply.hpp"
#include "suggest/model.hpp"
#include "suggest/pieces.hpp"
#include "suggest/targets.hpp"

namespace reserve {
namespace {

using suggestion::Model;
using suggestion::Picks;
using suggestion::Piece;

void check_options(const SuggestOptions& o) {
  if (o.candidates.empty())
    throw UsageError("suggest needs at least one candidate layer (--candidates)");
  if (o.max_gap_m < 0.0) throw UsageError("the contiguity gap must be ≥ 0 m");
  if (o.conflict_buffer_m && *o.conflict_buffer_m < 0.0)
    throw UsageError("the conflict buffer must be ≥ 0 m");
  if (o.min_parcel_m2 < 0.0) throw UsageError("the sliver threshold must be ≥ 0 m²");
  if (o.time_limit_s <= 0.0) throw UsageError("the time limit must be > 0 s");
}

std::string rules_helped(const Model& m, bool add, bool strict) {
  std::vector<std::string> r;
  if (add && m.need_total_m2 && *m.need_total_m2 > 0.0) r.push_back("不瘦身");
  if (strict && m.share) r.push_back("核心区和缓冲区占比");
  if (strict && m.need_strict_m2 && *m.need_strict_m2 > 0.0) r.push_back("核心区、缓冲区面积");
  std::string s;
  for (const auto& x : r) s += (s.empty() ? "" : ", ") + x;
  return s.empty() ? "" : " (" + s + ")";
}

std::vector<SuggestedParcel> parcels_of(const Model& m, const Picks& picks,
                                        const std::vector<Piece>& pieces,
                                        const suggestion::ZonePlan& plan) {
  const auto parent = suggestion::joins(m, picks).through;
  std::vector<std::string> ids(pieces.size());
  int n_add = 0, n_up = 0;
  for (std::size_t i = 0; i < pieces.size(); ++i)
    if (picks[i] > 0)
      ids[i] =
          pieces[i].add ? "add-" + std::to_string(++n_add) : "upgrade-" + std::to_string(++n_up);
  std::vector<SuggestedParcel> out;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (picks[i] == 0) continue;
    const Piece& pc = pieces[i];
    SuggestedParcel p;
    p.id = ids[i];
    p.action = pc.add ? SuggestionAction::add : SuggestionAction::upgrade;
    p.zone_before = pc.add ? Zone::outside : plan.least;
    p.zone_after = picks[i] == 2 ? plan.strict : plan.least;
    p.area_m2 = pc.area_m2;
    p.cost = pc.cost;
    p.source = pc.source;
    p.geometry.polygons.push_back(pc.geometry);
    const std::string area = fmt::format("{:.2f} ha", to_ha(pc.area_m2));
    if (pc.add) {
      p.reason = "adds " + area + " as " + chinese_name(p.zone_after) +
                 rules_helped(m, true, picks[i] == 2) + "; " +
                 (parent[i] ? "joined to the reserve through " + ids[*parent[i]]
                            : std::string("touches the reserve"));
    } else {
      p.reason = std::string(chinese_name(plan.least)) + " → " + chinese_name(plan.strict) + ", " +
                 area + rules_helped(m, false, true) +
                 (pc.restores ? "; restores land the proposal downgraded (" + pc.source + ")"
                              : std::string("; candidate land inside the proposal"));
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

SuggestResult suggest(const SuggestRequest& request) {
  const SuggestOptions& o = request.options;
  check_options(o);
  SuggestResult res;
  res.added_zone = o.added_zone;
  res.check = run_check(request.check);
  const CheckResult& chk = res.check;
  const Comparison& c = chk.report.comparison;
  const suggestion::ZonePlan plan = suggestion::zone_plan(chk.after, c);
  suggestion::Targets t = suggestion::targets_of(chk, plan, o.added_zone);
  res.targets = t.failing;
  res.not_addressed = t.not_addressed;
  const NoAdjustingOptions conflicts = no_adjusting_options(chk.profile);
  res.conflict_buffer_m = o.conflict_buffer_m.value_or(chk.profile.conflicts.buffer_distance_m);
  if (t.failing.empty()) return res;  // nothing to restore

  const AreaCalculator area(chk.after.crs, chk.profile.area_method);
  const ConflictOverlay* overlay = chk.overlay();
  const suggestion::PrepareInput in{
      chk.after,
      c,
      overlay ? &overlay->features : nullptr,
      conflicts.categories.empty() ? default_conflict_categories() : conflicts.categories,
      res.conflict_buffer_m,
      o,
      area,
      chk.profile.noise,
      plan};
  suggestion::Prepared prep = suggestion::prepare_pieces(in);
  res.candidate_features = prep.candidate_features;
  res.slivers_dropped = prep.slivers_dropped;
  res.conflict_excluded_m2 = prep.conflict_excluded_m2;
  res.issues = std::move(prep.issues);

  Model model = t.constraints;
  model.items = suggestion::link_pieces(prep.pieces, reserve_outline(chk.after), o.max_gap_m);
  const std::vector<bool> reach = suggestion::reachable(model);
  for (std::size_t i = 0; i < model.items.size(); ++i) {
    if (model.items[i].add) ++res.parcels_considered;
    if (model.items[i].add && reach[i]) ++res.parcels_reachable;
    if (!model.items[i].add) ++res.upgrade_pieces;
  }

  const std::size_t size = res.parcels_reachable + res.upgrade_pieces;
  suggestion::Solution s;
  if (size <= o.max_exact_candidates) {
    s = suggestion::solve_ilp(model, o.time_limit_s);
  } else {
    s = suggestion::solve_greedy(model);
    s.reason = fmt::format("{} pieces > the exact limit of {}", size, o.max_exact_candidates);
  }
  res.solve_seconds = s.seconds;
  if (!s.feasible) {
    res.status = SuggestStatus::infeasible;
    res.unmet = suggestion::unmet_rules(model, plan);
    return res;
  }
  res.status = SuggestStatus::solved;
  res.method = s.method;
  res.method_reason = s.reason;
  res.objective = s.objective;
  res.lower_bound = s.lower_bound;
  res.gap = s.gap;
  res.parcels = parcels_of(model, s.picks, prep.pieces, plan);
  res.suggested = suggestion::apply_suggestion(chk.after, res.parcels);

  CheckRequest again = request.check;
  again.after = CheckZoningInput{};
  again.after.zoning = *res.suggested;
  again.map_format.reset();
  // The suggested zoning is in the check's working CRS: compare in it.
  if (again.working_crs.empty()) again.working_crs = chk.after.crs.wkt;
  res.recheck = run_check(again);
  return res;
}

}  // namespace reserve
