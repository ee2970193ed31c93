#!/usr/bin/env bash
# README command 1: install what is missing, build, and run the main job on the sample case in
# data/ — the "three no" check with mining rights, facilities and monitoring, the report, the
# ledger and the maps — into out/ (or $RESERVE_OUT).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
build=${RESERVE_BUILD_DIR:-build}
out=${RESERVE_OUT:-out}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPython_EXECUTABLE=/usr/bin/python3
cmake --build "$build" -j"$(nproc)" --target reserve_cli
reserve="$build/bin/reserve"

inputs=(--before data/baseline.gpkg --after data/proposal.gpkg
        --mining data/mining_rights.gpkg
        --facilities data/facilities.csv --facilities data/facilities.gpkg)

# The check: exit 0 all rules pass, 1 a rule fails (the sample proposal is built to fail all
# three), anything else is an error.
set +e
"$reserve" check "${inputs[@]}" --monitoring data/monitoring.csv \
  --assignments data/assignments.csv --map "$out/map.png" --out "$out"
status=$?
set -e
if [ "$status" -gt 1 ]; then
  echo "demo: reserve check failed with exit code $status" >&2
  exit "$status"
fi

# The printable maps (PDF with selectable Chinese text, SVG), with the river.
"$reserve" map "${inputs[@]}" --rivers data/river.gpkg --format pdf,svg --out "$out/map"

# What it would take to pass: candidate land (data/candidates.gpkg) → out/suggest/ (exit 1 would
# mean no candidate set can pass).
"$reserve" suggest "${inputs[@]}" --candidates data/candidates.gpkg --out "$out/suggest"

echo
echo "demo: the proposal $( [ "$status" -eq 0 ] && echo passes || echo fails ) the three-no profile."
echo "demo: report  $out/report.html  $out/report.json  $out/report.md"
echo "demo: map     $out/map.pdf  $out/map.svg  $out/map.png"
echo "demo: ledger  $out/ledger.csv  $out/ledger.xlsx"
echo "demo: evidence layers  $out/evidence.gpkg"
echo "demo: suggestion  $out/suggest/report.html  $out/suggest/suggestion.gpkg  $out/suggest/proposal_suggested.gpkg  $out/suggest/suggestion_map.svg"
