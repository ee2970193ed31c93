// A feature's geometry as GeoPackage, Shapefile and FileGDB readers hand it over (WKB, which is
// what a GPKG geometry blob carries after its header): parsed by GDAL, then through our own code
// — OGR → Geometry conversion (Z/M dropped, curves linearised, rings closed and oriented, axes
// swapped for northing-first data), validity, and repair with its area guard.
#include <ogr_geometry.h>

#include <memory>

#include "geom/repair.hpp"
#include "geom/validity.hpp"
#include "io/ogr_geometry.hpp"
#include "reserve/area.hpp"
#include "support/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  reserve::fuzz::init_environment();
  // CGCS2000 / 3-degree Gauss-Kruger CM 105E, planar areas: no CRS-range surprises, so the
  // geometry code is what gets exercised.
  static const reserve::AreaCalculator calc(reserve::Crs::from_epsg(4544),
                                            reserve::AreaMethod::planar);
  OGRGeometry* raw = nullptr;
  if (OGRGeometryFactory::createFromWkb(data, nullptr, &raw, size) != OGRERR_NONE) return 0;
  const std::unique_ptr<OGRGeometry> g(raw);
  for (const bool swap_axes : {false, true}) {
    const reserve::io::ConvertedGeometry c = reserve::io::convert_ogr_geometry(g.get(), swap_axes);
    if (c.problem_code || c.geometry.kind != reserve::GeometryKind::polygon) continue;
    reserve::fuzz::expect_clean_errors([&] {
      (void)reserve::geom::find_invalidity(c.geometry.polygons);
      (void)reserve::geom::repair_polygons(c.geometry.polygons, reserve::RepairPolicy{}, calc);
    });
  }
  return 0;
}
