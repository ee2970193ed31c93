// return_free_memory: glibc's malloc_trim(0) releases the free pages of every arena (not only the
// top of the main heap); under jemalloc (the reserve CLI links it, tools/reserve/CMakeLists.txt)
// the purge of every arena does the same. map_large_blocks_apart: a fixed mmap threshold.
#include "province/free_memory.hpp"

// A C library header first: it defines __GLIBC__ (without one the test below is always false
// and the call silently left out).
#include <cstddef>
#include <cstdlib>

// jemalloc's control interface; weak, so null where jemalloc is not the process's allocator
// (the Python module, tests, other programs linking the library).
extern "C" int mallctl(const char* name, void* old_value, std::size_t* old_length, void* new_value,
                       std::size_t new_length) __attribute__((weak));

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace reserve::province {

void return_free_memory() noexcept {
  if (mallctl) {
    // "arena.<MALLCTL_ARENAS_ALL>.purge": every arena's unused dirty pages back to the system
    // now, instead of after jemalloc's decay time.
    mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);
    return;
  }
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

void map_large_blocks_apart() noexcept {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 2 * 1024 * 1024);
#endif
}

}  // namespace reserve::province
