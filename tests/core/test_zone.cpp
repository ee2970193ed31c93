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

// 区域 ("region") in place of 区, and UNESCO's biosphere-reserve terms, stopped with "zone labels
// not recognised" before. They name the same zones; numbered as the others.
TEST(ZoneScheme, RegionWordingAndUnescoTermsAreRecognised) {
  const auto s = ZoneScheme::defaults();
  EXPECT_EQ(s.lookup("核心区域"), Zone::core);
  EXPECT_EQ(s.lookup("缓冲区域"), Zone::buffer);
  EXPECT_EQ(s.lookup("实验区域"), Zone::experimental);
  EXPECT_EQ(s.lookup("试验区域"), Zone::experimental);
  EXPECT_EQ(s.lookup("核心保护区域"), Zone::core_protection);
  EXPECT_EQ(s.lookup("一般控制区域"), Zone::general_control);
  EXPECT_EQ(s.lookup("缓冲区域2"), Zone::buffer);
  EXPECT_EQ(s.lookup("Core Area"), Zone::core);
  EXPECT_EQ(s.lookup("Buffer Area"), Zone::buffer);
  EXPECT_EQ(s.lookup("Transition Area 1"), Zone::experimental);
  EXPECT_FALSE(s.lookup("实验区域(拟调出)").has_value());
}

// Layers that number a zone's polygons ("核心区1", "缓冲区一", "实验区(东片)") stopped with "zone
// labels not recognised" before the fix. A numbering suffix is recognised; free text is not: a
// remark such as "(拟调出)" (to be removed) must never read as the zone. Expected zones by the
// labels' meaning.
TEST(ZoneScheme, NumberedPolygonsOfAZoneAreRecognised) {
  const auto s = ZoneScheme::defaults();
  EXPECT_EQ(s.lookup("核心区1"), Zone::core);
  EXPECT_EQ(s.lookup("核心区-12"), Zone::core);
  EXPECT_EQ(s.lookup("缓冲区一"), Zone::buffer);
  EXPECT_EQ(s.lookup("缓冲区3号"), Zone::buffer);
  EXPECT_EQ(s.lookup("实验区(东片)"), Zone::experimental);
  EXPECT_EQ(s.lookup("实验区（二）"), Zone::experimental);
  EXPECT_EQ(s.lookup("实验区A"), Zone::experimental);
  EXPECT_EQ(s.lookup("实验区Ⅱ"), Zone::experimental);
  EXPECT_EQ(s.lookup("核心保护区2"), Zone::core_protection);  // the longest label wins
  EXPECT_EQ(s.lookup("Core zone 2"), Zone::core);
  EXPECT_FALSE(s.lookup("实验区(拟调出)").has_value());
  EXPECT_FALSE(s.lookup("核心区外").has_value());
  EXPECT_FALSE(s.lookup("核心区域外").has_value());
  EXPECT_FALSE(s.lookup("buffers").has_value());
  EXPECT_FALSE(s.lookup("核心区1号地块").has_value());
}

// Labels in traditional characters stopped with "zone labels not recognised" and a --zone-map
// proposal; they are the same words (區 = 区, 緩衝 = 缓冲, 實驗 = 实验, 試驗 = 试验, 保護 = 保护).
TEST(ZoneScheme, TraditionalCharactersAreRecognised) {
  const auto s = ZoneScheme::defaults();
  EXPECT_EQ(s.lookup("核心區"), Zone::core);
  EXPECT_EQ(s.lookup("緩衝區"), Zone::buffer);
  EXPECT_EQ(s.lookup("實驗區"), Zone::experimental);
  EXPECT_EQ(s.lookup("試驗區"), Zone::experimental);
  EXPECT_EQ(s.lookup("核心保護區"), Zone::core_protection);
  EXPECT_EQ(s.lookup("一般控制區"), Zone::general_control);
  EXPECT_EQ(s.lookup("緩衝區2"), Zone::buffer);  // numbered polygons as in simplified
  EXPECT_EQ(s.lookup("實驗區（東片）"), Zone::experimental);
  EXPECT_EQ(s.lookup("緩衝區3號"), Zone::buffer);
  EXPECT_EQ(s.lookup("核心保護區一"), Zone::core_protection);
  EXPECT_FALSE(s.lookup("實驗區(擬調出)").has_value());  // free text stays unrecognised
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
