#pragma once
// The province ledger (province_ledger_table) row by row: from the results in memory or from the
// report spool (keep_results false), and its CSV and XLSX files written one row at a time, so
// that a national run never holds the whole ledger (issue 11.2). Private to the library.
#include <string>
#include <vector>

#include "reserve/province.hpp"

namespace reserve::province {

// Row `row`'s province-ledger rows: the reserve's name, then ledger_cells, per ledger row.
std::vector<std::vector<std::string>> reserve_ledger_rows(const std::string& reserve,
                                                          const Ledger& ledger);

// The number of province-ledger rows (0: province_ledger.* are not written).
std::size_t ledger_row_count(const ProvinceResult& result);

// province_ledger.csv / .xlsx, the same cells as province_ledger_table; the XLSX is streamed
// (report/xlsx_sheet), in continuation sheets past Excel's 1,048,575 rows.
void write_ledger_csv(const ProvinceResult& result, const std::string& path);
void write_ledger_xlsx(const ProvinceResult& result, const std::string& path);

}  // namespace reserve::province
