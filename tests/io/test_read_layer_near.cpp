// io::read_layer_rows_near and analysis::read_in_working_crs_rows with it: rows of a province-wide
// layer whose stored envelope is far from one reserve are counted, never converted; the others are
// read_layer's features with read_layer's ordinals. Expected rows by hand from the layout below.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/features_load.hpp"
#include "io/layer_reading.hpp"
#include "support/feature_compare.hpp"
#include "support/gdal_writer.hpp"
#include "support/temp_dir.hpp"

namespace reserve {
namespace {

// EPSG:4544. Rows 1–6: 90 m triangles at x = 500000 + 100·i (i = 0…5), y 3700000–3700090;
// row 7: null geometry (skipped with an issue, never "far"); row 8: a 100 m square at y 3701000.
std::string write_rows(const test::TempDir& dir) {
  test::LayerSpec spec;
  spec.layer = "rows";
  spec.epsg = 4544;
  spec.geometry_type = "Polygon";
  spec.fields = {{"code"}};
  for (int i = 0; i < 6; ++i) {
    const std::string x0 = std::to_string(500000 + 100 * i), x1 = std::to_string(500090 + 100 * i);
    spec.features.push_back({"POLYGON ((" + x0 + " 3700000, " + x1 + " 3700000, " + x1 +
                                 " 3700090, " + x0 + " 3700000))",
                             {"R" + std::to_string(i)}});
  }
  spec.features.push_back({"", {"R-null"}});
  spec.features.push_back(
      {"POLYGON ((500000 3701000, 500100 3701000, 500100 3701100, "
       "500000 3701100, 500000 3701000))",
       {"R-far"}});
  const std::string path = dir.file("rows.gpkg");
  test::write_layer(path, spec);
  return path;
}

Envelope box(double x0, double y0, double x1, double y1) { return {x0, y0, x1, y1, true}; }

TEST(ReadLayerNear, FarRowsAreCountedAndTheOthersAreReadLayersFeatures) {
  test::TempDir dir;
  const std::string path = write_rows(dir);
  ReadOptions options;
  options.id_field = "code";
  const Layer whole = read_layer(path, options);
  ASSERT_EQ(whole.features.size(), 7u);

  // Within 150 m of row 1's box: rows 1–3 (x from 500000, 500100, 500200 ≤ 500090 + 150).
  io::NearRows near{Crs::from_epsg(4544), box(500000, 3700000, 500090, 3700090), 150.0, 0};
  std::vector<Feature> rows;
  const Layer meta = io::read_layer_rows_near(
      path, options, near, [&](const Layer&, Feature&& f, std::int64_t) { rows.push_back(f); });
  EXPECT_EQ(near.far, 4u);  // rows 4, 5, 6 and 8
  ASSERT_EQ(rows.size(), 3u);
  for (std::size_t i = 0; i < rows.size(); ++i)
    test::expect_same_feature(rows[i], whole.features[i]);
  bool null_reported = false;
  for (const auto& issue : meta.issues) null_reported |= issue.code == IssueCode::null_geometry;
  EXPECT_TRUE(null_reported);  // a null row is never taken for a far one

  // Another CRS than the layer's: no row is judged by its stored envelope.
  io::NearRows other{Crs::from_epsg(4545), near.box, 150.0, 0};
  std::size_t given = 0;
  io::read_layer_rows_near(path, options, other,
                           [&](const Layer&, Feature&&, std::int64_t) { ++given; });
  EXPECT_EQ(other.far, 0u);
  EXPECT_EQ(given, 7u);
}

TEST(ReadLayerNear, OrdinalsCountTheFarRows) {
  test::TempDir dir;
  const std::string path = write_rows(dir);
  // Only row 8 is near: its ordinal among usable rows is 7 (rows 1–6, then it; the null row is
  // not usable), as read_in_working_crs numbers it.
  io::NearRows near{Crs::from_epsg(4544), box(500000, 3701000, 500100, 3701100), 10.0, 0};
  std::vector<std::size_t> ordinals;
  std::vector<std::string> ids;
  ReadOptions options;
  options.id_field = "code";
  analysis::read_in_working_crs_rows(
      path, options, Crs::from_epsg(4544),
      [&](Feature&& f, std::size_t ordinal) {
        ids.push_back(f.id);
        ordinals.push_back(ordinal);
      },
      &near);
  EXPECT_EQ(near.far, 6u);
  EXPECT_EQ(ids, std::vector<std::string>{"R-far"});
  EXPECT_EQ(ordinals, std::vector<std::size_t>{7});
}

}  // namespace
}  // namespace reserve
