#!/usr/bin/python3
"""Writes the hand-made golden-case inputs (GeoJSON zonings, CSV points, mining-right polygons,
a patched GBK DBF) into cases/<name>/.

The shapes are squares and notched squares whose areas are computed by hand in each case's
expected.json; this script only writes inputs, it computes no expected value. Planar cases are
in EPSG:4544 (CGCS2000 / 3-degree Gauss-Kruger CM 105E) with local metres shifted to
E 500000, N 3700000; one case is in CGCS2000 lon/lat (EPSG:4490). Run with /usr/bin/python3;
output is deterministic (the jitter of case 9 is seeded by each vertex's coordinates).
"""
import json
import math
import os
import random

E0, N0 = 500000.0, 3700000.0
HERE = os.path.dirname(os.path.abspath(__file__))


def square(x0, y0, x1, y1):
    """Counter-clockwise ring of the axis-parallel rectangle [x0,x1] x [y0,y1], local metres."""
    return [[E0 + x0, N0 + y0], [E0 + x1, N0 + y0], [E0 + x1, N0 + y1], [E0 + x0, N0 + y1],
            [E0 + x0, N0 + y0]]


def hole(ring):
    return ring[::-1]


def zoning(name, features, crs="urn:ogc:def:crs:EPSG::4544"):
    return {"type": "FeatureCollection", "name": name,
            "crs": {"type": "name", "properties": {"name": crs}},
            "features": [{"type": "Feature", "properties": {"功能分区": label},
                          "geometry": {"type": "Polygon", "coordinates": rings}}
                         for label, rings in features]}


def write(case, filename, obj):
    folder = os.path.join(HERE, "cases", case)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, filename)
    if isinstance(obj, str):
        with open(path, "w", encoding="utf-8") as f:
            f.write(obj)
    else:  # a FeatureCollection, one feature per line (small and diff-friendly)
        head = {k: v for k, v in obj.items() if k != "features"}
        with open(path, "w", encoding="utf-8") as f:
            f.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "features": [\n')
            f.write(",\n".join(json.dumps(x, ensure_ascii=False) for x in obj["features"]))
            f.write("\n]}\n")


# Nested squares centred on (0,0): core 1 km, buffer 2 km, experimental 3 km (side lengths).
CORE = square(-500, -500, 500, 500)
BUF = square(-1000, -1000, 1000, 1000)
EXP = square(-1500, -1500, 1500, 1500)
THREE = [("核心区", [CORE]), ("缓冲区", [BUF, hole(CORE)]), ("实验区", [EXP, hole(BUF)])]

# 1. A clean three-zone zoning compared with itself.
write("nested_squares_self", "zoning.geojson", zoning("nested_squares", THREE))

# 2. The proposal cuts the experimental ring's north-east corner [1100,1500] x [1100,1500]
#    (a notch, 400 m x 400 m); a quarry point sits in the cut corner, a mine point in the core.
EXP_NOTCHED = [[E0 - 1500, N0 - 1500], [E0 + 1500, N0 - 1500], [E0 + 1500, N0 + 1100],
               [E0 + 1100, N0 + 1100], [E0 + 1100, N0 + 1500], [E0 - 1500, N0 + 1500],
               [E0 - 1500, N0 - 1500]]
write("corner_cut", "baseline.geojson", zoning("baseline", THREE))
write("corner_cut", "proposal.geojson", zoning("proposal", [
    ("核心区", [CORE]), ("缓冲区", [BUF, hole(CORE)]), ("实验区", [EXP_NOTCHED, hole(BUF)])]))
write("corner_cut", "mines.csv",
      "编号,名称,类别,E,N\n"
      "M1,东北角采石场,采石场,%.1f,%.1f\n"
      "M2,核心区内矿点,矿山,%.1f,%.1f\n" % (E0 + 1300, N0 + 1300, E0 + 100, N0 + 100))

# 3. A reserve with a hole: the experimental ring has an enclave (village) of 500 m x 400 m that
#    is not part of the reserve; compared with itself. A point in the enclave is outside.
ENCLAVE = square(-250, 1050, 250, 1450)  # inside the experimental ring's north strip
write("reserve_with_hole", "zoning.geojson", zoning("reserve_with_hole", [
    ("核心区", [CORE]), ("缓冲区", [BUF, hole(CORE)]), ("实验区", [EXP, hole(BUF), hole(ENCLAVE)])]))
write("reserve_with_hole", "points.csv",
      "编号,名称,类别,E,N\n"
      "V1,飞地内村庄工厂,工业企业,%.1f,%.1f\n"
      "V2,实验区工厂,工业企业,%.1f,%.1f\n"
      "V3,核心区工厂,工业企业,%.1f,%.1f\n" % (E0, N0 + 1250, E0, N0 - 1250, E0, N0))

# 4. A two-zone proposal (核心保护区 = old core + buffer, 一般控制区 = old experimental) against
#    the three-zone baseline: the same land, so nothing is removed, added or downgraded.
write("two_zone_vs_three", "baseline.geojson", zoning("baseline", THREE))
write("two_zone_vs_three", "proposal.geojson", zoning("proposal", [
    ("核心保护区", [BUF]), ("一般控制区", [EXP, hole(BUF)])]))

# 5. Overlapping zones: the buffer is drawn as the full 2 km square, core included (a common
#    digitising habit). Resolved once per zoning (the stricter zone wins), the zoning compared
#    with itself must show zero change and a total equal to the union (issue 10 point 4).
write("overlap_self", "zoning.geojson", zoning("overlap", [
    ("核心区", [CORE]), ("缓冲区", [BUF]), ("实验区", [EXP, hole(BUF)])]))

# 6. Mine points 0.5 m and 5 m outside the new outer boundary after a cut, with a 1 m boundary
#    tolerance: the first is not provably freed, the second is (issue 10 point 6). The cut
#    removes the experimental ring's east strip x > 1200.
write("tolerance_half_metre", "baseline.geojson", zoning("baseline", THREE))
write("tolerance_half_metre", "proposal.geojson", zoning("proposal", [
    ("核心区", [CORE]), ("缓冲区", [BUF, hole(CORE)]),
    ("实验区", [square(-1500, -1500, 1200, 1500), hole(BUF)])]))
write("tolerance_half_metre", "mines.csv",
      "编号,名称,类别,E,N\n"
      "T1,边界外半米矿点,矿山,%.1f,%.1f\n"
      "T2,边界外五米矿点,矿山,%.1f,%.1f\n" % (E0 + 1200.5, N0 + 1200, E0 + 1205, N0 - 1200))

# 7. Long lon/lat edges (CGCS2000 EPSG:4490, the Jinsha boxes of tests/corpus): the proposal is
#    the same zoning with a collinear lon/lat vertex every 0.05 degree along every edge. GIS
#    software draws both identically; no figure may change by more than 1 m² per km of boundary
#    (issue 10 point 3).
def lonlat_box(x0, y0, x1, y1):
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]


