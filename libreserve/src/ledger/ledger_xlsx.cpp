// The ledger as an Excel workbook (libxlsxwriter), written to a temporary file and renamed.
#include <xlsxwriter.h>

#include <cstdio>
#include <memory>

#include "core/atomic_file.hpp"
#include "reserve/error.hpp"
#include "reserve/ledger.hpp"

namespace reserve {
namespace {

struct WorkbookDeleter {
  void operator()(lxw_workbook* wb) const noexcept {
    if (wb) workbook_close(wb);  // only reached on error paths; frees the workbook
  }
};

// Column widths in characters (CJK characters count about 2).
constexpr double kWidths[] = {16, 16, 12, 24, 14, 14, 14, 14, 22, 12, 12, 16, 60,
                              60, 22, 50, 10, 30, 14, 20, 14, 14, 20, 40, 14};

}  // namespace

void write_ledger_xlsx(const Ledger& ledger, const std::string& path) {
  atomic::make_parent_folders(path);
  const std::string tmp = atomic::temporary_path_for(path);
  atomic::TemporaryFile guard(tmp);
  std::unique_ptr<lxw_workbook, WorkbookDeleter> wb(workbook_new(tmp.c_str()));
  if (!wb) throw InputError("cannot create the workbook", SourceRef{path, {}, {}});
  lxw_worksheet* ws = workbook_add_worksheet(wb.get(), "整改台账");
  lxw_format* head = workbook_add_format(wb.get());
  format_set_bold(head);
  format_set_bg_color(head, 0xDDEBF7);
  format_set_border(head, LXW_BORDER_THIN);
  format_set_text_wrap(head);
  format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
  lxw_format* wrap = workbook_add_format(wb.get());
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* number = workbook_add_format(wb.get());
  format_set_align(number, LXW_ALIGN_VERTICAL_TOP);

  const auto headers = ledger_headers(ledger.lonlat_datum);
  for (std::size_t c = 0; c < headers.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(ws, col, col, c < std::size(kWidths) ? kWidths[c] : 16, nullptr);
    worksheet_write_string(ws, 0, col, headers[c].c_str(), head);
  }
  worksheet_set_row(ws, 0, 32, nullptr);
  worksheet_freeze_panes(ws, 1, 0);

  lxw_row_t r = 1;
  for (const auto& row : ledger.rows) {
    const auto cells = ledger_cells(row);
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      // Coordinates as numbers (full precision), everything else as text.
      std::optional<double> value;
      if (c == 4) value = row.lon_deg;
      if (c == 5) value = row.lat_deg;
      if (c == 6) value = row.y_m;  // X = northing (Chinese surveying convention)
      if (c == 7) value = row.x_m;  // Y = easting
      if (value)
        worksheet_write_number(ws, r, col, *value, number);
      else if (!cells[c].empty())
        worksheet_write_string(ws, r, col, cells[c].c_str(), wrap);
    }
    ++r;
  }
  if (!ledger.rows.empty())
    worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(ledger.rows.size()),
                         static_cast<lxw_col_t>(headers.size() - 1));
  const lxw_error err = workbook_close(wb.release());
  if (err != LXW_NO_ERROR)
    throw InputError(std::string("cannot write the workbook: ") + lxw_strerror(err),
                     SourceRef{path, {}, {}});
  atomic::commit_temporary(tmp, path);
  guard.release();
}

}  // namespace reserve
