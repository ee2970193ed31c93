#pragma once
// An XLSX workbook of one table (ECMA-376 SpreadsheetML) written as its rows arrive: strings inline
// in the sheet (no shared-strings part), numbers in full precision (shortest round trip), a bold
// frozen header row with an autofilter over the table. Excel, LibreOffice, openpyxl and GDAL's
// XLSX driver read it. Private to the library.
#include <functional>
#include <string>
#include <vector>

#include "report/table_files.hpp"

namespace reserve::report {

// Excel's limits. A table longer than a sheet goes on in continuation sheets ("<name> (2)", the
// header repeated); a longer text or a wider row is an InputError naming the sheet and the cell.
constexpr std::size_t kXlsxMaxRows = 1048576;     // header included
constexpr std::size_t kXlsxMaxColumns = 16384;    // A … XFD
constexpr std::size_t kXlsxMaxCellChars = 32767;  // characters (code points) of a text cell

// The column's letters: 0 → "A", 25 → "Z", 26 → "AA".
std::string xlsx_column_name(std::size_t column);

// A width in characters as Excel stores it for Calibri 11 (7-pixel digits, 5 pixels of padding):
// 16 → 16.7109375. Excel shows the width given.
double xlsx_stored_width(double characters);

// Writes `head`'s sheet (its rows ignored) with the rows pulled from `next` (false: no more) to
// the new file `file`; `shown` names the target in errors. The autofilter covers every row.
// InputError on failure (the partial file is the caller's to remove).
void write_xlsx_sheet(const std::string& file, const std::string& shown, const SheetTable& head,
                      const std::function<bool(std::vector<TableCell>&)>& next);

}  // namespace reserve::report
