// parse_angle_deg: decimal degrees and 度分秒 (105°42'30.5", 105度42分30.5秒, 105:42:30.5, with
// E/W/N/S or 东经/西经/北纬/南纬). Any text gives an angle or nullopt; the angle is finite.
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "reserve/io.hpp"
#include "support/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto angle = reserve::parse_angle_deg(reserve::fuzz::as_text(data, size));
  if (angle && !std::isfinite(*angle)) {
    std::fprintf(stderr, "fuzz finding: parse_angle_deg returned a non-finite angle\n");
    std::abort();
  }
  return 0;
}
