// Matching: merges (several before reserves mostly inside one after reserve), splits (several
// after reserves mostly inside one before reserve), then names, then renames (one before and one
// after reserve without namesakes, each mostly the other's land); the rest added or removed.
#include "province/matching.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace reserve::province {
namespace {

std::map<std::string, std::size_t> by_name(const std::vector<Outline>& list) {
  std::map<std::string, std::size_t> m;
  for (std::size_t i = 0; i < list.size(); ++i) m.emplace(list[i].name, i);
  return m;
}

int group(ReserveMatch m) {
  switch (m) {
    case ReserveMatch::removed: return 1;
    case ReserveMatch::added: return 2;
    default: return 0;
  }
}

// The members of one side that each have ≥ share of their own land inside `home` (on the other
// side), that are free, and that are `home`'s namesake or have none on the home side. When
// `home` has a namesake among the candidates' side it must be one of them (else no group).
std::vector<std::size_t> group_around(std::size_t home, const std::vector<Outline>& home_side,
                                      const std::vector<Outline>& member_side,
                                      const std::map<std::string, std::size_t>& home_names,
                                      const std::map<std::string, std::size_t>& member_names,
                                      const std::vector<std::pair<std::size_t, double>>& land,
                                      const std::vector<bool>& used, double share) {
  std::vector<std::size_t> members;
  for (const auto& [m, area] : land) {
    const Outline& o = member_side[m];
    if (used[m] || o.area_m2 <= 0.0 || area < share * o.area_m2) continue;
    if (o.name != home_side[home].name && home_names.count(o.name)) continue;
    members.push_back(m);
  }
  std::sort(members.begin(), members.end());
  if (members.size() < 2) return {};
  const auto namesake = member_names.find(home_side[home].name);
  if (namesake != member_names.end() &&
      !std::binary_search(members.begin(), members.end(), namesake->second))
    return {};
  return members;
}

}  // namespace

std::vector<MatchUnit> match_reserves(const std::vector<Outline>& before,
                                      const std::vector<Outline>& after,
                                      const std::vector<SharedLand>& shared, double share) {
  const auto before_names = by_name(before);
  const auto after_names = by_name(after);
  // Shared land per after reserve (before members) and per before reserve (after members).
  std::vector<std::vector<std::pair<std::size_t, double>>> into_after(after.size()),
      into_before(before.size());
  for (const auto& s : shared) {
    into_after[s.b].emplace_back(s.a, s.area_m2);
    into_before[s.a].emplace_back(s.b, s.area_m2);
  }
  std::vector<bool> used_before(before.size(), false), used_after(after.size(), false);
  std::vector<MatchUnit> units;

  for (std::size_t j = 0; j < after.size(); ++j) {  // merges
    if (used_after[j]) continue;
    auto members = group_around(j, after, before, after_names, before_names, into_after[j],
                                used_before, share);
    if (members.empty()) continue;
    for (auto i : members) used_before[i] = true;
    used_after[j] = true;
    units.push_back({ReserveMatch::merged, after[j].name, std::move(members), {j}});
  }
  for (std::size_t i = 0; i < before.size(); ++i) {  // splits
    if (used_before[i]) continue;
    auto members = group_around(i, before, after, before_names, after_names, into_before[i],
                                used_after, share);
    if (members.empty()) continue;
    for (auto j : members) used_after[j] = true;
    used_before[i] = true;
    units.push_back({ReserveMatch::split, before[i].name, {i}, std::move(members)});
  }
  for (std::size_t i = 0; i < before.size(); ++i) {  // names
    if (used_before[i]) continue;
    const auto a = after_names.find(before[i].name);
    if (a != after_names.end() && !used_after[a->second]) {
      used_before[i] = true;
      used_after[a->second] = true;
      units.push_back({ReserveMatch::matched, before[i].name, {i}, {a->second}});
    }
  }
  // A reserve renamed in the proposal would otherwise be "removed" and "added", unchecked: its
  // slimming unseen. Both free and without namesakes, each holding ≥ share of the other's land
  // (with share ≥ 0.5 at most one partner can; below it, the one with most shared land, then the
  // lowest index).
  for (std::size_t i = 0; i < before.size(); ++i) {  // renames, removed
    if (used_before[i]) continue;
    std::optional<std::size_t> partner;
    double best = 0.0;
    if (before[i].area_m2 > 0.0 && !after_names.count(before[i].name)) {
      for (const auto& [j, area] : into_before[i]) {
        if (used_after[j] || before_names.count(after[j].name) || !(after[j].area_m2 > 0.0))
          continue;
        if (area < share * before[i].area_m2 || area < share * after[j].area_m2) continue;
        if (!partner || area > best || (area == best && j < *partner)) {
          partner = j;
          best = area;
        }
      }
    }
    if (partner) {
      used_before[i] = true;
      used_after[*partner] = true;
      units.push_back({ReserveMatch::renamed, after[*partner].name, {i}, {*partner}});
    } else {
      units.push_back({ReserveMatch::removed, before[i].name, {i}, {}});
    }
  }
  for (std::size_t j = 0; j < after.size(); ++j)
    if (!used_after[j]) units.push_back({ReserveMatch::added, after[j].name, {}, {j}});
  std::stable_sort(units.begin(), units.end(), [](const MatchUnit& x, const MatchUnit& y) {
    if (group(x.match) != group(y.match)) return group(x.match) < group(y.match);
    return x.name < y.name;
  });
  return units;
}

}  // namespace reserve::province
