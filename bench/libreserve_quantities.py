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

_DECODER = json.JSONDecoder()
_CHUNK = 1 << 24


class _Stream:
    """One JSON text read a value at a time: province.json at national scale is ~2 GB, more than
    json.loads can hold, but each reserve's object is small."""

    def __init__(self, path):
        self.f = open(path, encoding="utf-8")
        self.buf, self.at = "", 0

    def _more(self, at_least=0):
        chunk = self.f.read(max(_CHUNK, at_least))
        if not chunk:
            return False
        self.buf = self.buf[self.at:] + chunk
        self.at = 0
        return True

    def peek(self):
        """The next non-blank character, or "" at the end."""
        while True:
            while self.at < len(self.buf) and self.buf[self.at] in " \t\r\n":
                self.at += 1
            if self.at < len(self.buf):
                return self.buf[self.at]
            if not self._more():
                return ""

    def take(self, ch):
        if self.peek() != ch:
            raise SystemExit(f"province.json: expected {ch!r} at …{self.buf[self.at:self.at + 40]!r}")
        self.at += 1

    def value(self):
        """The next whole value. A value is complete only when something follows it (a number cut
        by the chunk's end would otherwise parse as a shorter one)."""
        self.peek()
        while True:
            try:
                v, end = _DECODER.raw_decode(self.buf, self.at)
                rest = end
                while rest < len(self.buf) and self.buf[rest] in " \t\r\n":
                    rest += 1
                if rest < len(self.buf):
                    self.at = end
                    return v
            except json.JSONDecodeError:
                pass
            # At least double what is held, so that a large value is decoded O(log n) times.
            if not self._more(len(self.buf) - self.at):
                v, end = _DECODER.raw_decode(self.buf, self.at)  # the last value, or the error
                self.at = end
                return v


def province_reserves(path):
    """The objects of province.json's "reserves" array, one at a time."""
    s = _Stream(path)
    s.take("{")
    while s.peek() != "}":
        key = s.value()
        s.take(":")
        if key != "reserves":
            s.value()
        else:
            s.take("[")
            while s.peek() != "]":
                yield s.value()
                if s.peek() == ",":
                    s.take(",")
            s.take("]")
        if s.peek() == ",":
            s.take(",")


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
        def checked():
            for r in province_reserves(src):
                if r.get("report"):
                    yield r["reserve"], r["report"]
                else:  # not checked: its quantities will show as disagreements
                    print(f"libreserve: {r['reserve']} ({r.get('match')}) not checked: "
                          f"{r.get('error')}", file=sys.stderr)
        reports = checked()
    else:
        reports = ((p.parent.name, json.loads(p.read_text(encoding="utf-8")))
                   for p in sorted(src.glob("*/report.json")))
    n = 0
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["quantity", "reserve", "side", "key", "zone", "value"])
        n_reports = 0
        for reserve, report in reports:
            n_reports += 1
            for q in quantities(reserve, report):
                w.writerow([*q[:5], repr(float(q[5]))])
                n += 1
    print(f"libreserve: {n_reports} reports, {n:,} quantities")


if __name__ == "__main__":
    main()
