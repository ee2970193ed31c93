// CompactRows (province/compact_rows.hpp): every row comes back equal, member by member, to the
// Feature that was added — every geometry kind, holes, null and empty attributes, UTF-8, counts
// and lengths of one to three varint bytes, rows larger than one arena chunk (1 MiB) and rows
// spread over many chunks, ids that repeat an attribute's value and attributes whose values recur
// (kept once in a table of at most 1024 short values per attribute) or do not, values that end
// in a number (kept as the text before it and the number).
#include <gtest/gtest.h>

#include <cmath>

#include "province/compact_rows.hpp"
#include "reserve/error.hpp"
#include "support/feature_compare.hpp"

namespace reserve::province {
namespace {

Ring square(double x0, double y0, double side) {
  return {{x0, y0}, {x0 + side, y0}, {x0 + side, y0 + side}, {x0, y0 + side}, {x0, y0}};
}

using test::expect_same_feature;

std::vector<Feature> sample_rows() {
  std::vector<Feature> rows;
  Feature point;
  point.id = "设施-1";
  point.geometry = Geometry::from(Point{500123.25, 3700456.125});
  point.attributes = {{"编号", "F1", false}, {"名称", "", true}, {"类型", "", false}};
  rows.push_back(point);
  Feature multipoint = point;
  multipoint.id = "2";
  multipoint.geometry.points.push_back({-1e-300, 1e300});
  rows.push_back(multipoint);
  Feature line;
  line.id = "3";
  line.geometry.kind = GeometryKind::line;
  line.geometry.lines = {{{0, 0}, {1, 1}, {2, 0}}, {{5, 5}, {6, 6}}};
  line.attributes = {{"其他字段", "x", false},                     // a name not seen before
                     {"长文本", std::string(20000, 'z'), false}};  // a 3-byte length
  rows.push_back(line);
  Feature poly;
  poly.id = "4";
  Polygon with_hole{square(0, 0, 100), {square(10, 10, 5), square(50, 50, 5)}};
  MultiPolygon mp;
  mp.polygons = {with_hole, Polygon{square(200, 0, 10), {}}};
  poly.geometry = Geometry::from(mp);
  poly.attributes = {{"编号", "M1", false}};
  rows.push_back(poly);
  Feature empty;  // empty geometry, no attributes, empty id
  rows.push_back(empty);
  Feature big;  // one ring of 100,000 points: 1.6 MB, more than a chunk
  big.id = "big";
  big.geometry.kind = GeometryKind::polygon;
  big.geometry.polygons.polygons.resize(1);
  for (int i = 0; i < 100000; ++i)
    big.geometry.polygons.polygons[0].outer.push_back({i * 0.5, -static_cast<double>(i)});
  rows.push_back(big);
  return rows;
}

TEST(CompactRows, EveryRowComesBackAsAdded) {
  const std::vector<Feature> rows = sample_rows();
  CompactRows packed;
  for (const auto& f : rows) packed.add(f);
  packed.shrink_to_fit();
  ASSERT_EQ(packed.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    SCOPED_TRACE(i);
    expect_same_feature(packed.get(i), rows[i]);
  }
}

TEST(CompactRows, ManyRowsOverManyChunks) {
  const std::vector<Feature> sample = sample_rows();
  CompactRows packed;
  std::vector<Feature> added;
  for (int k = 0; k < 20000; ++k) {  // ~70 bytes per point row, 4 large rows: several chunks
    Feature f = sample[static_cast<std::size_t>(k % 5)];
    f.id = std::to_string(k);
    if (k % 5000 == 0) f = sample[5];
    packed.add(f);
    added.push_back(std::move(f));
  }
  ASSERT_EQ(packed.size(), added.size());
  for (std::size_t i = 0; i < added.size(); i += 997) {
    SCOPED_TRACE(i);
    expect_same_feature(packed.get(i), added[i]);
  }
  expect_same_feature(packed.get(added.size() - 1), added.back());
}

TEST(CompactRows, IdsFromAttributesAndRecurringValues) {
  CompactRows packed;
  std::vector<Feature> added;
  for (int k = 0; k < 3000; ++k) {  // past the 1024 values a table takes
    Feature f;
    f.geometry = Geometry::from(Point{k * 1.5, -k * 2.25});
    const std::string code = "SS" + std::to_string(k);
    f.attributes = {
        {"名称", "设施" + std::to_string(k), false},     // unique: the table fills up
        {"类型", k % 3 == 0 ? "学校" : "医院", false},   // recurring: codes
        {"编号", code, k % 7 == 0},                      // the id's value, sometimes null
        {"备注", std::string(100, 'a' + k % 2), false},  // recurring but long: written out
        {"空", "", false}};
    f.id = k % 11 == 0 ? std::string("other") : k % 13 == 0 ? std::string() : code;
    if (k % 17 == 0) f.id = f.attributes[1].value;     // the id equals the type, not the code
    if (k % 19 == 0) f.attributes[0].value = "设施5";  // a value of the full table, again
    packed.add(f);
    added.push_back(std::move(f));
  }
  packed.shrink_to_fit();
  ASSERT_EQ(packed.size(), added.size());
  for (std::size_t i = 0; i < added.size(); ++i) {
    SCOPED_TRACE(i);
    expect_same_feature(packed.get(i), added[i]);
  }
}

// A point row added with its point kept outside (the province's NearIndex holds it) comes back
// whole when get is handed that point; only a geometry of one point may be added so.
TEST(CompactRows, PointKeptOutside) {
  CompactRows packed;
  Feature p;
  p.id = "SS0000042";
  p.geometry = Geometry::from(Point{-0.0, 3700456.125});
  p.attributes = {{"编号", "SS0000042", false}, {"类型", "学校", false}};
  packed.add(p, true);
  Feature q = p;  // the same point, stored in the row
  q.id = "q";
  packed.add(q);
  const Point kept = p.geometry.points[0];
  expect_same_feature(packed.get(0, &kept), p);
  EXPECT_TRUE(std::signbit(packed.get(0, &kept).geometry.points[0].x));
  expect_same_feature(packed.get(1), q);
  expect_same_feature(packed.get(1, &kept), q);  // a stored point ignores the one handed in
  EXPECT_THROW(packed.get(0), InternalError);
  Feature two = p;
  two.geometry.points.push_back({1, 1});
  EXPECT_THROW(packed.add(two, true), InternalError);
}

// Values that end in decimal digits are kept as the text before the digits and a number: every
// run length and leading zero must come back, and runs a 64-bit number cannot hold stay text.
TEST(CompactRows, ValuesEndingInNumbers) {
  const std::vector<std::string> values = {
      "SS0000000",
      "SS0000001",
      "SS1999999",
      "设施0",
      "设施1234567",
      "0",
      "007",
      "00",
      "SS",
      "SS12",
      "C5300000000000",
      "9999999999999999999",   // 19 digits: the largest run kept as a number
      "99999999999999999999",  // 20 digits: text
      "X18446744073709551615",
      "A-1",
      "1.5",
      "",
      "KQ 12",
      "矿山٣"};
  CompactRows packed;
  std::vector<Feature> added;
  for (int k = 0; k < 3; ++k)  // each value as the first of its kind, then again
    for (std::size_t i = 0; i < values.size(); ++i) {
      Feature f;
      f.geometry = Geometry::from(Point{static_cast<double>(i), static_cast<double>(k)});
      f.attributes = {{"编号", values[i], i % 4 == 1},
                      {"名称", values[(i + k) % values.size()], false}};
      f.id = i % 2 == 0 ? values[i] : values[(i + 1) % values.size()];
      packed.add(f);
      added.push_back(std::move(f));
    }
  ASSERT_EQ(packed.size(), added.size());
  for (std::size_t i = 0; i < added.size(); ++i) {
    SCOPED_TRACE(i);
    expect_same_feature(packed.get(i), added[i]);
    EXPECT_EQ(packed.get(i).attributes[0].value, values[i % values.size()]);
  }
}

}  // namespace
}  // namespace reserve::province
