#!/usr/bin/env bash
# Province / national benchmark (issue 11.2): libreserve, a plain GEOS C loop
# (bench/geos_loop.cpp) and GeoPandas (bench/geopandas_province.py) compute the same per-reserve
# quantities — per-zone areas, the before × after transition matrix, mine × zone areas and
# facility zones — on the same seeded files, one after another in one run, each under
# /usr/bin/time -v (wall, CPU, peak RSS). Then bench/agreement.py checks that they agree (areas
# to 1e-6 relative, every point in the same zone), and the table and the ratios are printed.
#
#   bench/run_province.sh [--scale province|national|small] [--reserve BINARY]
#       [--geos-loop BINARY] [--data DIR] [--libreserve-mode auto|province|per-reserve]
#       [--jobs N] [--skip libreserve|geos|geopandas]… [--show N]
#
# --scale          workload of bench/gen_province.py (default province); generated into
#                  bench/out/<scale> on first use and reused while the generator is unchanged
# --reserve        the reserve CLI (default build/bin/reserve)
# --geos-loop      the plain loop (default build/bin/bench_geos_loop; ninja bench_geos_loop)
# --libreserve-mode
#                  province: one `reserve check --reserve-field reserve_id` over the whole
#                  layers (province mode, issue 11.1), reading DIR/province.json;
#                  per-reserve: the layers split per reserve (untimed, cached) and one
#                  `reserve check` per reserve (timed together), reading each report.json;
#                  auto (default): province when `reserve check --help` offers --reserve-field
# --jobs           passed to province mode (default: libreserve's own default)
# --skip           leave a tool out (e.g. GeoPandas at national scale); said in the output
# Exit 0 when every tool ran and all agree, 1 otherwise.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
scale=province reserve=$here/../build/bin/reserve geos=$here/../build/bin/bench_geos_loop
data="" mode=auto jobs="" show=10 skip=" "
while [ $# -gt 0 ]; do
  case $1 in
    --scale) scale=$2; shift 2 ;;
    --reserve) reserve=$2; shift 2 ;;
    --geos-loop) geos=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --libreserve-mode) mode=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --skip) skip="$skip$2 "; shift 2 ;;
    --show) show=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run_province: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
data=${data:-$here/out/$scale}
py=/usr/bin/python3
skipped() { case $skip in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
for t in $skip; do
  case $t in libreserve|geos|geopandas) ;; *) echo "run_province: --skip $t: not a tool" >&2; exit 2 ;; esac
done

gen_sha=$(sha256sum "$here/gen_province.py" | cut -d' ' -f1)
if [ ! -f "$data/meta.json" ] || ! grep -q "\"scale\": \"$scale\"" "$data/meta.json" ||
  ! grep -q "\"generator_sha256\": \"$gen_sha\"" "$data/meta.json"; then
  rm -rf "$data/split"  # cut from the old files
  echo "generating the $scale workload into $data (seeded)"
  nice $py "$here/gen_province.py" --scale "$scale" --out "$data"
fi
$py - "$data/meta.json" <<'EOF'
import json, sys
m = json.load(open(sys.argv[1]))
print(f"workload {m['scale']}: {m['reserves']:,} reserves, {m['zones_per_side']:,} zones with "
      f"{m['vertices']['before']:,} / {m['vertices']['after']:,} vertices before / after, "
      f"{m['mining_rights']:,} mining rights, {m['facilities']:,} facilities, EPSG:{m['epsg']}; "
      f"largest reserve {m['largest_reserve']['reserve_id']} "
      f"({m['largest_reserve']['outline_vertices']:,} outline vertices); "
      f"generated in {m['generation_s']['total']} s")
EOF
largest=$(sed -n 's/.*"reserve_id": "\([^"]*\)".*/\1/p' "$data/meta.json" | head -1)
inputs=(--before "$data/before.gpkg" --after "$data/after.gpkg" --mining "$data/mining.gpkg"
        --facilities "$data/facilities.gpkg")
