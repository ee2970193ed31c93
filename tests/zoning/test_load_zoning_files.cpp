// load_zoning on real files written through GDAL: a GBK shapefile in geographic CGCS2000 with
// Chinese labels, and one GeoPackage per zone.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "reserve/area.hpp"
#include "reserve/error.hpp"
#include "reserve/zoning.hpp"
#include "support/cli_runner.hpp"
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

// A dataset with one layer per zone and no zone field (the zone is the layer's name), given
// without a layer: it stopped with "the dataset has 3 layers; choose one with --layer", and
// choosing one drops the others. Now each layer is read as its zone, with an info issue.
TEST(LoadZoning, LayersNamedByZoneAreOneZoning) {
  test::TempDir dir;
  const std::string path = dir.file("zones.gpkg");
  test::LayerSpec core;
  core.layer = "核心区";
  core.epsg = 4544;
  core.geometry_type = "Polygon";
  core.features = {
      {"POLYGON ((500000 3700000, 500100 3700000, 500100 3700100, 500000 3700100, "
       "500000 3700000))"}};
  test::write_layer(path, core);
  test::LayerSpec buffer = core;
  buffer.layer = "缓冲区";
  buffer.features = {
      {"POLYGON ((500100 3700000, 500300 3700000, 500300 3700100, 500100 3700100, "
       "500100 3700000))"}};
  test::write_layer(path, buffer);
  test::LayerSpec experimental = core;  // an empty folder: nothing to read, named in the note
  experimental.layer = "实验区";
  experimental.features = {};
  test::write_layer(path, experimental);

  ZoningOptions options;
  options.area_method = AreaMethod::planar;
  ZoningSource source;
  source.path = path;
  options.sources = {source};
  const Zoning z = load_zoning(options);
  ASSERT_EQ(z.parts.size(), 2u);
  EXPECT_EQ(z.parts[0].zone, Zone::core);
  EXPECT_EQ(z.parts[1].zone, Zone::buffer);
  ASSERT_EQ(z.sources.size(), 2u);
  EXPECT_EQ(z.sources[0].layer, "核心区");
  EXPECT_EQ(z.sources[1].layer, "缓冲区");
  const auto areas = zone_areas(z, AreaCalculator(z.crs, AreaMethod::planar));
  EXPECT_DOUBLE_EQ(areas.at(0).area_m2, 10000.0);  // 100 m × 100 m, by hand
  EXPECT_DOUBLE_EQ(areas.at(1).area_m2, 20000.0);  // 200 m × 100 m, by hand
  EXPECT_DOUBLE_EQ(areas.at(2).area_m2, 0.0);
  bool noted = false;
  for (const auto& i : z.issues)
    if (i.code == IssueCode::zone_named_layers)
      noted = i.message.find("'核心区' → core, '缓冲区' → buffer") != std::string::npos &&
              i.message.find("empty layer(s) '实验区'") != std::string::npos;
  EXPECT_TRUE(noted);

  // A layer that is not a zone (the boundary) keeps the old advice: nothing is guessed.
  test::LayerSpec boundary = core;
  boundary.layer = "保护区界线";
  test::write_layer(path, boundary);
  try {
    load_zoning(options);
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("choose one with --layer"), std::string::npos) << e.what();
  }
  // A layer chosen by the user is read alone, as before.
  options.sources[0].read.layer = "缓冲区";
  options.sources[0].zone_field = "";
  EXPECT_THROW(load_zoning(options), InputError);  // no zone field in that layer
}

// The same from Google Earth: a KML with one folder per zone (LIBKML: a layer per folder).
TEST(LoadZoning, KmlFoldersNamedByZoneAreOneZoning) {
  test::TempDir dir;
  std::string kml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml "
      "xmlns=\"http://www.opengis.net/kml/2.2\"><Document><name>某保护区</name>\n";
  const char* zones[] = {"核心区", "缓冲区", "实验区"};
  for (int i = 0; i < 3; ++i) {
    const double x0 = 105.0 + 0.01 * i, x1 = x0 + 0.01;
    auto c = [](double x, double y) { return std::to_string(x) + "," + std::to_string(y) + ",0 "; };
    kml += std::string("<Folder><name>") + zones[i] + "</name><Placemark><name>" + zones[i] +
           "1</name><Polygon><outerBoundaryIs><LinearRing><coordinates>" + c(x0, 33.4) +
           c(x1, 33.4) + c(x1, 33.41) + c(x0, 33.41) + c(x0, 33.4) +
           "</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Folder>\n";
  }
  kml += "</Document></kml>\n";
  test::write_file(dir.file("zones.kml"), kml);
  ZoningOptions options;
  ZoningSource source;
  source.path = dir.file("zones.kml");
  options.sources = {source};
  const Zoning z = load_zoning(options);
  ASSERT_EQ(z.parts.size(), 3u);
  EXPECT_EQ(z.parts[0].zone, Zone::core);
  EXPECT_EQ(z.parts[1].zone, Zone::buffer);
  EXPECT_EQ(z.parts[2].zone, Zone::experimental);
  EXPECT_EQ(z.crs.epsg, 4544);  // the CGCS2000 GK zone of 105°E
  EXPECT_EQ(z.sources.at(2).layer, "实验区");

  // `reserve validate` reads it the same way (it stopped with "choose one with --layer").
  const auto v = test::run_cli({"validate", dir.file("zones.kml")});
  EXPECT_TRUE(v.exit_code == 0 || v.exit_code == 1) << v.exit_code << v.out << v.err;
  EXPECT_NE(v.out.find("zone-named-layers"), std::string::npos) << v.out;
  EXPECT_NE(v.out.find("layer '实验区'"), std::string::npos) << v.out;

  // `reserve check` too: its province detection reads one layer, so a file of several layers
  // without a layer chosen goes to the single check, which reads it as above. Before = after:
  // no slimming, no share change; zoning-sanity fails (the core lies on the reserve's edge, with
  // no buffer around it), hence exit 1.
  const auto c =
      test::run_cli({"check", "--before", dir.file("zones.kml"), "--after", dir.file("zones.kml"),
                     "--format", "json", "--out", dir.file("out")});
  EXPECT_EQ(c.exit_code, 1) << c.out << c.err;
  const auto report = nlohmann::json::parse(test::read_file(dir.file("out/report.json")));
  std::map<std::string, std::string> status;
  for (const auto& verdict : report["verdicts"]) status[verdict["rule_id"]] = verdict["status"];
  EXPECT_EQ(status["no-slimming"], "pass");
  EXPECT_EQ(status["core-buffer-share"], "pass");
  EXPECT_EQ(status["zoning-sanity"], "fail");
  EXPECT_NE(report.dump().find("zone-named-layers"), std::string::npos);
}

TEST(LoadZoning, NoSourcesIsAUsageError) { EXPECT_THROW(load_zoning(ZoningOptions{}), UsageError); }

}  // namespace
}  // namespace reserve
