#include "io/attribute_filter.hpp"

#include <cctype>

namespace reserve::io {
namespace {
bool identifier_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || std::isalnum(u) != 0 || c == '_';
}
}  // namespace

std::string quote_non_ascii_identifiers(const std::string& where) {
  std::string out;
  out.reserve(where.size() + 8);
  std::size_t i = 0;
  while (i < where.size()) {
    const char c = where[i];
    if (c == '\'' || c == '"') {
      // Copy a quoted literal / identifier verbatim ('' and "" are escaped quotes).
      const std::size_t start = i++;
      while (i < where.size()) {
        if (where[i] == c) {
          if (i + 1 < where.size() && where[i + 1] == c) {
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        ++i;
      }
      out.append(where, start, i - start);
    } else if (identifier_byte(c)) {
      const std::size_t start = i;
      bool non_ascii = false;
      while (i < where.size() && identifier_byte(where[i])) {
        non_ascii |= static_cast<unsigned char>(where[i]) >= 0x80;
        ++i;
      }
      const std::string token = where.substr(start, i - start);
      out += non_ascii ? "\"" + token + "\"" : token;
    } else {
      out.push_back(c);
      ++i;
    }
  }
  return out;
}

}  // namespace reserve::io
