#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include <toml++/toml.h>

#include "core/data_files.hpp"
#include "reserve/error.hpp"
#include "reserve/ledger.hpp"

namespace reserve {
namespace {

struct ActionNames {
  ActionKind kind;
  const char* id;
  const char* chinese;
  const char* english;
};

constexpr ActionNames kActions[] = {
    {ActionKind::exit_and_restore, "exit-and-restore", "退出并生态修复", "exit and restore"},
    {ActionKind::close, "close", "关停", "close"},
    {ActionKind::relocate, "relocate", "搬迁", "relocate"},
    {ActionKind::treat_in_situ, "treat-in-situ", "就地整治", "treat in situ"},
    {ActionKind::remediate_by_deadline, "remediate-by-deadline", "限期治理",
     "remediate by a deadline"},
    {ActionKind::allowed_with_conditions, "allowed-with-conditions", "依法依规允许",
     "allowed under conditions"},
    {ActionKind::none, "none", "无需按保护区规定处置", "none under reserve law"},
};

const ActionNames& names(ActionKind a) {
  for (const auto& n : kActions)
    if (n.kind == a) return n;
  return kActions[std::size(kActions) - 1];
}

std::vector<std::string> strings(const toml::table& row, const char* key,
                                 const std::string& where) {
  std::vector<std::string> out;
  const toml::node* node = row.get(key);
  if (!node) return out;
  const toml::array* arr = node->as_array();
  if (!arr) throw UsageError(where + ": '" + key + "' must be a list of strings");
  for (const auto& item : *arr) {
    auto s = item.value<std::string>();
    if (!s) throw UsageError(where + ": '" + key + "' must be a list of strings");
    out.push_back(*s);
  }
  return out;
}

}  // namespace

const char* to_string(ActionKind a) noexcept { return names(a).id; }
const char* chinese_name(ActionKind a) noexcept { return names(a).chinese; }

std::optional<ActionKind> action_from_string(const std::string& id) {
  std::string n = id;
  std::replace(n.begin(), n.end(), '_', '-');
  for (const auto& a : kActions)
    if (n == a.id || id == a.chinese) return a.kind;
  if (n == "exit") return ActionKind::exit_and_restore;
  if (n == "remediate") return ActionKind::remediate_by_deadline;
  return std::nullopt;
}

std::string RequiredAction::text_zh() const {
  std::string s = chinese_name(action);
  for (auto a : alternatives) s += std::string("或") + chinese_name(a);
  return s;
}

std::string RequiredAction::text_en() const {
  std::string s = names(action).english;
  for (auto a : alternatives) s += std::string(" or ") + names(a).english;
  return s;
}

ActionTable ActionTable::defaults() {
  const std::string path = detail::require_data_file("standards", "required_actions.toml");
  // Parsed once per file and modification time: a province check asks for the table several
  // times per reserve, and a notebook session still sees an edited file.
  std::error_code ec;
  const auto stamp = std::filesystem::last_write_time(path, ec);
  const std::string key = path + "\n" + std::to_string(stamp.time_since_epoch().count());
  static std::mutex mutex;
  static std::map<std::string, ActionTable> parsed;
  if (!ec) {
    const std::lock_guard<std::mutex> lock(mutex);
    if (const auto it = parsed.find(key); it != parsed.end()) return it->second;
  }
  std::ifstream in(path);
  if (!in) throw InternalError("cannot read the shipped decision table " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  ActionTable table = from_toml(ss.str(), path);
  if (!ec) {
    const std::lock_guard<std::mutex> lock(mutex);
    parsed.emplace(key, table);
  }
  return table;
}

ActionTable ActionTable::from_toml(const std::string& toml_text, const std::string& origin) {
  toml::table doc;
  try {
    doc = toml::parse(toml_text, origin);
  } catch (const toml::parse_error& e) {
    throw UsageError(origin + ": not valid TOML: " + std::string(e.description()));
  }
  ActionTable table;
  const toml::array* rows = doc["required_actions"].as_array();
  if (!rows) return table;
  int n = 0;
  for (const auto& node : *rows) {
    ++n;
    const std::string where = origin + ", required_actions row " + std::to_string(n);
    const toml::table* row = node.as_table();
    if (!row) throw UsageError(where + ": must be a table ([[required_actions]])");
    for (const auto& [key, value] : *row) {
      const std::string k(key.str());
      if (k != "zones" && k != "categories" && k != "built_before_reserve" && k != "action" &&
          k != "alternatives" && k != "basis" && k != "deadline")
        throw UsageError(where + ": unknown key '" + k +
                         "' (known: zones, categories, built_before_reserve, action, "
                         "alternatives, basis, deadline)");
    }
    ActionRule rule;
    for (const auto& z : strings(*row, "zones", where)) {
      auto zone = zone_from_string(z);
      if (!zone || *zone == Zone::outside)
        throw UsageError(where + ": unknown zone '" + z +
                         "' (core, buffer, experimental, core_protection, general_control)");
      rule.zones.push_back(*zone);
    }
    for (const auto& c : strings(*row, "categories", where)) {
      auto cat = category_from_string(c);
      if (!cat) throw UsageError(where + ": unknown category '" + c + "'");
      rule.categories.push_back(*cat);
    }
    if (const toml::node* b = row->get("built_before_reserve")) {
      auto v = b->value<bool>();
      if (!v) throw UsageError(where + ": built_before_reserve must be true or false");
      rule.built_before_reserve = *v;
    }
    auto action = (*row)["action"].value<std::string>();
    if (!action) throw UsageError(where + ": 'action' is missing");
    auto kind = action_from_string(*action);
    if (!kind || *kind == ActionKind::none)
      throw UsageError(where + ": unknown action '" + *action +
                       "' (exit-and-restore, close, relocate, treat-in-situ, "
                       "remediate-by-deadline, allowed-with-conditions)");
    rule.action = *kind;
    for (const auto& a : strings(*row, "alternatives", where)) {
      auto alt = action_from_string(a);
      if (!alt || *alt == ActionKind::none)
        throw UsageError(where + ": unknown alternative action '" + a + "'");
      rule.alternatives.push_back(*alt);
    }
    rule.basis = (*row)["basis"].value_or(std::string());
    rule.deadline = (*row)["deadline"].value_or(std::string());
    table.rules_.push_back(std::move(rule));
  }
  return table;
}

ActionTable ActionTable::from_decisions(const std::vector<ConflictDecision>& decisions,
                                        const std::string& origin) {
  ActionTable table;
  int n = 0;
  for (const auto& d : decisions) {
    ++n;
    const std::string where = origin + ", conflicts.decisions row " + std::to_string(n);
    ActionRule rule;
    if (d.category != "*" && !d.category.empty()) {
      auto cat = category_from_string(d.category);
      if (!cat) throw UsageError(where + ": unknown category '" + d.category + "'");
      rule.categories.push_back(*cat);
    }
    if (d.zone != "*" && !d.zone.empty()) {
      auto zone = zone_from_string(d.zone);
      if (!zone) throw UsageError(where + ": unknown zone '" + d.zone + "'");
      rule.zones.push_back(*zone);
    }
    // "relocate_or_treat_in_situ" → relocate, alternative treat-in-situ.
    std::string rest = d.action;
    std::vector<std::string> parts;
    for (std::size_t pos; (pos = rest.find("_or_")) != std::string::npos;) {
      parts.push_back(rest.substr(0, pos));
      rest = rest.substr(pos + 4);
    }
    parts.push_back(rest);
    for (std::size_t i = 0; i < parts.size(); ++i) {
      auto kind = action_from_string(parts[i]);
      if (!kind || *kind == ActionKind::none)
        throw UsageError(where + ": unknown action '" + d.action +
                         "' (exit, close, relocate, treat_in_situ, remediate, "
                         "allowed_with_conditions, joined with _or_)");
      if (i == 0)
        rule.action = *kind;
      else
        rule.alternatives.push_back(*kind);
    }
    rule.deadline = d.deadline;
    table.rules_.push_back(std::move(rule));
  }
  // Legal basis: from the defaults' first row for the same category and action. A missing
  // shipped table is an error (it names the folders searched), not a column left blank.
  {
    const ActionTable defaults = ActionTable::defaults();
    for (auto& rule : table.rules_) {
      for (const auto& def : defaults.rules_) {
        const bool same_category = rule.categories.empty() || def.categories.empty() ||
                                   std::find(def.categories.begin(), def.categories.end(),
                                             rule.categories.front()) != def.categories.end();
        if (same_category && def.action == rule.action) {
          rule.basis = def.basis;
          break;
        }
      }
    }
  }
  return table;
}

void ActionTable::prepend(const ActionTable& more) {
  rules_.insert(rules_.begin(), more.rules_.begin(), more.rules_.end());
}

RequiredAction ActionTable::decide(Zone zone, FeatureCategory category,
                                   std::optional<bool> built_before_reserve) const {
  RequiredAction out;
  if (zone == Zone::outside) {
    out.action = ActionKind::none;
    return out;
  }
  for (const auto& r : rules_) {
    if (!r.zones.empty() && std::find(r.zones.begin(), r.zones.end(), zone) == r.zones.end())
      continue;
    if (!r.categories.empty() &&
        std::find(r.categories.begin(), r.categories.end(), category) == r.categories.end())
      continue;
    if (r.built_before_reserve &&
        (!built_before_reserve || *built_before_reserve != *r.built_before_reserve))
      continue;
    out.action = r.action;
    out.alternatives = r.alternatives;
    out.basis = r.basis;
    out.deadline = r.deadline;
    return out;
  }
  out.action = ActionKind::treat_in_situ;
  return out;
}

}  // namespace reserve
