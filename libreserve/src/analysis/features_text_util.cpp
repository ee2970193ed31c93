#include <cctype>
#include <cerrno>
#include <cstdlib>

#include "analysis/text_util.hpp"

namespace reserve::analysis {
namespace {

std::size_t space_at(const std::string& s, std::size_t pos) {
  if (pos < s.size() && std::isspace(static_cast<unsigned char>(s[pos]))) return 1;
  if (s.compare(pos, 3, "\xE3\x80\x80") == 0) return 3;
  return 0;
}

}  // namespace

std::string normalise_label(const std::string& label) {
  std::string s = label;
  std::size_t start = 0;
  while (std::size_t n = space_at(s, start)) start += n;
  s.erase(0, start);
  while (!s.empty()) {
    if (std::isspace(static_cast<unsigned char>(s.back()))) {
      s.pop_back();
    } else if (s.size() >= 3 && s.compare(s.size() - 3, 3, "\xE3\x80\x80") == 0) {
      s.erase(s.size() - 3);
    } else {
      break;
    }
  }
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
  for (const auto& c : candidates) {
    const std::string want = normalise_label(c);
    for (const auto& a : attributes)
      if (normalise_label(a.name) == want) return &a;
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

}  // namespace reserve::analysis
