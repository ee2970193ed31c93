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

// Runs before_side() and after_side(), on two threads when the budget allows, and returns both
// results. Each call must touch only its own side's data: GEOS 3.11 computes envelopes lazily, so
// no GEOS geometry may be read by both at once. Exceptions are rethrown in call order (the
// before side's first), as if the two had run one after the other.
template <class Before, class After>
auto on_both_sides(Before&& before_side, After&& after_side)
    -> std::pair<decltype(before_side()), decltype(after_side())> {
  if (stage_threads() < 2) {
    auto b = before_side();
    return {std::move(b), after_side()};
  }
  auto pending = std::async(std::launch::async, [&after_side] {
    const StageThreads serial(1);
    return after_side();
  });
  std::exception_ptr before_error;
  std::optional<decltype(before_side())> b;
  try {
    b.emplace(before_side());
  } catch (...) {
    before_error = std::current_exception();
  }
  std::exception_ptr after_error;
  std::optional<decltype(after_side())> a;
  try {
    a.emplace(pending.get());  // waits for the after side
  } catch (...) {
    after_error = std::current_exception();
  }
  if (before_error) std::rethrow_exception(before_error);
  if (after_error) std::rethrow_exception(after_error);
  return {std::move(*b), std::move(*a)};
}

}  // namespace reserve::check
