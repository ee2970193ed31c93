// geometry_from_wkt on hostile text (issue 15): nesting is limited before GEOS parses (its reader
// recurses per level and overflowed the stack at 30,000), and NaN vertices are refused.
#include <gtest/gtest.h>

#include <string>

#include "reserve/error.hpp"
#include "reserve/geometry.hpp"

namespace reserve {
namespace {

std::string nested(int depth) {
  std::string wkt;
  for (int i = 0; i < depth; ++i) wkt += "GEOMETRYCOLLECTION(";
  wkt += "POINT(1 2)";
  for (int i = 0; i < depth; ++i) wkt += ")";
  return wkt;
}

TEST(WktReader, DeepNestingIsAnInputErrorNotACrash) {
  try {
    (void)geometry_from_wkt(nested(30000));  // + the point: 30,001 levels
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(e.message().find("nested 30001 levels deep"), std::string::npos) << e.message();
  }
  // Ordinary nesting is read: a collection of a multipolygon is 4 levels deep.
  const Geometry g = geometry_from_wkt(
      "GEOMETRYCOLLECTION(MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0))), POLYGON((2 2, 3 2, 3 3, 2 2)))");
  EXPECT_EQ(g.polygons.polygons.size(), 2u);
  EXPECT_NO_THROW((void)geometry_from_wkt(nested(60)));
}

TEST(WktReader, NanVertexIsRefused) {
  EXPECT_THROW((void)geometry_from_wkt("POLYGON((0 0, 1 0, NaN 1, 0 0))"), InputError);
  EXPECT_THROW((void)geometry_from_wkt("POINT(inf 1)"), InputError);
}

}  // namespace
}  // namespace reserve
