// Rule profiles from TOML (toml++). Every key is checked: a typo in a profile must not silently
// switch a rule off or change a threshold.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "core/data_files.hpp"
#include "reserve/error.hpp"
#include "reserve/rules.hpp"

namespace reserve {
namespace {

namespace fs = std::filesystem;

class Reader {
 public:
  explicit Reader(std::string origin) : origin_(std::move(origin)) {}

  [[noreturn]] void fail(const std::string& message) const {
    throw UsageError("profile " + origin_ + ": " + message, SourceRef{origin_, {}, {}});
  }

  // Rejects keys of `t` (at `path`) not in `known`.
  void only(const toml::table& t, const std::string& path,
            std::initializer_list<const char*> known) const {
    for (auto&& [k, v] : t) {
      (void)v;
      bool ok = false;
      for (const char* name : known) ok = ok || k.str() == name;
      if (!ok) {
        std::string list;
        for (const char* name : known) list += (list.empty() ? "" : ", ") + std::string(name);
        fail("unknown key '" + std::string(k.str()) + "'" +
             (path.empty() ? "" : " in [" + path + "]") + "; known keys: " + list);
      }
    }
  }

  std::string text(const toml::table& t, const std::string& path, const char* key,
                   const std::string& fallback, bool required = false) const {
    const toml::node* n = t.get(key);
    if (!n) {
      if (required) fail("missing key '" + qualified(path, key) + "'");
      return fallback;
    }
    if (!n->is_string()) fail("'" + qualified(path, key) + "' must be a string");
    return std::string(*n->value<std::string>());
  }

  double number(const toml::table& t, const std::string& path, const char* key,
                double fallback) const {
    const toml::node* n = t.get(key);
    if (!n) return fallback;
    if (!n->is_number()) fail("'" + qualified(path, key) + "' must be a number");
    return checked_number(*n->value<double>(), qualified(path, key));
  }

  // Every number in a profile is a tolerance, a share, an area or a distance: finite and not
  // negative. TOML allows inf and nan, and `tolerance_abs_ha = inf` would pass every area rule.
  double checked_number(double v, const std::string& name) const {
    if (std::isnan(v)) fail("'" + name + "' is nan; give a number");
    if (std::isinf(v)) fail("'" + name + "' is infinite; give a finite number");
    if (v < 0.0) fail("'" + name + "' must not be negative");
    return v;
  }

  bool flag(const toml::table& t, const std::string& path, const char* key, bool fallback) const {
    const toml::node* n = t.get(key);
    if (!n) return fallback;
    if (!n->is_boolean()) fail("'" + qualified(path, key) + "' must be true or false");
    return *n->value<bool>();
  }

  const toml::table* table(const toml::table& t, const std::string& path, const char* key) const {
    const toml::node* n = t.get(key);
    if (!n) return nullptr;
    if (!n->is_table()) fail("'" + qualified(path, key) + "' must be a table");
    return n->as_table();
  }

  std::vector<std::string> strings(const toml::node& n, const std::string& name) const {
    if (!n.is_array()) fail("'" + name + "' must be a list of strings");
    std::vector<std::string> out;
    for (const auto& item : *n.as_array()) {
      if (!item.is_string()) fail("'" + name + "' must be a list of strings");
      out.emplace_back(*item.value<std::string>());
    }
    return out;
  }

  Zone zone(const std::string& id, const std::string& name) const {
    const auto z = zone_from_string(id);
    if (!z) fail("'" + name + "': unknown zone '" + id + "'");
    return *z;
  }

  static std::string qualified(const std::string& path, const char* key) {
    return path.empty() ? key : path + "." + key;
  }

