#include "report/json_text.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <nlohmann/detail/conversions/to_chars.hpp>
#include <nlohmann/json.hpp>
#include <vector>

namespace reserve::report {
namespace {

void newline(std::string& out, std::size_t indent) {
  out += '\n';
  out.append(indent, ' ');
}

bool ends_scalar(char c) {
  switch (c) {
    case ',':
    case ':':
    case '[':
    case ']':
    case '{':
    case '}':
    case '"':
    case ' ':
    case '\t':
    case '\n':
    case '\r': return true;
    default: return false;
  }
}

// The length of the well-formed UTF-8 sequence (RFC 3629: no overlongs, no surrogates, at most
// U+10FFFF) starting at s[i], or 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const auto cont = [&](std::size_t k) { return i + k < s.size() && (b(k) & 0xC0) == 0x80; };
  const unsigned char c = b(0);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && b(1) < 0xA0) return 0;   // overlong
    if (c == 0xED && b(1) >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && b(1) < 0x90) return 0;   // overlong
    if (c == 0xF4 && b(1) >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// A string from its opening quote at s[i]: its end (one past the closing quote), or 0 when it is
// not as dump() prints it. dump() writes \" \\ \b \f \n \r \t and \u00xx (lowercase) for the other
// control characters, everything else as raw UTF-8.
std::size_t string_end(std::string_view s, std::size_t i) {
  ++i;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '"') return i + 1;
    if (c < 0x20) return 0;
    if (c == '\\') {
      if (i + 1 >= s.size()) return 0;
      const char e = s[i + 1];
      if (std::strchr("\"\\bfnrt", e) != nullptr && e != '\0') {
        i += 2;
        continue;
      }
      if (e != 'u' || i + 6 > s.size() || s.substr(i + 2, 2) != "00") return 0;
      const char h = s[i + 4], l = s[i + 5];
      const bool low_hex = (l >= '0' && l <= '9') || (l >= 'a' && l <= 'f');
      if (!(h == '0' || h == '1') || !low_hex) return 0;
      const int code = (h - '0') * 16 + (l <= '9' ? l - '0' : l - 'a' + 10);
      if (code == '\b' || code == '\f' || code == '\n' || code == '\r' || code == '\t') return 0;
      i += 6;
      continue;
    }
    const std::size_t n = utf8_length(s, i);
    if (n == 0) return 0;
    i += n;
  }
  return 0;
}

// Whether a number or literal is spelled as dump() spells its value.
bool canonical_scalar(std::string_view t) {
  if (t == "true" || t == "false" || t == "null") return true;
  if (t.empty()) return false;
  const std::string_view digits = t.front() == '-' ? t.substr(1) : t;
  if (digits.find_first_of(".eE") == std::string_view::npos) {  // an integer
    if (digits.empty() || digits.size() > 18) return false;     // longer ones may not fit 64 bits
    if (digits.find_first_not_of("0123456789") != std::string_view::npos) return false;
    if (digits.front() == '0') return digits.size() == 1 && t.size() == 1;  // "0", not "-0"/"01"
    return true;
  }
  double v = 0;
  const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
  if (r.ec != std::errc() || r.ptr != t.data() + t.size()) return false;
  std::array<char, 64> buf{};
  const char* end = ::nlohmann::detail::to_chars(buf.data(), buf.data() + buf.size(), v);
  return std::string_view(buf.data(), static_cast<std::size_t>(end - buf.data())) == t;
}

// The printed size of compact JSON `s` nested `base` spaces deep, estimated (within a few per
// cent on report sections, a little above): every comma and opening bracket starts a line of
// about base + 10 spaces (a report's members are a few levels deep) and a key's colon gains a
// space. The brackets are counted on every 16th byte; reserving the estimate saves growing
// megabytes by doubling (report/text_reserve.hpp).
std::size_t printed_size_estimate(std::string_view s, std::size_t base) {
  constexpr std::size_t kStride = 16;
  std::size_t breaks = 0, colons = 0;
  for (std::size_t i = 0; i < s.size(); i += kStride) {
    const char c = s[i];
    breaks += (c == ',' || c == '{' || c == '[') ? 1 : 0;
    colons += c == ':' ? 1 : 0;
  }
  breaks *= kStride;
  colons *= kStride;
  return s.size() + breaks * (base + 10) + colons + breaks / 16 + 64;
}

}  // namespace

