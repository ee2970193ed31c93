#!/usr/bin/python3
"""The "per-reserve" libreserve runner of the province benchmark (issue 11.2): `reserve check`
once per reserve on the folders of bench/split_province.py, one after another — what a user
without province mode does. This is the timed process (run it under /usr/bin/time -v); the
split is not timed.

  /usr/bin/python3 bench/libreserve_per_reserve.py RESERVE_BINARY SPLIT_DIR OUT_DIR [CHECK_ARGS…]

Writes OUT_DIR/<reserve>/report.json (and what else `check` writes) and OUT_DIR/timing.csv
(reserve,exit,seconds,cpu_seconds); prints the slowest reserve (by CPU). Exit 1 when a check
ends with an exit code other than 0 (pass), 1 (a rule fails) or 5 (incomplete).
"""
import resource
import subprocess
import sys
import time
from pathlib import Path


def children_cpu_s():
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


def main():
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    binary, split, out, extra = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4:]
    reserves = (split / "reserves.txt").read_text().split()
    out.mkdir(parents=True, exist_ok=True)
    rows, failed = [], []
    for r in reserves:
        d = split / r
        cmd = [binary, "check", "--before", str(d / "before.gpkg"), "--after",
               str(d / "after.gpkg"), "--mining", str(d / "mining.gpkg"), "--facilities",
               str(d / "facilities.gpkg"), "--out", str(out / r), *extra]
        started, cpu = time.monotonic(), children_cpu_s()
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        rows.append((r, p.returncode, time.monotonic() - started, children_cpu_s() - cpu))
        if p.returncode not in (0, 1, 5):
            failed.append(r)
            print(f"per-reserve: {r}: exit {p.returncode}: {p.stderr.strip()[:500]}",
                  file=sys.stderr)
    with open(out / "timing.csv", "w") as f:
        f.write("reserve,exit,seconds,cpu_seconds\n")
        f.writelines(f"{r},{rc},{s:.6f},{c:.6f}\n" for r, rc, s, c in rows)
    r, _, s, c = max(rows, key=lambda x: x[3])
    print(f"libreserve per-reserve: {len(rows)} checks, slowest {r} {s:.2f} s (CPU {c:.2f} s)"
          + (f"; {len(failed)} failed" if failed else ""))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
