// Angles in decimal degrees or degrees-minutes-seconds, as found in Chinese coordinate tables.
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "reserve/io.hpp"

namespace reserve {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Hemisphere markers; one may lead or trail the value. Longer words first.
const std::pair<std::string_view, int> kHemispheres[] = {
    {"东经", 1}, {"西经", -1}, {"北纬", 1}, {"南纬", -1}, {"东", 1}, {"西", -1},
    {"北", 1},   {"南", -1},   {"E", 1},    {"e", 1},     {"W", -1}, {"w", -1},
    {"N", 1},    {"n", 1},     {"S", -1},   {"s", -1}};

// Unit marks → 'd' (degrees), 'm' (minutes), 's' (seconds). Seconds first: ″ and '' before ′/'.
const std::pair<std::string_view, char> kMarks[] = {{"''", 's'},
                                                    {"\"", 's'},
                                                    {"\xE2\x80\xB3", 's'} /* ″ */,
                                                    {"\xE2\x80\x9D", 's'} /* ” */,
                                                    {"秒", 's'},
                                                    {"'", 'm'},
                                                    {"\xE2\x80\xB2", 'm'} /* ′ */,
                                                    {"\xE2\x80\x99", 'm'} /* ’ */,
                                                    {"分", 'm'},
                                                    {"\xC2\xB0", 'd'} /* ° */,
                                                    {"\xC2\xBA", 'd'} /* º */,
                                                    {"\xCB\x9A", 'd'} /* ˚ */,
                                                    {"度", 'd'},
                                                    {":", ':'}};

struct Part {
  double value = 0.0;
  bool has_fraction = false;
  char unit = '\0';  // 'd', 'm', 's', ':' or '\0' (none / whitespace)
};

}  // namespace

std::optional<double> parse_angle_deg(const std::string& text) {
  std::string_view s = trim(text);
  int sign = 1;
  bool hemisphere = false;
  for (const auto& [word, hemi_sign] : kHemispheres) {
    if (starts_with(s, word)) {
      s.remove_prefix(word.size());
    } else if (ends_with(s, word)) {
      s.remove_suffix(word.size());
    } else {
      continue;
    }
    sign = hemi_sign;
    hemisphere = true;
    break;
  }
  s = trim(s);
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    if (s.front() == '-') {
      if (hemisphere) return std::nullopt;  // "-105 W" is ambiguous
      sign = -1;
    }
    s.remove_prefix(1);
  }

  std::vector<Part> parts;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (i == s.size()) break;
    // A number: digits [. digits]
    const std::size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    Part part;
    if (i < s.size() && s[i] == '.') {
      ++i;
      const std::size_t frac_start = i;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
      part.has_fraction = i > frac_start;
      if (!part.has_fraction && frac_start - 1 == start) return std::nullopt;  // lone "."
    }
    if (i == start) return std::nullopt;
    // from_chars, not stod: 309+ digits or a long 0.000…1 is out of range, and stod throws
    // std::out_of_range for that; here it is simply not an angle. A value that underflows to 0
    // from non-zero digits is refused too (whether from_chars flags it varies by library).
    const std::string_view digits = s.substr(start, i - start);
    const auto [end, ec] =
        std::from_chars(digits.data(), digits.data() + digits.size(), part.value);
    if (ec != std::errc() || end != digits.data() + digits.size() || !std::isfinite(part.value))
      return std::nullopt;
    if (part.value == 0.0 && digits.find_first_of("123456789") != std::string_view::npos)
      return std::nullopt;
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    for (const auto& [mark, unit] : kMarks) {
      if (s.substr(i, mark.size()) == mark) {
        part.unit = unit;
        i += mark.size();
        break;
      }
    }
    // The surveyors' notation with the decimal point after the unit mark: 30″.5 = 30.5″,
    // 42′.25 = 42.25′ (东经105°36′18″.5 in official boundary descriptions). Only after a mark
    // ("30.5" has its fraction already) and only once: the part is then the last.
    if (part.unit != '\0' && part.unit != ':' && !part.has_fraction && i + 1 < s.size() &&
        s[i] == '.' && std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
      const std::size_t frac_start = ++i;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
      const std::string fraction = "0." + std::string(s.substr(frac_start, i - frac_start));
      double f = 0.0;
      const auto [fend, fec] =
          std::from_chars(fraction.data(), fraction.data() + fraction.size(), f);
      if (fec != std::errc() || fend != fraction.data() + fraction.size()) return std::nullopt;
      part.value += f;
      part.has_fraction = true;
    }
    parts.push_back(part);
    if (parts.size() > 3) return std::nullopt;
  }
  if (parts.empty()) return std::nullopt;

  // Assign degrees / minutes / seconds: explicit marks must go d < m < s; unmarked parts follow
  // on from the previous one (so "105°42'30.5" and "105 42 30.5" both work).
  int next = 0;  // 0 deg, 1 min, 2 sec
  double fields[3] = {0.0, 0.0, 0.0};
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const Part& p = parts[k];
    int slot = next;
    if (p.unit == 'd') slot = 0;
    if (p.unit == 'm') slot = 1;
    if (p.unit == 's') slot = 2;
    if (slot < next || slot > 2) return std::nullopt;
    if (k == 0 && slot != 0) return std::nullopt;  // must start with degrees
    if (p.has_fraction && k + 1 != parts.size()) return std::nullopt;
    fields[slot] = p.value;
    next = slot + 1;
  }
  if (fields[1] >= 60.0 || fields[2] >= 60.0) return std::nullopt;
  const double deg = fields[0] + fields[1] / 60.0 + fields[2] / 3600.0;
  if (!std::isfinite(deg)) return std::nullopt;
  return sign * deg;
}

}  // namespace reserve
