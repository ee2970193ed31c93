#!/usr/bin/env python3
"""Issue 13.3: a `reserve` run killed with SIGKILL at any moment leaves every output file either
absent or complete and valid, and leftover temporary files do not break the next run.

Table-driven (check, map, ledger and a province check): COMMANDS holds one line per command
(name, arguments, output files, kills); a new command is one more line. Seeded (--seed), so a failure can be replayed.

For each command: one full run measures its duration and checks that every output is written and
valid; then each trial starts the command (on a clean output folder, or on one holding the
outputs of earlier trials, so that both "absent" and "replace an old file" are exercised),
SIGKILLs it after a random delay — every other trial uniform in [0, 1.2 × duration], the others
in the writing phase (from when the full run's first file appeared to 1.1 × duration), where a
non-atomic writer would be caught — and validates every output that exists.
Finally one more full run must succeed over the leftovers, remove the dead runs' temporary files
(named .<stem>.tmp-<pid>-<n><ext>), and write valid outputs.

Validation (independent of libreserve): JSON parses (json); GeoPackage opens with GDAL (osgeo) and
passes SQLite's PRAGMA integrity_check; XLSX unzips (zipfile.testzip) and every XML part parses;
PNG/PDF/SVG decode with PIL (PNG), by structure (PDF: header, %%EOF, startxref pointing at an
xref table or stream; every FlateDecode stream inflates) and with ElementTree (SVG); Markdown and
HTML end with their closing text; CSV decodes as UTF-8 with a BOM and its rows have the header's
column count.
"""
import argparse
import csv
import io
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile
import zlib

CHECK_OUT = ["report.json", "report.md", "report.html", "evidence.gpkg", "ledger.csv",
             "ledger.xlsx", "map.png"]
MAP_OUT = ["map.pdf", "map.svg", "map.png"]
LEDGER_OUT = ["ledger.csv", "ledger.xlsx"]
PROVINCE_OUT = ["province.json", "province.csv", "province.xlsx", "province.html",
                "province_map.png", "province_map.pdf", "province_ledger.csv",
                "province_ledger.xlsx"]

INPUTS = ["--before", "{data}/baseline.gpkg", "--after", "{data}/proposal.gpkg",
          "--mining", "{data}/mining_rights.gpkg", "--facilities", "{data}/facilities.csv",
          "--facilities", "{data}/facilities.gpkg"]

# (name, arguments ({data}: the sample data folder, {out}: the output folder), outputs, kills)
COMMANDS = [
    ("check", ["check", *INPUTS, "--monitoring", "{data}/monitoring.csv", "--assignments",
               "{data}/assignments.csv", "--map", "{out}/map.png", "--out", "{out}"],
     CHECK_OUT, 16),
    ("map", ["map", *INPUTS, "--rivers", "{data}/river.gpkg", "--format", "pdf,svg,png",
             "--out", "{out}/map"], MAP_OUT, 14),
    ("ledger", ["ledger", *INPUTS, "--monitoring", "{data}/monitoring.csv", "--out", "{out}"],
     LEDGER_OUT, 12),
    # Province mode: the sample reserve twice ({province}: made by make_province), two workers.
    ("province", ["check", "--before", "{province}/before.gpkg", "--after",
                  "{province}/after.gpkg", "--reserve-field", "保护区名称", "--mining",
                  "{data}/mining_rights.gpkg", "--jobs", "2", "--quiet", "--out", "{out}"],
     PROVINCE_OUT, 10),
]

TEMP_RE = re.compile(r"^\..+\.tmp-(\d+)-\d+(\.[A-Za-z0-9]+)?(-journal|-wal|-shm)?$")


class Invalid(Exception):
    pass


def check_json(path):
    with open(path, "rb") as f:
        json.loads(f.read().decode("utf-8"))


def check_gpkg(path):
    con = sqlite3.connect("file:" + path + "?mode=ro", uri=True)
    try:
        rows = con.execute("PRAGMA integrity_check").fetchall()
        if rows != [("ok",)]:
            raise Invalid(f"integrity_check: {rows}")
        tables = {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")}
    finally:
        con.close()
    if not {"removed", "added", "downgraded", "upgraded", "noise"} <= tables:
        raise Invalid(f"layers missing: {sorted(tables)}")
    from osgeo import gdal, ogr  # Debian's python3-gdal, independent of libreserve's reader
    gdal.UseExceptions()
    ds = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY)
    for i in range(ds.GetLayerCount()):
        for _ in ds.GetLayer(i):
            pass


