// The ledger as an Excel workbook, through the library's table writer (report/table_files).
#include <iterator>

#include "ledger/staged_ledger.hpp"
#include "report/table_files.hpp"
#include "reserve/ledger.hpp"

namespace reserve {
namespace {

// Column widths in characters (CJK characters count about 2).
constexpr double kWidths[] = {16, 16, 12, 24, 14, 14, 14, 14, 22, 12, 12, 16, 60,
                              60, 22, 50, 10, 30, 14, 20, 14, 14, 20, 40, 14};

}  // namespace

// Rows are made one at a time and streamed into the sheet (report/xlsx_sheet): no copy of the
// table is kept.
atomic::StagedFile stage_ledger_xlsx(const Ledger& ledger, const std::string& path) {
  report::SheetTable t;
  t.sheet = "整改台账";
  t.headers = ledger_headers(ledger.lonlat_datum);
  t.widths.assign(std::begin(kWidths), std::end(kWidths));
  std::size_t next_row = 0;
  return report::stage_table_xlsx_rows(t, path, [&](std::vector<report::TableCell>& out) {
    if (next_row == ledger.rows.size()) return false;
    const LedgerRow& row = ledger.rows[next_row++];
    const auto cells = ledger_cells(row);
    out.assign(cells.size(), {});
    for (std::size_t c = 0; c < cells.size(); ++c) out[c].text = cells[c];
    // Coordinates as numbers (full precision), everything else as
    // text.
    if (out.size() > 7) {
      out[4].number = row.lon_deg;
      out[5].number = row.lat_deg;
      out[6].number = row.y_m;  // X = northing (Chinese surveying convention)
      out[7].number = row.x_m;  // Y = easting
    }
    return true;
  });
}

void write_ledger_xlsx(const Ledger& ledger, const std::string& path) {
  stage_ledger_xlsx(ledger, path).commit();
}

}  // namespace reserve