bool append_indented_json(std::string_view s, int indent, std::string& out) {
  const std::size_t start_size = out.size();
  const auto reject = [&] {
    out.resize(start_size);
    return false;
  };
  out.reserve(out.size() +
              printed_size_estimate(s, static_cast<std::size_t>(indent < 0 ? 0 : indent)));
  struct Open {
    char close;                 // '}' or ']'
    std::string_view last_key;  // an object's previous key: dump() prints them sorted
  };
  std::vector<Open> open;  // innermost last
  const auto base = static_cast<std::size_t>(indent < 0 ? 0 : indent);
  const auto depth_indent = [&] { return base + 2 * open.size(); };
  enum class Next { value, key, colon, comma_or_close } next = Next::value;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '"') {  // a string: copied with its escapes as they are
      const std::size_t end = string_end(s, i);
      if (end == 0 || (next != Next::value && next != Next::key)) return reject();
      const std::string_view str = s.substr(i, end - i);
      if (next == Next::key) {  // sorted as the bytes of the key; escaped keys are not compared
        const std::string_view key = str.substr(1, str.size() - 2);
        if (key.find('\\') != std::string_view::npos) return reject();
        std::string_view& last = open.back().last_key;
        if (last.data() != nullptr && !(last < key)) return reject();
        last = key;
      }
      out.append(str);
      next = next == Next::key ? Next::colon : Next::comma_or_close;
      i = end;
      continue;
    }
    if (c == '{' || c == '[') {
      if (next != Next::value) return reject();
      const char close = c == '{' ? '}' : ']';
      out += c;
      ++i;
      if (i < s.size() && s[i] == close) {  // dump(2) prints empty ones as {} and []
        out += close;
        ++i;
        next = Next::comma_or_close;
        continue;
      }
      open.push_back({close, {}});
      newline(out, depth_indent());
      next = c == '{' ? Next::key : Next::value;
      continue;
    }
    if (c == '}' || c == ']') {
      if (open.empty() || open.back().close != c || next != Next::comma_or_close) return reject();
      open.pop_back();
      newline(out, depth_indent());
      out += c;
      ++i;
      continue;
    }
    if (c == ',') {
      if (open.empty() || next != Next::comma_or_close) return reject();
      out += ',';
      newline(out, depth_indent());
      next = open.back().close == '}' ? Next::key : Next::value;
      ++i;
      continue;
    }
    if (c == ':') {
      if (next != Next::colon) return reject();
      out += ": ";
      next = Next::value;
      ++i;
      continue;
    }
    // A number or literal, up to the next structural character (whitespace is not allowed).
    const std::size_t start = i;
    while (i < s.size() && !ends_scalar(s[i])) ++i;
    if (i == start || next != Next::value || !canonical_scalar(s.substr(start, i - start)))
      return reject();
    out.append(s.substr(start, i - start));
    next = Next::comma_or_close;
  }
  if (!open.empty() || next != Next::comma_or_close) return reject();
  return true;
}

void append_json_number(double value, std::string& out) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  std::array<char, 64> buf{};
  const char* end = ::nlohmann::detail::to_chars(buf.data(), buf.data() + buf.size(), value);
  out.append(buf.data(), static_cast<std::size_t>(end - buf.data()));
}

void append_json_string(std::string_view text, std::string& out) {
  // Most text needs no escape: printed between quotes as it is, once it is known to be UTF-8.
  bool plain = true;
  for (std::size_t i = 0; plain && i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      plain = c >= 0x20 && c != '"' && c != '\\';
      ++i;
    } else {
      const std::size_t n = utf8_length(text, i);
      plain = n != 0;
      i += n;
    }
  }
  if (plain) {
    out += '"';
    out.append(text);
    out += '"';
  } else {
    out += nlohmann::json(std::string(text)).dump();  // its escapes, or its error
  }
}

}  // namespace reserve::report
