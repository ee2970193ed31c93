#!/usr/bin/env bash
# The longer fuzz run (docs/fuzzing.md): every harness in turn for SECONDS seconds (default 600),
# niced, from the committed seeds plus what earlier runs found (<build>/fuzz/work/<harness>),
# then one table: executions, time, speed, corpus growth, peak memory, the slowest input (whole
# seconds, as libFuzzer rounds it) and findings per harness.
# Exits 1 when any harness found something (crash, sanitizer report, leak, input > 1 s, > 2 GB);
# the input that did it is in <build>/fuzz/work/<harness>/artifacts/.
#
#   bash fuzz/run_all.sh [SECONDS] [HARNESS-REGEX]
#   RESERVE_SAN_BUILD_DIR=build-san (default) must hold the fuzzers (tools/test.sh builds them, or
#   cmake --build build-san --target fuzzers).
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
filter=${2:-.}
build=${RESERVE_SAN_BUILD_DIR:-build-san}
work=$build/fuzz/work
source tools/sanitizers/env.sh
export PROJ_NETWORK=OFF GDAL_HTTP_TIMEOUT=1
harnesses=$(find "$build/fuzz" -maxdepth 1 -type f -name 'fuzz_*' -perm -u+x -printf '%f\n' |
  sort | grep -E "$filter" || true)
if [ -z "$harnesses" ]; then
  echo "run_all: no fuzzers in $build/fuzz; build them first (see docs/fuzzing.md)" >&2
  exit 2
fi
mkdir -p "$work"
rows=()
total_execs=0 total_secs=0 failures=0
for h in $harnesses; do
  log=$work/$h.log
  before=$(find "$work/$h/corpus" -type f 2>/dev/null | wc -l)
  t0=$SECONDS
  nice -n 10 bash fuzz/run_one.sh "$build/fuzz/$h" "$h" "$seconds" "$work" >"$log" 2>&1
  rc=$?
  dt=$((SECONDS - t0))
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | tail -1 | grep -o '[0-9]*$')
  rss=$(grep -oE 'stat::peak_rss_mb: *[0-9]+' "$log" | tail -1 | grep -o '[0-9]*$')
  slowest=$(grep -oE 'stat::slowest_unit_time_sec: *[0-9]+' "$log" | tail -1 | grep -o '[0-9]*$')
  execs=${execs:-0}
  after=$(find "$work/$h/corpus" -type f 2>/dev/null | wc -l)
  finding=none
  if [ $rc -ne 0 ]; then
    failures=$((failures + 1))
    finding=$(grep -oE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer): [a-z-]+|runtime error|fuzz finding|timeout|out-of-memory' "$log" | head -1)
    finding="${finding:-exit $rc} (see $log)"
  fi
  total_execs=$((total_execs + execs))
  total_secs=$((total_secs + dt))
  rows+=("$(printf '%-24s %12s %6s %9s %8s %7s %8s  %s' "$h" "$execs" "$dt" \
    "$((execs / (dt > 0 ? dt : 1)))" "+$((after - before))" "${rss:-?}" "${slowest:-?}" "$finding")")
  echo "${rows[-1]}"
done
echo
printf '%-24s %12s %6s %9s %8s %7s %8s  %s\n' harness executions s exec/s corpus rss_mb slowest findings
printf '%s\n' "${rows[@]}"
printf '%-24s %12s %6s\n' TOTAL "$total_execs" "$total_secs"
[ "$failures" -eq 0 ] || exit 1
