#pragma once
// The report.json texts of a province's checked reserves, kept in an anonymous temporary file
// instead of memory, so that a province run holds one reserve's report at a time (issue 11:
// memory follows the largest reserve). Each reserve's province-ledger rows go to the same file
// (the slimmed result then drops its ledger rows). Private to the library.
#include <cstddef>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reserve/province.hpp"

namespace reserve {

struct ProvinceReportSpool {
  ProvinceReportSpool();  // InputError when no temporary file can be made
  ~ProvinceReportSpool();
  ProvinceReportSpool(const ProvinceReportSpool&) = delete;
  ProvinceReportSpool& operator=(const ProvinceReportSpool&) = delete;

  // Stores row `row`'s text (once per row), whole or as pieces in order (a report's pieces,
  // report/report_pieces.hpp, written without joining them first). Safe to call from several
  // threads at once.
  void put(std::size_t row, const std::string& text);
  void put(std::size_t row, const std::vector<std::string_view>& pieces);
  bool has(std::size_t row) const;
  // The text stored for `row` (InputError when it cannot be read back).
  std::string get(std::size_t row) const;

  // Stores row `row`'s province-ledger rows (cells: the reserve's name, then ledger_cells) and
  // its ledger's lon/lat datum (once per row). Safe to call from several threads at once.
  void put_ledger(std::size_t row, const std::string& datum,
                  const std::vector<std::vector<std::string>>& rows);
  bool has_ledger(std::size_t row) const;
  std::string ledger_datum(std::size_t row) const;
  std::size_t ledger_size(std::size_t row) const;  // rows stored for `row` (0: none)
  std::vector<std::vector<std::string>> ledger(std::size_t row) const;

 private:
  struct Place {
    long offset = -1;  // -1: nothing stored
    std::size_t length = 0;
  };
  struct LedgerPlace {
    Place place;
    std::size_t rows = 0;
    std::string datum;
  };
  Place append(const std::vector<std::string_view>& pieces);  // callers hold mutex_
  std::string read(Place place) const;                        // callers hold mutex_

  std::FILE* file_ = nullptr;  // std::tmpfile: removed by the system when closed
  mutable std::mutex mutex_;
  std::vector<Place> where_;          // per row: its report text
  std::vector<LedgerPlace> ledgers_;  // per row: its ledger rows
};

}  // namespace reserve
