// A user's water-quality standards table (--standards; the shipped one is
// libreserve/share/standards/water_limits.csv), merged over the shipped limits as the CLI does.
#include "reserve/monitoring.hpp"
#include "support/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const reserve::StandardsTable shipped = reserve::StandardsTable::defaults();
  const std::string path =
      reserve::fuzz::write_scratch_file("standards.csv", reserve::fuzz::as_text(data, size));
  reserve::fuzz::expect_clean_errors([&] {
    reserve::StandardsTable table = shipped;
    table.merge(reserve::StandardsTable::from_csv(path));
  });
  return 0;
}
