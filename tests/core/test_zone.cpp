#include <gtest/gtest.h>

#include "reserve/error.hpp"
#include "reserve/zone.hpp"

namespace reserve {
namespace {

TEST(ZoneScheme, RecognisesCommonLabelsWithoutConfiguration) {
  const auto s = ZoneScheme::defaults();
  EXPECT_EQ(s.lookup("核心区"), Zone::core);
  EXPECT_EQ(s.lookup(" 缓冲区\xE3\x80\x80"), Zone::buffer);  // ideographic space trimmed
  EXPECT_EQ(s.lookup("实验区"), Zone::experimental);
  EXPECT_EQ(s.lookup("Transition"), Zone::experimental);
  EXPECT_EQ(s.lookup("核心保护区"), Zone::core_protection);
  EXPECT_EQ(s.lookup("一般控制区"), Zone::general_control);
  EXPECT_FALSE(s.lookup("外围保护地带").has_value());
}

TEST(ZoneScheme, UserMappingAddsNumericCodes) {
  auto s = ZoneScheme::defaults();
  s.add_mapping("1=core, 2=buffer,3=experimental");
  EXPECT_EQ(s.lookup("1"), Zone::core);
  EXPECT_EQ(s.lookup("2"), Zone::buffer);
  EXPECT_EQ(s.lookup("3"), Zone::experimental);
  EXPECT_THROW(s.add_mapping("4"), UsageError);
  EXPECT_THROW(s.add_mapping("4=nowhere"), UsageError);
}

TEST(Zone, StrictnessOrdersZonesWithinAModel) {
  EXPECT_GT(strictness(Zone::core), strictness(Zone::buffer));
  EXPECT_GT(strictness(Zone::buffer), strictness(Zone::experimental));
  EXPECT_GT(strictness(Zone::experimental), strictness(Zone::outside));
  EXPECT_GT(strictness(Zone::core_protection), strictness(Zone::general_control));
  EXPECT_GT(strictness(Zone::general_control), strictness(Zone::outside));
}

TEST(Zone, LegacyMapDefaultsToCoreAndBufferIntoCoreProtection) {
  LegacyToTwoZoneMap m;
  EXPECT_EQ(m.map(Zone::core), Zone::core_protection);
  EXPECT_EQ(m.map(Zone::buffer), Zone::core_protection);
  EXPECT_EQ(m.map(Zone::experimental), Zone::general_control);
}

}  // namespace
}  // namespace reserve