 private:
  std::string origin_;
};

ParamValue read_param(const Reader& r, const ParamSpec& spec, const toml::node& n,
                      const std::string& name) {
  switch (spec.type) {
    case ParamType::boolean:
      if (!n.is_boolean()) r.fail("'" + name + "' must be true or false");
      return *n.value<bool>();
    case ParamType::number:
      if (!n.is_number()) r.fail("'" + name + "' must be a number");
      return r.checked_number(*n.value<double>(), name);
    case ParamType::text:
      if (!n.is_string()) r.fail("'" + name + "' must be a string");
      return std::string(*n.value<std::string>());
    case ParamType::text_list: return r.strings(n, name);
    case ParamType::number_table: {
      if (!n.is_table()) r.fail("'" + name + "' must be a table of numbers");
      std::map<std::string, double> out;
      for (auto&& [k, v] : *n.as_table()) {
        const std::string key_name = name + "." + std::string(k.str());
        if (!v.is_number()) r.fail("'" + key_name + "' must be a number");
        out[std::string(k.str())] = r.checked_number(*v.value<double>(), key_name);
      }
      return out;
    }
  }
  r.fail("unsupported parameter type");
}

RuleConfig read_rule(const Reader& r, const toml::table& t, std::size_t index,
                     const RuleRegistry& registry) {
  const std::string path = "rules[" + std::to_string(index) + "]";
  r.only(t, path, {"id", "enabled", "on_violation", "params"});
  RuleConfig rc;
  rc.id = r.text(t, path, "id", "", true);
  const RuleDefinition* def = registry.find(rc.id);
  if (!def) {
    std::string known;
    for (const auto& id : registry.ids()) known += (known.empty() ? "" : ", ") + id;
    r.fail("unknown rule '" + rc.id + "' in [" + path + "]; known rules: " + known);
  }
  rc.enabled = r.flag(t, path, "enabled", true);
  const std::string on = r.text(t, path, "on_violation", "fail");
  if (on == "fail") {
    rc.on_violation = VerdictStatus::fail;
  } else if (on == "warn") {
    rc.on_violation = VerdictStatus::warn;
  } else {
    r.fail("'" + path + ".on_violation' must be \"fail\" or \"warn\"");
  }
  if (const toml::table* params = r.table(t, path, "params")) {
    for (auto&& [k, v] : *params) {
      const std::string key(k.str());
      const ParamSpec* spec = nullptr;
      for (const auto& s : def->params)
        if (s.name == key) spec = &s;
      if (!spec) {
        std::string known;
        for (const auto& s : def->params) known += (known.empty() ? "" : ", ") + s.name;
        r.fail("unknown key '" + key + "' in [" + path + ".params] (rule '" + rc.id +
               "'); known parameters: " + (known.empty() ? "(none)" : known));
      }
      rc.params[key] = read_param(r, *spec, v, path + ".params." + key);
    }
  }
  if (def->validate) {
    try {
      def->validate(rc);
    } catch (const UsageError& e) {
      r.fail(e.message());
    }
  }
  return rc;
}

void read_conflicts(const Reader& r, const toml::table& t, ConflictSettings& out) {
  r.only(t, "conflicts", {"categories", "buffer_distance_m", "min_overlap_ratio", "decisions"});
  if (const toml::node* n = t.get("categories"))
    out.categories = r.strings(*n, "conflicts.categories");
  out.buffer_distance_m = r.number(t, "conflicts", "buffer_distance_m", 0.0);
  out.min_overlap_ratio = r.number(t, "conflicts", "min_overlap_ratio", 0.0);
  if (out.min_overlap_ratio > 1.0) r.fail("'conflicts.min_overlap_ratio' must be at most 1");
  if (const toml::node* n = t.get("decisions")) {
    if (!n->is_array_of_tables()) r.fail("'conflicts.decisions' must be an array of tables");
    std::size_t i = 0;
    for (const auto& item : *n->as_array()) {
      const std::string path = "conflicts.decisions[" + std::to_string(i++) + "]";
      const toml::table& row = *item.as_table();
      r.only(row, path, {"category", "zone", "action", "deadline"});
      ConflictDecision d;
      d.category = r.text(row, path, "category", "", true);
      d.zone = r.text(row, path, "zone", "*");
      if (d.zone != "*") r.zone(d.zone, path + ".zone");
      d.action = r.text(row, path, "action", "", true);
      d.deadline = r.text(row, path, "deadline", "");
      out.decisions.push_back(std::move(d));
    }
  }
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot read the profile file " + path + "; check the path");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

Profile parse_profile(const std::string& toml_text, const std::string& origin,
                      const RuleRegistry& registry) {
  const Reader r(origin);
  toml::table root;
  try {
    root = toml::parse(toml_text, origin);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << "not valid TOML at line " << e.source().begin.line << ", column "
        << e.source().begin.column << ": " << e.description();
    r.fail(msg.str());
  }
  r.only(root, "",
         {"name", "version", "description", "source", "confidence", "area", "zone_model", "noise",
          "rules", "conflicts"});
  Profile p;
  p.path = origin;
  p.name = r.text(root, "", "name", "", true);
  p.version = r.text(root, "", "version", "", true);
  p.description = r.text(root, "", "description", "");
  p.source = r.text(root, "", "source", "");
  p.confidence = r.text(root, "", "confidence", "U");
  if (p.confidence != "C" && p.confidence != "S" && p.confidence != "U")
    r.fail("'confidence' must be \"C\" (confirmed), \"S\" (secondary source) or \"U\"");

  if (const toml::table* area = r.table(root, "", "area")) {
    r.only(*area, "area", {"method", "tolerance_abs_ha", "tolerance_rel"});
    try {
      p.area_method = area_method_from_string(r.text(*area, "area", "method", "geodesic"));
    } catch (const UsageError& e) {
      r.fail(e.message());
    }
    p.tolerance.abs_ha = r.number(*area, "area", "tolerance_abs_ha", 0.0);
    p.tolerance.rel = r.number(*area, "area", "tolerance_rel", 0.0);
  }

  if (const toml::table* zm = r.table(root, "", "zone_model")) {
    r.only(*zm, "zone_model", {"common", "allow_mapping", "legacy_map"});
    const std::string common = r.text(*zm, "zone_model", "common", "auto");
    if (common == "three-zone") {
      p.zone_model = ZoneModel::three_zone;
    } else if (common == "two-zone") {
      p.zone_model = ZoneModel::two_zone;
    } else if (common != "auto") {
      r.fail("'zone_model.common' must be \"auto\", \"three-zone\" or \"two-zone\"");
    }
    p.allow_model_mapping = r.flag(*zm, "zone_model", "allow_mapping", true);
    if (const toml::table* lm = r.table(*zm, "zone_model", "legacy_map")) {
      r.only(*lm, "zone_model.legacy_map", {"core", "buffer", "experimental"});
      for (auto [key, slot] :
           {std::pair{"core", &p.legacy_map.core}, std::pair{"buffer", &p.legacy_map.buffer},
            std::pair{"experimental", &p.legacy_map.experimental}}) {
        const std::string id = r.text(*lm, "zone_model.legacy_map", key, to_string(*slot));
        const Zone z = r.zone(id, std::string("zone_model.legacy_map.") + key);
        if (model_of(z) != ZoneModel::two_zone)
          r.fail(std::string("'zone_model.legacy_map.") + key +
                 "' must be a two-zone zone (core_protection or general_control)");
        *slot = z;
      }
    }
  }

  if (const toml::table* noise = r.table(root, "", "noise")) {
    r.only(*noise, "noise", {"max_area_m2", "max_width_m"});
    p.noise.max_area_m2 = r.number(*noise, "noise", "max_area_m2", 0.0);
    p.noise.max_width_m = r.number(*noise, "noise", "max_width_m", 0.0);
  }

  if (const toml::node* rules = root.get("rules")) {
    if (!rules->is_array_of_tables()) r.fail("'rules' must be an array of tables ([[rules]])");
    std::size_t i = 0;
    std::set<std::string> seen;
    for (const auto& item : *rules->as_array()) {
      RuleConfig rc = read_rule(r, *item.as_table(), i++, registry);
      if (!seen.insert(rc.id).second) r.fail("rule '" + rc.id + "' is listed twice");
      p.rules.push_back(std::move(rc));
    }
  }

  if (const toml::table* conflicts = r.table(root, "", "conflicts"))
    read_conflicts(r, *conflicts, p.conflicts);
  // A profile that evaluates nothing must never report PASS: refuse it when loaded.
  if (std::none_of(p.rules.begin(), p.rules.end(), [](const RuleConfig& rc) { return rc.enabled; }))
    r.fail(p.rules.empty() ? "the profile has no [[rules]]; nothing would be evaluated. Add at "
                             "least one rule, e.g. [[rules]] id = \"no-slimming\""
                           : "every rule of the profile is disabled; nothing would be evaluated");
  return p;
}

std::vector<std::string> profile_search_path() {
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("RESERVE_PROFILE_DIR"); env && *env) dirs.emplace_back(env);
  for (auto& dir : detail::data_search_path("profiles")) dirs.push_back(std::move(dir));
  return dirs;
}

std::vector<std::string> available_profiles() {
  std::set<std::string> names;
  for (const auto& dir : profile_search_path()) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    for (const auto& entry : fs::directory_iterator(dir, ec))
      if (entry.path().extension() == ".toml") names.insert(entry.path().stem().string());
  }
  return {names.begin(), names.end()};
}

Profile load_profile(const std::string& name_or_path, const RuleRegistry& registry) {
  const bool looks_like_path =
      name_or_path.find('/') != std::string::npos ||
      (name_or_path.size() > 5 && name_or_path.compare(name_or_path.size() - 5, 5, ".toml") == 0);
  std::error_code ec;
  if (looks_like_path || fs::is_regular_file(name_or_path, ec)) {
    if (!fs::is_regular_file(name_or_path, ec))
      throw UsageError("profile file " + name_or_path +
                       " does not exist; give a path to a "
                       ".toml file or a shipped profile name");
    return parse_profile(read_file(name_or_path), name_or_path, registry);
  }
  for (const auto& dir : profile_search_path()) {
    const fs::path candidate = fs::path(dir) / (name_or_path + ".toml");
    if (fs::is_regular_file(candidate, ec))
      return parse_profile(read_file(candidate.string()), candidate.string(), registry);
  }
  std::string dirs, names;
  for (const auto& d : profile_search_path()) dirs += (dirs.empty() ? "" : ", ") + d;
  for (const auto& n : available_profiles()) names += (names.empty() ? "" : ", ") + n;
  throw UsageError("no profile named '" + name_or_path + "' (searched " + dirs + "); available: " +
                   (names.empty() ? "(none)" : names) + "; or give a path to a .toml file");
}

}  // namespace reserve
