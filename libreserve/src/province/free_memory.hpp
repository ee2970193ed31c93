#pragma once
// Hands the heap's free pages back to the system. Province mode frees large things between its
// stages (the outlines before the conflict layers are read, a reserve's check after its report is
// spooled) on several threads; glibc keeps freed memory in the arena of the thread that used it,
// where another thread's allocations cannot reuse it, so the peak would be the sum of the stages.
// A no-op where the C library offers no such call. Private to the library.

namespace reserve::province {

void return_free_memory() noexcept;

}  // namespace reserve::province
