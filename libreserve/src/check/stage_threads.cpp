// The per-thread budget of a check's own parallel steps.
#include "check/stage_threads.hpp"

#include <algorithm>
#include <thread>

namespace reserve::check {
namespace {

thread_local unsigned budget = 0;  // 0: every core

}  // namespace

unsigned stage_threads() noexcept {
  if (budget > 0) return budget;
  return std::max(1u, std::thread::hardware_concurrency());
}

StageThreads::StageThreads(unsigned threads) noexcept : previous_(budget) { budget = threads; }

StageThreads::~StageThreads() { budget = previous_; }

}  // namespace reserve::check
