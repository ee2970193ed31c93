#pragma once
// Re-indenting compact JSON text (nlohmann `dump()`) into the layout of `dump(2)`, without
// parsing it into a document: report sections arrive as compact text, and parsing megabytes of it
// only to print it again cost as much as building it (issue 14.4). Private to the library.
#include <string>
#include <string_view>

namespace reserve::report {

// Appends `text` to `out` laid out exactly as nlohmann-json's dump(2) prints its value nested
// `indent` spaces deep, and returns true — when `text` is in the form dump() prints: no whitespace
// outside strings, strings of well-formed UTF-8 with only the escapes dump() writes, numbers and
// literals as dump() spells them. Otherwise (other valid JSON, or not JSON at all) returns false
// and leaves `out` as it was: the caller parses and prints it instead.
bool append_indented_json(std::string_view text, int indent, std::string& out);

}  // namespace reserve::report
