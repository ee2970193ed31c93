#!/usr/bin/env bash
# README command 2: install what is missing, build everything, run every test (C++ and Python).
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
build=${RESERVE_BUILD_DIR:-build}
# Ninja and ccache (both installed by install-deps.sh) make a rebuild on the same machine fast;
# the generator is chosen only for a new build folder (CMake refuses to switch an existing one).
generator=()
[ -f "$build/CMakeCache.txt" ] || generator=(-G Ninja)
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1  # hits across clones in other folders
cmake -S . -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRESERVE_BUILD_TESTS=ON \
  -DRESERVE_BUILD_PYTHON=ON -DPython_EXECUTABLE=/usr/bin/python3 \
  -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache
cmake --build "$build" -j"$(nproc)"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)"

# Stage 2 (issue 13; docs/fuzzing.md): the library, the CLI and the C++ test suite again, built by
# clang-14 with AddressSanitizer + UndefinedBehaviorSanitizer (leak detection on, UB fatal), then a
# bounded libFuzzer run of every reader of our own (RESERVE_FUZZ_SECONDS each, CTest label
# "fuzz"). One build tree serves both: the library objects carry the fuzzers' coverage hooks. The
# Python tests do not run here (CPython is not built with ASan); install_consumer is a packaging
# test and runs in stage 1. RESERVE_SANITIZERS=0 skips the stage (for a quick local run).
if [ "${RESERVE_SANITIZERS:-1}" != 0 ]; then
  san=${RESERVE_SAN_BUILD_DIR:-build-san}
  generator=()
  [ -f "$san/CMakeCache.txt" ] || generator=(-G Ninja)
  source tools/sanitizers/env.sh  # also for the test lists gtest_discover_tests takes at build
  start=$SECONDS
  cmake -S . -B "$san" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 -DRESERVE_BUILD_TESTS=ON \
    -DRESERVE_BUILD_PYTHON=OFF -DRESERVE_BUILD_FUZZERS=ON \
    -DRESERVE_FUZZ_SECONDS="${RESERVE_FUZZ_SECONDS:-5}" \
    -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache
  cmake --build "$san" -j"$(nproc)" --target reserve_cli reserve_tests reserve_golden_tests fuzzers
  built=$SECONDS
  ctest --test-dir "$san" --output-on-failure -j"$(nproc)" -LE fuzz -E '^install_consumer$'
  tested=$SECONDS
  ctest --test-dir "$san" --output-on-failure -j"$(nproc)" -L fuzz
  echo "sanitizer stage: build $((built - start)) s, tests $((tested - built)) s," \
       "bounded fuzz run $((SECONDS - tested)) s"
fi
