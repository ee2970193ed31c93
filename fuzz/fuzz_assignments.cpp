// The assignments table of the ledger (编号, 整改目标, 整改时限, 责任单位, …): CSV in UTF-8 (with
// or without BOM) or GB18030, RFC 4180 quotes.
#include "reserve/ledger.hpp"
#include "support/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path =
      reserve::fuzz::write_scratch_file("assignments.csv", reserve::fuzz::as_text(data, size));
  reserve::fuzz::expect_clean_errors([&] { (void)reserve::read_assignments(path); });
  return 0;
}
