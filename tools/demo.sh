#!/usr/bin/env bash
# README command 1: install what is missing, build, and run the main job on the sample case.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
build=${RESERVE_BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPython_EXECUTABLE=/usr/bin/python3
cmake --build "$build" -j"$(nproc)"
echo "demo: the sample case and the check are not built yet" >&2
exit 1
