// General text helpers (core/text_util.hpp).
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <string_view>

#include "core/text_util.hpp"

namespace reserve::text {
namespace {

// Blanks that surround values in real attribute tables: ASCII white space, the ideographic space
// U+3000 (a Chinese IME's space), the no-break space U+00A0 and a stray byte-order mark U+FEFF.
constexpr std::string_view kWideBlanks[] = {"\xE3\x80\x80", "\xC2\xA0", "\xEF\xBB\xBF"};

// Bytes of the blank starting at pos, or 0.
std::size_t space_at(std::string_view s, std::size_t pos) {
  if (pos < s.size() && std::isspace(static_cast<unsigned char>(s[pos]))) return 1;
  for (std::string_view b : kWideBlanks)
    if (s.substr(pos).starts_with(b)) return b.size();
  return 0;
}

// Bytes of the blank ending at end, or 0.
std::size_t space_before(std::string_view s, std::size_t end) {
  if (end > 0 && std::isspace(static_cast<unsigned char>(s[end - 1]))) return 1;
  for (std::string_view b : kWideBlanks)
    if (s.substr(0, end).ends_with(b)) return b.size();
  return 0;
}

}  // namespace

std::string trim_blanks(const std::string& text) {
  std::size_t start = 0, end = text.size();
  while (std::size_t n = space_at(text, start)) start += n;
  while (end > start)
    if (std::size_t n = space_before(text, end))
      end -= n;
    else
      break;
  return text.substr(start, end - start);
}

std::string normalise_label(const std::string& label) {
  std::string s = trim_blanks(label);
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const Attribute* find_attribute(const std::vector<Attribute>& attributes,
                                const std::vector<std::string>& candidates,
                                const std::string& preferred) {
  if (!preferred.empty()) {
    for (const auto& a : attributes)
      if (a.name == preferred) return &a;
    return nullptr;
  }
  // Each name is normalised once (this runs per feature: with province-wide layers, normalising
  // per candidate × attribute pair was a quarter of a check's time).
  std::vector<std::string> names;
  names.reserve(attributes.size());
  for (const auto& a : attributes) names.push_back(normalise_label(a.name));
  for (const auto& c : candidates) {
    const std::string want = normalise_label(c);
    for (std::size_t i = 0; i < attributes.size(); ++i)
      if (names[i] == want) return &attributes[i];
  }
  return nullptr;
}

std::string find_field(const std::vector<std::string>& fields,
                       const std::vector<std::string>& candidates) {
  for (const auto& c : candidates) {
    const std::string want = normalise_label(c);
    for (const auto& f : fields)
      if (normalise_label(f) == want) return f;
  }
  return {};
}

std::optional<int> parse_year(const std::string& text) {
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    bool digits = true;
    for (std::size_t k = 0; k < 4; ++k)
      digits = digits && std::isdigit(static_cast<unsigned char>(text[i + k]));
    const bool left_ok = i == 0 || !std::isdigit(static_cast<unsigned char>(text[i - 1]));
    const bool right_ok =
        i + 4 == text.size() || !std::isdigit(static_cast<unsigned char>(text[i + 4]));
    if (digits && left_ok && right_ok) {
      const int year = std::stoi(text.substr(i, 4));
      if (year >= 1900 && year <= 2100) return year;
    }
  }
  return std::nullopt;
}

std::optional<double> parse_number(const std::string& text) {
  const std::string s = normalise_label(text);
  if (s.empty()) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (errno != 0 || end != s.c_str() + s.size()) return std::nullopt;
  return v;
}

bool is_utf8(const std::string& bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    std::size_t n = 0;
    if (c < 0x80)
      n = 0;
    else if ((c >> 5) == 0x6)
      n = 1;
    else if ((c >> 4) == 0xE)
      n = 2;
    else if ((c >> 3) == 0x1E)
      n = 3;
    else
      return false;
    if (i + n >= bytes.size()) return false;
    for (std::size_t k = 1; k <= n; ++k)
      if ((static_cast<unsigned char>(bytes[i + k]) >> 6) != 0x2) return false;
    i += n + 1;
  }
  return true;
}

}  // namespace reserve::text
