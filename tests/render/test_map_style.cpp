// Map styles: the shipped default.toml equals the built-in defaults; unknown keys, wrong types
// and bad values are usage errors that name the key.
#include <gtest/gtest.h>

#include "render/label_placer.hpp"
#include "reserve/error.hpp"
#include "reserve/map_style.hpp"

namespace reserve {
namespace {

// Colours in TOML are 8-bit: equal within half a step (0.5/255).
void expect_colour(const Rgba& a, const Rgba& b, const std::string& what) {
  const double tol = 0.5 / 255.0;
  EXPECT_NEAR(a.r, b.r, tol) << what;
  EXPECT_NEAR(a.g, b.g, tol) << what;
  EXPECT_NEAR(a.b, b.b, tol) << what;
  EXPECT_NEAR(a.a, b.a, tol) << what;
}

void expect_same_style(const MapStyle& a, const MapStyle& b) {
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.review_number, b.review_number);
  EXPECT_EQ(a.font_family, b.font_family);
  EXPECT_EQ(a.title_font_family, b.title_font_family);
  EXPECT_EQ(a.page, b.page);
  EXPECT_EQ(a.landscape, b.landscape);
  EXPECT_DOUBLE_EQ(a.dpi, b.dpi);
  EXPECT_DOUBLE_EQ(a.focus_min_margin_m, b.focus_min_margin_m);
  EXPECT_DOUBLE_EQ(a.extent_margin_ratio, b.extent_margin_ratio);
  for (const auto& [zone, colour] : b.zone_fill)
    expect_colour(a.zone_fill.at(zone), colour, to_string(zone));
  expect_colour(a.grid_colour, b.grid_colour, "grid");
  expect_colour(a.zone_boundary, b.zone_boundary, "zone boundary");
  expect_colour(a.mining_right_outline, b.mining_right_outline, "mining right outline");
  const std::pair<const HatchStyle*, const HatchStyle*> hatches[] = {
      {&a.removed, &b.removed},
      {&a.downgraded, &b.downgraded},
      {&a.added, &b.added},
      {&a.mining_right, &b.mining_right}};
  for (const auto& [ha, hb] : hatches) {
    EXPECT_EQ(ha->label, hb->label);
    expect_colour(ha->colour, hb->colour, ha->label);
    expect_colour(ha->fill, hb->fill, ha->label + " fill");
    EXPECT_DOUBLE_EQ(ha->angle_deg, hb->angle_deg);
    EXPECT_DOUBLE_EQ(ha->spacing_mm, hb->spacing_mm);
    EXPECT_EQ(ha->cross, hb->cross);
  }
  ASSERT_EQ(a.facility_symbols.size(), b.facility_symbols.size());
  for (const auto& [category, sym] : b.facility_symbols) {
    const SymbolStyle& other = a.facility_symbols.at(category);
    EXPECT_EQ(other.shape, sym.shape) << category;
    EXPECT_EQ(other.label, sym.label) << category;
    expect_colour(other.fill, sym.fill, category);
  }
  ASSERT_EQ(a.context_lines.size(), b.context_lines.size());
  for (const auto& [kind, line] : b.context_lines) {
    EXPECT_EQ(a.context_lines.at(kind).label, line.label);
    EXPECT_DOUBLE_EQ(a.context_lines.at(kind).width_mm, line.width_mm);
  }
}

TEST(MapStyle, ShippedDefaultFileEqualsBuiltInDefaults) {
  expect_same_style(load_map_style(default_map_style_path()), default_map_style());
}

TEST(MapStyle, KeysOverrideDefaults) {
  const MapStyle s = parse_map_style(R"(
    title = "测试图"
    [page]
    size = "A3"
    landscape = false
    [zones]
    core = "#ff0000"
    [facilities.kiln]
    shape = "hexagon"
    label = "石灰窑"
    [lines.canal]
    colour = "#00ffff"
  )");
  EXPECT_EQ(s.title, "测试图");
  EXPECT_EQ(s.page, PageSize::a3);
  EXPECT_FALSE(s.landscape);
  expect_colour(s.zone_fill.at(Zone::core), {1, 0, 0, 1}, "core");
  EXPECT_EQ(s.facility_symbols.at("kiln").shape, SymbolShape::hexagon);
  EXPECT_EQ(s.facility_symbols.at("kiln").label, "石灰窑");
  EXPECT_EQ(s.context_lines.at("canal").label, "canal");  // new kind: its id until labelled
  // Untouched keys keep their defaults.
  EXPECT_EQ(s.facility_symbols.at("concentrator").label, "选矿厂");
}

void expect_usage_error_naming(const std::string& toml, const std::string& needle) {
  try {
    parse_map_style(toml, "bad.toml");
    FAIL() << "expected UsageError for: " << toml;
  } catch (const UsageError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find(needle), std::string::npos) << m;
    EXPECT_NE(m.find("bad.toml"), std::string::npos) << m;
  }
}

