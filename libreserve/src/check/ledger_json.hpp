#pragma once
// The ledger's rows as the conflicts section's JSON array, printed as text (report/json_text):
// thousands of rows of 25 strings cost more as nlohmann-json document nodes than the text they
// print (issue 14.4). Private to the library.
#include <string>

#include "reserve/ledger.hpp"

namespace reserve {

// A compact JSON array with one object per row, keyed by ledger_headers(): the bytes
// nlohmann-json's dump() prints for the document {header: cell, ...} per row (keys sorted; a
// repeated header keeps its last cell).
std::string ledger_rows_json(const Ledger& ledger);

}  // namespace reserve
