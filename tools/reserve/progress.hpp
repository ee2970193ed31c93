#pragma once
// Progress of long runs on stderr ("reserves done k/N, ETA mm:ss"), only when stderr is a
// terminal: a redirected stderr (logs, pipes, CI) stays free of carriage-return noise.
#include <chrono>
#include <cstddef>
#include <functional>

namespace reserve::cli {

class Progress {
 public:
  // Active only when `wanted` (not --quiet, not --json) and stderr is a terminal.
  explicit Progress(bool wanted);
  ~Progress();  // ends the progress line
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  // The callback for ProvinceRequest::progress (empty when inactive).
  std::function<void(std::size_t, std::size_t)> callback();

 private:
  void show(std::size_t done, std::size_t total);
  bool active_ = false;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace reserve::cli
