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

ProvinceReportSpool::Place ProvinceReportSpool::append(
    const std::vector<std::string_view>& pieces) {
  if (std::fseek(file_, 0, SEEK_END) != 0) fail("seek in");
  const long offset = std::ftell(file_);
  if (offset < 0) fail("write");
  std::size_t length = 0;
  for (std::string_view piece : pieces) {
    if (std::fwrite(piece.data(), 1, piece.size(), file_) != piece.size()) fail("write");
    length += piece.size();
  }
  return {offset, length};
}

std::string ProvinceReportSpool::read(Place place) const {
  if (place.offset < 0) return {};
  std::string text(place.length, '\0');
  if (std::fseek(file_, place.offset, SEEK_SET) != 0) fail("seek in");
  if (std::fread(text.data(), 1, text.size(), file_) != text.size()) fail("read");
  return text;
}

void ProvinceReportSpool::put(std::size_t row, const std::string& text) {
  put(row, std::vector<std::string_view>{text});
}

void ProvinceReportSpool::put(std::size_t row, const std::vector<std::string_view>& pieces) {
  const std::lock_guard lock(mutex_);
  const Place place = append(pieces);
  if (where_.size() <= row) where_.resize(row + 1);
  where_[row] = place;
}

bool ProvinceReportSpool::has(std::size_t row) const {
  const std::lock_guard lock(mutex_);
  return row < where_.size() && where_[row].offset >= 0;
}

std::string ProvinceReportSpool::get(std::size_t row) const {
  const std::lock_guard lock(mutex_);
  return row < where_.size() ? read(where_[row]) : std::string();
}

// Ledger rows as text: per row its cell count, then per cell its length and bytes ("3\n" "5\nabcde"
// …), so that any cell text (commas, line breaks) reads back unchanged.
void ProvinceReportSpool::put_ledger(std::size_t row, const std::string& datum,
                                     const std::vector<std::vector<std::string>>& rows) {
  std::string text;
  for (const auto& cells : rows) {
    text += std::to_string(cells.size()) + '\n';
    for (const auto& c : cells) text += std::to_string(c.size()) + '\n' + c;
  }
  const std::lock_guard lock(mutex_);
  const Place place = append({text});
  if (ledgers_.size() <= row) ledgers_.resize(row + 1);
  ledgers_[row] = {place, rows.size(), datum};
}

bool ProvinceReportSpool::has_ledger(std::size_t row) const {
  const std::lock_guard lock(mutex_);
  return row < ledgers_.size() && ledgers_[row].place.offset >= 0;
}

std::string ProvinceReportSpool::ledger_datum(std::size_t row) const {
  const std::lock_guard lock(mutex_);
  return row < ledgers_.size() ? ledgers_[row].datum : std::string();
}

std::size_t ProvinceReportSpool::ledger_size(std::size_t row) const {
  const std::lock_guard lock(mutex_);
  return row < ledgers_.size() ? ledgers_[row].rows : 0;
}

std::vector<std::vector<std::string>> ProvinceReportSpool::ledger(std::size_t row) const {
  std::string text;
  {
    const std::lock_guard lock(mutex_);
    if (row < ledgers_.size()) text = read(ledgers_[row].place);
  }
  std::vector<std::vector<std::string>> rows;
  std::size_t at = 0;
  auto number = [&]() {
    const std::size_t end = text.find('\n', at);
    if (end == std::string::npos) fail("decode");
    const std::size_t n = std::stoul(text.substr(at, end - at));
    at = end + 1;
    return n;
  };
  while (at < text.size()) {
    auto& cells = rows.emplace_back(number());
    for (auto& c : cells) {
      const std::size_t n = number();
      if (at + n > text.size()) fail("decode");
      c = text.substr(at, n);
      at += n;
    }
  }
  return rows;
}

}  // namespace reserve
