// parse_angle_deg: decimal degrees and 度分秒 as they appear in Chinese coordinate tables.
#include <gtest/gtest.h>

#include "reserve/io.hpp"

namespace reserve {
namespace {

// Expected values are hand-computed: d + m/60 + s/3600. Tolerance 1e-12° (float rounding).
constexpr double kTol = 1e-12;
constexpr double k105_42_30_5 = 105.0 + 42.0 / 60.0 + 30.5 / 3600.0;  // 105.70847222…

TEST(ParseAngleTest, DecimalDegrees) {
  EXPECT_NEAR(*parse_angle_deg("105.7"), 105.7, kTol);
  EXPECT_NEAR(*parse_angle_deg(" 33.75 "), 33.75, kTol);
  EXPECT_NEAR(*parse_angle_deg("-12.5"), -12.5, kTol);
  EXPECT_NEAR(*parse_angle_deg("105"), 105.0, kTol);
  EXPECT_NEAR(*parse_angle_deg("105.5°"), 105.5, kTol);
}

TEST(ParseAngleTest, DegreesMinutesSeconds) {
  EXPECT_NEAR(*parse_angle_deg("105°42'30.5\""), k105_42_30_5, kTol);
  EXPECT_NEAR(*parse_angle_deg("105度42分30.5秒"), k105_42_30_5, kTol);
  EXPECT_NEAR(*parse_angle_deg("105:42:30.5"), k105_42_30_5, kTol);
  EXPECT_NEAR(*parse_angle_deg("105 42 30.5"), k105_42_30_5, kTol);
  EXPECT_NEAR(*parse_angle_deg("105°42′30.5″"), k105_42_30_5, kTol);  // prime marks
  EXPECT_NEAR(*parse_angle_deg("105°42'30.5"), k105_42_30_5, kTol);   // seconds mark omitted
  EXPECT_NEAR(*parse_angle_deg("33°45'"), 33.75, kTol);
  EXPECT_NEAR(*parse_angle_deg("33°45.5'"), 33.0 + 45.5 / 60.0, kTol);
}

// The surveyors' notation with the decimal point after the mark (东经105°42′30″.5): the row was
// skipped as "not an angle". By hand: 30″.5 = 30.5″, 45′.5 = 45.5′.
TEST(ParseAngleTest, DecimalPointAfterTheUnitMark) {
  EXPECT_NEAR(*parse_angle_deg("105°42′30″.5"), k105_42_30_5, kTol);
  EXPECT_NEAR(*parse_angle_deg("东经105°42'30\".5"), k105_42_30_5, kTol);
  EXPECT_NEAR(*parse_angle_deg("105度42分30秒.5"), k105_42_30_5, kTol);
  EXPECT_NEAR(*parse_angle_deg("33°45′.5"), 33.0 + 45.5 / 60.0, kTol);
  EXPECT_NEAR(*parse_angle_deg("105°.5"), 105.5, kTol);
  // Never a second fraction, nor anything after it.
  for (const char* bad :
       {"105°42′30.5″.5", "105°42′.5 30″", "105°42′30″.", "105°42′30″.5.5", "105:42:30:.5"})
    EXPECT_FALSE(parse_angle_deg(bad).has_value()) << "'" << bad << "'";
}

TEST(ParseAngleTest, Hemispheres) {
  EXPECT_NEAR(*parse_angle_deg("E105°42'30.5\""), k105_42_30_5, kTol);
  EXPECT_NEAR(*parse_angle_deg("105°42'30.5\"E"), k105_42_30_5, kTol);
  EXPECT_NEAR(*parse_angle_deg("东经105度42分30.5秒"), k105_42_30_5, kTol);
  EXPECT_NEAR(*parse_angle_deg("北纬33度45分"), 33.75, kTol);
  EXPECT_NEAR(*parse_angle_deg("33.75N"), 33.75, kTol);
  EXPECT_NEAR(*parse_angle_deg("W 70.5"), -70.5, kTol);
  EXPECT_NEAR(*parse_angle_deg("南纬12度30分"), -12.5, kTol);
}

TEST(ParseAngleTest, InvalidInputs) {
  for (const char* bad :
       {"", "   ", "abc", "105°61'", "105°42'60\"", "42'30\"", "105.5°30'", "105°42'30\"15", "1e5",
        "105,7", ".", "-105W", "105 42 30 12", "N", "度", "105°°"}) {
    EXPECT_FALSE(parse_angle_deg(bad).has_value()) << "'" << bad << "'";
  }
}

}  // namespace
}  // namespace reserve

namespace reserve {
namespace {

// Issue 15.3: std::stod threw std::out_of_range on these and ended the run with exit 4.
TEST(ParseAngleTest, NumbersBeyondDoubleRangeAreNotAngles) {
  EXPECT_FALSE(parse_angle_deg(std::string(309, '9')).has_value());  // > DBL_MAX ≈ 1.8e308
  EXPECT_FALSE(parse_angle_deg("0." + std::string(400, '0') + "1").has_value());  // underflows
  EXPECT_FALSE(parse_angle_deg("105 " + std::string(400, '9')).has_value());      // as minutes
  // Long but representable is still a number: 105 followed by 30 zeros of fraction.
  EXPECT_NEAR(*parse_angle_deg("105." + std::string(30, '0')), 105.0, 1e-12);
}

}  // namespace
}  // namespace reserve
