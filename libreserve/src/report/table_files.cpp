// CSV and XLSX (report/xlsx_sheet) writers for plain tables, written to a temporary file and
// renamed.
#include "report/table_files.hpp"

#include "core/atomic_file.hpp"
#include "ledger/csv_table.hpp"
#include "report/text_reserve.hpp"
#include "report/xlsx_sheet.hpp"
#include "reserve/error.hpp"

namespace reserve::report {
namespace {

const char* const csv_bom = "\xEF\xBB\xBF";  // so that Excel reads the Chinese text as UTF-8

void add_csv_line(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    out += ledger::csv_field(cells[i]);
  }
  out += "\r\n";
}

// The CSV text of row_count rows, row r's cells from cells_of(r) (a reference or a value).
template <class CellsOf>
std::string csv_text(const std::vector<std::string>& headers, std::size_t row_count,
                     const CellsOf& cells_of) {
  std::string out = csv_bom;
  add_csv_line(out, headers);
  const std::size_t start = out.size();
  for (std::size_t r = 0; r < row_count; ++r) {
    if (r == kProjectionRows) reserve_projected(out, start, r, row_count);
    add_csv_line(out, cells_of(r));
  }
  return out;
}

}  // namespace

std::string table_csv(const std::vector<std::string>& headers,
                      const std::vector<std::vector<std::string>>& rows) {
  return csv_text(headers, rows.size(),
                  [&rows](std::size_t r) -> const std::vector<std::string>& { return rows[r]; });
}

std::string table_csv(const std::vector<std::string>& headers, std::size_t row_count,
                      const std::function<std::vector<std::string>(std::size_t)>& cells_of) {
  return csv_text(headers, row_count, cells_of);
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
                                         const std::function<bool(std::vector<TableCell>&)>& next) {
  atomic::make_parent_folders(path);
  const std::string tmp = atomic::temporary_path_for(path);
  atomic::TemporaryFile guard(tmp);
  write_xlsx_sheet(tmp, path, table, next);
  atomic::flush_temporary(tmp, path);  // on the staging thread (see atomic::stage_file)
  guard.release();
  return atomic::StagedFile(tmp, path, /*flushed=*/true);
}

void write_table_xlsx_rows(const SheetTable& table, const std::string& path,
                           const std::function<bool(std::vector<TableCell>&)>& next) {
  stage_table_xlsx_rows(table, path, next).commit();
}

void write_table_xlsx(const SheetTable& table, const std::string& path) {
  std::size_t i = 0;
  write_table_xlsx_rows(table, path, [&](std::vector<TableCell>& row) {
    if (i == table.rows.size()) return false;
    row = table.rows[i++];
    return true;
  });
}

}  // namespace reserve::report
