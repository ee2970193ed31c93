#pragma once
// Memory faulted in ahead, on a spare core, while a check opens its inputs (see the .cpp).
#include <atomic>
#include <cstddef>
#include <string>
#include <thread>
#include <vector>

namespace reserve::cli {

// Allocates `bytes` in 2 MiB blocks on its own thread, touches every page, and frees them; the
// destructor stops it early if it is still running and waits for it. Does nothing when `bytes`
// is 0 or when the CLI is not linked with jemalloc.
class ArenaWarmup {
 public:
  explicit ArenaWarmup(std::size_t bytes);
  ~ArenaWarmup();
  ArenaWarmup(const ArenaWarmup&) = delete;
  ArenaWarmup& operator=(const ArenaWarmup&) = delete;

 private:
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// The memory worth faulting in ahead for a check of these zoning files: 40 times their size on
// disk, at most 96 MiB; 0 below 16 MiB (a small check is done before it would pay), for files
// over 8 MiB together (province layers), or when a file's size cannot be read (a database, a
// URL).
std::size_t warmup_bytes(const std::vector<std::string>& zoning_files);

}  // namespace reserve::cli
