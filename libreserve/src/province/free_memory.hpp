#pragma once
// Hands the heap's free pages back to the system. Province mode builds the reserve outlines on
// worker threads and frees them before the main thread reads the conflict layers; glibc keeps
// freed memory in the arena of the thread that used it, where the main thread's allocations
// cannot reuse it, so without this the peak would be the sum of the two stages. Likewise after a
// large reserve's check: its worker's arena would keep it while another worker checks the next.
// A no-op where the C library offers no such call. Private to the library.

namespace reserve::province {

void return_free_memory() noexcept;

}  // namespace reserve::province
