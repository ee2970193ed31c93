// jemalloc's options, read by jemalloc at start (its `malloc_conf` symbol; MALLOC_CONF in the
// environment still overrides them). Compiled only when the CLI links jemalloc.
//
// thp:always backs jemalloc's arenas with transparent huge pages where the kernel allows them
// (the usual "madvise" setting): a check first-touches every page it allocates, and on the
// virtual machines we measured a page fault is costly. On the 50,000-vertex benchmark reserve
// (bench/run_one_reserve.sh) minor faults fell from ~92,000 to ~23,000 and system time from
// ~0.85 s to ~0.5 s.
extern "C" {
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables): jemalloc's interface
__attribute__((visibility("default"))) const char* malloc_conf = "thp:always";
}
