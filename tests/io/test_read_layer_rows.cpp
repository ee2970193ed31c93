// io::read_layer_rows and io::read_features_by_fid / io::FidReader (io/layer_reading.hpp), the
// two passes of province mode's streamed zoning layers. The expectation is read_layer of the same
// file: the first pass must hand over exactly read_layer's features (a null-geometry row skipped
// with the same issue) and the same layer metadata; reading back by FID, in any order, the same
// features.
#include <gtest/gtest.h>

#include <algorithm>

#include "io/layer_reading.hpp"
#include "reserve/error.hpp"
#include "support/feature_compare.hpp"
#include "support/gdal_writer.hpp"
#include "support/temp_dir.hpp"

namespace reserve {
namespace {

using test::expect_same_feature;

test::LayerSpec zones(const std::string& driver) {
  test::LayerSpec spec;
  spec.driver = driver;
  spec.layer = "zones";
  spec.epsg = 4544;
  spec.geometry_type = "Polygon";
  spec.fields = {{"code"}, {"zone"}};
  const char* labels[] = {"core", "buffer", "experimental"};
  for (int i = 0; i < 6; ++i) {
    const double x = 500000.0 + 100.0 * i;
    spec.features.push_back({"POLYGON ((" + std::to_string(x) + " 3700000, " +
                                 std::to_string(x + 90) + " 3700000, " + std::to_string(x + 90) +
                                 " 3700090, " + std::to_string(x) + " 3700000))",
                             {"Z" + std::to_string(i), labels[i % 3]},
                             {false, i == 4}});  // row 4: a null zone value
  }
  spec.features.push_back({"", {"Z-null", "core"}});  // null geometry: skipped with an issue
  spec.features.push_back(
      {"POLYGON ((500000 3701000, 500100 3701000, 500100 3701100, "
       "500000 3701100, 500000 3701000), (500010 3701010, 500020 3701010, "
       "500020 3701020, 500010 3701010))",
       {"Z-hole", "buffer"}});
  return spec;
}

class ReadLayerRows : public ::testing::TestWithParam<std::pair<std::string, std::string>> {};

TEST_P(ReadLayerRows, FirstPassAndFidReadsGiveReadLayersFeatures) {
  const auto& [driver, file] = GetParam();
  test::TempDir dir;
  const std::string path = dir.file(file);
  test::write_layer(path, zones(driver));
  for (const std::string id_field : {"", "code"}) {
    SCOPED_TRACE(driver + " id_field '" + id_field + "'");
    ReadOptions options;
    options.id_field = id_field;
    const Layer whole = read_layer(path, options);
    ASSERT_EQ(whole.features.size(), 7u);  // 8 rows, the null geometry skipped

    std::vector<Feature> rows;
    std::vector<std::int64_t> fids;
    ASSERT_TRUE(io::can_read_by_fid(path));
    const Layer meta =
        io::read_layer_rows(path, options, [&](const Layer&, Feature&& f, std::int64_t fid) {
          rows.push_back(std::move(f));
          fids.push_back(fid);
        });
    EXPECT_TRUE(meta.features.empty());
    EXPECT_EQ(meta.fields, whole.fields);
    EXPECT_EQ(meta.crs.label(), whole.crs.label());
    EXPECT_EQ(meta.sha256, whole.sha256);
    EXPECT_EQ(meta.name, whole.name);
    ASSERT_EQ(meta.issues.size(), whole.issues.size());
    for (std::size_t i = 0; i < meta.issues.size(); ++i) {
      EXPECT_EQ(meta.issues[i].code, whole.issues[i].code);
      EXPECT_EQ(meta.issues[i].message, whole.issues[i].message);
    }
    ASSERT_EQ(rows.size(), whole.features.size());
    for (std::size_t i = 0; i < rows.size(); ++i) expect_same_feature(rows[i], whole.features[i]);

    std::vector<std::int64_t> reversed(fids.rbegin(), fids.rend());
    const std::vector<Feature> back = io::read_features_by_fid(path, options, reversed);
    ASSERT_EQ(back.size(), whole.features.size());
    for (std::size_t i = 0; i < back.size(); ++i)
      expect_same_feature(back[i], whole.features[whole.features.size() - 1 - i]);

    // A FID the file does not hold (the file changed since the first pass).
    const std::int64_t missing = *std::max_element(fids.begin(), fids.end()) + 100;
    EXPECT_THROW(io::read_features_by_fid(path, options, {missing}), InputError);

    // One FidReader for many reads (province mode keeps one open per worker): every read, in
    // any order, repeated, and after a failed read, gives the features of a fresh read_layer.
    io::FidReader reader(path, options);
    for (int round = 0; round < 2; ++round) {
      const std::vector<std::int64_t> odd = {fids[5], fids[1], fids[3]};
      const std::vector<Feature> some = reader.read(odd);
      ASSERT_EQ(some.size(), 3u);
      expect_same_feature(some[0], whole.features[5]);
      expect_same_feature(some[1], whole.features[1]);
      expect_same_feature(some[2], whole.features[3]);
      EXPECT_THROW(reader.read({fids[0], missing}), InputError);
      const std::vector<Feature> all = reader.read(fids);
      ASSERT_EQ(all.size(), whole.features.size());
      for (std::size_t i = 0; i < all.size(); ++i) expect_same_feature(all[i], whole.features[i]);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Drivers, ReadLayerRows,
                         ::testing::Values(std::make_pair("GPKG", "zones.gpkg"),
                                           std::make_pair("ESRI Shapefile", "zones.shp")));

TEST(ReadLayerRows, CsvAndDatabaseLayersAreNotReadByFid) {
  EXPECT_FALSE(io::can_read_by_fid("points.csv"));
  EXPECT_FALSE(io::can_read_by_fid("PG:dbname=gis"));
  EXPECT_TRUE(io::can_read_by_fid("zones.gpkg"));
  EXPECT_THROW(io::read_layer_rows("points.csv", {}, [](const Layer&, Feature&&, std::int64_t) {}),
               InternalError);
}

}  // namespace
}  // namespace reserve
