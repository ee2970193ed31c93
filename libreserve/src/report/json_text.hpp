#pragma once
// JSON printed as text without building an nlohmann-json document, byte for byte as nlohmann-json
// prints it: report sections arrive as compact text, and parsing megabytes of it only to print it
// again cost as much as building it; the ledger's thousands of rows of 25 strings cost more as
// document nodes than as text (issue 14.4). Private to the library.
#include <string>
#include <string_view>

namespace reserve::report {

// Appends `text` to `out` laid out exactly as nlohmann-json's dump(2) prints its value nested
// `indent` spaces deep, and returns true — when `text` is in the form dump() prints: no whitespace
// outside strings, strings of well-formed UTF-8 with only the escapes dump() writes, numbers and
// literals as dump() spells them. Otherwise (other valid JSON, or not JSON at all) returns false
// and leaves `out` as it was: the caller parses and prints it instead.
bool append_indented_json(std::string_view text, int indent, std::string& out);

// Appends `text` as a JSON string exactly as nlohmann-json's dump() prints it (quoted, escaped;
// the same type_error for text that is not UTF-8).
void append_json_string(std::string_view text, std::string& out);

// Appends a double as nlohmann-json's dump() prints it (null when not finite).
void append_json_number(double value, std::string& out);

}  // namespace reserve::report
