#!/usr/bin/python3
"""Seeded workload for "one reserve against province-wide layers" (issue 14).

Writes into OUT (default bench/out/one-reserve):
  mining.gpkg          N_MINES mining-right polygons spread over a 400 km × 400 km province
  facilities.gpkg      N_POINTS facility points over the same province
  <name>_before.gpkg   a reserve's baseline zoning (核心区/缓冲区/实验区)
  <name>_after.gpkg    its proposal (a sector removed, part of the core downgraded)
  <name>_mining_clip.gpkg, <name>_facilities_clip.gpkg
                       the layers pre-clipped to the reserve's surroundings: every feature whose
                       envelope meets the reserve's envelope (before ∪ after) grown by CLIP_M
for two reserves: "ordinary" (~1,000 outline vertices) and "large" (~50,000).
All in EPSG:4544 (CGCS2000 / 3-degree Gauss–Krüger CM 105E). Everything is seeded: re-runs give
the same geometries. Some mines and facilities are placed in and around each reserve so that the
check has conflicts to find.

  /usr/bin/python3 bench/gen_one_reserve.py [--out DIR] [--mines N] [--points N] [--small]

--small writes a workload of a few hundred features (for the identity test; seconds).
"""
import argparse
import math
import os
from pathlib import Path

os.environ["OGR_CURRENT_DATE"] = "2026-01-01T00:00:00Z"

import numpy as np  # noqa: E402
from osgeo import ogr, osr  # noqa: E402
from shapely.geometry import Polygon  # noqa: E402
from shapely.geometry.polygon import orient  # noqa: E402

ogr.UseExceptions()

SEED = 20261130
EPSG = 4544
X0, Y0 = 300_000.0, 3_600_000.0  # province's south-west corner (easting, northing), metres
SIDE = 400_000.0  # province side, metres
CLIP_M = 2_000.0  # pre-clip margin around the reserve (≥ every distance the profiles use)

# name: (centre offset in the province, mean radius m, outline vertices, core/buffer vertices)
RESERVES = {
    "ordinary": ((150_000.0, 220_000.0), 8_000.0, 1_000, 300),
    "large": ((260_000.0, 120_000.0), 40_000.0, 50_000, 5_000),
}

MINE_LABELS = ["采矿权", "采矿权", "采矿权", "探矿权"]
FACILITY_LABELS = ["尾矿库", "选矿厂", "冶炼厂", "工业企业", "水电站", "渣场", "旅游", "居民点"]


def rng_for(*names):
    return np.random.default_rng([SEED] + [ord(c) for n in names for c in str(n)])


def star(cx, cy, radius, n, rng, roughness=0.06):
    """A simple polygon of n vertices: a circle with smooth radial noise (never self-crossing,
    since the radius is a single-valued function of the angle)."""
    t = np.linspace(0.0, 2.0 * math.pi, n, endpoint=False)
    r = np.ones(n)
    for k, a in zip(rng.integers(2, 9, 4), rng.uniform(0.02, roughness, 4)):
        r += a * np.sin(k * t + rng.uniform(0, 2 * math.pi))
    r += rng.uniform(-0.004, 0.004, n)
    return orient(Polygon(np.c_[cx + radius * r * np.cos(t), cy + radius * r * np.sin(t)]))


def sector(cx, cy, radius, a0, a1, n=64):
    t = np.linspace(a0, a1, n)
    pts = [(cx, cy)] + [(cx + radius * math.cos(a), cy + radius * math.sin(a)) for a in t]
    return Polygon(pts)


def srs():
    s = osr.SpatialReference()
    s.ImportFromEPSG(EPSG)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


def write_layer(path, name, geom_type, fields, rows):
    """rows: (wkb bytes, {field: value})."""
    if path.exists():
        path.unlink()
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    lyr = ds.CreateLayer(name, srs(), geom_type, options=["SPATIAL_INDEX=YES"])
    for f in fields:
        lyr.CreateField(ogr.FieldDefn(f, ogr.OFTString))
    defn = lyr.GetLayerDefn()
    lyr.StartTransaction()
    for wkb, attrs in rows:
        feat = ogr.Feature(defn)
        feat.SetGeometryDirectly(ogr.CreateGeometryFromWkb(wkb))
        for k, v in attrs.items():
            feat.SetField(k, v)
        lyr.CreateFeature(feat)
    lyr.CommitTransaction()
    ds = None


def zoning(outline, core, buffer_ring):
    """核心区 = core, 缓冲区 = buffer_ring − core, 实验区 = outline − buffer_ring (all within outline)."""
    core = core.intersection(outline)
    buf = buffer_ring.intersection(outline).difference(core)
    exp = outline.difference(buffer_ring)
    return [("核心区", core), ("缓冲区", buf), ("实验区", exp)]


def write_zoning(path, zones):
    from shapely.geometry import MultiPolygon
    multi = [(g if g.geom_type == "MultiPolygon" else MultiPolygon([g]), label)
             for label, g in zones if not g.is_empty]
    rows = [(g.wkb, {"功能分区": label}) for g, label in multi]
    write_layer(path, "zones", ogr.wkbMultiPolygon, ["功能分区"], rows)