def check_xlsx(path):
    with zipfile.ZipFile(path) as z:
        bad = z.testzip()
        if bad is not None:
            raise Invalid(f"bad member {bad}")
        names = z.namelist()
        if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
            raise Invalid(f"not a workbook: {names}")
        for n in names:
            if n.endswith(".xml") or n.endswith(".rels"):
                ET.fromstring(z.read(n))


def check_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(b"\x89PNG\r\n\x1a\n") or not data.endswith(b"IEND\xaeB`\x82"):
        raise Invalid("no PNG signature or IEND chunk")
    from PIL import Image
    with Image.open(io.BytesIO(data)) as im:
        im.load()  # decodes every pixel: a truncated IDAT raises


def check_pdf(path):
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(b"%PDF-"):
        raise Invalid("no %PDF- header")
    if not data.rstrip().endswith(b"%%EOF"):
        raise Invalid("no %%EOF trailer")
    m = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data)
    if not m:
        raise Invalid("no startxref")
    at = int(m.group(1))
    if not (data[at:at + 4] == b"xref" or re.match(rb"\d+ \d+ obj", data[at:at + 20])):
        raise Invalid(f"startxref {at} does not point at an xref table or stream")
    for s in re.finditer(rb"/FlateDecode.*?>>\s*stream\r?\n", data, re.S):
        end = data.find(b"endstream", s.end())
        if end < 0:
            raise Invalid("stream without endstream")
        zlib.decompressobj().decompress(data[s.end():end])


def check_svg(path):
    root = ET.parse(path).getroot()
    if not root.tag.endswith("svg"):
        raise Invalid(f"root element {root.tag}")


def check_text_end(marker):
    def check(path):
        with open(path, "rb") as f:
            text = f.read().decode("utf-8")
        if marker not in text[-200:]:
            raise Invalid(f"does not end with {marker!r}")
    return check


def check_md(path):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")
    if not text.endswith("\n") or len(text) < 100:
        raise Invalid("truncated Markdown")


def check_csv(path):
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(b"\xef\xbb\xbf"):
        raise Invalid("no UTF-8 BOM")
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"))))
    if not rows or any(len(r) != len(rows[0]) for r in rows):
        raise Invalid("rows of unequal length")


CHECKERS = {".json": check_json, ".gpkg": check_gpkg, ".xlsx": check_xlsx, ".png": check_png,
            ".pdf": check_pdf, ".svg": check_svg, ".html": check_text_end("</html>"),
            ".md": check_md, ".csv": check_csv}


def validate(folder, outputs):
    """Every output present is valid; returns the names present."""
    present = []
    for name in outputs:
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            continue
        try:
            CHECKERS[os.path.splitext(name)[1]](path)
        except Exception as e:  # any failure to read is a half-written file
            raise Invalid(f"{path}: {type(e).__name__}: {e}") from e
        present.append(name)
    return present


def temporaries(folder):
    return sorted(n for n in os.listdir(folder) if TEMP_RE.match(n)) if os.path.isdir(folder) else []


PROVINCE_DIR = ""  # set by main (make_province)


def argv(cli, args, data, out):
    return [cli] + [a.replace("{data}", data).replace("{out}", out)
                    .replace("{province}", PROVINCE_DIR) for a in args]


def make_province(data, folder):
    """A province layer pair from the sample: its baseline and proposal as reserve 甲, and a copy
    moved 40 km east as reserve 乙 (field 保护区名称)."""
    from osgeo import ogr
    os.makedirs(folder, exist_ok=True)
    for side, name in (("before", "baseline"), ("after", "proposal")):
        src = ogr.Open(os.path.join(data, name + ".gpkg"))
        layer = src.GetLayer(0)
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(os.path.join(folder, side + ".gpkg"))
        out = ds.CreateLayer("zones", layer.GetSpatialRef(), ogr.wkbMultiPolygon)
        defn = layer.GetLayerDefn()
        for i in range(defn.GetFieldCount()):
            out.CreateField(defn.GetFieldDefn(i))
        out.CreateField(ogr.FieldDefn("保护区名称", ogr.OFTString))
        for reserve, dx in (("甲", 0.0), ("乙", 40000.0)):
            layer.ResetReading()
            for f in layer:
                g = f.GetGeometryRef().Clone()
                if dx:
                    for k in range(g.GetGeometryCount()):
                        part = g.GetGeometryRef(k)
                        for r in range(max(1, part.GetGeometryCount())):
                            ring = part.GetGeometryRef(r) if part.GetGeometryCount() else part
                            for v in range(ring.GetPointCount()):
                                ring.SetPoint_2D(v, ring.GetX(v) + dx, ring.GetY(v))
                nf = ogr.Feature(out.GetLayerDefn())
                for i in range(defn.GetFieldCount()):
                    nf.SetField(defn.GetFieldDefn(i).GetNameRef(), f.GetField(i))
                nf.SetField("保护区名称", reserve)
                nf.SetGeometry(g)
                out.CreateFeature(nf)
        ds = None


