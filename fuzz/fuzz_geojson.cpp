// The library's side of GDAL input: a GeoJSON file (any bytes) read by read_layer, each polygon
// checked and repaired by the one validity → repair path (geom/repair), and the same file loaded
// as a conflict layer (coordinate checks, reprojection into Gauss–Krüger, categories, repair).
#include "geom/repair.hpp"
#include "reserve/area.hpp"
#include "reserve/features.hpp"
#include "reserve/io.hpp"
#include "support/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  reserve::fuzz::init_environment();
  // CGCS2000 / 3-degree Gauss-Kruger CM 105E: the sample data's working CRS.
  static const reserve::Crs working = reserve::Crs::from_epsg(4544);
  const std::string path =
      reserve::fuzz::write_scratch_file("layer.geojson", reserve::fuzz::as_text(data, size));
  reserve::fuzz::expect_clean_errors([&] {
    const reserve::Layer layer = reserve::read_layer(path);
    const reserve::AreaCalculator calc(layer.crs, reserve::AreaMethod::geodesic);
    for (const reserve::Feature& f : layer.features)
      if (f.geometry.kind == reserve::GeometryKind::polygon)
        (void)reserve::geom::repair_polygons(f.geometry.polygons, reserve::RepairPolicy{}, calc);
  });
  reserve::fuzz::expect_clean_errors([&] {
    reserve::FeatureOptions options;
    options.path = path;
    options.category = reserve::FeatureCategory::mining_right;
    (void)reserve::load_features(options, working);
  });
  return 0;
}
