// A monitoring-sample table (点位编号, 经度/纬度 in degrees or 度分秒, sampling date, Cd, Zn, …):
// read, reprojected into a Gauss–Krüger working CRS and checked against the shipped standards.
#include "reserve/monitoring.hpp"
#include "support/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  reserve::fuzz::init_environment();
  static const reserve::StandardsTable shipped = reserve::StandardsTable::defaults();
  // CGCS2000 / 3-degree Gauss-Kruger CM 105E: the sample data's working CRS.
  static const reserve::Crs working = reserve::Crs::from_epsg(4544);
  const std::string path =
      reserve::fuzz::write_scratch_file("monitoring.csv", reserve::fuzz::as_text(data, size));
  reserve::fuzz::expect_clean_errors([&] {
    const reserve::SampleSet samples = reserve::load_samples(path, {}, working);
    (void)reserve::check_samples(samples, shipped);
  });
  return 0;
}
