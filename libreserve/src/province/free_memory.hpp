#pragma once
// Hands the heap's free pages back to the system. Province mode builds the reserve outlines on
// worker threads and frees them before the main thread reads the conflict layers; glibc keeps
// freed memory in the arena of the thread that used it, where the main thread's allocations
// cannot reuse it, so without this the peak would be the sum of the two stages. Likewise after a
// large reserve's check: its worker's arena would keep it while another worker checks the next.
// A no-op where the C library offers no such call. Private to the library.

namespace reserve::province {

void return_free_memory() noexcept;

// From now on blocks of 2 MiB and more (a large reserve's coordinate arrays and index vectors)
// get pages of their own, handed back when freed, instead of staying in the arena of the worker
// that freed them (glibc's default threshold rises with the blocks freed, up to 32 MiB). Province
// peak −10 % for +1 % CPU (system time). Process-wide and lasting: province mode sets it only
// when it spools its results (the CLI). A no-op elsewhere.
void map_large_blocks_apart() noexcept;

}  // namespace reserve::province
