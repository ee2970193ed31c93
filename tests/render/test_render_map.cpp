// Map rendering: content (PDF text, legend sidecar), geometry (scale bar against an independent
// geodesic distance, true north against PROJ-projected meridians, a point landing on its pixel),
// determinism and error paths.
#include <gdal.h>
#include <geodesic.h>
#include <gtest/gtest.h>
#include <proj.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <numbers>
#include <set>

#include "render/map_fixture.hpp"
#include "reserve/error.hpp"
#include "reserve/render.hpp"
#include "reserve/report.hpp"

namespace reserve {
namespace {

// Renders and writes the bytes, as `reserve map` does (the renderer itself writes no file).
RenderSummary render_to_file(const MapLayers& layers, const MapStyle& style, MapFormat format,
                             const std::string& path, const RenderOptions& options = {}) {
  const RenderedMap map = render_map_bytes(layers, style, format, options);
  write_file_atomic(path, map.bytes);
  return map.summary;
}

using maptest::crs_from_epsg;
using maptest::kX0;
using maptest::kY0;
using maptest::multi;
using maptest::rect;
using maptest::sample_layers;
using maptest::TempDir;

// CGCS2000 ellipsoid (GRS80 axis, CGCS2000 flattening), the datum of EPSG:4490 / 4544.
constexpr double kCgcsA = 6378137.0;
constexpr double kCgcsF = 1.0 / 298.257222101;

MapStyle test_style() {
  MapStyle s = default_map_style();
  s.title = "某某自然保护区功能区调整对比图";
  s.subtitle = "（测试数据）";
  s.date = "2026-11-28";
  return s;
}

std::set<std::string> legend_keys(const RenderSummary& s) {
  std::set<std::string> keys;
  for (const auto& e : s.legend) keys.insert(e.key);
  return keys;
}

// Independent projected → geographic transform through PROJ (not the renderer's code path).
struct Inverse {
  PJ_CONTEXT* ctx = proj_context_create();
  PJ* op = nullptr;
  Inverse(int projected_epsg, int geographic_epsg) {
    PJ* raw = proj_create_crs_to_crs(ctx, ("EPSG:" + std::to_string(projected_epsg)).c_str(),
                                     ("EPSG:" + std::to_string(geographic_epsg)).c_str(), nullptr);
    op = proj_normalize_for_visualization(ctx, raw);
    proj_destroy(raw);
  }
  ~Inverse() {
    proj_destroy(op);
    proj_context_destroy(ctx);
  }
  Point lonlat(Point xy) const {
    PJ_COORD c = proj_trans(op, PJ_FWD, proj_coord(xy.x, xy.y, 0, 0));
    return {c.xy.x, c.xy.y};
  }
  Point projected(Point lonlat) const {
    PJ_COORD c = proj_trans(op, PJ_INV, proj_coord(lonlat.x, lonlat.y, 0, 0));
    return {c.xy.x, c.xy.y};
  }
};

double geodesic_distance_m(Point a_lonlat, Point b_lonlat, double a, double f) {
  geod_geodesic g;
  geod_init(&g, a, f);
  double s12 = 0.0;
  geod_inverse(&g, a_lonlat.y, a_lonlat.x, b_lonlat.y, b_lonlat.x, &s12, nullptr, nullptr);
  return s12;
}

// The ground distance the scale bar claims, checked by measuring the same drawn length on the
// map (centred on the map centre, along grid east) with a geodesic inverse on the ellipsoid.
void expect_scale_bar_true(const RenderSummary& s, int projected_epsg, int geographic_epsg,
                           double a, double f) {
  ASSERT_GT(s.scale_bar_length_pt, 0.0);
  const MapTransform& t = s.transform;
  const double half_units = s.scale_bar_length_pt / t.pt_per_unit / 2.0;
  const Point c{(t.extent.min_x + t.extent.max_x) / 2.0, (t.extent.min_y + t.extent.max_y) / 2.0};
  Inverse inv(projected_epsg, geographic_epsg);
  const double ground = geodesic_distance_m(inv.lonlat({c.x - half_units, c.y}),
                                            inv.lonlat({c.x + half_units, c.y}), a, f);
  // Tolerance 0.5 % of the distance (the brief's bound).
  EXPECT_NEAR(s.scale_bar_ground_m, ground, 0.005 * ground)
      << "bar " << s.scale_bar_length_pt << " pt, k " << s.scale_factor;
}

TEST(RenderMap, PdfTextHasTitleZoneNamesLegendAndCrsNote) {
  TempDir dir;
  const std::string path = dir.file("map.pdf");
  const RenderSummary s = render_to_file(sample_layers(), test_style(), MapFormat::pdf, path);
  const std::string text = test::run_shell("pdftotext -enc UTF-8 '" + path + "' -").out;
  ASSERT_FALSE(text.empty()) << "pdftotext produced nothing";
  for (const char* expected : {"某某自然保护区功能区调整对比图",
                               "核心区",
                               "缓冲区",
                               "实验区",
                               "调出区域",
                               "降级区域",
                               "调入区域",
                               "矿权范围",
                               "选矿厂",
                               "尾矿库",
                               "冶炼厂",
                               "渣场",
                               "水电站",
                               "河流",
                               "原保护区边界",
                               "调整后保护区边界",
                               "图",
                               "例",
                               "2000国家大地坐标系",
                               "高斯-克吕格投影",
                               "中央经线105°",
                               "审图号",
                               "制图日期：2026-11-28",
                               "C5300002011071120115678",
                               "某某河"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << "missing in PDF text: " << expected;
  }
  // Categories that are not in the data get no legend entry.
  for (const char* absent : {"一般控制区", "核心保护区", "采石场", "工业企业", "道路", "采矿权"}) {
    EXPECT_EQ(text.find(absent), std::string::npos) << "unexpected in PDF text: " << absent;
  }
  EXPECT_EQ(s.crs_note, "2000国家大地坐标系 高斯-克吕格投影（3度带） 中央经线105°");
}

TEST(RenderMap, LegendListsExactlyTheDrawnCategories) {
  const MapLayers full = sample_layers();
  const RenderSummary s = render_map_bytes(full, test_style(), MapFormat::svg).summary;
  const std::set<std::string> expected = {
      "zone:core",        "zone:buffer",           "zone:experimental",
      "change:removed",   "change:downgraded",     "change:added",
      "line:river",       "outline:proposal",      "outline:baseline",
      "mining_right",     "facility:concentrator", "facility:tailings_pond",
      "facility:smelter", "facility:slag_yard",    "facility:hydropower"};
  EXPECT_EQ(legend_keys(s), expected);
  EXPECT_EQ(s.legend.size(), expected.size());  // one entry per category, no duplicates

  // Without mining rights, facilities and changes, their entries disappear.
  MapLayers bare = full;
  bare.mining_rights.clear();
  bare.facilities.clear();
  bare.changes.clear();
  const RenderSummary b = render_map_bytes(bare, test_style(), MapFormat::svg).summary;
  EXPECT_EQ(legend_keys(b),
            (std::set<std::string>{"zone:core", "zone:buffer", "zone:experimental", "line:river",
                                   "outline:proposal", "outline:baseline"}));
}

TEST(RenderMap, TwoZoneProposalUsesTwoZoneLegend) {
  MapLayers L = sample_layers();
  L.proposal_zones = {
      {"cp", Zone::core_protection, multi(rect(kX0 + 2000, kY0 + 1500, kX0 + 10000, kY0 + 7500))},
      {"gc", Zone::general_control,
       maptest::frame(kX0, kY0, kX0 + 12000, kY0 + 9000, kX0 + 2000, kY0 + 1500, kX0 + 10000,
                      kY0 + 7500)},
  };
  const RenderSummary s = render_map_bytes(L, test_style(), MapFormat::svg).summary;
  const auto keys = legend_keys(s);
  EXPECT_TRUE(keys.count("zone:core_protection"));
  EXPECT_TRUE(keys.count("zone:general_control"));
  EXPECT_FALSE(keys.count("zone:core"));
}

TEST(RenderMap, ScaleBarIsTrueAtTheCentreOnGaussKruger) {
  const RenderSummary s = render_map_bytes(sample_layers(), test_style(), MapFormat::pdf).summary;
  expect_scale_bar_true(s, 4544, 4490, kCgcsA, kCgcsF);
  // Gauss–Krüger at ~0.5° from the central meridian, 30°N: k − 1 ≈ (Δλ cos φ)²/2 ≈ 2.9e-5.
  EXPECT_NEAR(s.scale_factor, 1.0, 1e-4);
  EXPECT_GT(s.scale_denominator, 0.0);
}

TEST(RenderMap, ScaleBarAccountsForScaleFactorOnWebMercator) {
  // At 50°N Web Mercator stretches distances by 1/cos 50° ≈ 1.556: a bar drawn for grid metres
  // would be 55 % wrong, so this test fails unless k is applied.
  MapLayers L;
  L.crs = crs_from_epsg(3857);
  Inverse inv(3857, 4326);
  const Point c = inv.projected({10.0, 50.0});
  L.baseline_zones = {
      {"z", Zone::core, multi(rect(c.x - 8000, c.y - 6000, c.x + 8000, c.y + 6000))}};
  const RenderSummary s = render_map_bytes(L, test_style(), MapFormat::pdf).summary;
  // Spherical Web Mercator: k = 1 / cos φ (within 0.5 % on the ellipsoid's latitude).
  EXPECT_NEAR(s.scale_factor, 1.0 / std::cos(50.0 * std::numbers::pi / 180.0), 0.01);
  expect_scale_bar_true(s, 3857, 4326, 6378137.0, 1.0 / 298.257223563);
}

TEST(RenderMap, NorthArrowPointsToTrueNorth) {
  // Independent: project the centre and a point 0.01° north of it; the grid direction between
  // them, clockwise from grid north (page up), is where true north lies on the page.
  MapLayers L = sample_layers();
  // Move the reserve 1.3° east of the central meridian to make the convergence large.
  Inverse inv(4544, 4490);
  const Point far = inv.projected({106.3, 30.0});
  const double dx = far.x - kX0, dy = far.y - kY0;
  auto shift = [&](MultiPolygon& mp) {
    for (auto& p : mp.polygons) {
      for (auto& q : p.outer) q = {q.x + dx, q.y + dy};
      for (auto& h : p.holes)
        for (auto& q : h) q = {q.x + dx, q.y + dy};
    }
  };
  for (auto* zs : {&L.baseline_zones, &L.proposal_zones})
    for (auto& z : *zs) shift(z.geometry);
  for (auto& ch : L.changes) shift(ch.geometry);
  for (auto& m : L.mining_rights) shift(m.geometry);
  for (auto& f : L.facilities)
    for (auto& p : f.geometry.points) p = {p.x + dx, p.y + dy};
  for (auto& l : L.context_lines)
    for (auto& line : l.lines)
      for (auto& p : line) p = {p.x + dx, p.y + dy};

  const RenderSummary s = render_map_bytes(L, test_style(), MapFormat::pdf).summary;
  const MapTransform& t = s.transform;
  const Point c{(t.extent.min_x + t.extent.max_x) / 2.0, (t.extent.min_y + t.extent.max_y) / 2.0};
  const Point ll = inv.lonlat(c);
  const Point north = inv.projected({ll.x, ll.y + 0.01});
  const double expected_deg = std::atan2(north.x - c.x, north.y - c.y) * 180.0 / std::numbers::pi;
  // Convergence γ ≈ Δλ sin φ = 1.3° × sin 30° ≈ 0.65°: true north lies anticlockwise of grid
  // north east of the central meridian. Tolerance 0.005° (angle of a 0.01° chord).
  EXPECT_LT(expected_deg, -0.5);
  EXPECT_NEAR(s.true_north_page_deg, expected_deg, 0.005);
  EXPECT_NEAR(s.meridian_convergence_deg, -expected_deg, 0.005);
  expect_scale_bar_true(s, 4544, 4490, kCgcsA, kCgcsF);
}

// Degree ticks: each tick's page position, taken back to map coordinates on the frame edge and
// inverse-projected with PROJ independently, must have the tick's longitude / latitude.
TEST(RenderMap, GraticuleTicksSitWhereTheMeridiansCrossTheFrame) {
  const RenderSummary s = render_map_bytes(sample_layers(), test_style(), MapFormat::pdf).summary;
  const MapTransform& t = s.transform;
  Inverse inv(4544, 4490);
  int meridians = 0, parallels = 0;
  for (const GraticuleTick& g : s.graticule) {
    if (g.meridian) {
      const double x = t.extent.min_x + (g.position_pt - t.area_x_pt) / t.pt_per_unit;
      EXPECT_NEAR(inv.lonlat({x, t.extent.max_y}).x, g.value_deg, 1e-5);  // 1e-5° ≈ 1 m
      ++meridians;
    } else {
      const double y = t.extent.max_y - (g.position_pt - t.area_y_pt) / t.pt_per_unit;
      EXPECT_NEAR(inv.lonlat({t.extent.min_x, y}).y, g.value_deg, 1e-5);
      ++parallels;
    }
  }
  // The fixture spans about 0.17° × 0.1°: 5′ steps give 2 or more ticks on each edge.
  EXPECT_GE(meridians, 2);
  EXPECT_GE(parallels, 1);
}

// A single bright point on a blank map must land on the pixel computed by hand.
TEST(RenderMap, PointLandsOnItsPixelInPng) {
  MapLayers L;
  L.crs = crs_from_epsg(4544);
  // A transparent 4 km × 3 km zone fixes the extent; with no margin and no furniture the
  // 400 × 300 px page shows exactly it: 0.1 px per metre.
  L.baseline_zones = {{"frame", Zone::core, multi(rect(kX0, kY0, kX0 + 4000, kY0 + 3000))}};
  L.facilities = {{"p", "marker", "", Geometry::from(Point{kX0 + 1000, kY0 + 2000})}};
  MapStyle s = parse_map_style(R"(
    extent_margin_ratio = 0.0
    [page]
    size = "pixels"
    width_px = 400
    height_px = 300
    dpi = 96
    [layers]
    furniture = false
    outlines = false
    labels = false
    [zones]
    core = "#00000000"
    [facilities.marker]
    shape = "circle"
    fill = "#ff00ff"
    stroke = "#ff00ff"
    size_mm = 2.0
  )");
  TempDir dir;
  const std::string path = dir.file("point.png");
  const RenderSummary sum = render_to_file(L, s, MapFormat::png, path);
  // Expected centre: x = 1000 m × 0.1 = 100 px; y = (3000 − 2000) m × 0.1 = 100 px from the top.
  GDALAllRegister();
  GDALDatasetH ds = GDALOpen(path.c_str(), GA_ReadOnly);
  ASSERT_NE(ds, nullptr);
  ASSERT_EQ(GDALGetRasterXSize(ds), 400);
  ASSERT_EQ(GDALGetRasterYSize(ds), 300);
  std::vector<unsigned char> band[3];
  for (int b = 0; b < 3; ++b) {
    band[b].resize(400 * 300);
    ASSERT_EQ(GDALRasterIO(GDALGetRasterBand(ds, b + 1), GF_Read, 0, 0, 400, 300, band[b].data(),
                           400, 300, GDT_Byte, 0, 0),
              CE_None);
  }
  GDALClose(ds);
  double sx = 0, sy = 0, n = 0;
  for (int y = 0; y < 300; ++y)
    for (int x = 0; x < 400; ++x) {
      const std::size_t i = static_cast<std::size_t>(y) * 400 + x;
      if (band[0][i] > 200 && band[1][i] < 80 && band[2][i] > 200) {
        sx += x + 0.5;  // pixel centre
        sy += y + 0.5;
        ++n;
      }
    }
  ASSERT_GT(n, 10) << "marker not found";
  EXPECT_NEAR(sx / n, 100.0, 0.5);  // tolerance half a pixel
  EXPECT_NEAR(sy / n, 100.0, 0.5);
  EXPECT_NEAR(sum.transform.to_pixel({kX0 + 1000, kY0 + 2000}).x, 100.0, 1e-9);
}

TEST(RenderMap, SameInputGivesIdenticalBytes) {
  const MapLayers L = sample_layers();
  const MapStyle s = test_style();
  for (MapFormat f : {MapFormat::pdf, MapFormat::svg, MapFormat::png}) {
    const std::string a = render_map_bytes(L, s, f).bytes;
    const std::string b = render_map_bytes(L, s, f).bytes;
    EXPECT_FALSE(a.empty());
    EXPECT_TRUE(a == b) << to_string(f) << " output differs between two renders";
  }
}

TEST(RenderMap, FormatsHaveTheirSignatures) {
  const MapLayers L = sample_layers();
  MapStyle s = test_style();
  s.page = PageSize::a3;
  s.landscape = false;
  s.dpi = 72;
  EXPECT_EQ(render_map_bytes(L, s, MapFormat::pdf).bytes.substr(0, 5), "%PDF-");
  EXPECT_NE(render_map_svg(L, s).find("<svg"), std::string::npos);
  const std::string png = render_map_png(L, s);
  EXPECT_EQ(png.substr(1, 3), "PNG");
  // A3 portrait at 72 dpi: 297 × 420 mm → 842 × 1191 px (IHDR width/height, big-endian).
  auto be32 = [&](std::size_t at) {
    return (static_cast<unsigned>(static_cast<unsigned char>(png[at])) << 24) |
           (static_cast<unsigned>(static_cast<unsigned char>(png[at + 1])) << 16) |
           (static_cast<unsigned>(static_cast<unsigned char>(png[at + 2])) << 8) |
           static_cast<unsigned>(static_cast<unsigned char>(png[at + 3]));
  };
  EXPECT_EQ(be32(16), 842u);
  EXPECT_EQ(be32(20), 1191u);
}

TEST(RenderMap, OversizedPngIsAUsageError) {
  MapStyle s = test_style();
  s.page = PageSize::a3;
  s.dpi = 1200;  // 14031 × 19843 px ≈ 278 million pixels, over the 120 million limit
  EXPECT_THROW(render_map_bytes(sample_layers(), s, MapFormat::png), UsageError);
}

TEST(RenderMap, FocusZoomsToOneFeature) {
  const MapLayers L = sample_layers();
  const MapStyle s = test_style();
  const RenderSummary whole = render_map_bytes(L, s, MapFormat::svg).summary;
  RenderOptions o;
  o.focus_feature_id = "f1";
  const RenderSummary focus = render_map_bytes(L, s, MapFormat::svg, o).summary;
  EXPECT_TRUE(focus.transform.extent.contains({kX0 + 10800, kY0 + 2300}));
  EXPECT_LT(focus.transform.extent.width(), whole.transform.extent.width() / 3.0);
  // Features outside a focus map are expected: no warnings about them.
  for (const auto& w : focus.warnings) EXPECT_EQ(w.find("outside"), std::string::npos) << w;
  // Focused on the smelter (x0+6000, y0+800): the river (≥ 4 km north) and the mining rights
  // (≥ 4 km east) are not in the map, so the legend must not list them; the slag yard 730 m
  // away is.
  o.focus_feature_id = "f3";
  const auto keys = legend_keys(render_map_bytes(L, s, MapFormat::svg, o).summary);
  EXPECT_TRUE(keys.count("facility:smelter"));
  EXPECT_TRUE(keys.count("facility:slag_yard"));
  EXPECT_FALSE(keys.count("line:river"));
  EXPECT_FALSE(keys.count("mining_right"));
  EXPECT_FALSE(keys.count("change:added"));
  o.focus_feature_id = "no-such-id";
  EXPECT_THROW(render_map_bytes(L, s, MapFormat::svg, o), UsageError);
}

TEST(RenderMap, CrowdedLabelsAreDroppedOrLeaderLinedNeverOverlapping) {
  MapLayers L = sample_layers();
  L.facilities.clear();
  for (int i = 0; i < 30; ++i) {
    L.facilities.push_back({"c" + std::to_string(i), "industrial",
                            "企业" + std::to_string(i) + "号厂房",
                            Geometry::from(Point{kX0 + 6000 + 20.0 * i, kY0 + 4500 + 15.0 * i})});
  }
  const RenderSummary s = render_map_bytes(L, test_style(), MapFormat::pdf).summary;
  // 30 facility labels + 2 mining rights + 1 river + zone labels: every label is accounted for.
  EXPECT_GE(s.labels_placed + s.labels_leader_line + s.labels_dropped, 33);
  EXPECT_GT(s.labels_leader_line + s.labels_dropped, 0);
  EXPECT_GT(s.labels_placed, 3);
}

TEST(RenderMap, FeatureOutsideTheExtentIsAWarning) {
  MapLayers L = sample_layers();
  L.facilities.push_back(
      {"far-away", "smelter", "远处冶炼厂", Geometry::from(Point{kX0 + 80000, kY0 - 50000})});
  const RenderSummary s = render_map_bytes(L, test_style(), MapFormat::svg).summary;
  bool found = false;
  for (const auto& w : s.warnings) found = found || w.find("far-away") != std::string::npos;
  EXPECT_TRUE(found);
}

TEST(RenderMap, EmptyFeatureIsAWarningAndNothingToDrawIsAnError) {
  MapLayers L = sample_layers();
  L.mining_rights.push_back({"empty-1", "空矿权", {}});
  const RenderSummary s = render_map_bytes(L, test_style(), MapFormat::svg).summary;
  bool found = false;
  for (const auto& w : s.warnings) found = found || w.find("empty-1") != std::string::npos;
  EXPECT_TRUE(found);

  MapLayers none;
  none.crs = crs_from_epsg(4544);
  try {
    render_map_bytes(none, test_style(), MapFormat::pdf);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("nothing to draw"), std::string::npos) << e.what();
  }
}

TEST(RenderMap, BadCrsAndCoordinatesAreInputErrors) {
  MapLayers L = sample_layers();
  L.crs = crs_from_epsg(4490);  // geographic: no plane to draw in
  EXPECT_THROW(render_map_bytes(L, test_style(), MapFormat::pdf), InputError);
  L.crs = Crs{};
  EXPECT_THROW(render_map_bytes(L, test_style(), MapFormat::pdf), InputError);
  L = sample_layers();
  L.facilities.push_back({"nan", "smelter", "", Geometry::from(Point{std::nan(""), kY0})});
  try {
    render_map_bytes(L, test_style(), MapFormat::pdf);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().feature, "nan");
  }
}

TEST(RenderMap, MissingCjkFontIsAClearError) {
  MapStyle s = test_style();
  s.font_family = "No Such Font Family 7f3a";
  try {
    render_map_bytes(sample_layers(), s, MapFormat::pdf);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("No Such Font Family 7f3a"), std::string::npos) << m;
    EXPECT_NE(m.find("fonts-noto-cjk"), std::string::npos) << m;
  }
}

