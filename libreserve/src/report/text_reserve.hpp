#pragma once
// Report texts of megabytes (rows of the ledger and of the features, the printed report) are
// reserved once at their projected size instead of grown by doubling. Each doubling copies the
// text into fresh memory, and on the virtual machines we measure the first touch of fresh memory
// costs more than writing the text: the large benchmark reserve spent about a fifth of its CPU
// zeroing new pages, much of it in these texts' growth. Private to the library.
#include <cstddef>
#include <string>

namespace reserve::report {

// Rows appended so far from which the rest are projected.
inline constexpr std::size_t kProjectionRows = 32;

// After `done` of `total` rows were appended to `out` from offset `start`: reserves room for the
// rest at the same average size, plus an eighth. Nothing when done is 0 or all rows are in.
inline void reserve_projected(std::string& out, std::size_t start, std::size_t done,
                              std::size_t total) {
  if (done == 0 || total <= done || out.size() < start) return;
  const std::size_t per_row = (out.size() - start) / done + 1;
  const std::size_t rest = per_row * (total - done);
  out.reserve(out.size() + rest + rest / 8);
}

}  // namespace reserve::report
