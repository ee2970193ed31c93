#include "io/text_encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <memory>
#include <vector>

#include "reserve/error.hpp"

namespace reserve::io {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence at s[i], or 0 when invalid (overlongs and surrogates too).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) noexcept {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF)
    n = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  return n;
}

struct IconvCloser {
  void operator()(void* cd) const noexcept { iconv_close(static_cast<iconv_t>(cd)); }
};
using IconvPtr = std::unique_ptr<void, IconvCloser>;

IconvPtr open_iconv(const std::string& from, const char* to = "UTF-8") {
  iconv_t cd = iconv_open(to, from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1))
    throw UsageError("unknown text encoding '" + from +
                     "'; use a name such as GBK, CP936, GB18030, UTF-8 or ISO-8859-1");
  return IconvPtr(cd);
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) noexcept {
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t n = utf8_sequence_length(bytes, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

bool is_ascii(std::string_view bytes) noexcept {
  return std::all_of(bytes.begin(), bytes.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

DecodedText sanitize_utf8(std::string_view bytes) {
  DecodedText out;
  out.utf8.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t n = utf8_sequence_length(bytes, i);
    if (n == 0) {
      out.utf8 += kReplacement;
      ++out.replaced;
      ++i;
    } else {
      out.utf8.append(bytes.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string escape_invalid_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t n = utf8_sequence_length(bytes, i);
    if (n == 0) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      const auto c = static_cast<unsigned char>(bytes[i]);
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
      ++i;
    } else {
      out.append(bytes.substr(i, n));
      i += n;
    }
  }
  return out;
}

void check_encoding_known(const std::string& encoding) { open_iconv(encoding); }

DecodedText decode_to_utf8(std::string_view bytes, const std::string& encoding) {
  if (is_utf8_name(canonical_encoding(encoding))) return sanitize_utf8(bytes);
  if (is_ascii(bytes)) return DecodedText{std::string(bytes), 0};
  IconvPtr cd = open_iconv(encoding);
  DecodedText out;
  std::vector<char> buffer(bytes.size() * 4 + 16);
  std::vector<char> input(bytes.begin(), bytes.end());
  char* in = input.data();
  std::size_t in_left = input.size();
  while (in_left > 0) {
    char* outp = buffer.data();
    std::size_t out_left = buffer.size();
    const std::size_t rc = iconv(static_cast<iconv_t>(cd.get()), &in, &in_left, &outp, &out_left);
    out.utf8.append(buffer.data(), buffer.size() - out_left);
    if (rc != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) continue;
    // EILSEQ or EINVAL (truncated sequence): replace one byte and go on.
    out.utf8 += kReplacement;
    ++out.replaced;
    ++in;
    --in_left;
    iconv(static_cast<iconv_t>(cd.get()), nullptr, nullptr, nullptr, nullptr);
  }
  return out;
}

std::string encode_from_utf8(std::string_view utf8, const std::string& encoding) {
  if (is_utf8_name(canonical_encoding(encoding)) || is_ascii(utf8)) return std::string(utf8);
  IconvPtr cd = open_iconv("UTF-8", encoding.c_str());
  // iconv_open(to, from): here from = UTF-8, to = encoding.
  std::string out;
  std::vector<char> buffer(utf8.size() * 4 + 16);
  std::vector<char> input(utf8.begin(), utf8.end());
  char* in = input.data();
  std::size_t in_left = input.size();
  while (in_left > 0) {
    char* outp = buffer.data();
    std::size_t out_left = buffer.size();
    const std::size_t rc = iconv(static_cast<iconv_t>(cd.get()), &in, &in_left, &outp, &out_left);
    out.append(buffer.data(), buffer.size() - out_left);
    if (rc != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) continue;
    out.push_back('?');
    // Skip the whole UTF-8 character that could not be converted.
    std::size_t n = 1;
    while (n < in_left && (static_cast<unsigned char>(in[n]) & 0xC0) == 0x80) ++n;
    in += n;
    in_left -= n;
  }
  return out;
}

std::string canonical_encoding(std::string_view name) {
  std::string s = upper(name);
  s.erase(std::remove_if(s.begin(), s.end(),
                         [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }),
          s.end());
  if (s.empty()) return s;
  if (s == "UTF8" || s == "UTF-8" || s == "65001" || s == "CP65001") return "UTF-8";
  if (s == "GBK" || s == "936" || s == "CP936" || s == "GB2312" || s == "EUC-CN" || s == "MS936")
    return "CP936";
  if (s == "GB18030" || s == "54936") return "GB18030";
  if (s == "BIG5" || s == "950" || s == "CP950") return "CP950";
  if (s == "LATIN1" || s == "ISO-8859-1" || s == "ISO8859-1" || s == "88591" || s == "8859-1" ||
      s == "ISO88591" || s == "28591")
    return "ISO-8859-1";
  if (s.rfind("ANSI", 0) == 0 && s.size() > 4) s = s.substr(4);  // "ANSI 1252"
  if (s.rfind("CP", 0) == 0 || s.rfind("WINDOWS-", 0) == 0) {
    const std::string digits = s.substr(s[0] == 'C' ? 2 : 8);
    if (!digits.empty() && std::all_of(digits.begin(), digits.end(), ::isdigit))
      return canonical_encoding(digits);
  }
  if (std::all_of(s.begin(), s.end(), ::isdigit)) return "CP" + s;
  return s;
}

bool is_utf8_name(std::string_view canonical) noexcept { return canonical == "UTF-8"; }

std::optional<std::string> encoding_for_ldid(std::uint8_t ldid) {
  // ESRI "Code page and language driver ID" table (ArcGIS documentation; also used by GDAL's
  // shapelib and pyshp). 0x57 is "ANSI", i.e. the writer's Windows code page: not knowable.
  switch (ldid) {
    case 0x01:
    case 0x09:
    case 0x0B:
    case 0x0D:
    case 0x0F:
    case 0x11:
    case 0x15:
    case 0x18:
    case 0x19:
    case 0x1B: return "CP437";
    case 0x02:
    case 0x0A:
    case 0x0E:
    case 0x10:
    case 0x12:
    case 0x14:
    case 0x16:
    case 0x1A:
    case 0x1D:
    case 0x25:
    case 0x37: return "CP850";
    case 0x03:
    case 0x58:
    case 0x59: return "CP1252";
    case 0x04: return "MACINTOSH";
    case 0x08:
    case 0x17:
    case 0x66: return "CP865";
    case 0x13:
    case 0x7B: return "CP932";
    case 0x1C: return "CP863";
    case 0x1F:
    case 0x22:
    case 0x23:
    case 0x40:
    case 0x64: return "CP852";
    case 0x24: return "CP860";
    case 0x26:
    case 0x65: return "CP866";
    case 0x4D:
    case 0x7A: return "CP936";  // Chinese GBK (PRC)
    case 0x4E:
    case 0x79: return "CP949";  // Korean
    case 0x4F:
    case 0x78: return "CP950";  // Chinese Big5 (Taiwan, Hong Kong)
    case 0x50:
    case 0x7C: return "CP874";  // Thai
    case 0x67: return "CP861";
    case 0x6A: return "CP737";
    case 0x6B: return "CP857";
    case 0x7D: return "CP1255";
    case 0x7E: return "CP1256";
    case 0xC8: return "CP1250";
    case 0xC9: return "CP1251";
    case 0xCA: return "CP1254";
    case 0xCB: return "CP1253";
    case 0xCC: return "CP1257";
    default: return std::nullopt;
  }
}

bool looks_like_gbk_mojibake(std::string_view utf8) {
  // Collect the code points; give up as soon as one cannot have come from a single byte.
  std::string bytes;
  std::size_t high = 0, ascii_letters = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    const std::size_t n = utf8_sequence_length(utf8, i);
    if (n == 0) return false;
    unsigned cp = 0;
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(utf8[i + k]); };
    if (n == 1)
      cp = b(0);
    else if (n == 2)
      cp = ((b(0) & 0x1Fu) << 6) | (b(1) & 0x3Fu);
    else
      return false;  // CJK or other 3/4-byte characters: real text, not Latin-1 mojibake
    if (cp >= 0x80)
      ++high;
    else if (std::isalpha(static_cast<int>(cp)) != 0)
      ++ascii_letters;
    bytes.push_back(static_cast<char>(cp));
    i += n;
  }
  // Chinese text gives two high bytes per character; a European name has a few among many
  // plain letters ("Müller Straße"), which GBK might also happen to decode.
  if (high < 2 || high < ascii_letters) return false;
  IconvPtr cd = open_iconv("CP936");
  std::vector<char> input(bytes.begin(), bytes.end());
  std::vector<char> buffer(bytes.size() * 4 + 16);
  char* in = input.data();
  std::size_t in_left = input.size();
  char* outp = buffer.data();
  std::size_t out_left = buffer.size();
  if (iconv(static_cast<iconv_t>(cd.get()), &in, &in_left, &outp, &out_left) ==
      static_cast<std::size_t>(-1))
    return false;
  const std::string_view decoded(buffer.data(), buffer.size() - out_left);
  // At least one CJK Unified Ideograph (U+4E00..U+9FFF: UTF-8 lead byte E4..E9).
  return std::any_of(decoded.begin(), decoded.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0xE4 && u <= 0xE9;
  });
}

std::string_view strip_utf8_bom(std::string_view bytes) noexcept {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") return bytes.substr(3);
  return bytes;
}

bool looks_like_gbk(std::string_view bytes) {
  if (is_ascii(bytes) || is_valid_utf8(bytes)) return false;
  const DecodedText d = decode_to_utf8(bytes, "CP936");
  if (d.replaced > 0) return false;
  std::size_t non_ascii = 0, cjk = 0;
  for (std::size_t i = 0; i < d.utf8.size();) {
    const std::size_t n = utf8_sequence_length(d.utf8, i);
    if (n == 0) return false;
    if (n == 3) {
      const auto b = [&](std::size_t k) {
        return static_cast<unsigned>(static_cast<unsigned char>(d.utf8[i + k]));
      };
      const unsigned cp = ((b(0) & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu);
      // CJK ideographs, CJK punctuation and full-width forms: what Chinese attribute text holds.
      if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3000 && cp <= 0x303F) ||
          (cp >= 0xFF00 && cp <= 0xFFEF))
        ++cjk;
    }
    if (n > 1) ++non_ascii;
    i += n;
  }
  return non_ascii > 0 && cjk * 10 >= non_ascii * 8;
}

bool looks_destroyed(std::string_view utf8) {
  if (utf8.find(kReplacement) != std::string_view::npos) return true;
  if (utf8.find("锟斤拷") != std::string_view::npos) return true;
  return looks_like_gbk_mojibake(utf8);
}

}  // namespace reserve::io
