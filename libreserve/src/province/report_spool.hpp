#pragma once
// The report.json texts of a province's checked reserves, kept in an anonymous temporary file
// instead of memory, so that a province run holds one reserve's report at a time (issue 11:
// memory follows the largest reserve). Private to the library.
#include <cstddef>
#include <cstdio>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "reserve/province.hpp"

namespace reserve {

struct ProvinceReportSpool {
  ProvinceReportSpool();  // InputError when no temporary file can be made
  ~ProvinceReportSpool();
  ProvinceReportSpool(const ProvinceReportSpool&) = delete;
  ProvinceReportSpool& operator=(const ProvinceReportSpool&) = delete;

  // Stores row `row`'s text (once per row). Safe to call from several threads at once.
  void put(std::size_t row, const std::string& text);
  bool has(std::size_t row) const;
  // The text stored for `row` (InputError when it cannot be read back).
  std::string get(std::size_t row) const;

 private:
  std::FILE* file_ = nullptr;  // std::tmpfile: removed by the system when closed
  mutable std::mutex mutex_;
  std::vector<std::pair<long, std::size_t>> where_;  // per row: offset, length (offset -1: none)
};

}  // namespace reserve