res=$data/results
rm -rf "$res"
mkdir -p "$res"
# Every tool reads the inputs from the page cache (read once here): the first tool does not pay
# for the disk on the others' behalf.
cat "$data/before.gpkg" "$data/after.gpkg" "$data/mining.gpkg" "$data/facilities.gpkg" >/dev/null

# The options that make libreserve compute what the other two compute: planar areas, the zone
# a point lies in (no 1 m boundary band), every piece's area, features keyed by 编号.
check_args=(--format json --area-method planar --boundary-tolerance-m 0 --min-area-m2 0
            --id-field 编号)

# timed NAME CMD…: run CMD under /usr/bin/time -v (niced: the machine is shared); stdout and
# stderr into $res/NAME.{out,time}; returns CMD's exit code.
timed() {
  local name=$1
  shift
  local rc=0
  nice /usr/bin/time -v "$@" >"$res/$name.out" 2>"$res/$name.time" || rc=$?
  return $rc
}
# stats NAME: "wall_s cpu_s rss_mb" from $res/NAME.time
stats() {
  local f=$res/$1.time
  local wall cpu rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$f" |
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  cpu=$(sed -n 's/.*\(User\|System\) time (seconds): //p' "$f" | awk '{ s += $1 } END { print s }')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$f")
  echo "$wall $cpu $((rss / 1024))"
}

status=0
declare -A wall cpu rss note
ran=()
run_tool() {  # run_tool NAME LABEL CMD…
  local name=$1 label=$2
  shift 2
  echo "running $label …"
  local rc=0
  timed "$name" "$@" || rc=$?
  # `reserve check` exits 1 when a rule fails and 5 when a rule's input is incomplete: results.
  if [ $rc -eq 0 ] || { [ "$name" = libreserve ] && { [ $rc -eq 1 ] || [ $rc -eq 5 ]; }; }; then
    read -r "wall[$name]" "cpu[$name]" "rss[$name]" < <(stats "$name")
    ran+=("$name")
    grep -v '^\s*$' "$res/$name.out" | tail -2 | sed 's/^/  /'
  else
    echo "  $label FAILED (exit $rc); see $res/$name.time" >&2
    tail -5 "$res/$name.time" >&2
    status=1
  fi
}

if skipped geos; then note[geos]="skipped (--skip geos)"; else
  mkdir -p "$res/geos"
  note[geos]="one thread, prepared zones + STRtree, one GEOSIntersection per pair"
  run_tool geos "the plain GEOS loop" "$geos" "${inputs[@]}" --out "$res/geos"
fi

if skipped libreserve; then note[libreserve]="skipped (--skip libreserve)"; else
  if [ "$mode" = auto ]; then
    help=$("$reserve" check --help 2>/dev/null || true)
    if [[ $help == *--reserve-field* ]]; then mode=province
    else mode=per-reserve; fi
  fi
  case $mode in
    province)
      jobs_arg=()
      [ -n "$jobs" ] && jobs_arg=(--jobs "$jobs")
      run_tool libreserve "libreserve (province mode)" "$reserve" check "${inputs[@]}" \
        --reserve-field reserve_id "${check_args[@]}" "${jobs_arg[@]}" --out "$res/libreserve"
      if [ -n "${wall[libreserve]:-}" ]; then
        $py "$here/libreserve_quantities.py" province "$res/libreserve/province.json" \
          "$res/libreserve/quantities.csv"
      fi
      note[libreserve]="province mode: one reserve check --reserve-field reserve_id" ;;
    per-reserve)
      split=$data/split
      if [ ! -f "$split/reserves.txt" ]; then
        echo "splitting the layers per reserve (not timed; cached in $split) …"
        s0=$(date +%s.%N)
        nice $py "$here/split_province.py" "$data" "$split"
        echo "$(date +%s.%N) $s0" | awk '{ printf "%.1f\n", $1 - $2 }' >"$split/seconds"
      fi
      run_tool libreserve "libreserve (per-reserve: reserve check × $(wc -l <"$split/reserves.txt"))" \
        $py "$here/libreserve_per_reserve.py" "$reserve" "$split" "$res/libreserve" \
        "${check_args[@]}"
      if [ -n "${wall[libreserve]:-}" ]; then
        $py "$here/libreserve_quantities.py" per-reserve "$res/libreserve" \
          "$res/libreserve/quantities.csv"
      fi
      note[libreserve]="per-reserve fallback: reserve check once per reserve on pre-clipped layers (splitting, not timed: $(cat "$split/seconds" 2>/dev/null || echo '?') s)" ;;
    *) echo "run_province: --libreserve-mode $mode: auto, province or per-reserve" >&2; exit 2 ;;
  esac
