// The ledger as an Excel workbook, through the library's table writer (report/table_files).
#include <iterator>

#include "report/table_files.hpp"
#include "reserve/ledger.hpp"

namespace reserve {
namespace {

// Column widths in characters (CJK characters count about 2).
constexpr double kWidths[] = {16, 16, 12, 24, 14, 14, 14, 14, 22, 12, 12, 16, 60,
                              60, 22, 50, 10, 30, 14, 20, 14, 14, 20, 40, 14};

}  // namespace

void write_ledger_xlsx(const Ledger& ledger, const std::string& path) {
  report::SheetTable t;
  t.sheet = "整改台账";
  t.headers = ledger_headers(ledger.lonlat_datum);
  t.widths.assign(std::begin(kWidths), std::end(kWidths));
  for (const auto& row : ledger.rows) {
    const auto cells = ledger_cells(row);
    std::vector<report::TableCell> out(cells.size());
    for (std::size_t c = 0; c < cells.size(); ++c) out[c].text = cells[c];
    // Coordinates as numbers (full precision), everything else as text.
    if (out.size() > 7) {
      out[4].number = row.lon_deg;
      out[5].number = row.lat_deg;
      out[6].number = row.y_m;  // X = northing (Chinese surveying convention)
      out[7].number = row.x_m;  // Y = easting
    }
    t.rows.push_back(std::move(out));
  }
  report::write_table_xlsx(t, path);
}

}  // namespace reserve
