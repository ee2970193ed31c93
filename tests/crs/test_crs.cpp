// Crs values, Gauss–Krüger zone rules and the Transformer.
#include <gtest/gtest.h>

#include "reserve/crs.hpp"
#include "reserve/error.hpp"

namespace reserve {
namespace {

TEST(CrsTest, FromEpsgKnowsKindNameAndCode) {
  const Crs geo = Crs::from_epsg(4490);
  EXPECT_TRUE(geo.is_geographic);
  EXPECT_FALSE(geo.is_projected);
  ASSERT_TRUE(geo.epsg.has_value());
  EXPECT_EQ(*geo.epsg, 4490);
  EXPECT_EQ(geo.label(), "EPSG:4490");
  // Name as in the EPSG registry (pyproj 3.4: CRS('EPSG:4490').name).
  EXPECT_EQ(geo.name, "China Geodetic Coordinate System 2000");

  const Crs gk = Crs::from_user_input("4544");
  EXPECT_TRUE(gk.is_projected);
  EXPECT_EQ(gk.epsg, 4544);
  EXPECT_EQ(gk.name, "CGCS2000 / 3-degree Gauss-Kruger CM 105E");
  EXPECT_NE(gk.wkt.find("PROJCRS"), std::string::npos);  // WKT2 keyword
}

TEST(CrsTest, WktRoundTripIsIdentifiedAndEquivalent) {
  const Crs gk = Crs::from_epsg(4544);
  const Crs again = Crs::from_user_input(gk.wkt);
  EXPECT_EQ(again.epsg, 4544);
  EXPECT_TRUE(equivalent(gk, again));
  EXPECT_FALSE(equivalent(gk, Crs::from_epsg(4545)));
  EXPECT_FALSE(equivalent(gk, Crs{}));
  EXPECT_TRUE(equivalent(Crs{}, Crs{}));
}

TEST(CrsTest, ProjStringWithoutCodeIsUsable) {
  // Same definition as EPSG:4544 but spelled as a PROJ string: equivalent up to names.
  const Crs p = Crs::from_user_input(
      "+proj=tmerc +lat_0=0 +lon_0=105 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs "
      "+type=crs");
  EXPECT_TRUE(p.is_projected);
  EXPECT_FALSE(p.empty());
}

TEST(CrsTest, GarbageIsAUsageError) {
  EXPECT_THROW(Crs::from_user_input("EPSG:999999999"), UsageError);
  EXPECT_THROW(Crs::from_user_input("not a crs"), UsageError);
  EXPECT_THROW(Crs::from_user_input("   "), UsageError);
  EXPECT_THROW(Crs::from_epsg(-1), UsageError);
}

// from_user_input remembers what it parsed (a province check asks for the working CRS once per
// reserve): asking again, in another spelling, between many other texts, or after a failure gives
// the same Crs as the first parse, and a failure is never remembered as a success.
TEST(CrsTest, RepeatedInputGivesTheSameCrs) {
  const Crs first = Crs::from_user_input("EPSG:4544");
  for (int round = 0; round < 3; ++round) {
    for (int zone = 4513; zone <= 4553; ++zone) {  // more texts than are remembered at once
      const Crs c = Crs::from_user_input(" EPSG:" + std::to_string(zone) + " ");
      EXPECT_EQ(c.epsg, zone);
    }
    EXPECT_THROW(Crs::from_user_input("EPSG:999999999"), UsageError);
    for (const std::string text : {"EPSG:4544", "4544", "  4544\n"}) {
      const Crs again = Crs::from_user_input(text);
      EXPECT_EQ(again.wkt, first.wkt) << text;
      EXPECT_EQ(again.name, "CGCS2000 / 3-degree Gauss-Kruger CM 105E");  // pyproj 3.4, as above
      EXPECT_EQ(again.epsg, 4544);
      EXPECT_TRUE(again.is_projected);
      EXPECT_FALSE(again.is_geographic);
    }
  }
}

TEST(GaussKrugerTest, ZoneForLongitude) {
  // Zone n has central meridian 3n°, covering [3n-1.5°, 3n+1.5°).
  EXPECT_EQ(gk3_zone_for_longitude(105.7), 35);
  EXPECT_EQ(gk3_zone_for_longitude(105.0), 35);
  EXPECT_EQ(gk3_zone_for_longitude(106.49), 35);
  EXPECT_EQ(gk3_zone_for_longitude(106.5), 36);
  EXPECT_EQ(gk3_zone_for_longitude(75.0), 25);
  EXPECT_EQ(gk3_zone_for_longitude(135.0), 45);
  EXPECT_THROW(gk3_zone_for_longitude(3736151.0), InputError);
}

TEST(GaussKrugerTest, EpsgTableMatchesRegistryNames) {
  EXPECT_EQ(gk3_epsg(25), 4534);
  EXPECT_EQ(gk3_epsg(35), 4544);
  EXPECT_EQ(gk3_epsg(45), 4554);
  EXPECT_EQ(gk3_epsg(25, true), 4513);
  EXPECT_EQ(gk3_epsg(35, true), 4523);
  EXPECT_EQ(gk3_epsg(45, true), 4533);
  EXPECT_THROW(gk3_epsg(24), InputError);
  EXPECT_THROW(gk3_epsg(46, true), InputError);
  // Independent check of the table against the EPSG registry names: every code in the table
  // names its zone (prefixed: "... zone 35") or central meridian (plain: "... CM 105E").
  for (int zone = 25; zone <= 45; ++zone) {
    EXPECT_NE(Crs::from_epsg(gk3_epsg(zone, true)).name.find("zone " + std::to_string(zone)),
              std::string::npos)
        << zone;
    EXPECT_NE(Crs::from_epsg(gk3_epsg(zone)).name.find("CM " + std::to_string(3 * zone) + "E"),
              std::string::npos)
        << zone;
  }
}

TEST(GaussKrugerTest, PrefixedEasting) {
  EXPECT_EQ(gk3_zone_from_prefixed_easting(35512345.67), 35);
  EXPECT_EQ(gk3_zone_from_prefixed_easting(25000000.0), 25);
  EXPECT_EQ(gk3_zone_from_prefixed_easting(45999999.0), 45);
  EXPECT_FALSE(gk3_zone_from_prefixed_easting(512345.67).has_value());
  EXPECT_FALSE(gk3_zone_from_prefixed_easting(3736151.5).has_value());
  EXPECT_FALSE(gk3_zone_from_prefixed_easting(15512345.0).has_value());  // zone 15: not China
  EXPECT_FALSE(gk3_zone_from_prefixed_easting(135512345.0).has_value());
}

TEST(GaussKrugerTest, WorkingCrs) {
  Envelope e;
  e.expand(Point{105.5, 33.6});
  e.expand(Point{105.9, 33.9});
  EXPECT_EQ(choose_working_crs(Crs::from_epsg(4490), e).epsg, 4544);
  EXPECT_EQ(choose_working_crs(Crs::from_epsg(4523), e).epsg, 4523);  // projected: itself
  EXPECT_THROW(choose_working_crs(Crs{}, e), InputError);
  EXPECT_THROW(choose_working_crs(Crs::from_epsg(4490), Envelope{}), InputError);
}

// Distances, tolerances and planar areas are in metres, so a projected CRS measuring in feet is not
// taken as the working CRS: the Gauss–Krüger zone of the data's centre is, as for lon/lat data.
// Expected: the US survey foot is 1200/3937 m (NIST); 105.7°E lies in zone 35 (EPSG:4544); the
// Californian extent lies in UTM zone 10N (EPSG:32610).
TEST(CrsTest, AProjectedCrsInFeetIsReplacedByAWorkingCrsInMetres) {
  EXPECT_DOUBLE_EQ(Crs::from_epsg(4544).linear_unit_m, 1.0);
  EXPECT_DOUBLE_EQ(Crs::from_epsg(4490).linear_unit_m, 1.0);
  const Crs ca_feet = Crs::from_epsg(2227);  // NAD83 / California zone 3 (ftUS)
  EXPECT_NEAR(ca_feet.linear_unit_m, 1200.0 / 3937.0, 1e-15);
  // A transverse Mercator in international feet on CM 105°E over the sample reserve.
  const Crs tm_feet = Crs::from_user_input(
      "+proj=tmerc +lat_0=0 +lon_0=105 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=ft +no_defs "
      "+type=crs");
  EXPECT_NEAR(tm_feet.linear_unit_m, 0.3048, 1e-15);
  Envelope sample;  // the sample reserve (EPSG:4544 metres) in feet
  sample.expand(Point{(553442.0 - 500000.0) / 0.3048 + 500000.0 / 0.3048, 3729472.0 / 0.3048});
  sample.expand(Point{(576030.0 - 500000.0) / 0.3048 + 500000.0 / 0.3048, 3743912.0 / 0.3048});
  EXPECT_EQ(choose_working_crs(tm_feet, sample).epsg, 4544);
  Envelope california;  // around Oakland, in the zone's feet
  california.expand(Point{6050000.0, 2110000.0});
  california.expand(Point{6060000.0, 2120000.0});
  try {
    choose_working_crs(ca_feet, california);
    ADD_FAILURE() << "a feet CRS outside China's zones must ask for a working CRS";
  } catch (const InputError& e) {
    const std::string m = e.message();
    EXPECT_NE(m.find("not metres"), std::string::npos) << m;
    EXPECT_NE(m.find("--working-crs"), std::string::npos) << m;
    EXPECT_NE(m.find("EPSG:32610"), std::string::npos) << m;
  }
}

TEST(TransformerTest, GeographicToGaussKrugerAndBack) {
  // Expected values: pyproj 3.4 / PROJ 9.1,
  // Transformer.from_crs('EPSG:4490','EPSG:4544',always_xy=True).transform(105.7, 33.75)
  // = (564858.8064290825, 3736151.532797945). Tolerance 1 mm.
  const Transformer fwd(Crs::from_epsg(4490), Crs::from_epsg(4544));
  EXPECT_FALSE(fwd.is_identity());
  const Point gk = fwd.apply(Point{105.7, 33.75});
  EXPECT_NEAR(gk.x, 564858.8064290825, 1e-3);
  EXPECT_NEAR(gk.y, 3736151.532797945, 1e-3);

  const Transformer back(Crs::from_epsg(4544), Crs::from_epsg(4490));
  const Point ll = back.apply(gk);
  EXPECT_NEAR(ll.x, 105.7, 1e-8);  // 1e-8° ≈ 1 mm
  EXPECT_NEAR(ll.y, 33.75, 1e-8);
}

TEST(TransformerTest, PrefixedZoneAddsTheZoneNumber) {
  // pyproj: EPSG:4490 → EPSG:4523 gives (35564858.80642908, 3736151.532797945). Tolerance 1 mm.
  const Transformer fwd(Crs::from_epsg(4490), Crs::from_epsg(4523));
  const Point gk = fwd.apply(Point{105.7, 33.75});
  EXPECT_NEAR(gk.x, 35564858.80642908, 1e-3);
  EXPECT_NEAR(gk.y, 3736151.532797945, 1e-3);
}

TEST(TransformerTest, GeometryAndIdentity) {
  const Transformer same(Crs::from_epsg(4544), Crs::from_user_input("EPSG:4544"));
  EXPECT_TRUE(same.is_identity());
  EXPECT_EQ(same.apply(Point{1.0, 2.0}), (Point{1.0, 2.0}));

  Polygon sq;
  sq.outer = {{105.7, 33.75}, {105.8, 33.75}, {105.8, 33.85}, {105.7, 33.75}};
  Geometry g = Geometry::from(sq);
  Transformer(Crs::from_epsg(4490), Crs::from_epsg(4544)).apply(g);
  EXPECT_NEAR(g.polygons.polygons[0].outer[0].x, 564858.8064290825, 1e-3);
  // Orientation is kept (the GK projection is conformal and the axes are east/north).
  EXPECT_GT(signed_ring_area(g.polygons.polygons[0].outer), 0.0);
}

TEST(TransformerTest, BadCoordinateIsAnInputErrorNamingIt) {
  const Transformer back(Crs::from_epsg(4544), Crs::from_epsg(4490));
  try {
    back.apply(Point{1e30, 1e30});
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("1e+30"), std::string::npos) << e.what();
  }
  EXPECT_THROW(Transformer(Crs{}, Crs::from_epsg(4490)), InputError);
}

TEST(TransformerTest, BallparkDatumShiftsAreFlagged) {
  // PROJ 9.1's EPSG database has no Xian 1980 → CGCS2000 transformation (checked with
  // proj_create_crs_to_crs: "Ballpark geographic offset from Xian 1980 to ...").
  const Transformer xian(Crs::from_epsg(4610), Crs::from_epsg(4490));
  EXPECT_TRUE(xian.is_ballpark());
  EXPECT_NE(xian.description().find("Ballpark"), std::string::npos) << xian.description();
  const Transformer gk(Crs::from_epsg(4490), Crs::from_epsg(4544));
  EXPECT_FALSE(gk.is_ballpark());
  EXPECT_NE(gk.description().find("Gauss-Kruger"), std::string::npos) << gk.description();
  const Transformer same(Crs::from_epsg(4544), Crs::from_epsg(4544));
  EXPECT_FALSE(same.is_ballpark());
  EXPECT_EQ(same.description(), "");
}

}  // namespace
}  // namespace reserve
