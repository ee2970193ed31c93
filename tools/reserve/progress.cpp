// The stderr progress line, redrawn in place with a carriage return.
#include "progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace reserve::cli {

Progress::Progress(bool wanted)
    : active_(wanted && ::isatty(STDERR_FILENO)), start_(std::chrono::steady_clock::now()) {}

Progress::~Progress() {
  if (shown_) std::fputc('\n', stderr);
}

std::function<void(std::size_t, std::size_t)> Progress::callback() {
  if (!active_) return {};
  return [this](std::size_t done, std::size_t total) { show(done, total); };
}

void Progress::show(std::size_t done, std::size_t total) {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  // Remaining time at the average pace so far.
  const long eta =
      done ? static_cast<long>(
                 elapsed / static_cast<double>(done) * static_cast<double>(total - done) + 0.5)
           : 0;
  std::fputs(fmt::format("\rreserves done {}/{}, ETA {:02}:{:02}", done, total, eta / 60, eta % 60)
                 .c_str(),
             stderr);
  std::fflush(stderr);
  shown_ = true;
}

}  // namespace reserve::cli
