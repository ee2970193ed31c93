// jemalloc's options, read by jemalloc at start (its `malloc_conf` symbol; MALLOC_CONF in the
// environment still overrides them). Compiled only when the CLI links jemalloc.
//
// thp:always backs jemalloc's arenas with transparent huge pages where the kernel allows them
// (the usual "madvise" setting): a check first-touches every page it allocates, and on the
// virtual machines we measured a page fault is costly. On the 50,000-vertex benchmark reserve
// (bench/run_one_reserve.sh) minor faults fell from ~92,000 to ~23,000 and system time from
// ~0.85 s to ~0.5 s.
//
// narenas:1: one arena for every thread. A check starts short-lived threads for its steps, and
// jemalloc gives each new thread its least used arena (8 on two cores), so memory one step freed
// was not reused by the next: fresh pages, each a fault. With one arena the large benchmark
// reserve's minor faults fell from ~22,000 to ~6,500 and its wall time to 0.86x (farm-bench,
// paired, n = 11). tcache_gc_incr_bytes:1 MiB (from 64 KiB) lets the thread caches flush less
// often, so that the province's two workers do not queue on that one arena: without it the
// province benchmark took 1.04x, with it 1.01x (n = 7, within the machine's noise).
extern "C" {
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables): jemalloc's interface
__attribute__((visibility("default"))) const char* malloc_conf =
    "thp:always,narenas:1,tcache_gc_incr_bytes:1048576";
}
