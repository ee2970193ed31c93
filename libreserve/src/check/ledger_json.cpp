#include "check/ledger_json.hpp"

#include <algorithm>
#include <numeric>
#include <vector>

#include "report/json_text.hpp"
#include "report/text_reserve.hpp"

namespace reserve {

std::string ledger_rows_json(const Ledger& ledger) {
  const auto headers = ledger_headers(ledger.lonlat_datum);
  // The keys in the order nlohmann-json's std::map prints them (std::string's <), each with its
  // columns; of a repeated header the last column a row has wins, as assigning r[header] again.
  std::vector<std::size_t> order(headers.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return headers[a] < headers[b]; });
  struct Key {
    std::string text;                  // "header":
    std::vector<std::size_t> columns;  // ascending
  };
  std::vector<Key> keys;
  for (std::size_t c : order) {
    if (keys.empty() || headers[keys.back().columns.front()] != headers[c]) {
      keys.push_back({{}, {}});
      report::append_json_string(headers[c], keys.back().text);
      keys.back().text += ':';
    }
    keys.back().columns.push_back(c);
  }

  std::string out = "[";
  for (std::size_t r = 0; r < ledger.rows.size(); ++r) {
    if (r == report::kProjectionRows) report::reserve_projected(out, 1, r, ledger.rows.size());
    const auto cells = ledger_cells(ledger.rows[r]);
    if (r) out += ',';
    const std::size_t row_start = out.size();
    out += '{';
    bool any = false;
    for (const Key& key : keys) {
      const auto past = std::lower_bound(key.columns.begin(), key.columns.end(), cells.size());
      if (past == key.columns.begin()) continue;  // a short row: the header is left out
      if (any) out += ',';
      any = true;
      out += key.text;
      report::append_json_string(cells[*(past - 1)], out);
    }
    if (any) {
      out += '}';
    } else {  // nothing assigned: nlohmann-json prints the untouched row as null
      out.resize(row_start);
      out += "null";
    }
  }
  out += ']';
  return out;
}

}  // namespace reserve
