// A corner-point table (拐点坐标) of mining rights: right id, 点号, X northing / Y easting (zone
// prefix) or 经度/纬度, optional 区块号 and 圈号. Read both as the CSV it usually is and as the
// whitespace-separated .txt some bureaus export.
#include "reserve/io.hpp"
#include "support/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  reserve::fuzz::init_environment();
  const std::string text = reserve::fuzz::as_text(data, size);
  for (const char* name : {"rights.csv", "rights.txt"}) {
    const std::string path = reserve::fuzz::write_scratch_file(name, text);
    reserve::fuzz::expect_clean_errors([&] { (void)reserve::read_corner_points(path); });
  }
  return 0;
}