def reserves(out, only):
    boxes = {}
    for name, ((ox, oy), radius, n_out, n_in) in RESERVES.items():
        if only and name not in only:
            continue
        rng = rng_for("reserve", name)
        cx, cy = X0 + ox, Y0 + oy
        outline = star(cx, cy, radius, n_out, rng)
        core = star(cx, cy, 0.4 * radius, n_in, rng, 0.03)
        buffer_ring = star(cx, cy, 0.7 * radius, n_in, rng, 0.03)
        # Proposal: a 20° sector leaves the reserve, a 30° sector of the core becomes buffer.
        removed = sector(cx, cy, 2 * radius, 0.3, 0.3 + math.radians(20))
        downgraded = sector(cx, cy, 2 * radius, 2.0, 2.0 + math.radians(30))
        outline_after = outline.difference(removed)
        core_after = core.difference(downgraded)
        write_zoning(out / f"{name}_before.gpkg", zoning(outline, core, buffer_ring))
        write_zoning(out / f"{name}_after.gpkg", zoning(outline_after, core_after, buffer_ring))
        boxes[name] = (outline.bounds, cx, cy, radius)
    return boxes


def location(i, every, boxes, rng, min_share):
    """Where feature i goes: every `every`-th one within 1.3 radii of a reserve's centre (at
    least min_share of the radius away), the others anywhere in the province."""
    names = list(boxes)
    if names and i % every == 0:
        (_, cx, cy, radius) = boxes[names[(i // every) % len(names)]]
        a, d = rng.uniform(0, 2 * math.pi), radius * rng.uniform(min_share, 1.3)
        return cx + d * math.cos(a), cy + d * math.sin(a)
    return X0 + rng.uniform(0, SIDE), Y0 + rng.uniform(0, SIDE)


def mines(n, boxes, rng):
    """Mining-right polygons: quadrilaterals of 0.3–2 km across; 1 % of them near a reserve."""
    out = []
    for i in range(n):
        x, y = location(i, 100, boxes, rng, 0.2)
        s = rng.uniform(150, 1000)
        t = np.sort(rng.uniform(0, 2 * math.pi, 4))
        ring = [(x + s * math.cos(a), y + s * math.sin(a)) for a in t]
        g = orient(Polygon(ring))
        if not g.is_valid or g.area < 1000:
            g = Polygon([(x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s)])
        out.append((g, {"编号": f"KQ{i:06d}", "矿山名称": f"矿山{i}", "许可证号": f"C5300{i:09d}",
                        "采矿权人": f"矿业公司{i % 997}", "类型": MINE_LABELS[i % 4]}))
    return out


def facilities(n, boxes, rng):
    """Facility points; 0.5 % of them in and around a reserve."""
    from shapely.geometry import Point
    out = []
    for i in range(n):
        x, y = location(i, 200, boxes, rng, 0.0)
        out.append((Point(x, y), {"编号": f"SS{i:07d}", "名称": f"设施{i}",
                                  "类型": FACILITY_LABELS[i % len(FACILITY_LABELS)]}))
    return out


def clipped(rows, bounds):
    x0, y0, x1, y1 = bounds
    x0, y0, x1, y1 = x0 - CLIP_M, y0 - CLIP_M, x1 + CLIP_M, y1 + CLIP_M
    keep = []
    for g, attrs in rows:
        gx0, gy0, gx1, gy1 = g.bounds
        if gx1 >= x0 and gx0 <= x1 and gy1 >= y0 and gy0 <= y1:
            keep.append((g, attrs))
    return keep


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "out" / "one-reserve"))
    ap.add_argument("--mines", type=int, default=20_000)
    ap.add_argument("--points", type=int, default=200_000)
    ap.add_argument("--reserves", default="ordinary,large")
    ap.add_argument("--small", action="store_true",
                    help="identity-test size: 600 mines, 6,000 points, ordinary reserve only")
    a = ap.parse_args()
    if a.small:
        a.mines, a.points, a.reserves = 600, 6_000, "ordinary"
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    boxes = reserves(out, a.reserves.split(","))
    mine_rows = mines(a.mines, boxes, rng_for("mines"))
    point_rows = facilities(a.points, boxes, rng_for("facilities"))
    mine_fields = ["编号", "矿山名称", "许可证号", "采矿权人", "类型"]
    point_fields = ["编号", "名称", "类型"]
    write_layer(out / "mining.gpkg", "mining", ogr.wkbPolygon, mine_fields,
                [(g.wkb, at) for g, at in mine_rows])
    write_layer(out / "facilities.gpkg", "facilities", ogr.wkbPoint, point_fields,
                [(g.wkb, at) for g, at in point_rows])
    for name, (bounds, *_rest) in boxes.items():
        m, p = clipped(mine_rows, bounds), clipped(point_rows, bounds)
        write_layer(out / f"{name}_mining_clip.gpkg", "mining", ogr.wkbPolygon, mine_fields,
                    [(g.wkb, at) for g, at in m])
        write_layer(out / f"{name}_facilities_clip.gpkg", "facilities", ogr.wkbPoint,
                    point_fields, [(g.wkb, at) for g, at in p])
        print(f"{name}: {len(m)} of {len(mine_rows)} mines and {len(p)} of {len(point_rows)} "
              f"facilities within {CLIP_M:.0f} m of the reserve's envelope")


if __name__ == "__main__":
    main()
