#pragma once
// General text helpers (labels, attribute names, numbers, years, UTF-8) shared by the zoning,
// feature, monitoring, ledger and rule code. Private to the library.
#include <optional>
#include <string>
#include <vector>

#include "reserve/io.hpp"

namespace reserve::text {

// `text` without surrounding blanks: ASCII white space, the ideographic space U+3000, the
// no-break space U+00A0 and the byte-order mark U+FEFF ("青山保护区　" is "青山保护区").
std::string trim_blanks(const std::string& text);

// Lower-case ASCII letters and trim blanks (trim_blanks).
std::string normalise_label(const std::string& label);

// The first attribute whose name matches one of `candidates` (case-insensitive, trimmed), or
// nullptr. `preferred` (exact name) wins when non-empty.
const Attribute* find_attribute(const std::vector<Attribute>& attributes,
                                const std::vector<std::string>& candidates,
                                const std::string& preferred = {});

// The first field name of `fields` matching one of `candidates`, or "".
std::string find_field(const std::vector<std::string>& fields,
                       const std::vector<std::string>& candidates);

// A four-digit year (1900…2100) found in the text ("2003", "2003年", "2003-05-01"), if any.
std::optional<int> parse_year(const std::string& text);

// Parses a number (decimal point, optional exponent, surrounding blanks); nullopt otherwise.
std::optional<double> parse_number(const std::string& text);

// True when the bytes are valid UTF-8.
bool is_utf8(const std::string& bytes);

}  // namespace reserve::text
