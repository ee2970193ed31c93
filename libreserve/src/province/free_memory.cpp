// return_free_memory: glibc's malloc_trim(0) releases the free pages of every arena (not only the
// top of the main heap). map_large_blocks_apart: a fixed mmap threshold.
#include "province/free_memory.hpp"

// A C library header first: it defines __GLIBC__ (without one the test below is always false
// and the call silently left out).
#include <cstdlib>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace reserve::province {

void return_free_memory() noexcept {
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
