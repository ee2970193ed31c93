#include <algorithm>
#include <cctype>
#include <sstream>

#include "core/text_util.hpp"
#include "reserve/error.hpp"
#include "reserve/features.hpp"

namespace reserve {
namespace {

struct CategoryNames {
  FeatureCategory category;
  const char* id;
  const char* chinese;
  const char* english;
};

constexpr CategoryNames kNames[] = {
    {FeatureCategory::mining_right, "mining_right", "采矿权", "Mining right"},
    {FeatureCategory::exploration_right, "exploration_right", "探矿权", "Exploration right"},
    {FeatureCategory::mine, "mine", "矿山", "Mine / quarry / sand pit"},
    {FeatureCategory::concentrator, "concentrator", "选矿厂", "Concentrator"},
    {FeatureCategory::smelter, "smelter", "冶炼厂", "Smelter"},
    {FeatureCategory::slag_yard, "slag_yard", "渣场", "Slag yard"},
    {FeatureCategory::tailings_pond, "tailings_pond", "尾矿库", "Tailings pond"},
    {FeatureCategory::industrial, "industrial", "工业企业", "Industrial enterprise"},
    {FeatureCategory::hydropower, "hydropower", "水电站", "Hydropower station"},
    {FeatureCategory::other_energy, "other_energy", "能源设施", "Other energy facility"},
    {FeatureCategory::tourism, "tourism", "旅游设施", "Tourism facility"},
    {FeatureCategory::transport, "transport", "交通设施", "Transport facility"},
    {FeatureCategory::aquaculture, "aquaculture", "养殖场", "Aquaculture / livestock farm"},
    {FeatureCategory::settlement, "settlement", "居民点", "Settlement"},
    {FeatureCategory::other, "other", "其他", "Other"},
};

const CategoryNames& names(FeatureCategory c) {
  for (const auto& n : kNames)
    if (n.category == c) return n;
  return kNames[std::size(kNames) - 1];
}

// Labels recognised without configuration (Chinese and English).
const std::pair<const char*, FeatureCategory> kDefaultLabels[] = {
    {"采矿权", FeatureCategory::mining_right},
    {"采矿许可证", FeatureCategory::mining_right},
    {"mining right", FeatureCategory::mining_right},
    {"mining licence", FeatureCategory::mining_right},
    {"mining license", FeatureCategory::mining_right},
    {"探矿权", FeatureCategory::exploration_right},
    {"勘查许可证", FeatureCategory::exploration_right},
    {"exploration right", FeatureCategory::exploration_right},
    {"exploration licence", FeatureCategory::exploration_right},
    {"exploration license", FeatureCategory::exploration_right},
    {"矿山", FeatureCategory::mine},
    {"采矿", FeatureCategory::mine},
    {"矿区", FeatureCategory::mine},
    {"采石场", FeatureCategory::mine},
    {"采石", FeatureCategory::mine},
    {"采砂", FeatureCategory::mine},
    {"采砂场", FeatureCategory::mine},
    {"挖沙", FeatureCategory::mine},
    {"工矿用地", FeatureCategory::mine},
    {"mine", FeatureCategory::mine},
    {"quarry", FeatureCategory::mine},
    {"sand pit", FeatureCategory::mine},
    {"sand mining", FeatureCategory::mine},
    {"选矿厂", FeatureCategory::concentrator},
    {"选矿", FeatureCategory::concentrator},
    {"选厂", FeatureCategory::concentrator},
    {"concentrator", FeatureCategory::concentrator},
    {"冶炼厂", FeatureCategory::smelter},
    {"冶炼", FeatureCategory::smelter},
    {"smelter", FeatureCategory::smelter},
    {"渣场", FeatureCategory::slag_yard},
    {"废渣堆场", FeatureCategory::slag_yard},
    {"渣库", FeatureCategory::slag_yard},
    {"slag yard", FeatureCategory::slag_yard},
    {"slag", FeatureCategory::slag_yard},
    {"尾矿库", FeatureCategory::tailings_pond},
    {"尾矿坝", FeatureCategory::tailings_pond},
    {"tailings pond", FeatureCategory::tailings_pond},
    {"tailings", FeatureCategory::tailings_pond},
    {"工业企业", FeatureCategory::industrial},
    {"工业", FeatureCategory::industrial},
    {"企业", FeatureCategory::industrial},
    {"工厂", FeatureCategory::industrial},
    {"工业园", FeatureCategory::industrial},
    {"industrial", FeatureCategory::industrial},
    {"industry", FeatureCategory::industrial},
    {"factory", FeatureCategory::industrial},
    {"水电站", FeatureCategory::hydropower},
    {"小水电", FeatureCategory::hydropower},
    {"水电", FeatureCategory::hydropower},
    {"hydropower", FeatureCategory::hydropower},
    {"hydro", FeatureCategory::hydropower},
    {"光伏", FeatureCategory::other_energy},
    {"风电", FeatureCategory::other_energy},
    {"火电", FeatureCategory::other_energy},
    {"能源", FeatureCategory::other_energy},
    {"photovoltaic", FeatureCategory::other_energy},
    {"solar", FeatureCategory::other_energy},
    {"wind", FeatureCategory::other_energy},
    {"thermal power", FeatureCategory::other_energy},
    {"energy", FeatureCategory::other_energy},
    {"旅游", FeatureCategory::tourism},
    {"tourism", FeatureCategory::tourism},
    {"交通", FeatureCategory::transport},
    {"道路", FeatureCategory::transport},
    {"码头", FeatureCategory::transport},
    {"transport", FeatureCategory::transport},
    {"road", FeatureCategory::transport},
    {"养殖", FeatureCategory::aquaculture},
    {"养殖场", FeatureCategory::aquaculture},
    {"aquaculture", FeatureCategory::aquaculture},
    {"livestock", FeatureCategory::aquaculture},
    {"居民点", FeatureCategory::settlement},
    {"村庄", FeatureCategory::settlement},
    {"村屯", FeatureCategory::settlement},
    {"settlement", FeatureCategory::settlement},
    {"village", FeatureCategory::settlement},
    {"其他", FeatureCategory::other},
    {"其它", FeatureCategory::other},
    {"other", FeatureCategory::other},
    // Power plants by fuel, as national lists write them (Chinese; WRI Global Power Plant
    // Database "primary_fuel" and similar English lists below). The head noun decides: "Coal
    // Mine Methane" ends in methane, so it is a power plant, not a mine.
    {"电厂", FeatureCategory::other_energy},
    {"发电厂", FeatureCategory::other_energy},
    {"电站", FeatureCategory::other_energy},
    {"热电", FeatureCategory::other_energy},
    {"燃煤", FeatureCategory::other_energy},
    {"煤电", FeatureCategory::other_energy},
    {"燃气", FeatureCategory::other_energy},
    {"天然气发电", FeatureCategory::other_energy},
    {"燃油", FeatureCategory::other_energy},
    {"核电", FeatureCategory::other_energy},
    {"风电场", FeatureCategory::other_energy},
    {"风力发电", FeatureCategory::other_energy},
    {"光伏电站", FeatureCategory::other_energy},
    {"太阳能", FeatureCategory::other_energy},
    {"生物质", FeatureCategory::other_energy},
    {"垃圾发电", FeatureCategory::other_energy},
    {"垃圾焚烧", FeatureCategory::other_energy},
    {"地热", FeatureCategory::other_energy},
    {"储能", FeatureCategory::other_energy},
    {"抽水蓄能", FeatureCategory::hydropower},
    {"抽水蓄能电站", FeatureCategory::hydropower},
    {"power plant", FeatureCategory::other_energy},
    {"power station", FeatureCategory::other_energy},
    {"nuclear", FeatureCategory::other_energy},
    {"geothermal", FeatureCategory::other_energy},
    {"biomass", FeatureCategory::other_energy},
    {"methane", FeatureCategory::other_energy},
    {"cogeneration", FeatureCategory::other_energy},
    {"petcoke", FeatureCategory::other_energy},
    {"wave and tidal", FeatureCategory::other_energy},
    {"pumped storage", FeatureCategory::hydropower},
    // Fuel names of national power-plant lists (WRI's China.csv: "Natural Gas", "Fuel Oil",
    // "Distillate Oil", "Heavy Fuel Oil", "Landfill gas").
    {"natural gas", FeatureCategory::other_energy},
    {"fuel oil", FeatureCategory::other_energy},
    {"distillate oil", FeatureCategory::other_energy},
    {"diesel", FeatureCategory::other_energy},
    {"landfill gas", FeatureCategory::other_energy},
    // Mines, quarries, waste dumps, smelters, concentrators.
    {"煤矿", FeatureCategory::mine},
    {"矿井", FeatureCategory::mine},
    {"露天矿", FeatureCategory::mine},
    {"石料厂", FeatureCategory::mine},
    {"砂石", FeatureCategory::mine},
    {"open pit", FeatureCategory::mine},
    {"尾矿", FeatureCategory::tailings_pond},
    {"排土场", FeatureCategory::slag_yard},
    {"废石场", FeatureCategory::slag_yard},
    {"废石堆", FeatureCategory::slag_yard},
    {"矸石山", FeatureCategory::slag_yard},
    {"waste dump", FeatureCategory::slag_yard},
    {"waste rock", FeatureCategory::slag_yard},
    {"spoil heap", FeatureCategory::slag_yard},
    {"smelting", FeatureCategory::smelter},
    {"ore processing", FeatureCategory::concentrator},
    {"processing plant", FeatureCategory::concentrator},
    // Roads and villages.
    {"公路", FeatureCategory::transport},
    {"国道", FeatureCategory::transport},
    {"省道", FeatureCategory::transport},
    {"县道", FeatureCategory::transport},
    {"乡道", FeatureCategory::transport},
    {"村道", FeatureCategory::transport},
    {"铁路", FeatureCategory::transport},
    {"highway", FeatureCategory::transport},
    {"railway", FeatureCategory::transport},
    {"村", FeatureCategory::settlement},
    {"自然村", FeatureCategory::settlement},
    {"集镇", FeatureCategory::settlement},
    {"hamlet", FeatureCategory::settlement},
};

// Short English words that name a category only as the whole value (GPPD primary_fuel values):
// contained in longer text they would misfire ("soil" holds "oil", "gasoline" holds "gas").
const std::pair<const char*, FeatureCategory> kExactLabels[] = {
    {"coal", FeatureCategory::other_energy},    {"gas", FeatureCategory::other_energy},
    {"oil", FeatureCategory::other_energy},     {"waste", FeatureCategory::other_energy},
    {"storage", FeatureCategory::other_energy}, {"petroleum", FeatureCategory::other_energy},
    {"nuclear", FeatureCategory::other_energy}, {"lng", FeatureCategory::other_energy},
    {"town", FeatureCategory::settlement},
};

// The known label contained in `value` that ends last (in Chinese compounds the head noun comes
// last: 锌冶炼渣场 is a slag yard), then the longest.
std::optional<FeatureCategory> contained_label(const std::map<std::string, FeatureCategory>& labels,
                                               const std::string& value) {
  std::optional<FeatureCategory> best;
  std::size_t best_end = 0, best_len = 0;
  for (const auto& [label, category] : labels) {
    if (label.empty()) continue;
    for (std::size_t pos = value.find(label); pos != std::string::npos;
         pos = value.find(label, pos + 1)) {
      const std::size_t end = pos + label.size();
      if (!best || end > best_end || (end == best_end && label.size() > best_len)) {
        best = category;
        best_end = end;
        best_len = label.size();
      }
    }
  }
  return best;
}

}  // namespace

const char* to_string(FeatureCategory c) noexcept { return names(c).id; }
const char* chinese_name(FeatureCategory c) noexcept { return names(c).chinese; }
const char* english_name(FeatureCategory c) noexcept { return names(c).english; }

std::optional<FeatureCategory> category_from_string(const std::string& id) {
  std::string n = text::normalise_label(id);
  std::replace(n.begin(), n.end(), '-', '_');
  std::replace(n.begin(), n.end(), ' ', '_');
  for (const auto& c : kNames)
    if (n == c.id) return c.category;
  // Aliases used in profiles.
  if (n == "enterprise" || n == "industrial_enterprise") return FeatureCategory::industrial;
  if (n == "quarry" || n == "sand_pit") return FeatureCategory::mine;
  if (n == "illegal_building" || n == "building") return FeatureCategory::other;
  if (n == "hydro" || n == "small_hydropower") return FeatureCategory::hydropower;
  return std::nullopt;
}

std::vector<FeatureCategory> all_categories() {
  std::vector<FeatureCategory> out;
  for (const auto& c : kNames) out.push_back(c.category);
  return out;
}

bool is_extraction(FeatureCategory c) noexcept {
  return c == FeatureCategory::mining_right || c == FeatureCategory::exploration_right ||
         c == FeatureCategory::mine;
}

bool is_polluting(FeatureCategory c) noexcept {
  return c == FeatureCategory::concentrator || c == FeatureCategory::smelter ||
         c == FeatureCategory::slag_yard || c == FeatureCategory::tailings_pond;
}

CategoryMap CategoryMap::defaults() {
  CategoryMap m;
  for (const auto& [label, category] : kDefaultLabels)
    m.labels_[text::normalise_label(label)] = category;
  for (const auto& c : kNames) m.labels_[c.id] = c.category;
  for (const auto& [label, category] : kExactLabels)
    m.exact_[text::normalise_label(label)] = category;
  return m;
}

void CategoryMap::add(const std::string& label, FeatureCategory category) {
  user_[text::normalise_label(label)] = category;
}

std::optional<FeatureCategory> CategoryMap::lookup(const std::string& label) const {
  const std::string n = text::normalise_label(label);
  if (n.empty()) return std::nullopt;
  if (auto it = user_.find(n); it != user_.end()) return it->second;
  if (auto it = labels_.find(n); it != labels_.end()) return it->second;
  if (auto it = exact_.find(n); it != exact_.end()) return it->second;
  if (auto c = category_from_string(n)) return c;
  if (auto c = contained_label(user_, n)) return c;
  return contained_label(labels_, n);
}

void CategoryMap::add_mapping(const std::string& spec) {
  std::stringstream ss(spec);
  std::string pair;
  while (std::getline(ss, pair, ',')) {
    if (text::normalise_label(pair).empty()) continue;
    const auto eq = pair.find('=');
    if (eq == std::string::npos)
      throw UsageError("category mapping '" + pair +
                       "' has no '='; write it as label=category, e.g. 化工厂=industrial");
    const std::string label = pair.substr(0, eq);
    const std::string id = pair.substr(eq + 1);
    auto category = category_from_string(id);
    if (!category) {
      std::string known;
      for (const auto& c : kNames) known += std::string(known.empty() ? "" : ", ") + c.id;
      throw UsageError("unknown category '" + id + "' in mapping '" + pair + "'; use one of " +
                       known);
    }
    if (text::normalise_label(label).empty())
      throw UsageError("category mapping '" + pair + "' has an empty label");
    add(label, *category);
  }
}

}  // namespace reserve
