// Memory faulted in ahead (see arena_warmup.hpp).
//
// Why: on the virtual machines we measure on, a page a process touches for the first time costs
// about 2 ms of CPU per MB (the kernel zeroes it, huge pages after compaction), and a check
// touches some 50 times its zoning files' size (the 50,000-vertex benchmark reserve: 2.4 MB of
// zonings, ~200 MB faulted). Those faults came in the middle of the check, on both cores, from
// several threads at once. With jemalloc (jemalloc/jemalloc_options.cpp: one arena), memory freed
// stays in the arena as dirty pages (purged only over dirty_decay_ms, 10 s) and later allocations
// of any thread reuse it without a fault; and the first tenth of a second of a check (loading the
// libraries' inputs, opening files) leaves a core idle. So the memory is touched there, in large
// blocks, and handed back. Measured with farm-bench, 12 pairs in each order, on the benchmark's
// large reserve with clipped layers (bench/run_one_reserve.sh): wall 0.90× and 0.93×, CPU 0.91×
// and 0.93×; the ordinary reserve, 1.03× and 0.98× (noise), which is why small checks skip it.
// Province layers skip it too: there both cores are busy from the start (the province benchmark
// took 1.03×).
#include "arena_warmup.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace reserve::cli {
namespace {

constexpr std::size_t kMiB = std::size_t{1} << 20;
constexpr std::size_t kMaxBytes = 96 * kMiB;
constexpr std::size_t kMinBytes = 16 * kMiB;
constexpr std::size_t kBytesPerZoningByte = 40;
// Zoning files larger than this hold many reserves (the province benchmark: 60 MB) or one whose
// check takes seconds: no core is idle long enough to matter.
constexpr std::uintmax_t kMaxZoningBytes = 8 * kMiB;

#ifdef RESERVE_CLI_JEMALLOC
// Below jemalloc's oversize_threshold (8 MiB): larger blocks go to an arena that purges at once.
constexpr std::size_t kBlock = 2 * kMiB;

void fault_in(std::size_t bytes, const std::atomic<bool>& stop) {
  std::vector<void*> blocks;
  for (std::size_t done = 0; done < bytes && !stop.load(std::memory_order_relaxed);
       done += kBlock) {
    auto* block = static_cast<volatile unsigned char*>(std::malloc(kBlock));
    if (block == nullptr) break;
    for (std::size_t at = 0; at < kBlock; at += 4096) block[at] = 0;
    blocks.push_back(const_cast<unsigned char*>(block));
  }
  for (void* block : blocks) std::free(block);
}
#endif

}  // namespace

ArenaWarmup::ArenaWarmup(std::size_t bytes) {
#ifdef RESERVE_CLI_JEMALLOC
  if (bytes > 0) thread_ = std::thread([this, bytes] { fault_in(bytes, stop_); });
#else
  (void)bytes;  // glibc's malloc returns blocks this large to the system when they are freed
#endif
}

ArenaWarmup::~ArenaWarmup() {
  stop_.store(true, std::memory_order_relaxed);
  if (thread_.joinable()) thread_.join();
}

std::size_t warmup_bytes(const std::vector<std::string>& zoning_files) {
  std::uintmax_t total = 0;
  for (const std::string& path : zoning_files) {
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec) return 0;
    total += size;
  }
  if (total > kMaxZoningBytes) return 0;
  const std::uintmax_t want = std::min<std::uintmax_t>(total * kBytesPerZoningByte, kMaxBytes);
  return want < kMinBytes ? 0 : static_cast<std::size_t>(want);
}

}  // namespace reserve::cli
