#pragma once
// Text decoding to UTF-8: iconv with replacement of undecodable bytes (never throws on bad data),
// UTF-8 validation, DBF language-driver IDs, and a test for GBK text shown as Latin-1 (mojibake).
// Private to the library.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reserve::io {

struct DecodedText {
  std::string utf8;
  std::size_t replaced = 0;  // undecodable byte sequences replaced by U+FFFD
};

bool is_valid_utf8(std::string_view bytes) noexcept;
bool is_ascii(std::string_view bytes) noexcept;
// Invalid sequences become U+FFFD.
DecodedText sanitize_utf8(std::string_view bytes);
// Valid UTF-8 kept, every byte of an invalid sequence written as "\xNN": for messages from GDAL,
// PROJ and GEOS, which may quote raw bytes of the data (a GBK value in a warning). The result is
// always valid UTF-8 (JSON writers refuse anything else) and keeps the bytes recognisable.
std::string escape_invalid_utf8(std::string_view bytes);
// Decodes `bytes` in `encoding` (any name iconv knows, e.g. "CP936", "GBK", "GB18030",
// "ISO-8859-1"). Throws UsageError when the encoding is unknown.
DecodedText decode_to_utf8(std::string_view bytes, const std::string& encoding);
// UTF-8 → `encoding` (for attribute filters on undecoded DBF text). Unconvertible characters
// are kept as '?'. Throws UsageError when the encoding is unknown.
std::string encode_from_utf8(std::string_view utf8, const std::string& encoding);
// Throws UsageError when iconv does not know `encoding`.
void check_encoding_known(const std::string& encoding);

// Canonical spelling of an encoding name from a user, a .cpg file or a header: "936" → "CP936",
// "utf8" → "UTF-8", "GB2312" → "CP936" (a superset), "ANSI 1252" → "CP1252".
std::string canonical_encoding(std::string_view name);
bool is_utf8_name(std::string_view canonical) noexcept;

// The code page of a DBF language-driver ID (header byte 29), per the ESRI code page table.
// nullopt for 0 (none) and for 0x57 (ESRI "ANSI": the writer's system code page, unknown here).
std::optional<std::string> encoding_for_ldid(std::uint8_t ldid);

// True when `utf8` looks like GBK/GB18030 text that was decoded as Latin-1 or CP1252: mostly
// characters in U+0080..U+00FF that, turned back into bytes, decode as GBK with CJK ideographs.
bool looks_like_gbk_mojibake(std::string_view utf8);

// True when raw `bytes` (not UTF-8) read as GBK/CP936 without a single undecodable sequence and
// most of their non-ASCII characters are CJK ideographs: how an undeclared Chinese DBF is told
// from a Western one (Latin-1 text rarely decodes as GBK, and never into mostly ideographs).
bool looks_like_gbk(std::string_view bytes);

// Text that was destroyed before it reached us and cannot be recovered by any decoding: U+FFFD
// (a decoder gave up), "锟斤拷" (U+FFFD's UTF-8 bytes read as GBK and saved again), or GBK read as
// Latin-1 (looks_like_gbk_mojibake). Such text must never be shown as if it were a name.
bool looks_destroyed(std::string_view utf8);

// Removes a leading UTF-8 byte order mark.
std::string_view strip_utf8_bom(std::string_view bytes) noexcept;

}  // namespace reserve::io