def run_full(cmd, folder):
    """Runs to the end; returns its duration and when the first file appeared in `folder` (the
    start of the writing phase, where a kill matters most)."""
    before = set(os.listdir(folder)) if os.path.isdir(folder) else set()
    t0 = time.monotonic()
    first_write = None
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while p.poll() is None:
        if first_write is None and os.path.isdir(folder) and set(os.listdir(folder)) - before:
            first_write = time.monotonic() - t0
        time.sleep(0.002)
    duration = time.monotonic() - t0
    err = p.stderr.read().decode()
    if p.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {p.returncode}: {err}")
    return duration, duration if first_write is None else first_write


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--scale", type=float, default=1.0, help="multiplies every command's kills")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    env_ok = True
    total_kills = 0
    with tempfile.TemporaryDirectory(prefix="reserve-kill-") as tmp:
        global PROVINCE_DIR
        PROVINCE_DIR = os.path.join(tmp, "province-in")
        make_province(a.data, PROVINCE_DIR)
        for name, args, outputs, kills in COMMANDS:
            out = os.path.join(tmp, name)
            folder = os.path.dirname(os.path.join(out, outputs[0]))
            subprocess.run(["rm", "-rf", out], check=True)
            duration, writing = run_full(argv(a.cli, args, a.data, out), folder)
            full = validate(folder, outputs)
            if sorted(full) != sorted(outputs):
                raise SystemExit(f"{name}: a full run wrote {full}, expected {outputs}")
            n = max(1, round(kills * a.scale))
            seen = {"absent": 0, "kept": 0, "partial-set": 0}
            for trial in range(n):
                if rng.random() < 0.5:
                    subprocess.run(["rm", "-rf", out], check=True)
                # Half the kills anywhere in the run, half in its writing phase.
                delay = rng.uniform(0, 1.2 * duration) if trial % 2 else \
                    rng.uniform(0.9 * writing, 1.1 * duration)
                p = subprocess.Popen(argv(a.cli, args, a.data, out), stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
                time.sleep(delay)
                p.send_signal(signal.SIGKILL)
                p.wait()
                total_kills += 1
                try:
                    present = validate(folder, outputs)
                except Invalid as e:
                    print(f"FAIL {name} trial {trial} (seed {a.seed}, kill after {delay:.3f} s): {e}")
                    env_ok = False
                    continue
                key = "absent" if not present else "kept" if len(present) == len(outputs) \
                    else "partial-set"
                seen[key] += 1
            left = temporaries(folder)
            # Planted leftovers: a dead process's (must go) and a live one's (ours: must stay).
            dead = subprocess.Popen(["true"])
            dead.wait()
            planted_dead, planted_live = [], []
            os.makedirs(folder, exist_ok=True)
            for o in outputs:
                stem, ext = os.path.splitext(o)
                if os.path.dirname(os.path.join(out, o)) != folder:
                    continue
                d = os.path.join(folder, f".{stem}.tmp-{dead.pid}-0{ext}")
                lv = os.path.join(folder, f".{stem}.tmp-{os.getpid()}-0{ext}")
                for path in (d, lv):
                    with open(path, "wb") as f:
                        f.write(b"half-written")
                planted_dead.append(d)
                planted_live.append(lv)
            duration2, _ = run_full(argv(a.cli, args, a.data, out), folder)
            after = validate(folder, outputs)
            stale = [t for t in temporaries(folder)
                     if os.path.join(folder, t) not in planted_live]
            kept_live = [p for p in planted_live if os.path.exists(p)]
            for path in planted_live:
                os.remove(path)
            print(f"{name}: {n} kills over {duration:.2f} s runs (writing from {writing:.2f} s); output sets after a kill: "
                  f"{seen}; {len(left)} temporary file(s) left by killed runs, "
                  f"{len(stale)} after the next run ({duration2:.2f} s)")
            if sorted(after) != sorted(outputs):
                print(f"FAIL {name}: the run after the kills wrote {after}")
                env_ok = False
            if len(kept_live) != len(planted_live):
                print(f"FAIL {name}: a live process's temporary file was removed")
                env_ok = False
            if stale:
                print(f"FAIL {name}: temporary files of dead runs not removed: {stale}")
                env_ok = False
    print(f"{total_kills} kills in total, seed {a.seed}: {'ok' if env_ok else 'FAILED'}")
    return 0 if env_ok else 1


if __name__ == "__main__":
    sys.exit(main())
