// A text table as `read_layer` meets it in a .csv file: points in decimal degrees or 度分秒,
// plane X/Y, a WKT column, or a corner-point table (the reader picks). Bad tables must end in
// UsageError / InputError, never a crash or another exception.
#include "reserve/io.hpp"
#include "support/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  reserve::fuzz::init_environment();
  const std::string path =
      reserve::fuzz::write_scratch_file("points.csv", reserve::fuzz::as_text(data, size));
  reserve::fuzz::expect_clean_errors([&] { (void)reserve::read_layer(path); });
  return 0;
}
