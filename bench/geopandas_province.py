#!/usr/bin/python3
"""The GeoPandas side of the province benchmark (issue 11.2): the same quantities as the plain
GEOS loop (bench/geos_loop.cpp), written the way an analyst would with GeoPandas 0.12 —
`overlay` for the transition matrix and mine × zone areas, `sjoin` for facility zones.

  /usr/bin/python3 bench/geopandas_province.py --before B --after A --mining M --facilities F
      --out DIR [--reserve-field reserve_id] [--zone-field 功能分区] [--id-field 编号]

Writes DIR/quantities.csv (quantity,reserve,side,key,zone,value), the format of
bench/agreement.py; areas in m² in the layers' planar CRS.
"""
import argparse
import csv
import time
from pathlib import Path

import geopandas as gpd

ZONE_CODES = {"核心区": "core", "缓冲区": "buffer", "实验区": "experimental"}


def zones(path, reserve_field, zone_field):
    g = gpd.read_file(path)
    g = g.rename(columns={reserve_field: "reserve"})
    g["zone"] = g[zone_field].map(ZONE_CODES)
    if g["zone"].isna().any():
        raise SystemExit(f"{path}: unknown zone labels {sorted(set(g.loc[g.zone.isna(), zone_field]))}")
    g = g[["reserve", "zone", "geometry"]]
    if g.duplicated(["reserve", "zone"]).any():  # several features of one zone: one geometry
        g = g.dissolve(by=["reserve", "zone"]).reset_index()
    return g


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for k in ("before", "after", "mining", "facilities", "out"):
        ap.add_argument(f"--{k}", required=True)
    ap.add_argument("--reserve-field", default="reserve_id")
    ap.add_argument("--zone-field", default="功能分区")
    ap.add_argument("--id-field", default="编号")
    a = ap.parse_args()
    started = time.monotonic()
    sides = {"before": zones(a.before, a.reserve_field, a.zone_field),
             "after": zones(a.after, a.reserve_field, a.zone_field)}
    mines = gpd.read_file(a.mining)[[a.id_field, "geometry"]].rename(columns={a.id_field: "key"})
    points = gpd.read_file(a.facilities)[[a.id_field, "geometry"]].rename(
        columns={a.id_field: "key"})
    rows = []

    for side, g in sides.items():
        for r, z, area in zip(g["reserve"], g["zone"], g.area):
            rows.append(("zone_area", r, side, "", z, area))

    # Transition matrix: before ∩ after of the same reserve (overlay pairs every overlapping
    # zone of the two layers, so pairs of different, overlapping reserves are dropped).
    ov = gpd.overlay(sides["before"], sides["after"], how="intersection", keep_geom_type=True)
    ov = ov[ov["reserve_1"] == ov["reserve_2"]]
    pair = ov.assign(area=ov.area).groupby(["reserve_1", "zone_1", "zone_2"])["area"].sum()
    b_area = sides["before"].assign(area=sides["before"].area).groupby(["reserve", "zone"])["area"].sum()
    a_area = sides["after"].assign(area=sides["after"].area).groupby(["reserve", "zone"])["area"].sum()
    reserves = sorted(set(b_area.index.get_level_values(0)) | set(a_area.index.get_level_values(0)))
    for r in reserves:
        zb = sorted(b_area[r].index) if r in b_area.index.get_level_values(0) else []
        za = sorted(a_area[r].index) if r in a_area.index.get_level_values(0) else []
        kept_a = dict.fromkeys(za, 0.0)
        for b in zb:
            kept_b = 0.0
            for z in za:
                v = float(pair.get((r, b, z), 0.0))
                kept_b += v
                kept_a[z] += v
                rows.append(("transition", r, "", b, z, v))
            rows.append(("transition", r, "", b, "outside", float(b_area[(r, b)]) - kept_b))
        for z in za:
            rows.append(("transition", r, "", "outside", z, float(a_area[(r, z)]) - kept_a[z]))

    for side, g in sides.items():
        mz = gpd.overlay(mines, g, how="intersection", keep_geom_type=True)
        mz = mz.assign(area=mz.area)
        mz = mz[mz["area"] > 0].groupby(["reserve", "key", "zone"])["area"].sum()
        for (r, k, z), v in mz.items():
            rows.append(("mine_zone", r, side, k, z, v))
        fz = gpd.sjoin(points, g, how="inner", predicate="within")
        for r, k, z in zip(fz["reserve"], fz["key"], fz["zone"]):
            rows.append(("facility_zone", r, side, k, z, 1))

    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "quantities.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["quantity", "reserve", "side", "key", "zone", "value"])
        for q, r, side, k, z, v in rows:
            w.writerow([q, r, side, k, z, repr(float(v)) if q != "facility_zone" else "1"])
    print(f"geopandas: {len(reserves)} reserves, {len(rows):,} quantities "
          f"({time.monotonic() - started:.1f} s)")


if __name__ == "__main__":
    main()
