#pragma once
// Plain tables (headers and rows of cells) written as CSV (UTF-8 with a byte-order mark, CRLF,
// RFC 4180 quoting) or as an XLSX sheet (bold frozen header, autofilter, numbers as numbers).
// The ledger and the province table are written through these. Private to the library.
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/atomic_file.hpp"

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
// The same text with row r's cells from cells_of(r), r = 0 … row_count − 1: one row's cells at
// a time, not the whole table's (the large benchmark reserve's ledger held 10 MB of cells).
std::string table_csv(const std::vector<std::string>& headers, std::size_t row_count,
                      const std::function<std::vector<std::string>(std::size_t)>& cells_of);

// A CSV file written row by row (the same bytes as table_csv): a temporary file renamed to
// `path` by commit(), removed when not committed. InputError on failure.
class CsvFile {
 public:
  CsvFile(std::string path, const std::vector<std::string>& headers);
  ~CsvFile();
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;
  void add(const std::vector<std::string>& cells);
  void commit();

 private:
  std::string path_, tmp_;
  std::FILE* file_ = nullptr;
};

// Writes `head`'s sheet (its rows ignored) with the rows pulled from `next` (false: no more
// rows), streamed (report/xlsx_sheet): no copy of the table is kept.
void write_table_xlsx_rows(const SheetTable& head, const std::string& path,
                           const std::function<bool(std::vector<TableCell>&)>& next);

// write_table_xlsx_rows into a temporary beside `path`, staged for it (not yet in place).
atomic::StagedFile stage_table_xlsx_rows(const SheetTable& head, const std::string& path,
                                         const std::function<bool(std::vector<TableCell>&)>& next);

// Writes the sheet to `path` atomically (temporary file, then rename). InputError on failure.
void write_table_xlsx(const SheetTable& table, const std::string& path);

}  // namespace reserve::report