fi

if skipped geopandas; then note[geopandas]="skipped (--skip geopandas)"; else
  note[geopandas]="overlay + sjoin (rtree index; no PyGEOS: Shapely $($py -c 'import shapely; print(shapely.__version__)'))"
  run_tool geopandas "GeoPandas $($py -c 'import geopandas; print(geopandas.__version__)')" \
    $py "$here/geopandas_province.py" "${inputs[@]}" --out "$res/geopandas"
fi

echo
echo "agreement (the first tool that ran is the reference):"
csvs=()
for t in geos libreserve geopandas; do
  [ -n "${wall[$t]:-}" ] && [ -f "$res/$t/quantities.csv" ] && csvs+=("$t=$res/$t/quantities.csv")
done
if [ ${#csvs[@]} -ge 2 ]; then
  $py "$here/agreement.py" --show "$show" "${csvs[@]}" || status=1
else
  echo "  fewer than two tools ran: nothing to compare"
fi

echo
echo "$scale scale, one run, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores (shared; every tool niced):"
printf '  %-12s %9s %9s %12s   %s\n' tool "wall s" "CPU s" "peak RSS MB" ""
for t in libreserve geos geopandas; do
  label=$t
  [ $t = geos ] && label="GEOS loop"
  if [ -n "${wall[$t]:-}" ]; then
    printf '  %-12s %9.2f %9.2f %12d   %s\n' "$label" "${wall[$t]}" "${cpu[$t]}" "${rss[$t]}" "${note[$t]:-}"
  else
    printf '  %-12s %9s %9s %12s   %s\n' "$label" - - - "${note[$t]:-failed}"
  fi
done
ratio() {  # ratio A B LABEL: wall and CPU of A / B
  if [ -n "${wall[$1]:-}" ] && [ -n "${wall[$2]:-}" ]; then
    awk -v a="${wall[$1]}" -v b="${wall[$2]}" -v c="${cpu[$1]}" -v d="${cpu[$2]}" -v l="$3" \
      'BEGIN { if (b > 0 && d > 0) printf "  %s wall %6.2f×   CPU %6.2f×\n", l, a / b, c / d }'
  fi
}
echo "ratios:"
ratio libreserve geos "libreserve / GEOS loop:   " || true
ratio geopandas libreserve "GeoPandas / libreserve:   " || true
ratio geopandas geos "GeoPandas / GEOS loop:    " || true
echo "  targets (issue 11.2): libreserve ≤ 0.25× the GEOS loop, GeoPandas ≥ 20× libreserve"
echo "largest reserve $largest, its own time:"
if [ -f "$res/geos/timing.csv" ]; then
  awk -F, -v r="$largest" '$1 == r { printf "  GEOS loop   wall %7.3f s   CPU %7.3f s\n", $3, $4 }' \
    "$res/geos/timing.csv"
fi
if [ -f "$res/libreserve/timing.csv" ]; then
  awk -F, -v r="$largest" '$1 == r { printf "  libreserve  wall %7.3f s   CPU %7.3f s   (one reserve check, start-up included; target ≤ 1 s)\n", $3, $4 }' \
    "$res/libreserve/timing.csv"
elif [ -n "${wall[libreserve]:-}" ]; then
  echo "  libreserve  not measured separately in province mode"
fi
echo "results in $res"
exit $status