TEST(Fonts, CjkCoverageIsCheckedWithFontconfig) {
  EXPECT_NO_THROW(require_cjk_font("Noto Sans CJK SC"));
  EXPECT_NO_THROW(require_cjk_font("Noto Serif CJK SC"));
  // DejaVu Sans is installed (fontconfig's default) but has no Han glyphs. Independent check:
  // fc-list lists the families whose charset contains U+6838; DejaVu Sans must not be among them.
  const std::string han = test::run_shell("fc-list ':charset=6838' family").out;
  ASSERT_NE(han.find("Noto Sans CJK SC"), std::string::npos);
  // DejaVu Sans is an input of this test: its absence fails the test, never skips the check.
  ASSERT_NE(test::run_shell("fc-list 'DejaVu Sans' family").out.find("DejaVu Sans"),
            std::string::npos)
      << "DejaVu Sans is not installed (fonts-dejavu-core)";
  EXPECT_EQ(han.find("DejaVu Sans"), std::string::npos);
  try {
    require_cjk_font("DejaVu Sans");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no Chinese glyphs"), std::string::npos) << e.what();
  }
}

// A tiny GeoTIFF (written through GDAL) under a blank map: left half dark, right half light.
TEST(RenderMap, BackgroundRasterIsDrawnUnderTheMap) {
  TempDir dir;
  const std::string tif = dir.file("hillshade.tif");
  GDALAllRegister();
  GDALDriverH gtiff = GDALGetDriverByName("GTiff");
  ASSERT_NE(gtiff, nullptr);
  GDALDatasetH ds = GDALCreate(gtiff, tif.c_str(), 40, 30, 1, GDT_Byte, nullptr);
  ASSERT_NE(ds, nullptr);
  double gt[6] = {kX0, 100.0, 0.0, kY0 + 3000.0, 0.0, -100.0};  // 4 km × 3 km, 100 m pixels
  GDALSetGeoTransform(ds, gt);
  GDALSetProjection(ds, crs_from_epsg(4544).wkt.c_str());
  std::vector<unsigned char> px(40 * 30);
  for (int y = 0; y < 30; ++y)
    for (int x = 0; x < 40; ++x) px[static_cast<std::size_t>(y * 40 + x)] = x < 20 ? 40 : 220;
  ASSERT_EQ(GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Write, 0, 0, 40, 30, px.data(), 40, 30,
                         GDT_Byte, 0, 0),
            CE_None);
  GDALClose(ds);

  MapLayers L;
  L.crs = crs_from_epsg(4544);
  L.baseline_zones = {{"frame", Zone::core, multi(rect(kX0, kY0, kX0 + 4000, kY0 + 3000))}};
  L.background_raster = tif;
  MapStyle s = parse_map_style(R"(
    extent_margin_ratio = 0.0
    background_opacity = 1.0
    [page]
    size = "pixels"
    width_px = 200
    height_px = 150
    dpi = 72
    [layers]
    furniture = false
    outlines = false
    labels = false
    [zones]
    core = "#00000000"
  )");
  const std::string png_path = dir.file("bg.png");
  render_to_file(L, s, MapFormat::png, png_path);
  GDALDatasetH out = GDALOpen(png_path.c_str(), GA_ReadOnly);
  ASSERT_NE(out, nullptr);
  unsigned char left = 0, right = 0;
  EXPECT_EQ(
      GDALRasterIO(GDALGetRasterBand(out, 1), GF_Read, 30, 75, 1, 1, &left, 1, 1, GDT_Byte, 0, 0),
      CE_None);
  EXPECT_EQ(
      GDALRasterIO(GDALGetRasterBand(out, 1), GF_Read, 170, 75, 1, 1, &right, 1, 1, GDT_Byte, 0, 0),
      CE_None);
  GDALClose(out);
  EXPECT_NEAR(left, 40, 3);  // tolerance 3 grey levels (bilinear resampling, 8-bit rounding)
  EXPECT_NEAR(right, 220, 3);

  // The same halves in geographic coordinates (EPSG:4490) are warped to the map CRS on the fly.
  {
    Inverse inv(4544, 4490);
    const Point sw = inv.lonlat({kX0 - 200, kY0 - 200});
    const Point ne = inv.lonlat({kX0 + 4200, kY0 + 3200});
    const Point mid = inv.lonlat({kX0 + 2000, kY0 + 1500});
    const std::string geo_tif = dir.file("geo.tif");
    GDALDatasetH g = GDALCreate(gtiff, geo_tif.c_str(), 80, 60, 1, GDT_Byte, nullptr);
    ASSERT_NE(g, nullptr);
    double ggt[6] = {sw.x, (ne.x - sw.x) / 80, 0.0, ne.y, 0.0, -(ne.y - sw.y) / 60};
    GDALSetGeoTransform(g, ggt);
    GDALSetProjection(g, crs_from_epsg(4490).wkt.c_str());
    std::vector<unsigned char> halves(80 * 60);
    for (int r = 0; r < 60; ++r)
      for (int col = 0; col < 80; ++col)
        halves[static_cast<std::size_t>(r * 80 + col)] =
            sw.x + (col + 0.5) * ggt[1] < mid.x ? 40 : 220;
    ASSERT_EQ(GDALRasterIO(GDALGetRasterBand(g, 1), GF_Write, 0, 0, 80, 60, halves.data(), 80, 60,
                           GDT_Byte, 0, 0),
              CE_None);
    GDALClose(g);
    L.background_raster = geo_tif;
    const std::string warped_png = dir.file("bg-warped.png");
    render_to_file(L, s, MapFormat::png, warped_png);
    GDALDatasetH w = GDALOpen(warped_png.c_str(), GA_ReadOnly);
    ASSERT_NE(w, nullptr);
    unsigned char wl = 0, wr = 0;
    EXPECT_EQ(
        GDALRasterIO(GDALGetRasterBand(w, 1), GF_Read, 50, 75, 1, 1, &wl, 1, 1, GDT_Byte, 0, 0),
        CE_None);
    EXPECT_EQ(
        GDALRasterIO(GDALGetRasterBand(w, 1), GF_Read, 150, 75, 1, 1, &wr, 1, 1, GDT_Byte, 0, 0),
        CE_None);
    GDALClose(w);
    EXPECT_NEAR(wl, 40, 3);  // tolerance 3 grey levels
    EXPECT_NEAR(wr, 220, 3);
  }

  // With furniture the legend lists the background; a missing raster is an input error.
  MapLayers full = sample_layers();
  full.background_raster = tif;
  EXPECT_TRUE(legend_keys(render_map_bytes(full, test_style(), MapFormat::svg).summary)
                  .count("background"));
  full.background_raster = dir.file("missing.tif");
  EXPECT_THROW(render_map_bytes(full, test_style(), MapFormat::svg), InputError);
}

