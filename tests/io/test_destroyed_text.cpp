// Issue 10.8: text destroyed before it reached the file (锟斤拷, U+FFFD, GBK read as Latin-1 and
// saved as UTF-8) is found per field with a count, warned about, and never drawn as a map label.
#include <gtest/gtest.h>

#include <string>

#include "io/text_encoding.hpp"
#include "reserve/io.hpp"
#include "reserve/map_layers.hpp"
#include "reserve/render.hpp"
#include "support/gdal_writer.hpp"
#include "support/temp_dir.hpp"

namespace reserve {
namespace {

// "核心区" in GBK bytes (BA CB D0 C4 C7 F8) read as Latin-1: Python 3 prints
// '核心区'.encode('gbk').decode('latin-1') == 'ºËÐÄÇø'.
const std::string kMojibake = "ºËÐÄÇø";
const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD

TEST(DestroyedText, RecognisedInEachOfItsThreeForms) {
  EXPECT_TRUE(io::looks_destroyed("锟斤拷保护区"));
  EXPECT_TRUE(io::looks_destroyed("五鹿" + kReplacement + "山"));
  EXPECT_TRUE(io::looks_destroyed(kMojibake));
  EXPECT_FALSE(io::looks_destroyed("五鹿山保护区"));
  EXPECT_FALSE(io::looks_destroyed("Müller Straße"));
}

TEST(DestroyedText, CountedPerFieldAndWarned) {
  test::TempDir dir;
  test::LayerSpec spec;
  spec.layer = "rivers";
  spec.epsg = 4544;
  spec.fields = {{"名称"}, {"备注"}};
  spec.features = {{"LINESTRING (500000 3700000, 501000 3700000)", {"锟斤拷河", "ok"}},
                   {"LINESTRING (500000 3701000, 501000 3701000)", {"某某河", kMojibake}},
                   {"LINESTRING (500000 3702000, 501000 3702000)", {"溪" + kReplacement, "ok"}}};
  const std::string path = dir.file("rivers.gpkg");
  test::write_layer(path, spec);
  const Layer layer = read_layer(path);
  int found = 0;
  for (const auto& i : layer.issues) {
    if (i.code != IssueCode::text_destroyed) continue;
    ++found;
    EXPECT_EQ(i.severity, Severity::warning);
    const bool names = i.message.find("field '名称': 2 value(s)") != std::string::npos;
    const bool notes = i.message.find("field '备注': 1 value(s)") != std::string::npos;
    EXPECT_TRUE(names || notes) << i.message;
  }
  EXPECT_EQ(found, 2);

  // On the map: the destroyed names are not drawn, the good one is.
  MapLayers layers;
  layers.crs = Crs::from_epsg(4544);
  LineLayerOptions o;
  o.path = path;
  (void)add_line_layer(layers, o);
  ASSERT_EQ(layers.context_lines.size(), 3u);
  EXPECT_EQ(layers.context_lines[0].label, "");
  EXPECT_EQ(layers.context_lines[1].label, "某某河");
  EXPECT_EQ(layers.context_lines[2].label, "");
}

}  // namespace
}  // namespace reserve
