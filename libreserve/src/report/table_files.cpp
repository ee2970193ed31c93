// CSV and XLSX (libxlsxwriter) writers for plain tables, written to a temporary file and renamed.
#include "report/table_files.hpp"

#include <xlsxwriter.h>

#include <memory>

#include "core/atomic_file.hpp"
#include "ledger/csv_table.hpp"
#include "reserve/error.hpp"

namespace reserve::report {
namespace {

struct WorkbookDeleter {
  void operator()(lxw_workbook* wb) const noexcept {
    if (wb) workbook_close(wb);  // only reached on error paths; frees the workbook
  }
};

}  // namespace

std::string table_csv(const std::vector<std::string>& headers,
                      const std::vector<std::vector<std::string>>& rows) {
  std::string out = "\xEF\xBB\xBF";  // so that Excel reads the Chinese text as UTF-8
  auto line = [&out](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      out += ledger::csv_field(cells[i]);
    }
    out += "\r\n";
  };
  line(headers);
  for (const auto& r : rows) line(r);
  return out;
}

void write_table_xlsx(const SheetTable& table, const std::string& path) {
  atomic::make_parent_folders(path);
  const std::string tmp = atomic::temporary_path_for(path);
  atomic::TemporaryFile guard(tmp);
  std::unique_ptr<lxw_workbook, WorkbookDeleter> wb(workbook_new(tmp.c_str()));
  if (!wb) throw InputError("cannot create the workbook", SourceRef{path, {}, {}});
  lxw_worksheet* ws = workbook_add_worksheet(wb.get(), table.sheet.c_str());
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

  for (std::size_t c = 0; c < table.headers.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(ws, col, col, c < table.widths.size() ? table.widths[c] : 16, nullptr);
    worksheet_write_string(ws, 0, col, table.headers[c].c_str(), head);
  }
  worksheet_set_row(ws, 0, 32, nullptr);
  worksheet_freeze_panes(ws, 1, 0);

  lxw_row_t r = 1;
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      if (row[c].number)
        worksheet_write_number(ws, r, col, *row[c].number, number);
      else if (!row[c].text.empty())
        worksheet_write_string(ws, r, col, row[c].text.c_str(), wrap);
    }
    ++r;
  }
  if (!table.rows.empty() && !table.headers.empty())
    worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(table.rows.size()),
                         static_cast<lxw_col_t>(table.headers.size() - 1));
  const lxw_error err = workbook_close(wb.release());
  if (err != LXW_NO_ERROR)
    throw InputError(std::string("cannot write the workbook: ") + lxw_strerror(err),
                     SourceRef{path, {}, {}});
  atomic::commit_temporary(tmp, path);
  guard.release();
}

}  // namespace reserve::report
