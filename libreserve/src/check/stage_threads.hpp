#pragma once
// How many threads one check may use for its own independent steps. A check running inside a
// province worker gets 1 (the reserves already share the cores); a check of one reserve gets the
// --jobs of its command; a library call that set nothing gets every core. Private to the library.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <utility>

namespace reserve::check {

// The budget of the calling thread (at least 1).
unsigned stage_threads() noexcept;

// Sets the calling thread's budget for its lifetime (0: every core), then restores the old one.
class StageThreads {
 public:
  explicit StageThreads(unsigned threads) noexcept;
  ~StageThreads();
  StageThreads(const StageThreads&) = delete;
  StageThreads& operator=(const StageThreads&) = delete;

 private:
  unsigned previous_;
};

// Runs first() and second(), on two threads when the budget allows. The two must share no GEOS
// geometry: GEOS 3.11 computes envelopes lazily, so a geometry read by both at once is a data
// race. Exceptions are rethrown in call order (first()'s first), as if the two had run one after
// the other.
template <class First, class Second>
void run_both(First&& first, Second&& second) {
  if (stage_threads() < 2) {
    first();
    second();
    return;
  }
  auto pending = std::async(std::launch::async, [&second] {
    const StageThreads serial(1);
    second();
  });
  std::exception_ptr first_error, second_error;
  try {
    first();
  } catch (...) {
    first_error = std::current_exception();
  }
  try {
    pending.get();  // waits for second()
  } catch (...) {
    second_error = std::current_exception();
  }
  if (first_error) std::rethrow_exception(first_error);
  if (second_error) std::rethrow_exception(second_error);
}

// A step that overlaps several of the caller's next steps: started on a thread of its own when the
// budget allows (with a budget of 1 there), else run in wait(), after them, as run_both would.
// wait() rethrows the step's exception. When the caller unwinds without waiting, a started step is
// waited for on destruction (its exception dropped) and a deferred one is not run. The same rule
// on shared GEOS geometry as run_both.
class Beside {
 public:
  explicit Beside(std::function<void()> step) {
    if (!step) return;
    if (stage_threads() < 2) {
      deferred_ = std::move(step);
      return;
    }
    pending_ = std::async(std::launch::async, [step = std::move(step)] {
      const StageThreads serial(1);
      step();
    });
  }
  Beside(const Beside&) = delete;
  Beside& operator=(const Beside&) = delete;
  ~Beside() {
    if (pending_.valid()) pending_.wait();
  }

  void wait() {
    if (deferred_) std::exchange(deferred_, nullptr)();
    if (pending_.valid()) pending_.get();
  }

 private:
  std::function<void()> deferred_;
  std::future<void> pending_;
};

// Calls do_one(i) once for every i in [0, n): on two threads when `worth_two` and the budget
// allow, each taking the next `chunk` indexes whenever it is free (so the two stay busy however
// unevenly the work is spread), else on the calling thread in order. make() gives each thread its
// own do_one, called on that thread only (GEOS geometries must not be shared). The error raised
// is that of the lowest index that failed (or of make()), as one thread going through in order
// would raise it: after a failure at i, indexes below i are still done, those above are not.
template <class Make>
void for_each_index(std::size_t n, std::size_t chunk, bool worth_two, Make&& make) {
  if (!worth_two || stage_threads() < 2 || n <= chunk) {
    auto do_one = make();
    for (std::size_t i = 0; i < n; ++i) do_one(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::size_t failed_at = n;  // guarded by mutex
  std::exception_ptr failure;
  auto fail = [&](std::size_t i) {
    const std::lock_guard<std::mutex> lock(mutex);
    if (!failure || i < failed_at) {
      failed_at = i;
      failure = std::current_exception();
    }
  };
  auto below_failure = [&](std::size_t i) {
    const std::lock_guard<std::mutex> lock(mutex);
    return !failure || i < failed_at;
  };
  auto run = [&] {
    std::optional<decltype(make())> do_one;
    try {
      do_one.emplace(make());
    } catch (...) {
      fail(0);
      return;
    }
    for (std::size_t first = next.fetch_add(chunk); first < n && below_failure(first);
         first = next.fetch_add(chunk)) {
      for (std::size_t i = first, last = std::min(n, first + chunk); i < last; ++i) {
        try {
          (*do_one)(i);
        } catch (...) {
          fail(i);
          break;
        }
      }
    }
  };
  auto pending = std::async(std::launch::async, [&run] {
    const StageThreads serial(1);
    run();
  });
  run();
  pending.get();
  if (failure) std::rethrow_exception(failure);
}

// run_both with the calling thread (and its budget) given to `later`, for a step that splits again,
// and `earlier` beside it; errors as if `earlier` had run first (its error wins when both fail).
template <class Earlier, class Later>
void run_both_caller_later(Earlier&& earlier, Later&& later) {
  std::exception_ptr earlier_error, later_error;
  run_both(
      [&] {
        try {
          later();
        } catch (...) {
          later_error = std::current_exception();
        }
      },
      [&] {
        try {
          earlier();
        } catch (...) {
          earlier_error = std::current_exception();
        }
      });
  if (earlier_error) std::rethrow_exception(earlier_error);
  if (later_error) std::rethrow_exception(later_error);
}

// run_both for two calls with results (the before and the after side of a check).
template <class Before, class After>
auto on_both_sides(Before&& before_side, After&& after_side)
    -> std::pair<decltype(before_side()), decltype(after_side())> {
  std::optional<decltype(before_side())> b;
  std::optional<decltype(after_side())> a;
  run_both([&] { b.emplace(before_side()); }, [&] { a.emplace(after_side()); });
  return {std::move(*b), std::move(*a)};
}

}  // namespace reserve::check
