#pragma once
// How many threads one check may use for its own independent steps. A check running inside a
// province worker gets 1 (the reserves already share the cores); a check of one reserve gets the
// --jobs of its command; a library call that set nothing gets every core. Private to the library.
#include <exception>
#include <future>
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
