#!/usr/bin/python3
"""The benchmark's quantities (bench/agreement.py format) from libreserve's own reports.

  /usr/bin/python3 bench/libreserve_quantities.py per-reserve RUN_DIR OUT_CSV
      RUN_DIR/<reserve>/report.json, one per reserve (bench/libreserve_per_reserve.py)
  /usr/bin/python3 bench/libreserve_quantities.py province PROVINCE_JSON OUT_CSV
      province.json of `reserve check --reserve-field …` (province mode, issue 11.1):
      {"reserves": [{"reserve": id, "match": …, "report": <report.json object>}], …}

Where each quantity lives in report.json (schema 1.0.0), with --area-method planar:
  zone_area      comparison.before|after.zones[].area_m2 (by .zone)
  transition     comparison.matrix.cells[] (from, to, area_m2; "outside" = removed / added)
  mine_zone      extensions.conflicts.features[] with geometry "polygon": .id and
                 .before|after.areas[] (zone, area_m2; the "outside" part dropped)
  facility_zone  extensions.conflicts.features[] with geometry "point": .id, .before|after.zone
Features farther than 100 m from the reserve are not listed (only counted); they cannot lie
in a zone, so nothing the agreement check needs is lost.
"""
import csv
import json
import sys
from pathlib import Path


def quantities(reserve, report):
    c = report["comparison"]
    for side in ("before", "after"):
        for z in c[side]["zones"]:
            yield "zone_area", reserve, side, "", z["zone"], z["area_m2"]
    for cell in c["matrix"]["cells"]:
        if cell["from"] != "outside" or cell["to"] != "outside":
            yield "transition", reserve, "", cell["from"], cell["to"], cell["area_m2"]
    for f in report.get("extensions", {}).get("conflicts", {}).get("features", []):
        for side in ("before", "after"):
            s = f[side]
            if f["geometry"] == "point":
                if s["zone"] != "outside":
                    yield "facility_zone", reserve, side, f["id"], s["zone"], 1
            else:
                for part in s.get("areas", []):
                    if part["zone"] != "outside" and part["area_m2"] > 0:
                        yield "mine_zone", reserve, side, f["id"], part["zone"], part["area_m2"]


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("per-reserve", "province"):
        raise SystemExit(__doc__)
    mode, src, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    if mode == "province":
        doc = json.loads(src.read_text(encoding="utf-8"))
        reports = [(r["reserve"], r["report"]) for r in doc["reserves"] if r.get("report")]
        for r in doc["reserves"]:
            if not r.get("report"):  # not checked: its quantities will show as disagreements
                print(f"libreserve: {r['reserve']} ({r.get('match')}) not checked: "
                      f"{r.get('error')}", file=sys.stderr)
    else:
        reports = [(p.parent.name, json.loads(p.read_text(encoding="utf-8")))
                   for p in sorted(src.glob("*/report.json"))]
    n = 0
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["quantity", "reserve", "side", "key", "zone", "value"])
        for reserve, report in reports:
            for q in quantities(reserve, report):
                w.writerow([*q[:5], repr(float(q[5]))])
                n += 1
    print(f"libreserve: {len(reports)} reports, {n:,} quantities")


if __name__ == "__main__":
    main()
