#pragma once
// Reserves checked in parallel on std::thread workers. Each worker is a thread of its own, so it
// uses its own GEOS context (geom::context() is per thread) and makes its own PROJ objects
// (AreaCalculator, Transformer: one per call). Results are stored by index, so the output does
// not depend on the number of workers. Private to the library.
#include <cstddef>
#include <functional>
#include <vector>

namespace reserve::province {

// `requested`, or every core when 0 (at least 1).
unsigned effective_jobs(unsigned requested) noexcept;

// Runs task(i) for every i in [0, n) on up to `jobs` threads (the calling thread alone for 1).
// `done(k, n)` is called after each task, one call at a time. When tasks throw, the exception of
// the lowest index is rethrown once every worker has stopped (the remaining tasks are skipped).
void parallel_for(std::size_t n, unsigned jobs, const std::function<void(std::size_t)>& task,
                  const std::function<void(std::size_t, std::size_t)>& done = {});

// parallel_for over weights.size() tasks whose memory grows with weights[i]: a worker takes the
// first task not yet started whose weight, added to the weights of the tasks running, stays
// within `budget`, and waits when none does (a task runs whenever nothing else does). Province
// mode checks its largest reserves first, and two of them at once would double the peak.
void parallel_for_within(const std::vector<std::size_t>& weights, std::size_t budget, unsigned jobs,
                         const std::function<void(std::size_t)>& task,
                         const std::function<void(std::size_t, std::size_t)>& done = {});

}  // namespace reserve::province
