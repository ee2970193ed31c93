// A rule profile (TOML, docs/profiles.md): every key checked against the rule registry. Malformed
// TOML, wrong types and unknown keys are UsageErrors naming the key.
#include "reserve/rules.hpp"
#include "support/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = reserve::fuzz::as_text(data, size);
  reserve::fuzz::expect_clean_errors([&] { (void)reserve::parse_profile(text, "fuzz.toml"); });
  return 0;
}
