#pragma once
// Plain tables (headers and rows of cells) written as CSV (UTF-8 with a byte-order mark, CRLF,
// RFC 4180 quoting) or as an XLSX sheet (bold frozen header, autofilter, numbers as numbers).
// The ledger and the province table are written through these. Private to the library.
#include <optional>
#include <string>
#include <vector>

namespace reserve::report {

struct TableCell {
  std::string text;
  std::optional<double> number;  // set: written as a number in XLSX (full precision)
};

struct SheetTable {
  std::string sheet;  // worksheet name
  std::vector<std::string> headers;
  std::vector<double> widths;  // column widths in characters (CJK count ~2); missing: 16
  std::vector<std::vector<TableCell>> rows;
};

// The CSV text of a table (cells' text).
std::string table_csv(const std::vector<std::string>& headers,
                      const std::vector<std::vector<std::string>>& rows);

// Writes the sheet to `path` atomically (temporary file, then rename). InputError on failure.
void write_table_xlsx(const SheetTable& table, const std::string& path);

}  // namespace reserve::report