def revertex(ring, step=0.05):
    out = []
    for (xa, ya), (xb, yb) in zip(ring[:-1], ring[1:]):
        n = max(1, int(round(max(abs(xb - xa), abs(yb - ya)) / step)))
        out.extend([round(xa + (xb - xa) * i / n, 9), round(ya + (yb - ya) * i / n, 9)]
                   for i in range(n))
    out.append(ring[-1])
    return out


LL_CORE = lonlat_box(100.40, 26.75, 100.50, 26.85)
LL_BUF = lonlat_box(100.35, 26.70, 100.55, 26.90)
LL_EXP = lonlat_box(100.30, 26.10, 100.90, 26.95)
LL = [("核心区", [LL_CORE]), ("缓冲区", [LL_BUF, hole(LL_CORE)]), ("实验区", [LL_EXP, hole(LL_BUF)])]
CGCS = "urn:ogc:def:crs:EPSG::4490"
write("lonlat_revertexed", "baseline.geojson", zoning("baseline", LL, CGCS))
write("lonlat_revertexed", "proposal.geojson",
      zoning("proposal", [(z, [revertex(r) for r in rings]) for z, rings in LL], CGCS))
write("partial_input_incomplete", "zoning.geojson", zoning("nested_squares", THREE))
write("partial_input_incomplete", "facilities.csv",
      "编号,名称,类别,E,N\n"
      "P1,核心区工厂,工业企业,%.1f,%.1f\n"
      "P2,无坐标的尾矿库,尾矿库,,\n" % (E0, N0))

# 8. The overlapping baseline of case 5 against the notched proposal of case 2: the baseline's
#    figures depend only on the baseline (issue 10 point 4), so they are those of a clean
#    zoning, whatever it is compared with.
write("overlap_vs_notch", "baseline.geojson", zoning("overlap", [
    ("核心区", [CORE]), ("缓冲区", [BUF]), ("实验区", [EXP, hole(BUF)])]))
write("overlap_vs_notch", "proposal.geojson", zoning("proposal", [
    ("核心区", [CORE]), ("缓冲区", [BUF, hole(CORE)]), ("实验区", [EXP_NOTCHED, hole(BUF)])]))

# 9. A re-digitised copy (issue 10 point 5): every edge of every ring resampled every 50 m and
#    every vertex moved by at most 0.1 m, re-noded: a vertex shared by two zones moves the same
#    way in both (the displacement is seeded by the vertex's coordinates), so the zones still
#    tile the reserve. Two mining rights straddle zone boundaries. Nothing really changed.

