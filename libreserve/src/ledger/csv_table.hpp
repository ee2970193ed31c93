#pragma once
// CSV tables without geometry (standards, assignments, the ledger): read through the library's
// one splitter (io/csv_table.hpp) and written field by field. Private to the library.
#include <string>
#include <vector>

namespace reserve::ledger {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each padded/truncated to the header's width
  std::vector<int> line_numbers;               // 1-based line of each row (for messages)
  std::string encoding;                        // "UTF-8" or "GB18030" (decoded to UTF-8)
  // Column index by name (case-insensitive, trimmed), or -1.
  int column(const std::vector<std::string>& candidates) const;
};

// Reads a CSV file: UTF-8 with or without BOM, or GB18030/GBK (detected when the bytes are not
// UTF-8, converted to UTF-8); quoted fields with commas, quotes and line breaks. Throws InputError
// naming the file for an unreadable file or an unterminated quote.
CsvTable read_csv_file(const std::string& path);
CsvTable parse_csv(const std::string& utf8_text, const std::string& origin);

// One CSV field, quoted when it holds a comma, quote, CR or LF (quotes doubled).
std::string csv_field(const std::string& value);

}  // namespace reserve::ledger
