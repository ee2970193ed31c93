// Report texts appended to one anonymous temporary file; an offset and length per row.
#include "province/report_spool.hpp"

#include <cerrno>
#include <cstring>

#include "reserve/error.hpp"

namespace reserve {
namespace {

[[noreturn]] void fail(const char* what) {
  throw InputError(std::string("province reports: cannot ") + what +
                   " the temporary file: " + std::strerror(errno));
}

}  // namespace

ProvinceReportSpool::ProvinceReportSpool() : file_(std::tmpfile()) {
  if (!file_) fail("create");
}

ProvinceReportSpool::~ProvinceReportSpool() { std::fclose(file_); }

void ProvinceReportSpool::put(std::size_t row, const std::string& text) {
  const std::lock_guard lock(mutex_);
  if (std::fseek(file_, 0, SEEK_END) != 0) fail("seek in");
  const long offset = std::ftell(file_);
  if (offset < 0 || std::fwrite(text.data(), 1, text.size(), file_) != text.size()) fail("write");
  if (where_.size() <= row) where_.resize(row + 1, {-1L, 0});
  where_[row] = {offset, text.size()};
}

bool ProvinceReportSpool::has(std::size_t row) const {
  const std::lock_guard lock(mutex_);
  return row < where_.size() && where_[row].first >= 0;
}

std::string ProvinceReportSpool::get(std::size_t row) const {
  const std::lock_guard lock(mutex_);
  if (row >= where_.size() || where_[row].first < 0) return {};
  std::string text(where_[row].second, '\0');
  if (std::fseek(file_, where_[row].first, SEEK_SET) != 0) fail("seek in");
  if (std::fread(text.data(), 1, text.size(), file_) != text.size()) fail("read");
  return text;
}

}  // namespace reserve
