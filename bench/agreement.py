#!/usr/bin/python3
"""Agreement check of the province benchmark (issue 11.2): do the tools compute the same
quantities? Each input is a quantities.csv (quantity,reserve,side,key,zone,value) written by
bench/geos_loop.cpp, bench/geopandas_province.py or bench/libreserve_quantities.py.

  /usr/bin/python3 bench/agreement.py [--show N] NAME=quantities.csv NAME=quantities.csv …

The first input is the reference; every other one is compared with it:
  areas (zone_area, transition, mine_zone)  agree when |a − b| ≤ 1e-6 · max(|a|, |b|), or
      |a − b| ≤ 1e-3 m² (an absolute floor for values that are differences of large areas, such
      as an unchanged reserve's "removed" area, which is 0 up to rounding: ~1e-8 m²); a key
      missing on one side counts as 0 m²;
  facility_zone  every (reserve, side, facility) must be in the same zone on both sides; a
      facility in a zone on one side and in none on the other is a disagreement.
A quantity kind that a tool does not produce at all is reported as "not compared" (and does
not fail the check). Prints the first N disagreements of each kind; exit 1 when any.
"""
import argparse
import csv
import sys
from collections import defaultdict

REL, ABS_M2 = 1e-6, 1e-3
AREA_KINDS = ("zone_area", "transition", "mine_zone")


def load(path):
    """{kind: {(reserve, side, key, zone): value}} for areas; {(reserve, side, key): zone} for
    facility zones (kind "facility_zone")."""
    q = defaultdict(dict)
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            kind = row["quantity"]
            if kind == "facility_zone":
                key = (row["reserve"], row["side"], row["key"])
                if key in q[kind] and q[kind][key] != row["zone"]:
                    raise SystemExit(f"{path}: facility {key} in two zones")
                q[kind][key] = row["zone"]
            else:
                k = (row["reserve"], row["side"], row["key"], row["zone"])
                q[kind][k] = q[kind].get(k, 0.0) + float(row["value"])
    return q


def compare(ref_name, ref, name, other, show):
    bad = 0
    for kind in AREA_KINDS + ("facility_zone",):
        if kind not in other or kind not in ref:
            missing = name if kind not in other else ref_name
            print(f"  {kind:14s} not compared: {missing} does not produce it")
            continue
        r, o = ref[kind], other[kind]
        diffs = []
        worst = 0.0
        for k in sorted(set(r) | set(o)):
            if kind == "facility_zone":
                if r.get(k) != o.get(k):
                    diffs.append(f"{'/'.join(k)}: {ref_name} {r.get(k, 'none')}, "
                                 f"{name} {o.get(k, 'none')}")
                continue
            a, b = r.get(k, 0.0), o.get(k, 0.0)
            d = abs(a - b)
            scale = max(abs(a), abs(b))
            if scale >= 1.0:  # m²; relative differences of near-zero values mean nothing
                worst = max(worst, d / scale)
            if d > REL * scale and d > ABS_M2:
                diffs.append(f"{'/'.join(x for x in k if x)}: {ref_name} {a:.6f} m², "
                             f"{name} {b:.6f} m² (Δ {d:.3g} m², {d / scale:.2e} relative)")
        n = len(set(r) | set(o))
        extra = f", largest relative difference {worst:.1e} (values ≥ 1 m²)" if kind != "facility_zone" else ""
        print(f"  {kind:14s} {n:9,d} compared, {len(diffs):,d} disagree{extra}")
        for line in diffs[:show]:
            print(f"      {line}")
        if len(diffs) > show:
            print(f"      … and {len(diffs) - show:,d} more")
        bad += len(diffs)
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=10, help="disagreements printed per kind")
    ap.add_argument("inputs", nargs="+", metavar="NAME=CSV")
    a = ap.parse_args()
    named = [x.split("=", 1) for x in a.inputs]
    if len(named) < 2 or any(len(x) != 2 for x in named):
        ap.error("give at least two NAME=quantities.csv inputs")
    (ref_name, ref_path), *others = named
    ref = load(ref_path)
    bad = 0
    for name, path in others:
        print(f"agreement {name} vs {ref_name} (areas to {REL:g} relative or {ABS_M2:g} m², "
              f"points in the same zone):")
        bad += compare(ref_name, ref, name, load(path), a.show)
    print("agreement: " + ("all agree" if not bad else f"{bad:,d} disagreements"))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
