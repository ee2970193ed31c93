// Text helpers: blanks around attribute values as real tables carry them.
#include <gtest/gtest.h>

#include "core/text_util.hpp"

namespace reserve::text {
namespace {

TEST(TrimBlanks, StripsAsciiAndWideBlanksOnBothSidesOnly) {
  EXPECT_EQ(trim_blanks(" 青山保护区\t"), "青山保护区");
  EXPECT_EQ(trim_blanks("青山保护区\xE3\x80\x80"), "青山保护区");              // U+3000
  EXPECT_EQ(trim_blanks("\xC2\xA0青山保护区\xC2\xA0"), "青山保护区");          // U+00A0
  EXPECT_EQ(trim_blanks("\xEF\xBB\xBF青山保护区"), "青山保护区");              // U+FEFF
  EXPECT_EQ(trim_blanks("\xE3\x80\x80 \xC2\xA0\r\n"), "");                     // blanks only
  EXPECT_EQ(trim_blanks("青山\xE3\x80\x80保护区"), "青山\xE3\x80\x80保护区");  // inside: kept
  EXPECT_EQ(trim_blanks(""), "");
}

TEST(NormaliseLabel, TrimsWideBlanksAndLowersAscii) {
  EXPECT_EQ(normalise_label("\xC2\xA0"
                            "Core Zone\xE3\x80\x80"),
            "core zone");
}

}  // namespace
}  // namespace reserve::text
