// report/text_reserve: a text of many rows is reserved once from its first rows, so that the rest
// are appended without moving it (each move copied megabytes into freshly faulted memory).
#include <gtest/gtest.h>

#include <string>

#include "report/text_reserve.hpp"

namespace reserve::report {
namespace {

TEST(TextReserve, RowsOfEvenSizeAreAppendedWithoutMovingTheText) {
  std::string out = "header\n";
  const std::size_t start = out.size();
  const std::size_t rows = 10000;
  const char* data = nullptr;
  for (std::size_t r = 0; r < rows; ++r) {
    if (r == kProjectionRows) {
      reserve_projected(out, start, r, rows);
      data = out.data();
    }
    out += "row " + std::to_string(r % 10) + " of the table\n";  // 19 bytes each
  }
  EXPECT_EQ(out.data(), data);
  EXPECT_EQ(out.size(), start + rows * 19);
  // The projection (rounded up a byte a row) plus its eighth, not a doubling.
  EXPECT_LE(out.capacity(), out.size() + out.size() / 8 + 2 * rows);
}

TEST(TextReserve, NothingIsReservedBeforeTheFirstRowOrAfterTheLast) {
  std::string out = "x";
  const std::size_t before = out.capacity();
  reserve_projected(out, 1, 0, 100);   // no row yet: nothing to project from
  reserve_projected(out, 0, 5, 5);     // every row in
  reserve_projected(out, 10, 1, 100);  // a start past the text's end
  EXPECT_EQ(out.capacity(), before);
}

}  // namespace
}  // namespace reserve::report
