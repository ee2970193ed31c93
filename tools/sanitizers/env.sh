# Sourced by tools/test.sh and fuzz/run_all.sh: how sanitizer builds run (issue 13). Leak
# detection on; UB and every ASan report fatal; third-party leaks suppressed in lsan.supp (never
# our own code). Values already set by the caller win.
here_sanitizers=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here_sanitizers/lsan.supp:print_suppressions=0}
symbolizer=$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || true)
[ -n "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH=$symbolizer
unset here_sanitizers symbolizer
