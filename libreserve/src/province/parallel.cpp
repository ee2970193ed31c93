// A fixed pool of std::thread workers taking task indices from one atomic counter.
#include "province/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace reserve::province {

unsigned effective_jobs(unsigned requested) noexcept {
  if (requested > 0) return requested;
  return std::max(1u, std::thread::hardware_concurrency());
}

void parallel_for(std::size_t n, unsigned jobs, const std::function<void(std::size_t)>& task,
                  const std::function<void(std::size_t, std::size_t)>& done) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex mutex;  // guards finished, errors and the done callback
  std::size_t finished = 0;
  std::vector<std::pair<std::size_t, std::exception_ptr>> errors;
  auto work = [&] {
    for (std::size_t i = next++; i < n && !stop; i = next++) {
      try {
        task(i);
      } catch (...) {
        const std::lock_guard lock(mutex);
        errors.emplace_back(i, std::current_exception());
        stop = true;
        return;
      }
      const std::lock_guard lock(mutex);
      ++finished;
      if (done) done(finished, n);
    }
  };
  const std::size_t threads = std::min<std::size_t>(effective_jobs(jobs), n);
  if (threads <= 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(work);
    for (auto& t : pool) t.join();
  }
  if (errors.empty()) return;
  std::sort(errors.begin(), errors.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::rethrow_exception(errors.front().second);
}

}  // namespace reserve::province
