// The required-actions decision table (TOML, [[required_actions]] rows; --actions and the shipped
// libreserve/share/standards/required_actions.toml).
#include "reserve/ledger.hpp"
#include "support/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = reserve::fuzz::as_text(data, size);
  reserve::fuzz::expect_clean_errors(
      [&] { (void)reserve::ActionTable::from_toml(text, "fuzz.toml"); });
  return 0;
}
