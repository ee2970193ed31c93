#pragma once
// Zone kinds of a nature reserve and the scheme that maps source labels onto them.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "reserve/export.hpp"

namespace reserve {

// Three-zone model (条例 1994/2017): core, buffer, experimental.
// Two-zone model (2019 guidance, 2026 条例): core_protection, general_control.
enum class Zone { core, buffer, experimental, core_protection, general_control, outside };

enum class ZoneModel { three_zone, two_zone };

RESERVE_API const char* to_string(Zone z) noexcept;     // "core", "buffer", …
RESERVE_API const char* chinese_name(Zone z) noexcept;  // "核心区", "缓冲区", …
RESERVE_API const char* english_name(Zone z) noexcept;  // "Core zone", …
RESERVE_API std::optional<Zone> zone_from_string(const std::string& id);  // inverse of to_string
RESERVE_API const char* to_string(ZoneModel m) noexcept;  // "three-zone", "two-zone"
RESERVE_API ZoneModel model_of(Zone z);                   // outside → three_zone by convention
// The zones of a model, strictest first.
RESERVE_API std::vector<Zone> zones_of(ZoneModel m);

// Strictness within one model: higher is stricter; outside is 0. Core 3, buffer 2,
// experimental 1; core_protection 2, general_control 1. Compare zones of one model only.
RESERVE_API int strictness(Zone z) noexcept;

// Maps source labels (核心区, 缓冲区, 实验区, 核心保护区, 一般控制区, core, buffer,
// experimental/transition, …) to zones. Lookup ignores case and surrounding white space.
class RESERVE_API ZoneScheme {
 public:
  // The labels recognised without configuration.
  static ZoneScheme defaults();

  void add(const std::string& label, Zone zone);  // user mapping wins over defaults
  std::optional<Zone> lookup(const std::string& label) const;
  // "label=zone" pairs separated by commas or given one by one, e.g.
  // "1=core,2=buffer,3=experimental". Throws UsageError on a malformed pair or unknown zone name.
  void add_mapping(const std::string& spec);

 private:
  std::map<std::string, Zone> labels_;  // normalised label → zone
};

// How three-zone land maps into the two-zone model when a two-zone proposal is compared with a
// three-zone baseline. Default: core, buffer → core_protection; experimental → general_control.
// (The mapping is unconfirmed in the regulations, hence a setting.)
struct LegacyToTwoZoneMap {
  Zone core = Zone::core_protection;
  Zone buffer = Zone::core_protection;
  Zone experimental = Zone::general_control;
  Zone map(Zone z) const noexcept;
};

}  // namespace reserve
