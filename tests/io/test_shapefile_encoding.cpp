// Shapefile text encodings: .cpg, the DBF language-driver byte, overrides, and bad bytes.
#include <gtest/gtest.h>

#include <filesystem>

#include "reserve/error.hpp"
#include "reserve/io.hpp"
#include "support/gdal_writer.hpp"
#include "support/temp_dir.hpp"

namespace reserve {
namespace {

// A GBK (CP936) shapefile as ArcGIS on Chinese Windows writes it: no .cpg, LDID 0x4D in the DBF.
// GDAL writes the GBK bytes (ENCODING=CP936) and a .cpg; we delete the .cpg and set the byte.
std::string write_gbk_shapefile(const test::TempDir& dir, std::uint8_t ldid, bool keep_cpg) {
  test::LayerSpec spec;
  spec.driver = "ESRI Shapefile";
  spec.layer = "zones";
  spec.epsg = 4544;
  spec.geometry_type = "Polygon";
  spec.fields = {{"功能分区"}, {"名称"}};  // 8 and 4 bytes in GBK: within the 10-byte limit
  spec.features = {{"POLYGON ((500000 3700000, 501000 3700000, 501000 3701000, 500000 3700000))",
                    {"核心区", "五鹿山保护区"}},
                   {"POLYGON ((501000 3700000, 502000 3700000, 502000 3701000, 501000 3700000))",
                    {"实验区", "五鹿山保护区"}}};
  spec.layer_options = {"ENCODING=CP936"};
  const std::string shp = dir.file("zones.shp");
  test::write_layer(shp, spec);
  if (!keep_cpg) std::filesystem::remove(dir.file("zones.cpg"));
  test::set_dbf_ldid(dir.file("zones.dbf"), ldid);
  return shp;
}

const Issue* find_issue(const Layer& layer, IssueCode code) {
  for (const auto& i : layer.issues)
    if (i.code == code) return &i;
  return nullptr;
}

TEST(ShapefileEncodingTest, GbkFromLanguageDriverIdWithoutCpg) {
  test::TempDir dir;
  const std::string shp = write_gbk_shapefile(dir, 0x4D, false);
  ASSERT_FALSE(std::filesystem::exists(dir.file("zones.cpg")));
  const Layer layer = read_layer(shp);
  EXPECT_EQ(layer.encoding, "CP936");
  EXPECT_EQ(layer.encoding_source, "dbf-ldid");
  ASSERT_EQ(layer.features.size(), 2u);
  ASSERT_NE(layer.features[0].attribute("功能分区"), nullptr);
  EXPECT_EQ(*layer.features[0].attribute("功能分区"), "核心区");
  EXPECT_EQ(*layer.features[1].attribute("名称"), "五鹿山保护区");
  for (const auto& i : layer.issues) EXPECT_NE(i.severity, Severity::warning) << i.message;

  const DatasetInfo info = inspect_dataset(shp);
  EXPECT_EQ(info.layers.at(0).encoding, "CP936");
  EXPECT_EQ(info.layers.at(0).encoding_source, "dbf-ldid");
  EXPECT_EQ(info.layers.at(0).fields.at(0).name, "功能分区");

  // The attribute filter is given in UTF-8 and still matches the GBK bytes.
  ReadOptions o;
  o.where = "功能分区 = '实验区'";
  const Layer filtered = read_layer(shp, o);
  ASSERT_EQ(filtered.features.size(), 1u);
  EXPECT_EQ(*filtered.features[0].attribute("功能分区"), "实验区");
}

TEST(ShapefileEncodingTest, LdidForGbkAlsoAs0x7A) {
  test::TempDir dir;
  const std::string shp = write_gbk_shapefile(dir, 0x7A, false);
  EXPECT_EQ(*read_layer(shp).features[0].attribute("功能分区"), "核心区");
}

TEST(ShapefileEncodingTest, CpgWins) {
  test::TempDir dir;
  const std::string shp = write_gbk_shapefile(dir, 0x00, true);
  const DatasetInfo info = inspect_dataset(shp);
  EXPECT_EQ(info.layers.at(0).encoding, "CP936");
  EXPECT_EQ(info.layers.at(0).encoding_source, "cpg");
  EXPECT_EQ(*read_layer(shp).features[0].attribute("功能分区"), "核心区");
}

// A .cpg that names no encoding iconv knows ("ANSI": the writer's code page, left unsaid).
// Before the fix every command stopped with "unknown text encoding 'ANSI'" without naming the
// .cpg. Now it is passed over with a warning and the DBF's LDID (0x4D: GBK) decides.
TEST(ShapefileEncodingTest, UnknownCpgIsPassedOverWithAWarning) {
  test::TempDir dir;
  const std::string shp = write_gbk_shapefile(dir, 0x4D, true);
  test::write_file(dir.file("zones.cpg"), "ANSI\r\n");
  const Layer layer = read_layer(shp);
  EXPECT_EQ(layer.encoding, "CP936");
  EXPECT_EQ(layer.encoding_source, "dbf-ldid");
  EXPECT_EQ(*layer.features[0].attribute("功能分区"), "核心区");
  const Issue* note = find_issue(layer, IssueCode::encoding_undeclared);
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(note->severity, Severity::warning);
  EXPECT_NE(note->message.find("'ANSI'"), std::string::npos) << note->message;
  EXPECT_EQ(inspect_dataset(shp).layers.at(0).encoding, "CP936");
}

TEST(ShapefileEncodingTest, OverrideGbkOnUndeclaredFile) {
  test::TempDir dir;
  const std::string shp = write_gbk_shapefile(dir, 0x00, false);
  // Nothing declared (no .cpg, LDID 0): the bytes decode as GBK into ideographs, so they are read
  // as GBK (issue 10.8: before, ISO-8859-1 garbled the zone field's very name), with a note.
  const Layer plain = read_layer(shp);
  EXPECT_EQ(plain.encoding, "CP936");
  EXPECT_EQ(plain.encoding_source, "detected");
  ASSERT_NE(plain.features[0].attribute("功能分区"), nullptr);
  EXPECT_EQ(*plain.features[0].attribute("功能分区"), "核心区");
  const Issue* undeclared = find_issue(plain, IssueCode::encoding_undeclared);
  ASSERT_NE(undeclared, nullptr);
  EXPECT_NE(undeclared->message.find("GBK"), std::string::npos);
  EXPECT_EQ(find_issue(plain, IssueCode::text_mojibake), nullptr);
  // One decision for every command: info sees what the loaders see.
  EXPECT_EQ(inspect_dataset(shp).layers.at(0).encoding, "CP936");
  EXPECT_EQ(inspect_dataset(shp).layers.at(0).encoding_source, "detected");
  EXPECT_EQ(inspect_dataset(shp).layers.at(0).fields.at(0).name, "功能分区");

  ReadOptions o;
  o.encoding = "GBK";
  const Layer fixed = read_layer(shp, o);
  EXPECT_EQ(*fixed.features[0].attribute("功能分区"), "核心区");
  EXPECT_EQ(find_issue(fixed, IssueCode::text_mojibake), nullptr);
  EXPECT_EQ(inspect_dataset(shp, o).layers.at(0).encoding_source, "override");
}

TEST(ShapefileEncodingTest, WrongOverrideWarnsAndDoesNotCrash) {
  test::TempDir dir;
  const std::string shp = write_gbk_shapefile(dir, 0x4D, false);
  ReadOptions o;
  o.encoding = "UTF-8";  // wrong: the bytes are GBK
  const Layer layer = read_layer(shp, o);
  ASSERT_EQ(layer.features.size(), 2u);
  const Issue* bad = find_issue(layer, IssueCode::text_not_decodable);
  ASSERT_NE(bad, nullptr);
  EXPECT_EQ(bad->severity, Severity::warning);
  EXPECT_NE(bad->message.find("--encoding GBK"), std::string::npos);
  // Invalid bytes replaced by U+FFFD; every value is valid UTF-8 (checked by the field lookup
  // working at all and the replacement character being present).
  bool replaced = false;
  for (const auto& a : layer.features[0].attributes)
    replaced |= a.value.find("\xEF\xBF\xBD") != std::string::npos;
  EXPECT_TRUE(replaced);

  o.encoding = "LATIN1";  // wrong the other way: valid but garbled
  EXPECT_NE(find_issue(read_layer(shp, o), IssueCode::text_mojibake), nullptr);

  o.encoding = "NO-SUCH-ENCODING";
  EXPECT_THROW(read_layer(shp, o), UsageError);
}

}  // namespace
}  // namespace reserve
