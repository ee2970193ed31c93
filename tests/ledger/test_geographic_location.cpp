// The ledger's longitude/latitude (ledger/geographic_location.hpp): the PROJ transformation is
// found once per thread and working CRS and reused by the later ledgers of the thread (one per
// reserve in a province run); a reused one converts exactly as the first, and the cache keeps
// working CRSs apart.
#include <gtest/gtest.h>

#include "ledger/geographic_location.hpp"
#include "reserve/crs.hpp"

namespace reserve {
namespace {

// Expected values: pyproj 3 (Debian's python3), Transformer.from_crs(src, dst, always_xy=True).
constexpr double kDeg = 1e-9;  // degrees (~0.1 mm)

TEST(GeographicLocation, ReusedTransformationConvertsAsTheFirst) {
  const Crs gk = Crs::from_epsg(4544);    // CGCS2000 / 3-degree Gauss-Kruger CM 105E
  const Crs utm = Crs::from_epsg(32650);  // WGS 84 / UTM zone 50N
  const Point a{500000.0, 4000000.0}, b{520000.0, 3990000.0};

  const ledger::GeographicLocation first(gk);
  ASSERT_EQ(first.datum_name(), "CGCS2000");
  const auto fa = first(a), fb = first(b);
  ASSERT_TRUE(fa && fb);
  EXPECT_NEAR(fa->x, 105.0, kDeg);  // on the central meridian (pyproj: 105.000000000000)
  EXPECT_NEAR(fa->y, 36.130292920696, kDeg);
  EXPECT_NEAR(fb->x, 105.221930647361, kDeg);
  EXPECT_NEAR(fb->y, 36.039965442701, kDeg);

  // Another working CRS in between: its own datum and transformation.
  const ledger::GeographicLocation other(utm);
  EXPECT_EQ(other.datum_name(), "WGS 84");
  const auto oa = other(a);
  ASSERT_TRUE(oa);
  EXPECT_NEAR(oa->x, 117.0, kDeg);  // pyproj: 117.000000000000
  EXPECT_NEAR(oa->y, 36.144718098818, kDeg);

  // The first CRS again (served by the thread's cache): bit for bit as the first object.
  const ledger::GeographicLocation again(gk);
  EXPECT_EQ(again.datum_name(), "CGCS2000");
  EXPECT_TRUE(again.unavailable_reason().empty());
  const auto ga = again(a), gb = again(b);
  ASSERT_TRUE(ga && gb);
  EXPECT_EQ(ga->x, fa->x);
  EXPECT_EQ(ga->y, fa->y);
  EXPECT_EQ(gb->x, fb->x);
  EXPECT_EQ(gb->y, fb->y);
}

TEST(GeographicLocation, NoCrsNoLocation) {
  const ledger::GeographicLocation none(Crs{});
  EXPECT_TRUE(none.datum_name().empty());
  EXPECT_FALSE(none(Point{500000.0, 4000000.0}).has_value());
}

}  // namespace
}  // namespace reserve
