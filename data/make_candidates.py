#!/usr/bin/python3
"""Candidate land for `reserve suggest` on the sample case: data/candidates.gpkg, layer
"parcels" (EPSG:4544, like the sample), fields 地块编号 (parcel id), 来源 (where it comes from)
and 成本 (a made-up cost, 万元).

Parcels (fictional, seeded): a ring of sectors of a 600 m band just outside the proposal (they
touch it), a ring of sectors of a band 1.2–2 km out (they do not touch it; only reachable through
the gap option), and two parcels inside the proposal's 实验区 (upgrade candidates). Some parcels
overlap the mining rights of data/mining_rights.gpkg; `reserve suggest` keeps the rights and a
buffer around them out.

Run:  /usr/bin/python3 data/make_candidates.py   (after data/make_sample.py)
"""
import math
import os
import random
from pathlib import Path

os.environ["OGR_CURRENT_DATE"] = "2026-01-01T00:00:00Z"

from osgeo import ogr, osr  # noqa: E402
from shapely import wkb as shapely_wkb  # noqa: E402
from shapely.geometry import Polygon  # noqa: E402
from shapely.ops import unary_union  # noqa: E402

HERE = Path(__file__).resolve().parent
SEED = 20261130


def read(path):
    ds = ogr.Open(str(path))
    layer = ds.GetLayer(0)
    out = []
    for f in layer:
        out.append((f.GetField("功能分区"), shapely_wkb.loads(bytes(f.GetGeometryRef().ExportToWkb()))))
    return out


def sectors(ring, centre, n, rotate):
    """`ring` cut into n angular sectors around `centre` (each a polygon or multipolygon)."""
    cx, cy = centre
    r = 50_000.0
    parts = []
    for k in range(n):
        a0 = 2 * math.pi * k / n + rotate
        a1 = 2 * math.pi * (k + 1) / n + rotate
        wedge = Polygon([(cx, cy)] + [(cx + r * math.cos(a0 + (a1 - a0) * t / 8),
                                       cy + r * math.sin(a0 + (a1 - a0) * t / 8)) for t in range(9)])
        piece = ring.intersection(wedge)
        if not piece.is_empty and piece.area > 1.0:
            parts.append(piece)
    return parts


def main():
    rng = random.Random(SEED)
    zones = read(HERE / "proposal.gpkg")
    outline = unary_union([g for _, g in zones])
    centre = (outline.centroid.x, outline.centroid.y)
    near = sectors(outline.buffer(600).difference(outline), centre, 20, 0.1)
    far = sectors(outline.buffer(2000).difference(outline.buffer(1200)), centre, 12, 0.3)
    experimental = unary_union([g for z, g in zones if z == "实验区"])
    inner = []
    for k in range(2):  # two blocks inside the 实验区, 800 m across, at seeded points
        for _ in range(1000):
            x = rng.uniform(outline.bounds[0], outline.bounds[2])
            y = rng.uniform(outline.bounds[1], outline.bounds[3])
            block = Polygon([(x, y), (x + 800, y), (x + 800, y + 800), (x, y + 800)])
            if experimental.buffer(-50).contains(block):
                inner.append(block)
                break
    sources = ["国有林地", "生态保护红线", "县政府提供"]
    rows = []
    for kind, parcels in (("近", near), ("远", far), ("内", inner)):
        picked = parcels if kind != "远" else rng.sample(parcels, 6)
        for g in picked:
            cost = round(g.area / 10_000.0 * rng.uniform(1.0, 3.0), 1)
            rows.append((f"{kind}{len(rows) + 1:02d}", rng.choice(sources), cost, g))

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4544)
    path = HERE / "candidates.gpkg"
    if path.exists():
        path.unlink()
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer("parcels", srs, ogr.wkbMultiPolygon)
    for name, kind in (("地块编号", ogr.OFTString), ("来源", ogr.OFTString), ("成本", ogr.OFTReal)):
        layer.CreateField(ogr.FieldDefn(name, kind))
    for pid, src, cost, g in rows:
        f = ogr.Feature(layer.GetLayerDefn())
        f.SetField("地块编号", pid)
        f.SetField("来源", src)
        f.SetField("成本", cost)
        geom = ogr.CreateGeometryFromWkb(g.wkb)
        f.SetGeometry(ogr.ForceToMultiPolygon(geom))
        layer.CreateFeature(f)
    ds = None
    print(f"wrote {path}: {len(rows)} parcels ({len(near)} touching, 6 apart, {len(inner)} inside)")


if __name__ == "__main__":
    main()
