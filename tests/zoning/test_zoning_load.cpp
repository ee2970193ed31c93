// zoning_from_layers on hand-built layers: zone field detection, label mapping, model mixing,
// reprojection, polygon-only input, and validity repair with the area change policed.
#include <gtest/gtest.h>

#include "geom/densify.hpp"

#include <cmath>

#include "reserve/error.hpp"
#include "reserve/zoning.hpp"

namespace reserve {
namespace {

constexpr double kX0 = 500000.0, kY0 = 3700000.0;  // EPSG:4544 local origin

Ring ring(std::initializer_list<Point> local) {
  Ring r;
  for (const auto& p : local) r.push_back({kX0 + p.x, kY0 + p.y});
  if (!r.empty()) r.push_back(r.front());
  return r;
}

Geometry square(double x0, double y0, double size) {
  return Geometry::from(
      Polygon{ring({{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}}), {}});
}

Feature feature(const std::string& id, Geometry g,
                std::vector<std::pair<std::string, std::string>> attrs) {
  Feature f;
  f.id = id;
  f.geometry = std::move(g);
  for (auto& [k, v] : attrs) f.attributes.push_back(Attribute{k, v, false});
  return f;
}

Layer layer_4544(std::vector<std::string> fields) {
  Layer l;
  l.path = "zones.gpkg";
  l.name = "zones";
  l.driver = "GPKG";
  l.sha256 = "abc";
  l.encoding = "UTF-8";
  l.crs = Crs::from_epsg(4544);
  l.fields = std::move(fields);
  return l;
}

ZoningOptions planar_options() {
  ZoningOptions o;
  o.name = "test";
  o.area_method = AreaMethod::planar;
  return o;
}

Zoning load(const Layer& layer, const ZoningOptions& options, ZoningSource source = {}) {
  return zoning_from_layers({{layer, source}}, options);
}

std::string input_error_of(const Layer& layer, const ZoningOptions& options,
                           ZoningSource source = {}) {
  try {
    load(layer, options, source);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected an InputError";
  return {};
}

TEST(ZoningFromLayers, DetectsAChineseZoneFieldAndMapsLabels) {
  Layer l = layer_4544({"OBJECTID", "功能分区"});
  l.features.push_back(
      feature("1", square(0, 0, 100), {{"OBJECTID", "1"}, {"功能分区", "核心区"}}));
  l.features.push_back(
      feature("2", square(100, 0, 100), {{"OBJECTID", "2"}, {"功能分区", "缓冲区"}}));
  l.features.push_back(
      feature("3", square(200, 0, 100), {{"OBJECTID", "3"}, {"功能分区", "实验区"}}));
  const Zoning z = load(l, planar_options());
  ASSERT_EQ(z.parts.size(), 3u);
  EXPECT_EQ(z.parts[0].zone, Zone::core);
  EXPECT_EQ(z.parts[1].zone, Zone::buffer);
  EXPECT_EQ(z.parts[2].zone, Zone::experimental);
  EXPECT_EQ(z.parts[1].label, "缓冲区");
  EXPECT_EQ(z.parts[1].where.feature, "2");
  EXPECT_EQ(z.model, ZoneModel::three_zone);
  EXPECT_EQ(z.crs.epsg, 4544);  // a projected source is its own working CRS
  ASSERT_EQ(z.sources.size(), 1u);
  EXPECT_EQ(z.sources[0].source_crs.epsg, 4544);
  EXPECT_EQ(z.sources[0].sha256, "abc");
  EXPECT_TRUE(z.repairs.empty());
  EXPECT_TRUE(z.issues.empty());
}

TEST(ZoningFromLayers, DetectsAnUnnamedFieldWhoseLabelsAllMap) {
  Layer l = layer_4544({"NAME_CN", "QH"});
  l.features.push_back(feature("1", square(0, 0, 100), {{"NAME_CN", "某保护区"}, {"QH", "Core"}}));
  l.features.push_back(
      feature("2", square(100, 0, 100), {{"NAME_CN", "某保护区"}, {"QH", "buffer"}}));
  const Zoning z = load(l, planar_options());
  EXPECT_EQ(z.parts[0].zone, Zone::core);
  EXPECT_EQ(z.parts[1].zone, Zone::buffer);
}

TEST(ZoningFromLayers, UnknownLabelsAreListedWithCountsAndTheMappingToUse) {
  Layer l = layer_4544({"分区"});
  l.features.push_back(feature("1", square(0, 0, 100), {{"分区", "1"}}));
  l.features.push_back(feature("2", square(100, 0, 100), {{"分区", "2"}}));
  l.features.push_back(feature("3", square(200, 0, 100), {{"分区", "2"}}));
  l.features.push_back(feature("4", square(300, 0, 100), {{"分区", "核心区"}}));
  const std::string msg = input_error_of(l, planar_options());
  EXPECT_NE(msg.find("'1' ×1"), std::string::npos) << msg;
  EXPECT_NE(msg.find("'2' ×2"), std::string::npos) << msg;
  EXPECT_NE(msg.find("'核心区' ×1"), std::string::npos) << msg;  // all labels, known ones too
  EXPECT_NE(msg.find("--zone-map '1=ZONE,2=ZONE'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("zones.gpkg"), std::string::npos) << msg;

  ZoningOptions mapped = planar_options();
  mapped.scheme.add_mapping("1=buffer,2=experimental");
  const Zoning z = load(l, mapped);
  EXPECT_EQ(z.parts[0].zone, Zone::buffer);
  EXPECT_EQ(z.parts[2].zone, Zone::experimental);
}

TEST(ZoningFromLayers, MissingOrUndetectableZoneFieldIsAnInputError) {
  Layer l = layer_4544({"ID", "备注"});
  l.features.push_back(feature("1", square(0, 0, 100), {{"ID", "7"}, {"备注", "x"}}));
  ZoningSource explicit_field;
  explicit_field.zone_field = "ZONE";
  std::string msg = input_error_of(l, planar_options(), explicit_field);
  EXPECT_NE(msg.find("'ZONE' does not exist"), std::string::npos) << msg;
  EXPECT_NE(msg.find("'ID', '备注'"), std::string::npos) << msg;
  msg = input_error_of(l, planar_options());
  EXPECT_NE(msg.find("no zone field found"), std::string::npos) << msg;
  EXPECT_NE(msg.find("--zone-field"), std::string::npos) << msg;
}

// A shapefile whose .cpg says UTF-8 over GBK bytes reaches the zoning with U+FFFD in its field
// names or labels (as `reserve info` shows them). Before the fix the message only offered
// --zone-field / --zone-map, which cannot help: it must point at the encoding.
TEST(ZoningFromLayers, GarbledNamesOrLabelsPointAtTheEncoding) {
  const std::string fffd = "\xEF\xBF\xBD";  // U+FFFD in UTF-8
  Layer names = layer_4544({fffd + fffd + "A"});
  names.encoding = "UTF-8";
  names.encoding_source = "cpg";
  names.features.push_back(feature("1", square(0, 0, 100), {{fffd + fffd + "A", fffd}}));
  std::string msg = input_error_of(names, planar_options());
  EXPECT_NE(msg.find("no zone field found"), std::string::npos) << msg;
  EXPECT_NE(msg.find("not valid UTF-8 (from cpg)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("--encoding GBK"), std::string::npos) << msg;

  Layer labels = layer_4544({"ZONE"});
  labels.features.push_back(feature("1", square(0, 0, 100), {{"ZONE", fffd + fffd + fffd}}));
  msg = input_error_of(labels, planar_options());
  EXPECT_NE(msg.find("zone labels not recognised"), std::string::npos) << msg;
  EXPECT_NE(msg.find("--encoding GBK"), std::string::npos) << msg;

  // Ordinary unknown labels do not get the hint.
  Layer plain = layer_4544({"ZONE"});
  plain.features.push_back(feature("1", square(0, 0, 100), {{"ZONE", "X"}}));
  msg = input_error_of(plain, planar_options());
  EXPECT_EQ(msg.find("--encoding"), std::string::npos) << msg;
}

TEST(ZoningFromLayers, MixingThreeAndTwoZoneLabelsIsAnInputError) {
  Layer l = layer_4544({"ZONE"});
  l.features.push_back(feature("1", square(0, 0, 100), {{"ZONE", "核心区"}}));
  l.features.push_back(feature("2", square(100, 0, 100), {{"ZONE", "一般控制区"}}));
  const std::string msg = input_error_of(l, planar_options());
  EXPECT_NE(msg.find("three-zone model ('核心区')"), std::string::npos) << msg;
  EXPECT_NE(msg.find("two-zone model ('一般控制区')"), std::string::npos) << msg;
}

TEST(ZoningFromLayers, WholeLayerZonesFromSeveralFiles) {
  Layer core = layer_4544({});
  core.path = "core.gpkg";
  core.features.push_back(feature("1", square(0, 0, 100), {}));
  Layer buffer = layer_4544({});
  buffer.path = "buffer.gpkg";
  buffer.features.push_back(feature("1", square(100, 0, 100), {}));
  ZoningSource c, b;
  c.zone = Zone::core;
  b.zone = Zone::buffer;
  const Zoning z = zoning_from_layers({{core, c}, {buffer, b}}, planar_options());
  ASSERT_EQ(z.parts.size(), 2u);
  EXPECT_EQ(z.parts[1].zone, Zone::buffer);
  EXPECT_EQ(z.parts[1].where.file, "buffer.gpkg");
  EXPECT_EQ(z.sources.size(), 2u);
}

TEST(ZoningFromLayers, ReprojectsGeographicInputIntoTheGaussKrugerZone) {
  // 0.01° cell at 105.7–105.71°E, 33.75–33.76°N in CGCS2000 geographic. The working CRS must be
  // the 3° GK zone 35 (CM 105°E, EPSG:4544). Expected corners: pyproj 3.4
  // Transformer.from_crs(4490, 4544, always_xy=True): (105.7, 33.75) → (564858.806429,
  // 3736151.532798), (105.71, 33.76) → (565777.741173, 3737267.079755). Tolerance 1 mm.
  Layer l;
  l.path = "geo.gpkg";
  l.name = "zones";
  l.crs = Crs::from_epsg(4490);
  l.fields = {"ZONE"};
  const Polygon cell{
      {{105.7, 33.75}, {105.71, 33.75}, {105.71, 33.76}, {105.7, 33.76}, {105.7, 33.75}}, {}};
  l.features.push_back(feature("1", Geometry::from(cell), {{"ZONE", "core"}}));
  ZoningOptions o;  // geodesic
  const Zoning z = load(l, o);
  EXPECT_EQ(z.crs.epsg, 4544);
  EXPECT_EQ(z.sources[0].source_crs.epsg, 4490);
  const Ring& r = z.parts[0].geometry.polygons.at(0).outer;
  // Lon/lat edges are densified before projecting: each 0.01° edge in 0.01 / 0.0005 = 20 steps,
  // so 4 × 20 + 1 (closing) = 81 vertices, the corners at 0, 20, 40, 60, 80.
  ASSERT_EQ(r.size(), 81u);
  EXPECT_NEAR(r[0].x, 564858.806429, 1e-3);
  EXPECT_NEAR(r[0].y, 3736151.532798, 1e-3);
  EXPECT_NEAR(r[40].x, 565777.741173, 1e-3);
  EXPECT_NEAR(r[40].y, 3737267.079755, 1e-3);
  // Same vertices on the ellipsoid (the cell densified the same way), so the geodesic area is
  // the same in either CRS (1e-9 rel).
  MultiPolygon dense{{cell}};
  geom::densify_lonlat(dense);
  const double geographic =
      AreaCalculator(Crs::from_epsg(4490), AreaMethod::geodesic).area_m2(dense);
  const double projected = AreaCalculator(z.crs, AreaMethod::geodesic).area_m2(z.parts[0].geometry);
  EXPECT_NEAR(projected, geographic, geographic * 1e-9);

  ZoningOptions fixed;
  fixed.working_crs = "EPSG:4545";  // explicit working CRS wins (GK zone 36)
  EXPECT_EQ(load(l, fixed).crs.epsg, 4545);
}

TEST(ZoningFromLayers, DatumChangeWithoutAShiftIsAWarningNamingTheLayer) {
  // Xian 1980 (EPSG:4610) → CGCS2000: PROJ 9.1 knows no datum shift between them and falls back
  // to a "ballpark" operation (projinfo -s EPSG:4610 -t EPSG:4490 says so), which can be tens of
  // metres off; the load must say so, not pass silently.
  Layer l;
  l.path = "xian80.gpkg";
  l.name = "zones";
  l.crs = Crs::from_epsg(4610);
  l.fields = {"ZONE"};
  const Polygon cell{
      {{105.7, 33.75}, {105.71, 33.75}, {105.71, 33.76}, {105.7, 33.76}, {105.7, 33.75}}, {}};
  l.features.push_back(feature("1", Geometry::from(cell), {{"ZONE", "core"}}));
  ZoningOptions o;
  o.working_crs = "EPSG:4544";
  const Zoning z = load(l, o);
  int ballpark = 0;
  for (const auto& i : z.issues)
    if (i.code == IssueCode::ballpark_transformation) {
      ++ballpark;
      EXPECT_EQ(i.severity, Severity::warning);
      EXPECT_EQ(i.where.file, "xian80.gpkg");
      EXPECT_NE(i.message.find("EPSG:4610"), std::string::npos) << i.message;
    }
  EXPECT_EQ(ballpark, 1);

  // CGCS2000 geographic → CGCS2000 GK is a projection on one datum: no warning.
  l.crs = Crs::from_epsg(4490);
  for (const auto& i : load(l, o).issues) EXPECT_NE(i.code, IssueCode::ballpark_transformation);
}

TEST(ZoningFromLayers, PointsAndLinesAreRejectedNamingTheFeature) {
  Layer l = layer_4544({"ZONE"});
  l.features.push_back(feature("1", square(0, 0, 100), {{"ZONE", "core"}}));
  l.features.push_back(feature("17", Geometry::from(Point{kX0, kY0}), {{"ZONE", "core"}}));
  const std::string msg = input_error_of(l, planar_options());
  EXPECT_NE(msg.find("feature 17"), std::string::npos) << msg;
  EXPECT_NE(msg.find("polygons only"), std::string::npos) << msg;
}

TEST(ZoningFromLayers, LayerIssuesAndEmptyGeometriesCarryOver) {
  Layer l = layer_4544({"ZONE"});
  l.features.push_back(feature("1", square(0, 0, 100), {{"ZONE", "core"}}));
  l.features.push_back(feature("2", Geometry{}, {{"ZONE", "core"}}));
  l.issues.push_back(Issue{IssueCode::null_geometry,
                           Severity::warning,
                           "skipped",
                           {"zones.gpkg", "zones", "9"},
                           {},
                           {}});
  const Zoning z = load(l, planar_options());
  ASSERT_EQ(z.parts.size(), 1u);
  ASSERT_EQ(z.issues.size(), 2u);
  EXPECT_EQ(z.issues[0].code, IssueCode::null_geometry);
  EXPECT_EQ(z.issues[1].code, IssueCode::empty_geometry);
  EXPECT_EQ(z.issues[1].where.feature, "2");
}

TEST(ZoningFromLayers, SelfTouchingRingIsRepairedWithoutAreaChange) {
  // A 100 m square whose shell makes a clockwise loop (50,0)→(40,20)→(60,20)→(50,0) into the
  // interior: an "inverted hole". Shoelace: 10000 − 200 = 9800 m²; the repair turns the loop into
  // a hole of 200 m², so the area stays 9800 m² (hand-computed; tolerance 1e-6 m²).
  Layer l = layer_4544({"ZONE"});
  const Polygon inverted{
      ring({{0, 0}, {50, 0}, {40, 20}, {60, 20}, {50, 0}, {100, 0}, {100, 100}, {0, 100}}), {}};
  l.features.push_back(feature("5", Geometry::from(inverted), {{"ZONE", "core"}}));
  const Zoning z = load(l, planar_options());
  ASSERT_EQ(z.repairs.size(), 1u);
  EXPECT_NEAR(z.repairs[0].area_before_m2, 9800.0, 1e-6);
  EXPECT_NEAR(z.repairs[0].area_after_m2, 9800.0, 1e-6);
  EXPECT_EQ(z.repairs[0].where.feature, "5");
  EXPECT_NE(z.repairs[0].reason.find("Self-intersection"), std::string::npos)
      << z.repairs[0].reason;
  ASSERT_EQ(z.issues.size(), 1u);
  EXPECT_EQ(z.issues[0].code, IssueCode::invalid_geometry_repaired);
  EXPECT_EQ(z.issues[0].severity, Severity::info);
  const auto& poly = z.parts[0].geometry.polygons.at(0);
  EXPECT_EQ(poly.holes.size(), 1u);
  EXPECT_GT(signed_ring_area(poly.outer), 0.0);  // outer ring counter-clockwise
  EXPECT_LT(signed_ring_area(poly.holes.at(0)), 0.0);

  ZoningOptions strict = planar_options();
  strict.repair.repair = false;
  const std::string msg = input_error_of(l, strict);
  EXPECT_NE(msg.find("feature 5"), std::string::npos) << msg;
  EXPECT_NE(msg.find("--no-repair"), std::string::npos) << msg;
}

TEST(ZoningFromLayers, RepairThatChangesAreaBeyondTheToleranceNeedsPermission) {
  // One feature of two 100 m squares overlapping by 50 m × 100 m: invalid as a multipolygon.
  // Before (sum of rings) 20000 m², after (their union) 15000 m²: Δ = −5000 m² (hand-computed).
  Layer l = layer_4544({"ZONE"});
  MultiPolygon mp;
  mp.polygons.push_back(Polygon{ring({{0, 0}, {100, 0}, {100, 100}, {0, 100}}), {}});
  mp.polygons.push_back(Polygon{ring({{50, 0}, {150, 0}, {150, 100}, {50, 100}}), {}});
  l.features.push_back(feature("8", Geometry::from(mp), {{"ZONE", "buffer"}}));
  const std::string msg = input_error_of(l, planar_options());
  EXPECT_NE(msg.find("feature 8"), std::string::npos) << msg;
  EXPECT_NE(msg.find("-5000.0000 m²"), std::string::npos) << msg;
  EXPECT_NE(msg.find("--allow-repair-area-change"), std::string::npos) << msg;

  ZoningOptions allow = planar_options();
  allow.repair.allow_large_change = true;
  const Zoning z = load(l, allow);
  ASSERT_EQ(z.repairs.size(), 1u);
  EXPECT_NEAR(z.repairs[0].area_change_m2(), -5000.0, 1e-6);
  EXPECT_EQ(z.issues.at(0).severity, Severity::warning);
  EXPECT_NEAR(AreaCalculator(z.crs, AreaMethod::planar).area_m2(z.parts[0].geometry), 15000.0,
              1e-6);
}

TEST(ZoningFromLayers, BowTieKeepsBothLobes) {
  // Bow tie (0,0)(100,100)(100,0)(0,100): the shoelace sum of its lobes is 0; MakeValid
  // (STRUCTURE) keeps both triangles of 2500 m² (unlike buffer(0), which drops one): 5000 m².
  Layer l = layer_4544({"ZONE"});
  l.features.push_back(
      feature("3", Geometry::from(Polygon{ring({{0, 0}, {100, 100}, {100, 0}, {0, 100}}), {}}),
              {{"ZONE", "core"}}));
  ZoningOptions allow = planar_options();
  allow.repair.allow_large_change = true;
  const Zoning z = load(l, allow);
  ASSERT_EQ(z.repairs.size(), 1u);
  EXPECT_NEAR(z.repairs[0].area_before_m2, 0.0, 1e-6);
  EXPECT_NEAR(z.repairs[0].area_after_m2, 5000.0, 1e-6);
  EXPECT_EQ(z.parts[0].geometry.polygons.size(), 2u);
}

}  // namespace
}  // namespace reserve
