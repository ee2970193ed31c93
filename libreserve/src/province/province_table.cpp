// The province table (one row per reserve) and its CSV and XLSX files.
#include <functional>
#include <set>

#include "core/text_util.hpp"
#include "province/province_ledger.hpp"
#include "province/report_spool.hpp"
#include "report/format.hpp"
#include "report/table_files.hpp"
#include "reserve/ledger.hpp"
#include "reserve/province.hpp"
#include "reserve/report.hpp"

namespace reserve {
namespace {

// Rule ids over all checked reserves, in the order the first report lists them.
std::vector<std::string> rule_ids(const ProvinceResult& result) {
  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (const auto& row : result.reserves)
    if (row.result)
      for (const auto& v : row.result->report.verdicts)
        if (seen.insert(v.rule_id).second) ids.push_back(v.rule_id);
  return ids;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : "; ") + n;
  return out;
}

std::string verdict_of(const ProvinceReserve& row, const std::string& rule) {
  if (!row.result) return "";
  for (const auto& v : row.result->report.verdicts)
    if (v.rule_id == rule) return to_string(v.status);
  return "";
}

std::string note_of(const ProvinceReserve& row) {
  if (row.error_kind) return row.error;
  switch (row.match) {
    case ReserveMatch::added: return "仅调整后 (only after): not checked";
    case ReserveMatch::removed: return "仅调整前 (only before): not checked";
    case ReserveMatch::merged: return "合并 (merged from " + joined(row.before_reserves) + ")";
    case ReserveMatch::split: return "拆分 (split into " + joined(row.after_reserves) + ")";
    case ReserveMatch::renamed: return "更名 (renamed from " + joined(row.before_reserves) + ")";
    case ReserveMatch::matched: return "";
  }
  return "";
}

}  // namespace

ProvinceTable province_table(const ProvinceResult& result) {
  ProvinceTable t;
  auto column = [&t](std::string header, bool numeric) {
    t.headers.push_back(std::move(header));
    t.numeric.push_back(numeric);
  };
  column("保护区 (reserve)", false);
  column("匹配 (match)", false);
  column("调整前保护区 (before reserves)", false);
  column("调整后保护区 (after reserves)", false);
  column("调整前面积 (before area, ha)", true);
  column("调整后面积 (after area, ha)", true);
  column("面积变化 (change, ha)", true);
  column("调整前核心+缓冲占比 (before core+buffer share, %)", true);
  column("调整后核心+缓冲占比 (after core+buffer share, %)", true);
  const auto rules = rule_ids(result);
  for (const auto& id : rules) column("规则 (rule) " + id, false);
  column("调出要素 (freed features)", true);
  column("降级要素 (downgraded features)", true);
  column("结论 (overall)", false);
  column("说明 (note)", false);

  for (const auto& row : result.reserves) {
    const bool checked = row.result.has_value();
    std::vector<std::string> cells = {
        row.reserve,
        to_string(row.match),
        joined(row.before_reserves),
        joined(row.after_reserves),
        row.before_reserves.empty() ? "" : report::fixed(to_ha(row.before_area_m2), 6),
        row.after_reserves.empty() ? "" : report::fixed(to_ha(row.after_area_m2), 6),
        row.before_reserves.empty() || row.after_reserves.empty()
            ? ""
            : report::fixed(to_ha(row.after_area_m2 - row.before_area_m2), 6),
        checked ? report::percent(row.before_strict_share) : "",
        checked ? report::percent(row.after_strict_share) : ""};
    for (const auto& id : rules) cells.push_back(verdict_of(row, id));
    cells.push_back(checked ? std::to_string(row.freed_features) : "");
    cells.push_back(checked ? std::to_string(row.downgraded_features) : "");
    cells.push_back(checked ? to_string(row.result->report.overall)
                            : (row.error_kind ? "error" : "not checked"));
    cells.push_back(note_of(row));
    t.rows.push_back(std::move(cells));
  }
  return t;
}

