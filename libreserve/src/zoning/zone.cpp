#include "reserve/zone.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

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
  };
  for (const auto& [label, zone] : labels) s.labels_[normalise_label(label)] = zone;
  return s;
}

void ZoneScheme::add(const std::string& label, Zone zone) {
  labels_[normalise_label(label)] = zone;
}

std::optional<Zone> ZoneScheme::lookup(const std::string& label) const {
  auto it = labels_.find(normalise_label(label));
  if (it == labels_.end()) return std::nullopt;
  return it->second;
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
