// Private text helpers: UTF-8 checks, iconv decoding with replacement, LDIDs, mojibake, filters.
#include <gtest/gtest.h>

#include "io/attribute_filter.hpp"
#include "io/text_encoding.hpp"
#include "reserve/error.hpp"

namespace reserve::io {
namespace {

// "核心区" in GBK, from the GB 2312 code chart: 核 BADB, 心 D0C4, 区 C7F8.
const std::string kGbkCore = "\xBA\xCB\xD0\xC4\xC7\xF8";

TEST(TextEncodingTest, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8("核心区 abc"));
  EXPECT_FALSE(is_valid_utf8(kGbkCore));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));      // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // surrogate
  const DecodedText s = sanitize_utf8(
      "a\xFF"
      "b");
  EXPECT_EQ(s.utf8,
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(s.replaced, 1u);
}

TEST(TextEncodingTest, DecodeGbkAndReplaceBadBytes) {
  EXPECT_EQ(decode_to_utf8(kGbkCore, "CP936").utf8, "核心区");
  EXPECT_EQ(decode_to_utf8(kGbkCore, "GBK").utf8, "核心区");
  const DecodedText truncated = decode_to_utf8(kGbkCore.substr(0, 5), "CP936");
  EXPECT_EQ(truncated.utf8, "核心\xEF\xBF\xBD");
  EXPECT_EQ(truncated.replaced, 1u);
  EXPECT_THROW(decode_to_utf8(kGbkCore, "NOT-AN-ENCODING"), UsageError);
  EXPECT_EQ(encode_from_utf8("核心区", "CP936"), kGbkCore);
}

TEST(TextEncodingTest, CanonicalNamesAndLdids) {
  EXPECT_EQ(canonical_encoding("936"), "CP936");
  EXPECT_EQ(canonical_encoding(" gbk\n"), "CP936");
  EXPECT_EQ(canonical_encoding("utf8"), "UTF-8");
  EXPECT_EQ(canonical_encoding("ANSI 1252"), "CP1252");
  EXPECT_EQ(canonical_encoding("88591"), "ISO-8859-1");
  // ESRI code page table: 0x4D and 0x7A Chinese GBK, 0x4F Big5, 0x57 ANSI (unknown).
  EXPECT_EQ(encoding_for_ldid(0x4D), "CP936");
  EXPECT_EQ(encoding_for_ldid(0x7A), "CP936");
  EXPECT_EQ(encoding_for_ldid(0x4F), "CP950");
  EXPECT_FALSE(encoding_for_ldid(0x57).has_value());
  EXPECT_FALSE(encoding_for_ldid(0x00).has_value());
}

TEST(TextEncodingTest, GbkReadAsLatin1IsRecognised) {
  const std::string mojibake = decode_to_utf8(kGbkCore, "ISO-8859-1").utf8;  // "ºËÐÄÇø"
  EXPECT_TRUE(looks_like_gbk_mojibake(mojibake));
  EXPECT_FALSE(looks_like_gbk_mojibake("核心区"));
  EXPECT_FALSE(looks_like_gbk_mojibake("Zürich"));  // one accented letter is just Latin text
  EXPECT_FALSE(looks_like_gbk_mojibake("Müller Straße"));
  // "1号矿区A" in GBK read as Latin-1: mostly high bytes, still recognised.
  EXPECT_TRUE(looks_like_gbk_mojibake(
      decode_to_utf8(encode_from_utf8("1号矿区A", "CP936"), "ISO-8859-1").utf8));
  EXPECT_FALSE(looks_like_gbk_mojibake("plain ascii"));
}

TEST(AttributeFilterTest, QuotesNonAsciiIdentifiersOnly) {
  EXPECT_EQ(quote_non_ascii_identifiers("功能分区 = '核心区'"), "\"功能分区\" = '核心区'");
  EXPECT_EQ(quote_non_ascii_identifiers("\"功能分区\" = 'it''s' AND area > 5"),
            "\"功能分区\" = 'it''s' AND area > 5");
  EXPECT_EQ(quote_non_ascii_identifiers("类型 IN ('采矿权','探矿权')"),
            "\"类型\" IN ('采矿权','探矿权')");
}

}  // namespace
}  // namespace reserve::io

namespace reserve::io {
namespace {

// Issue 15.1: GDAL/PROJ/GEOS messages may quote raw GBK bytes; they must become valid UTF-8
// without losing what the bytes were.
TEST(TextEncodingTest, InvalidBytesInMessagesAreEscaped) {
  const std::string escaped = escape_invalid_utf8("Value '" + kGbkCore + "' of 字段");
  EXPECT_EQ(escaped, "Value '\\xBA\\xCB\\xD0\\xC4\\xC7\\xF8' of 字段");
  EXPECT_TRUE(is_valid_utf8(escaped));
  EXPECT_EQ(escape_invalid_utf8("核心区 ok"), "核心区 ok");
}

}  // namespace
}  // namespace reserve::io