def jitter_ring(ring, step=50.0, max_m=0.1):
    out = []
    for (xa, ya), (xb, yb) in zip(ring[:-1], ring[1:]):
        n = max(1, int(round(math.hypot(xb - xa, yb - ya) / step)))
        for i in range(n):
            x, y = xa + (xb - xa) * i / n, ya + (yb - ya) * i / n
            rng = random.Random("%.3f,%.3f" % (x, y))  # same vertex, same displacement
            r, a = max_m * math.sqrt(rng.random()), rng.uniform(0.0, 2.0 * math.pi)
            out.append([round(x + r * math.cos(a), 4), round(y + r * math.sin(a), 4)])
    out.append(list(out[0]))
    return out


write("redigitised_noise", "baseline.geojson", zoning("baseline", THREE))
write("redigitised_noise", "proposal.geojson", zoning("redigitised", [
    (z, [jitter_ring(r) for r in rings]) for z, rings in THREE]))
write("redigitised_noise", "mining_rights.geojson", {
    "type": "FeatureCollection", "name": "mining_rights",
    "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4544"}},
    "features": [
        {"type": "Feature", "properties": {"许可证号": "C-EDGE", "矿山名称": "外缘采石场"},
         "geometry": {"type": "Polygon", "coordinates": [square(1400, -100, 1600, 100)]}},
        {"type": "Feature", "properties": {"许可证号": "C-CORE", "矿山名称": "核心区边缘矿"},
         "geometry": {"type": "Polygon", "coordinates": [square(400, -50, 600, 50)]}}]})

# 10. The reserve is carved around mining rights that GEOS finds invalid (issue 10 point 1): a
#     bow-tie and a rectangle with a degenerate 3-point hole, both inside the cut notch; a valid
#     right in the core as the control. The proposal swaps the notch for an equal square added
#     on the west side, so the area rules pass and only 不以调代改 decides.
write("invalid_rights_carved", "baseline.geojson", zoning("baseline", THREE))
write("invalid_rights_carved", "proposal.geojson", zoning("proposal", [
    ("核心区", [CORE]), ("缓冲区", [BUF, hole(CORE)]), ("实验区", [EXP_NOTCHED, hole(BUF)]),
    ("实验区", [square(-1900, -200, -1500, 200)])]))
BOW_TIE = [[E0 + 1150, N0 + 1150], [E0 + 1450, N0 + 1450], [E0 + 1450, N0 + 1150],
           [E0 + 1150, N0 + 1450], [E0 + 1150, N0 + 1150]]
DEGENERATE_HOLE = [[E0 + 1200, N0 + 1470], [E0 + 1210, N0 + 1470], [E0 + 1200, N0 + 1470]]
write("invalid_rights_carved", "mining_rights.geojson", {
    "type": "FeatureCollection", "name": "mining_rights",
    "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4544"}},
    "features": [
        {"type": "Feature", "properties": {"许可证号": "C-BOWTIE", "矿山名称": "蝴蝶结矿权"},
         "geometry": {"type": "Polygon", "coordinates": [BOW_TIE]}},
        {"type": "Feature", "properties": {"许可证号": "C-HOLE", "矿山名称": "退化内环矿权"},
         "geometry": {"type": "Polygon",
                      "coordinates": [square(1120, 1460, 1480, 1490), DEGENERATE_HOLE]}},
        {"type": "Feature", "properties": {"许可证号": "C-VALID", "矿山名称": "核心区矿权"},
         "geometry": {"type": "Polygon", "coordinates": [square(-100, -100, 100, 100)]}}]})

# 11. An old GBK shapefile: the sample baseline (data/baseline_gbk, GBK attributes, no .cpg)
#     with the DBF language-driver byte (offset 29) set to 0, as older tools write it
#     (issue 10 point 8). .shp/.shx/.prj are symlinks to the sample; only the 741-byte DBF is
#     copied and patched.
GBK_SRC = os.path.join(HERE, "..", "..", "data", "baseline_gbk")
GBK_DIR = os.path.join(HERE, "cases", "gbk_ldid0")
os.makedirs(GBK_DIR, exist_ok=True)
for ext in ("shp", "shx", "prj"):
    link = os.path.join(GBK_DIR, "zones." + ext)
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(os.path.join("..", "..", "..", "..", "data", "baseline_gbk", "zones." + ext), link)
with open(os.path.join(GBK_SRC, "zones.dbf"), "rb") as f:
    dbf = bytearray(f.read())
dbf[29] = 0
with open(os.path.join(GBK_DIR, "zones.dbf"), "wb") as f:
    f.write(bytes(dbf))
