// Coordinates against their CRS: zone prefixes, metres in a geographic CRS, and suggestions for
// data without a CRS.
#include <gtest/gtest.h>

#include "io/crs_checks.hpp"
#include "reserve/error.hpp"

namespace reserve::io {
namespace {

Envelope box(double x0, double y0, double x1, double y1) {
  Envelope e;
  e.expand(Point{x0, y0});
  e.expand(Point{x1, y1});
  return e;
}

std::string error_of(const Crs& crs, const Envelope& e) {
  try {
    check_extent_matches_crs(crs, e, SourceRef{"f.shp", "l", ""});
  } catch (const InputError& err) {
    return err.what();
  }
  return "";
}

TEST(CrsChecksTest, ConsistentDataPasses) {
  EXPECT_EQ(error_of(Crs::from_epsg(4544), box(553000, 3729000, 576000, 3744000)), "");
  EXPECT_EQ(error_of(Crs::from_epsg(4523), box(35553000, 3729000, 35576000, 3744000)), "");
  EXPECT_EQ(error_of(Crs::from_epsg(4490), box(105.5, 33.6, 105.9, 33.9)), "");
}

TEST(CrsChecksTest, PrefixMismatchesSuggestTheRightCode) {
  // Prefixed eastings in the plain zone-35 CRS → EPSG:4523 (= 4513 + 35 − 25).
  EXPECT_NE(
      error_of(Crs::from_epsg(4544), box(35553000, 3729000, 35576000, 3744000)).find("EPSG:4523"),
      std::string::npos);
  // Plain eastings in the prefixed CRS → EPSG:4544 (= 4534 + 35 − 25).
  EXPECT_NE(error_of(Crs::from_epsg(4523), box(553000, 3729000, 576000, 3744000)).find("EPSG:4544"),
            std::string::npos);
  // Prefix 36 in the zone-35 prefixed CRS → EPSG:4524.
  EXPECT_NE(
      error_of(Crs::from_epsg(4523), box(36453000, 3729000, 36476000, 3744000)).find("EPSG:4524"),
      std::string::npos);
  // Xian 1980 family: EPSG:2369 is zone 45 prefixed; plain eastings → EPSG:2390.
  EXPECT_NE(error_of(Crs::from_epsg(2369), box(453000, 4729000, 476000, 4744000)).find("EPSG:2390"),
            std::string::npos);
}

TEST(CrsChecksTest, MetresInAGeographicCrs) {
  const std::string msg = error_of(Crs::from_epsg(4490), box(35553000, 3729000, 35576000, 3744000));
  EXPECT_NE(msg.find("not degrees"), std::string::npos) << msg;
  EXPECT_NE(msg.find("EPSG:4523"), std::string::npos) << msg;
}

TEST(CrsChecksTest, SuggestionsForDataWithoutCrs) {
  EXPECT_NE(suggest_crs_from_extent(box(35553000, 3729000, 35576000, 3744000)).find("EPSG:4523"),
            std::string::npos);
  EXPECT_NE(suggest_crs_from_extent(box(3729000, 35553000, 3744000, 35576000)).find("swapped"),
            std::string::npos);
  EXPECT_NE(suggest_crs_from_extent(box(105.5, 33.6, 105.9, 33.9)).find("EPSG:4490"),
            std::string::npos);
  EXPECT_NE(suggest_crs_from_extent(box(553000, 3729000, 576000, 3744000)).find("EPSG:4544"),
            std::string::npos);
  EXPECT_EQ(suggest_crs_from_extent(box(-5, -5, 5, 5)), "");
  EXPECT_EQ(suggest_crs_from_extent(Envelope{}), "");
}

}  // namespace
}  // namespace reserve::io