// The renderer renders (bytes and a summary); callers write files (reserve map, Map.save), so
// the same bytes come back for the same input.
TEST(RenderMap, RendersBytesTheCallerWrites) {
  const RenderedMap m = render_map_bytes(sample_layers(), test_style(), MapFormat::svg);
  EXPECT_NE(m.bytes.find("<svg"), std::string::npos);
  EXPECT_EQ(m.bytes, render_map_svg(sample_layers(), test_style()));
  // Optionally keep the sample maps for a person to look at.
  if (const char* keep = std::getenv("RESERVE_KEEP_MAPS")) {
    const MapLayers L = sample_layers();
    const MapStyle s = test_style();
    render_to_file(L, s, MapFormat::png, std::string(keep) + "/sample.png");
    render_to_file(L, s, MapFormat::pdf, std::string(keep) + "/sample.pdf");
    render_to_file(L, s, MapFormat::svg, std::string(keep) + "/sample.svg");
    RenderOptions o;
    o.focus_feature_id = "f1";
    render_to_file(L, s, MapFormat::png, std::string(keep) + "/focus.png", o);
  }
}

}  // namespace
}  // namespace reserve

namespace reserve {
namespace {

// Dirty input must never crash the renderer: every case either renders (with warnings) or
// throws a reserve::Error.
TEST(RenderMap, DegenerateGeometriesNeverCrash) {
  const double x = maptest::kX0, y = maptest::kY0;
  Polygon bowtie;
  bowtie.outer = {{x, y}, {x + 1000, y + 1000}, {x + 1000, y}, {x, y + 1000}, {x, y}};
  Polygon one_point;
  one_point.outer = {{x + 10, y + 10}};
  Polygon empty_ring;
  Polygon zero_area;
  zero_area.outer = {{x, y}, {x + 500, y}, {x + 1000, y}, {x, y}};
  Polygon duplicates = maptest::rect(x + 2000, y, x + 3000, y + 800);
  duplicates.outer.insert(duplicates.outer.begin() + 1, 3, duplicates.outer[1]);

  MapLayers L;
  L.crs = maptest::crs_from_epsg(4544);
  for (const Polygon* p : {&bowtie, &one_point, &empty_ring, &zero_area, &duplicates})
    L.baseline_zones.push_back({"z", Zone::core, maptest::multi(*p)});
  L.changes.push_back({"c", ChangeKind::removed, maptest::multi(bowtie)});
  L.mining_rights.push_back({"m", "矿", maptest::multi(bowtie)});
  Geometry no_points;
  no_points.kind = GeometryKind::point;  // a point feature without points
  L.facilities.push_back({"f0", "smelter", "空", no_points});
  Geometry no_lines;
  no_lines.kind = GeometryKind::line;
  L.facilities.push_back({"f1", "smelter", "空线", no_lines});
  L.context_lines.push_back({"l0", "river", "单点河", {{{x + 5, y + 5}}}});
  L.context_lines.push_back({"l1", "river", "", {{}}});
  for (MapFormat f : {MapFormat::pdf, MapFormat::svg, MapFormat::png}) {
    try {
      const RenderedMap m = render_map_bytes(L, default_map_style(), f);
      EXPECT_FALSE(m.bytes.empty());
    } catch (const Error& e) {
      ADD_FAILURE() << "degenerate input should render with warnings, got: " << e.what();
    }
  }
}

}  // namespace
}  // namespace reserve
