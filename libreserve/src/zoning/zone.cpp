#include "reserve/zone.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <string_view>
#include <vector>

#include "core/text_util.hpp"
#include "reserve/error.hpp"

namespace reserve {
namespace {

struct ZoneNames {
  Zone zone;
  const char* id;
  const char* chinese;
  const char* english;
};

constexpr ZoneNames kNames[] = {
    {Zone::core, "core", "核心区", "Core zone"},
    {Zone::buffer, "buffer", "缓冲区", "Buffer zone"},
    {Zone::experimental, "experimental", "实验区", "Experimental zone"},
    {Zone::core_protection, "core_protection", "核心保护区", "Core protection zone"},
    {Zone::general_control, "general_control", "一般控制区", "General control zone"},
    {Zone::outside, "outside", "保护区外", "Outside the reserve"},
};

const ZoneNames& names(Zone z) {
  for (const auto& n : kNames)
    if (n.zone == z) return n;
  return kNames[5];
}

using text::normalise_label;  // one definition of a label's canonical form

// The label's characters (UTF-8 sequences), for the suffix grammar below.
std::vector<std::string> characters(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

bool all_of_set(const std::vector<std::string>& chars, std::string_view set) {
  if (chars.empty()) return false;
  for (const auto& c : chars)
    if (c.size() == 1 ? !std::isdigit(static_cast<unsigned char>(c[0])) || set != "0-9"
                      : set.find(c) == std::string_view::npos)
      return false;
  return true;
}

// An ordinal of one polygon of a zone: "1", "12", "一", "十二", "a", "Ⅱ".
bool is_ordinal(const std::vector<std::string>& c) {
  if (all_of_set(c, "0-9") || all_of_set(c, "一二三四五六七八九十")) return true;
  if (c.size() != 1) return false;
  if (c[0].size() == 1) return std::isalpha(static_cast<unsigned char>(c[0][0])) != 0;
  return std::string_view("ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ").find(c[0]) != std::string_view::npos;
}

// What follows a zone's label when a layer numbers the zone's polygons: "1", "-2", "一", "3号",
// "A", "(东片)", "（二）". Never free text: "(拟调出)" (to be removed) must not read as the zone.
bool is_numbering(std::vector<std::string> c, bool after_ascii) {
  bool separated = false;
  if (!c.empty() && (c.front() == " " || c.front() == "-" || c.front() == "_" || c.front() == "#" ||
                     c.front() == "·")) {
    c.erase(c.begin());
    separated = true;
  }
  if (c.size() >= 3 && (c.front() == "(" || c.front() == "（") &&
      (c.back() == ")" || c.back() == "）")) {
    std::vector<std::string> inner(c.begin() + 1, c.end() - 1);
    if (is_ordinal(inner)) return true;
    if (!inner.empty() &&
        std::string_view("片部块塊区區侧側").find(inner.back()) != std::string_view::npos)
      inner.pop_back();
    return all_of_set(inner, "东東西南北中");
  }
  if (!c.empty() && std::string_view("号號片块塊").find(c.back()) != std::string_view::npos)
    c.pop_back();
  // A bare letter after an English label ("buffers", "corex") is a word, not a number.
  if (c.size() == 1 && c[0].size() == 1 && std::isalpha(static_cast<unsigned char>(c[0][0])) &&
      after_ascii && !separated)
    return false;
  return is_ordinal(c);
}

}  // namespace

const char* to_string(Zone z) noexcept { return names(z).id; }
const char* chinese_name(Zone z) noexcept { return names(z).chinese; }
const char* english_name(Zone z) noexcept { return names(z).english; }

std::optional<Zone> zone_from_string(const std::string& id) {
  const std::string n = normalise_label(id);
  for (const auto& z : kNames)
    if (n == z.id) return z.zone;
  if (n == "core-protection") return Zone::core_protection;
  if (n == "general-control") return Zone::general_control;
  return std::nullopt;
}

const char* to_string(ZoneModel m) noexcept {
  return m == ZoneModel::three_zone ? "three-zone" : "two-zone";
}

ZoneModel model_of(Zone z) {
  return (z == Zone::core_protection || z == Zone::general_control) ? ZoneModel::two_zone
                                                                    : ZoneModel::three_zone;
}

std::vector<Zone> zones_of(ZoneModel m) {
  if (m == ZoneModel::three_zone) return {Zone::core, Zone::buffer, Zone::experimental};
  return {Zone::core_protection, Zone::general_control};
}

int strictness(Zone z) noexcept {
  switch (z) {
    case Zone::core: return 3;
    case Zone::buffer: return 2;
    case Zone::experimental: return 1;
    case Zone::core_protection: return 2;
    case Zone::general_control: return 1;
    case Zone::outside: return 0;
  }
  return 0;
}

ZoneScheme ZoneScheme::defaults() {
  ZoneScheme s;
  const std::pair<const char*, Zone> labels[] = {
      {"核心区", Zone::core},
      {"核心", Zone::core},
      {"core", Zone::core},
      {"core zone", Zone::core},
      {"缓冲区", Zone::buffer},
      {"缓冲", Zone::buffer},
      {"buffer", Zone::buffer},
      {"buffer zone", Zone::buffer},
      {"实验区", Zone::experimental},
      {"实验", Zone::experimental},
      {"试验区", Zone::experimental},
      {"experimental", Zone::experimental},
      {"experimental zone", Zone::experimental},
      {"experiment", Zone::experimental},
      {"transition", Zone::experimental},
      {"transition zone", Zone::experimental},
      {"核心保护区", Zone::core_protection},
      {"core protection", Zone::core_protection},
      {"core protection zone", Zone::core_protection},
      {"core_protection", Zone::core_protection},
      {"一般控制区", Zone::general_control},
      {"general control", Zone::general_control},
      {"general control zone", Zone::general_control},
      {"general_control", Zone::general_control},
      // Traditional characters (data digitised in Taiwan or Hong Kong, or typed with a
      // traditional input method): 區 = 区, 緩衝 = 缓冲, 實驗 / 試驗 = 实验 / 试验, 保護 = 保护.
      {"核心區", Zone::core},
      {"緩衝區", Zone::buffer},
      {"緩衝", Zone::buffer},
      {"實驗區", Zone::experimental},
      {"實驗", Zone::experimental},
      {"試驗區", Zone::experimental},
      {"核心保護區", Zone::core_protection},
      {"一般控制區", Zone::general_control},
      // 区域 ("region") for 区, as some bureaus label them, and the UNESCO biosphere-reserve
      // terms (core area, buffer zone, transition area).
      {"核心区域", Zone::core},
      {"缓冲区域", Zone::buffer},
      {"实验区域", Zone::experimental},
      {"试验区域", Zone::experimental},
      {"核心保护区域", Zone::core_protection},
      {"一般控制区域", Zone::general_control},
      {"core area", Zone::core},
      {"buffer area", Zone::buffer},
      {"transition area", Zone::experimental},
      {"experimental area", Zone::experimental},
  };
  for (const auto& [label, zone] : labels) s.labels_[normalise_label(label)] = zone;
  return s;
}

void ZoneScheme::add(const std::string& label, Zone zone) {
  labels_[normalise_label(label)] = zone;
}

std::optional<Zone> ZoneScheme::lookup(const std::string& label) const {
  const std::string n = normalise_label(label);
  auto it = labels_.find(n);
  if (it != labels_.end()) return it->second;
  // A numbered polygon of a zone ("核心区1", "缓冲区一", "实验区(东片)"): the longest known label
  // that the text starts with, followed by a numbering and nothing else.
  std::optional<Zone> found;
  std::size_t found_size = 0;
  for (const auto& [known, zone] : labels_) {
    if (known.size() <= found_size || known.size() >= n.size() || n.compare(0, known.size(), known))
      continue;
    const bool after_ascii = static_cast<unsigned char>(known.back()) < 0x80;
    if (is_numbering(characters(n.substr(known.size())), after_ascii)) {
      found = zone;
      found_size = known.size();
    }
  }
  return found;
}

void ZoneScheme::add_mapping(const std::string& spec) {
  std::stringstream ss(spec);
  std::string pair;
  while (std::getline(ss, pair, ',')) {
    if (normalise_label(pair).empty()) continue;
    const auto eq = pair.rfind('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size())
      throw UsageError("zone mapping '" + pair + "' is not of the form LABEL=ZONE (e.g. 1=core)");
    const auto zone = zone_from_string(pair.substr(eq + 1));
    if (!zone || *zone == Zone::outside)
      throw UsageError("zone mapping '" + pair +
                       "': unknown zone; use core, buffer, experimental, core_protection or "
                       "general_control");
    add(pair.substr(0, eq), *zone);
  }
}

Zone LegacyToTwoZoneMap::map(Zone z) const noexcept {
  switch (z) {
    case Zone::core: return core;
    case Zone::buffer: return buffer;
    case Zone::experimental: return experimental;
    default: return z;
  }
}

}  // namespace reserve
