#pragma once
// The library's one reader of delimited text: tables (CSV/TSV/whitespace-separated) decoded to
// UTF-8, with column lookup by any of several names (English or Chinese). The ledger's CSV tables
// (ledger/csv_table.hpp) are split by split_delimited too. Private to the library.
#include <optional>
#include <string>
#include <vector>

#include "reserve/io.hpp"
#include "reserve/issue.hpp"

namespace reserve::io {

// Records of delimited text as written by RFC 4180: fields in double quotes may hold the
// delimiter, doubled quotes and line breaks; CR, LF and CRLF end a record; records whose fields
// are all blank (white space, U+3000 included) are dropped. A quote opens a quoted field only as
// the first non-blank character of a field.
struct DelimitedRecords {
  std::vector<std::vector<std::string>> records;
  std::vector<int> line_numbers;  // 1-based line on which each record starts
  std::vector<int> row_numbers;   // spreadsheet row of each record: blank records count too
  std::optional<int> unclosed_quote_line;  // a quoted field that never closes starts here
};
DelimitedRecords split_delimited(const std::string& utf8_text, char delimiter);

struct TextTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // data rows, blank ones dropped
  // The spreadsheet row of rows[i] (header = 1): blank rows are dropped but still counted, so
  // that a message names the row the user sees in Excel.
  std::vector<int> row_numbers;
  std::string encoding;         // "UTF-8", "CP936", …
  std::string encoding_source;  // "override", "detected", "default"
  std::vector<Issue> issues;    // decoding problems
};

// Reads and decodes `path` (UTF-8 with or without BOM unless `encoding` says otherwise) and
// splits it: delimiter ',', ';', tab or '|' (whichever the header uses most), RFC 4180 quotes;
// a header without any of these is split on runs of whitespace. Throws InputError when the file
// cannot be read or has no header.
TextTable read_text_table(const std::string& path, const std::string& encoding);

// Index of the first column whose trimmed, lower-cased name equals one of `names` (given in lower
// case), or — when `contains` — contains one of them. nullopt when none matches.
std::optional<std::size_t> find_column(const std::vector<std::string>& header,
                                       const std::vector<std::string>& names,
                                       bool contains = false);

std::string trim_copy(const std::string& s);

// Where a table came from: a CSV/text file (its layer is the file's stem), or a sheet or
// attribute table that GDAL opened (an XLSX or ODS sheet, a lone DBF): the path as shown, the
// layer's name and the driver.
struct TableOrigin {
  std::string path;
  std::string layer;  // empty: the file's stem
  std::string driver = "CSV";
};

// The Layer a table reader starts from: path, name, `driver` (the origin's, or a more specific
// one such as "CSV (corner points)"), the table's encoding and a copy of its decoding issues,
// located at the file and layer (the table keeps its own).
Layer start_table_layer(const TableOrigin& origin, const TextTable& table,
                        const std::string& driver);

}  // namespace reserve::io
