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

const char* const csv_bom = "\xEF\xBB\xBF";  // so that Excel reads the Chinese text as UTF-8

void add_csv_line(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    out += ledger::csv_field(cells[i]);
  }
  out += "\r\n";
}

}  // namespace

std::string table_csv(const std::vector<std::string>& headers,
                      const std::vector<std::vector<std::string>>& rows) {
  std::string out = csv_bom;
  add_csv_line(out, headers);
  for (const auto& r : rows) add_csv_line(out, r);
  return out;
}

CsvFile::CsvFile(std::string path, const std::vector<std::string>& headers)
    : path_(std::move(path)) {
  atomic::make_parent_folders(path_);
  tmp_ = atomic::temporary_path_for(path_);
  file_ = std::fopen(tmp_.c_str(), "wb");
  if (!file_) throw InputError("cannot create the CSV file", SourceRef{path_, {}, {}});
  std::string head = csv_bom;
  add_csv_line(head, headers);
  if (std::fwrite(head.data(), 1, head.size(), file_) != head.size())
    throw InputError("cannot write the CSV file", SourceRef{path_, {}, {}});
}

CsvFile::~CsvFile() {
  if (!file_) return;
  std::fclose(file_);
  std::remove(tmp_.c_str());  // not committed
}

void CsvFile::add(const std::vector<std::string>& cells) {
  std::string line;
  add_csv_line(line, cells);
  if (std::fwrite(line.data(), 1, line.size(), file_) != line.size())
    throw InputError("cannot write the CSV file", SourceRef{path_, {}, {}});
}

void CsvFile::commit() {
  const bool ok = std::fclose(file_) == 0;
  file_ = nullptr;
  if (!ok) {
    std::remove(tmp_.c_str());
    throw InputError("cannot write the CSV file", SourceRef{path_, {}, {}});
  }
  atomic::TemporaryFile guard(tmp_);
  atomic::commit_temporary(tmp_, path_);
  guard.release();
}

atomic::StagedFile stage_table_xlsx_rows(const SheetTable& table, const std::string& path,
                                         std::size_t row_count, bool constant_memory,
                                         const std::function<bool(std::vector<TableCell>&)>& next) {
  atomic::make_parent_folders(path);
  const std::string tmp = atomic::temporary_path_for(path);
  atomic::TemporaryFile guard(tmp);
  lxw_workbook_options options{};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  std::unique_ptr<lxw_workbook, WorkbookDeleter> wb(workbook_new_opt(tmp.c_str(), &options));
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

  worksheet_set_row(ws, 0, 32, nullptr);  // before row 0's cells (constant memory: in order)
  for (std::size_t c = 0; c < table.headers.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(ws, col, col, c < table.widths.size() ? table.widths[c] : 16, nullptr);
    worksheet_write_string(ws, 0, col, table.headers[c].c_str(), head);
  }
  worksheet_freeze_panes(ws, 1, 0);

  lxw_row_t r = 1;
  std::vector<TableCell> row;
  while (next(row)) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      if (row[c].number)
        worksheet_write_number(ws, r, col, *row[c].number, number);
      else if (!row[c].text.empty())
        worksheet_write_string(ws, r, col, row[c].text.c_str(), wrap);
    }
    ++r;
  }
  if (row_count && !table.headers.empty())
    worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(row_count),
                         static_cast<lxw_col_t>(table.headers.size() - 1));
  const lxw_error err = workbook_close(wb.release());
  if (err != LXW_NO_ERROR)
    throw InputError(std::string("cannot write the workbook: ") + lxw_strerror(err),
                     SourceRef{path, {}, {}});
  guard.release();
  return atomic::StagedFile(tmp, path);
}

void write_table_xlsx_rows(const SheetTable& table, const std::string& path, std::size_t row_count,
                           bool constant_memory,
                           const std::function<bool(std::vector<TableCell>&)>& next) {
  stage_table_xlsx_rows(table, path, row_count, constant_memory, next).commit();
}

void write_table_xlsx(const SheetTable& table, const std::string& path) {
  std::size_t i = 0;
  write_table_xlsx_rows(table, path, table.rows.size(), false, [&](std::vector<TableCell>& row) {
    if (i == table.rows.size()) return false;
    row = table.rows[i++];
    return true;
  });
}

}  // namespace reserve::report
