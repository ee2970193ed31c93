// load_zoning on real files written through GDAL: a GBK shapefile in geographic CGCS2000 with
// Chinese labels, and one GeoPackage per zone.
#include <gtest/gtest.h>

#include <cmath>

#include "reserve/error.hpp"
#include "reserve/zoning.hpp"
#include "support/gdal_writer.hpp"
#include "support/temp_dir.hpp"

namespace reserve {
namespace {

TEST(LoadZoning, GbkShapefileInGeographicCgcs2000IsMappedAndReprojected) {
  test::TempDir dir;
  test::LayerSpec spec;
  spec.driver = "ESRI Shapefile";
  spec.layer = "zones";
  spec.epsg = 4490;
  spec.geometry_type = "Polygon";
  spec.fields = {{"GNFQ", "string"}};
  spec.layer_options = {"ENCODING=CP936"};
  spec.features = {
      {"POLYGON ((105.70 33.75, 105.71 33.75, 105.71 33.76, 105.70 33.76, 105.70 33.75))",
       {"核心区"}},
      {"POLYGON ((105.71 33.75, 105.72 33.75, 105.72 33.76, 105.71 33.76, 105.71 33.75))",
       {"缓冲区"}},
  };
  test::write_layer(dir.file("zones.shp"), spec);

  ZoningOptions options;
  options.name = "proposal";
  ZoningSource source;
  source.path = dir.file("zones.shp");
  options.sources.push_back(source);
  const Zoning z = load_zoning(options);
  ASSERT_EQ(z.parts.size(), 2u);
  EXPECT_EQ(z.parts[0].label, "核心区");  // decoded from CP936
  EXPECT_EQ(z.parts[0].zone, Zone::core);
  EXPECT_EQ(z.parts[1].zone, Zone::buffer);
  EXPECT_EQ(z.crs.epsg, 4544);  // CGCS2000 3° GK zone 35 (CM 105°E) for 105.7°E
  ASSERT_EQ(z.sources.size(), 1u);
  EXPECT_EQ(z.sources[0].source_crs.epsg, 4490);
  EXPECT_EQ(z.sources[0].sha256.size(), 64u);
  // The core cell's south-west corner, pyproj 3.4 Transformer 4490→4544 (always_xy):
  // (105.7, 33.75) → (564858.806429, 3736151.532798); tolerance 1 mm.
  bool found = false;
  for (const Point& p : z.parts[0].geometry.polygons.at(0).outer)
    found =
        found || (std::abs(p.x - 564858.806429) < 1e-3 && std::abs(p.y - 3736151.532798) < 1e-3);
  EXPECT_TRUE(found);
}

TEST(LoadZoning, OneGeoPackagePerZone) {
  test::TempDir dir;
  test::LayerSpec core;
  core.layer = "core";
  core.epsg = 4544;
  core.geometry_type = "Polygon";
  core.features = {
      {"POLYGON ((500000 3700000, 500100 3700000, 500100 3700100, 500000 3700100, "
       "500000 3700000))"}};
  test::write_layer(dir.file("core.gpkg"), core);
  test::LayerSpec buffer = core;
  buffer.layer = "buffer";
  buffer.features = {
      {"POLYGON ((500100 3700000, 500200 3700000, 500200 3700100, 500100 "
       "3700100, 500100 3700000))"}};
  test::write_layer(dir.file("buffer.gpkg"), buffer);

  ZoningOptions options;
  options.area_method = AreaMethod::planar;
  ZoningSource c, b;
  c.path = dir.file("core.gpkg");
  c.zone = Zone::core;
  b.path = dir.file("buffer.gpkg");
  b.zone = Zone::buffer;
  options.sources = {c, b};
  const Zoning z = load_zoning(options);
  ASSERT_EQ(z.parts.size(), 2u);
  const AreaCalculator calc(z.crs, AreaMethod::planar);
  const auto areas = zone_areas(z, calc);
  EXPECT_DOUBLE_EQ(areas.at(0).area_m2, 10000.0);  // 100 m × 100 m, hand-computed
  EXPECT_DOUBLE_EQ(areas.at(1).area_m2, 10000.0);
  EXPECT_DOUBLE_EQ(areas.at(2).area_m2, 0.0);  // no experimental zone
  EXPECT_EQ(z.sources.at(1).layer, "buffer");
}

TEST(LoadZoning, NoSourcesIsAUsageError) { EXPECT_THROW(load_zoning(ZoningOptions{}), UsageError); }

}  // namespace
}  // namespace reserve
