// A map-style file (TOML; libreserve/share/styles/default.toml is the shipped one): colours,
// line widths, hatches, symbols. Garbage is a UsageError naming the key.
#include "reserve/map_style.hpp"
#include "support/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = reserve::fuzz::as_text(data, size);
  reserve::fuzz::expect_clean_errors([&] { (void)reserve::parse_map_style(text, "fuzz.toml"); });
  return 0;
}
