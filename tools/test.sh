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