namespace {

// Calls `each` with the province-ledger rows of every checked reserve, in row order (spooled rows
// from the spool, the others from the results).
template <class Each>
void each_reserve_ledger(const ProvinceResult& result, Each each) {
  const ProvinceReportSpool* spool = result.report_spool.get();
  for (std::size_t i = 0; i < result.reserves.size(); ++i) {
    const auto& row = result.reserves[i];
    if (spool && spool->has_ledger(i))
      each(spool->ledger_datum(i), spool->ledger_size(i), [spool, i] { return spool->ledger(i); });
    else if (row.result && row.result->conflicts) {
      const Ledger& ledger = row.result->conflicts->ledger;
      each(ledger.lonlat_datum, ledger.rows.size(),
           [&name = row.reserve, &ledger] { return province::reserve_ledger_rows(name, ledger); });
    }
  }
}

// The ledger table's sheet, headers and numeric columns, without rows.
ProvinceTable ledger_table_head(const ProvinceResult& result) {
  ProvinceTable t;
  t.sheet = "整改台账";
  std::string datum = "CGCS2000";  // the lon/lat columns' datum: the ledgers' (one working CRS)
  each_reserve_ledger(result, [&](const std::string& d, std::size_t, auto) { datum = d; });
  t.headers = {"保护区 (reserve)"};
  for (auto& h : ledger_headers(datum)) t.headers.push_back(std::move(h));
  t.numeric.assign(t.headers.size(), false);
  for (std::size_t c = 5; c <= 8 && c < t.numeric.size(); ++c) t.numeric[c] = true;  // lon … Y
  return t;
}

report::SheetTable sheet_head(const ProvinceTable& table) {
  report::SheetTable sheet;
  sheet.sheet = table.sheet;
  sheet.headers = table.headers;
  sheet.widths = {24, 10, 28, 28};
  return sheet;
}

std::vector<report::TableCell> sheet_cells(const std::vector<std::string>& row,
                                           const std::vector<bool>& numeric) {
  std::vector<report::TableCell> cells(row.size());
  for (std::size_t c = 0; c < row.size(); ++c) {
    cells[c].text = row[c];
    if (c < numeric.size() && numeric[c]) cells[c].number = text::parse_number(row[c]);
  }
  return cells;
}

}  // namespace

namespace province {

std::vector<std::vector<std::string>> reserve_ledger_rows(const std::string& reserve,
                                                          const Ledger& ledger) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : ledger.rows) {
    std::vector<std::string> cells = {reserve};
    for (auto& c : ledger_cells(r)) cells.push_back(std::move(c));
    rows.push_back(std::move(cells));
  }
  return rows;
}

std::size_t ledger_row_count(const ProvinceResult& result) {
  std::size_t n = 0;
  each_reserve_ledger(result, [&](const std::string&, std::size_t rows, auto) { n += rows; });
  return n;
}

void write_ledger_csv(const ProvinceResult& result, const std::string& path) {
  report::CsvFile csv(path, ledger_table_head(result).headers);
  each_reserve_ledger(result, [&](const std::string&, std::size_t, auto rows) {
    for (const auto& cells : rows()) csv.add(cells);
  });
  csv.commit();
}

void write_ledger_xlsx(const ProvinceResult& result, const std::string& path) {
  const ProvinceTable head = ledger_table_head(result);
  // The writer pulls rows one by one; a reserve's rows are read (from the spool) when the previous
  // reserve's are used up, so one reserve's rows are in memory at a time.
  std::vector<std::function<std::vector<std::vector<std::string>>()>> sources;
  each_reserve_ledger(result, [&](const std::string&, std::size_t n, auto rows) {
    if (n) sources.emplace_back(rows);
  });
  std::vector<std::vector<std::string>> batch;
  std::size_t source = 0, next = 0;
  report::write_table_xlsx_rows(sheet_head(head), path, [&](std::vector<report::TableCell>& out) {
    while (next >= batch.size()) {
      if (source >= sources.size()) return false;
      batch = sources[source++]();
      next = 0;
    }
    out = sheet_cells(batch[next++], head.numeric);
    return true;
  });
}

}  // namespace province

ProvinceTable province_ledger_table(const ProvinceResult& result) {
  ProvinceTable t = ledger_table_head(result);
  each_reserve_ledger(result, [&](const std::string&, std::size_t, auto rows) {
    for (auto& cells : rows()) t.rows.push_back(std::move(cells));
  });
  return t;
}

void write_province_csv(const ProvinceTable& table, const std::string& path) {
  write_file_atomic(path, report::table_csv(table.headers, table.rows));
}

void write_province_xlsx(const ProvinceTable& table, const std::string& path) {
  report::SheetTable sheet = sheet_head(table);
  for (const auto& row : table.rows) sheet.rows.push_back(sheet_cells(row, table.numeric));
  report::write_table_xlsx(sheet, path);
}

}  // namespace reserve
