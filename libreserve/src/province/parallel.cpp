// A fixed pool of std::thread workers taking task indices under one mutex: in order, or the first
// that fits the weight budget.
#include "province/parallel.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace reserve::province {

unsigned effective_jobs(unsigned requested) noexcept {
  if (requested > 0) return requested;
  return std::max(1u, std::thread::hardware_concurrency());
}

namespace {

// The pool behind both: `weights` empty means every task weighs nothing (taken in order).
void run_pool(std::size_t n, const std::vector<std::size_t>& weights, std::size_t budget,
              unsigned jobs, const std::function<void(std::size_t)>& task,
              const std::function<void(std::size_t, std::size_t)>& done) {
  std::mutex mutex;  // guards everything below and the done callback
  std::condition_variable finished_one;
  std::vector<bool> started(weights.empty() ? 0 : n, false);
  std::size_t first_open = 0;  // every task before it has started
  std::size_t running = 0, running_weight = 0, finished = 0;
  bool stop = false;
  std::vector<std::pair<std::size_t, std::exception_ptr>> errors;
  auto weight = [&](std::size_t i) { return weights.empty() ? 0 : weights[i]; };
  // The next task to start, n when none is left; waits while none fits. Called with `lock` held.
  auto pick = [&](std::unique_lock<std::mutex>& lock) -> std::size_t {
    for (;;) {
      if (weights.empty()) return stop ? n : first_open < n ? first_open++ : n;
      while (first_open < n && started[first_open]) ++first_open;
      if (stop || first_open == n) return n;
      for (std::size_t i = first_open; i < n; ++i)
        if (!started[i] && (running == 0 || running_weight + weights[i] <= budget)) {
          started[i] = true;
          return i;
        }
      finished_one.wait(lock);
    }
  };
  auto work = [&] {
    std::unique_lock lock(mutex);
    for (std::size_t i = pick(lock); i < n; i = pick(lock)) {
      ++running;
      running_weight += weight(i);
      lock.unlock();
      std::exception_ptr error;
      try {
        task(i);
      } catch (...) {
        error = std::current_exception();
      }
      lock.lock();
      --running;
      running_weight -= weight(i);
      finished_one.notify_all();
      if (error) {
        errors.emplace_back(i, error);
        stop = true;
        return;
      }
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

}  // namespace

void parallel_for(std::size_t n, unsigned jobs, const std::function<void(std::size_t)>& task,
                  const std::function<void(std::size_t, std::size_t)>& done) {
  run_pool(n, {}, 0, jobs, task, done);
}

void parallel_for_within(const std::vector<std::size_t>& weights, std::size_t budget, unsigned jobs,
                         const std::function<void(std::size_t)>& task,
                         const std::function<void(std::size_t, std::size_t)>& done) {
  run_pool(weights.size(), weights, budget, jobs, task, done);
}

}  // namespace reserve::province