TEST(MapStyle, UnknownKeysAndBadValuesNameTheKey) {
  expect_usage_error_naming("titel = \"x\"", "'titel'");
  expect_usage_error_naming("[page]\nsizee = \"A4\"", "'page.sizee'");
  expect_usage_error_naming("[hatch.removed]\nangle = 30", "'hatch.removed.angle'");
  expect_usage_error_naming("[page]\nsize = \"A5\"", "page.size");
  expect_usage_error_naming("[page]\ndpi = 5", "page.dpi");
  expect_usage_error_naming("[layers]\ngrid = \"yes\"", "layers.grid");
  expect_usage_error_naming("[zones]\ncore = \"red\"", "zones.core");
  expect_usage_error_naming("[facilities.smelter]\nshape = \"blob\"", "shape");
  expect_usage_error_naming("fill_zoning = \"both\"", "fill_zoning");
  EXPECT_THROW(parse_map_style("title = "), InputError);  // not TOML at all
  EXPECT_THROW(load_map_style("/nonexistent/style.toml"), InputError);
}

TEST(MapStyle, ColoursParseHexWithOptionalAlpha) {
  expect_colour(parse_colour("#336699", "k"), {0x33 / 255.0, 0x66 / 255.0, 0x99 / 255.0, 1.0}, "");
  expect_colour(parse_colour("#33669980", "k"),
                {0x33 / 255.0, 0x66 / 255.0, 0x99 / 255.0, 0x80 / 255.0}, "");
  EXPECT_THROW(parse_colour("336699", "k"), UsageError);
  EXPECT_THROW(parse_colour("#33669", "k"), UsageError);
  EXPECT_THROW(parse_colour("#3366zz", "k"), UsageError);
}

// Greedy placement: whatever is placed stays inside the area and off every other box;
// compared pairwise (brute force) over a fixed pseudo-random set (seed printed in the loop).
TEST(LabelPlacer, PlacedLabelsNeverOverlapAndStayInside) {
  using render::Box;
  const Box area{0, 0, 300, 200};
  render::LabelPlacer placer(area);
  const Box obstacle{140, 90, 160, 110};
  placer.add_obstacle(obstacle);
  std::vector<Box> placed;
  unsigned seed = 12345;  // linear congruential generator, fixed seed
  auto next = [&seed]() {
    seed = seed * 1103515245u + 12345u;
    return static_cast<double>((seed >> 8) % 10000) / 10000.0;
  };
  int dropped = 0;
  for (int i = 0; i < 120; ++i) {
    render::LabelRequest r{20 + 260 * next(), 20 + 160 * next(), 2.0, 18 + 30 * next(), 8, false};
    const auto p = placer.place(r);
    if (!p) {
      ++dropped;
      continue;
    }
    placed.push_back({p->x, p->y, p->x + r.width_pt, p->y + r.height_pt});
  }
  EXPECT_GT(dropped, 0);          // 120 labels cannot all fit in 300 × 200 pt
  EXPECT_GT(placed.size(), 30u);  // but many do
  for (std::size_t i = 0; i < placed.size(); ++i) {
    EXPECT_TRUE(placed[i].inside(area));
    EXPECT_FALSE(placed[i].overlaps(obstacle));
    for (std::size_t j = i + 1; j < placed.size(); ++j)
      EXPECT_FALSE(placed[i].overlaps(placed[j])) << i << " vs " << j;
  }
}

}  // namespace
}  // namespace reserve
