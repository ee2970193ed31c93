#!/usr/bin/python3
"""Split a province workload into one folder per reserve (the untimed preparation of the
benchmark's "per-reserve" libreserve runner, issue 11.2).

  /usr/bin/python3 bench/split_province.py DATA_DIR OUT_DIR [--reserve-field reserve_id]

DATA_DIR holds before.gpkg, after.gpkg, mining.gpkg, facilities.gpkg (bench/gen_province.py).
Writes OUT_DIR/<reserve>/{before,after,mining,facilities}.gpkg: the reserve's zones, and the
mining rights and facilities whose envelope meets the reserve's envelope (before ∪ after) grown
by 2 km — the pre-clipped layers of issue 11's table (farther features cannot touch the reserve
or come within any distance the rule profiles use). Writes OUT_DIR/reserves.txt last (one id a
line): its presence marks a complete split.
"""
import argparse
import os
import time
from pathlib import Path

os.environ["OGR_CURRENT_DATE"] = "2026-01-01T00:00:00Z"

from osgeo import gdal, ogr  # noqa: E402

from gen_one_reserve import CLIP_M  # noqa: E402

ogr.UseExceptions()
gdal.UseExceptions()


def envelopes(layer, field):
    """{reserve: [x0, x1, y0, y1]} over every feature of the layer."""
    env = {}
    layer.ResetReading()
    for f in layer:
        r = f.GetFieldAsString(field)
        x0, x1, y0, y1 = f.GetGeometryRef().GetEnvelope()
        e = env.setdefault(r, [x0, x1, y0, y1])
        e[:] = [min(e[0], x0), max(e[1], x1), min(e[2], y0), max(e[3], y1)]
    return env


def copy(src_layer, dst_path, name):
    if dst_path.exists():
        dst_path.unlink()
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(dst_path))
    ds.CopyLayer(src_layer, name, options=["SPATIAL_INDEX=YES"])  # one transaction inside
    ds = None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data")
    ap.add_argument("out")
    ap.add_argument("--reserve-field", default="reserve_id")
    a = ap.parse_args()
    data, out = Path(a.data), Path(a.out)
    started = time.monotonic()
    src = {k: ogr.Open(str(data / f"{k}.gpkg")) for k in ("before", "after", "mining", "facilities")}
    layers = {k: ds.GetLayer(0) for k, ds in src.items()}
    env = envelopes(layers["before"], a.reserve_field)
    for r, e in envelopes(layers["after"], a.reserve_field).items():
        old = env.setdefault(r, e)
        env[r] = [min(old[0], e[0]), max(old[1], e[1]), min(old[2], e[2]), max(old[3], e[3])]
    marker = out / "reserves.txt"
    if marker.exists():
        marker.unlink()
    for r in sorted(env):
        d = out / r
        d.mkdir(parents=True, exist_ok=True)
        quoted = r.replace("'", "''")
        for side in ("before", "after"):
            lyr = layers[side]
            lyr.SetAttributeFilter(f"\"{a.reserve_field}\" = '{quoted}'")
            copy(lyr, d / f"{side}.gpkg", "zones")
            lyr.SetAttributeFilter(None)
        x0, x1, y0, y1 = env[r]
        for kind in ("mining", "facilities"):
            lyr = layers[kind]
            lyr.SetSpatialFilterRect(x0 - CLIP_M, y0 - CLIP_M, x1 + CLIP_M, y1 + CLIP_M)
            copy(lyr, d / f"{kind}.gpkg", kind)
            lyr.SetSpatialFilter(None)
    marker.write_text("".join(f"{r}\n" for r in sorted(env)))
    print(f"split: {len(env)} reserves into {out} ({time.monotonic() - started:.1f} s)")


if __name__ == "__main__":
    main()
