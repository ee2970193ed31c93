#!/usr/bin/env bash
# README command 2: install what is missing, build everything, run every test (C++ and Python).
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
build=${RESERVE_BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRESERVE_BUILD_TESTS=ON \
  -DRESERVE_BUILD_PYTHON=ON -DPython_EXECUTABLE=/usr/bin/python3
cmake --build "$build" -j"$(nproc)"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)"
