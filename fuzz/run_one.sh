#!/usr/bin/env bash
# The bounded run of one harness (a CTest test, label "fuzz"): starts from the committed seeds
# (read only; new inputs go to a scratch folder) for SECONDS seconds, with the limits the issue
# sets — no input may take more than RESERVE_FUZZ_TIMEOUT s (default 1; wall-clock, so a heavily
# shared machine needs more) or 2 GB — and leak detection on.
# Usage: run_one.sh FUZZER NAME SECONDS WORKDIR [extra libFuzzer flags…]
set -euo pipefail
fuzzer=$1 name=$2 seconds=$3 work=$4
shift 4
here=$(cd "$(dirname "$0")" && pwd)
corpus_new="$work/$name/corpus"
artifacts="$work/$name/artifacts"
mkdir -p "$corpus_new" "$artifacts"
dict=()
[ -f "$here/dict/$name.dict" ] && dict=(-dict="$here/dict/$name.dict")
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/../tools/sanitizers/lsan.supp:print_suppressions=0}
exec "$fuzzer" -max_total_time="$seconds" -timeout="${RESERVE_FUZZ_TIMEOUT:-1}" -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$artifacts/" "${dict[@]}" "$@" \
  "$corpus_new" "$here/corpus/$name"
