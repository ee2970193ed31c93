#!/usr/bin/python3
"""Generate the sample case for libreserve: a fictional provincial nature reserve
(青岚山省级自然保护区) with a baseline zoning, a re-optimisation proposal that breaks the
"three no" principle on purpose, mining rights, facilities, monitoring data, rivers, a GBK
Shapefile copy of the baseline, a ledger assignment table and expected.json with the
designed numbers.

Run from anywhere with Debian's Python:  /usr/bin/python3 data/make_sample.py
Everything is seeded; the outputs are byte-identical on re-runs (see README.md).

The numbers in expected.json are computed here with Shapely (GEOS) and pyproj only, on the
geometries read back from the written files; libreserve is not used.
"""
import csv
import hashlib
import json
import math
import os
import shutil
import sys
from pathlib import Path

# Must be set before GDAL is loaded: GeoPackage timestamps (gpkg_contents.last_change).
os.environ["OGR_CURRENT_DATE"] = "2026-01-01T00:00:00Z"

import numpy as np  # noqa: E402
from osgeo import gdal, ogr, osr  # noqa: E402
from pyproj import Geod, Transformer  # noqa: E402
from shapely import wkb as shapely_wkb  # noqa: E402
from shapely.geometry import LineString, MultiPolygon, Point, Polygon  # noqa: E402
from shapely.geometry.polygon import orient  # noqa: E402
from shapely.ops import transform as shp_transform, unary_union  # noqa: E402

gdal.UseExceptions()
ogr.UseExceptions()

OUT = Path(__file__).resolve().parent
SEED = 20260101
EPSG_GK = 4544  # CGCS2000 / 3-degree Gauss-Kruger CM 105E (no zone prefix)
EPSG_GEO = 4490  # CGCS2000 geographic
ZONE_PREFIX = 35  # 3-degree zone number of CM 105E, prefixed to Y in corner-point tables

RESERVE_NAME = "青岚山省级自然保护区"
BASELINE_APPROVAL = "X政函〔2003〕45号"
PROPOSAL_APPROVAL = "调整方案（报批稿，未批复）"

TO_LL = Transformer.from_crs(EPSG_GK, EPSG_GEO, always_xy=True)
TO_GK = Transformer.from_crs(EPSG_GEO, EPSG_GK, always_xy=True)
GEOD = Geod(ellps="GRS80")

CENTER_LON, CENTER_LAT = 105.70, 33.75
CX, CY = (round(v, 3) for v in TO_GK.transform(CENTER_LON, CENTER_LAT))


def rng_for(name):
    """One independent generator per named element, so adding an element never shifts others."""
    return np.random.default_rng([SEED] + [ord(c) for c in name])


def mm(a):
    """Round coordinates to the millimetre grid (all zone vertices live on it)."""
    return np.round(np.asarray(a, dtype=float), 3)


def cm(a):
    return np.round(np.asarray(a, dtype=float), 2)


# --------------------------------------------------------------------------------------------
# Organic shapes
# --------------------------------------------------------------------------------------------


class Fractal:
    """Sum of sines with power-law amplitudes: a smooth-to-rough periodic function of theta."""

    def __init__(self, rng, kmin, kmax, beta, std):
        self.k = np.arange(kmin, kmax + 1, dtype=float)
        amp = self.k ** (-beta) * rng.uniform(0.5, 1.5, self.k.size)
        self.phase = rng.uniform(0.0, 2 * math.pi, self.k.size)
        self.amp = amp * std / math.sqrt((amp**2).sum() / 2.0)

    def __call__(self, theta):
        theta = np.asarray(theta, dtype=float)
        return (self.amp[:, None] * np.sin(self.k[:, None] * theta[None, :] + self.phase[:, None])).sum(0)


# Unit frame -> metres: stretch, rotate, scale (scale fixed below so the reserve is ~20,000 ha).
ASPECT_X, ASPECT_Y, ROT_DEG = 1.42, 0.86, 18.0


def affine_matrix(scale):
    c, s = math.cos(math.radians(ROT_DEG)), math.sin(math.radians(ROT_DEG))
    return scale * np.array([[c, -s], [s, c]]) @ np.diag([ASPECT_X, ASPECT_Y])


def radial_ring(n, rfun, center=(0.0, 0.0), rng=None):
    theta = np.linspace(0.0, 2 * math.pi, n, endpoint=False)
    if rng is not None:  # uneven digitising
        theta = theta + rng.uniform(-0.3, 0.3, n) * (2 * math.pi / n)
    r = rfun(theta)
    return np.column_stack([center[0] + r * np.cos(theta), center[1] + r * np.sin(theta)])


def preview(rings, path, extra=()):
    """Debug plot (SAMPLE_DEBUG=1); not part of the outputs."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(12, 9))
    for k, c in rings.items():
        c = np.vstack([c, c[:1]])
        ax.plot(c[:, 0], c[:, 1], lw=0.6, label=k)
    for g, style in extra:
        for p in polys_of(g) if not isinstance(g, (LineString, Point)) else [g]:
            if isinstance(p, Polygon):
                x, y = p.exterior.xy
            else:
                x, y = p.xy
            ax.plot(x, y, style, lw=0.8, ms=3)
    ax.set_aspect("equal")
    ax.legend()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def ring_coords(poly):
    return np.asarray(poly.exterior.coords)[:-1]


def organic(poly, rng, spacing=25.0, jitter=3.0):
    """Resample an outline at an even spacing and jitter it a little, like a hand-digitised line."""
    line = poly.exterior
    n = int(math.ceil(line.length / spacing))
    c = np.array([line.interpolate(line.length * k / n).coords[0] for k in range(n)])
    c = c + rng.uniform(-jitter, jitter, c.shape)
    p = Polygon(mm(c))
    assert p.is_valid, "organic outline became invalid"
    return p


def blob(center, r_tangential, r_radial, direction, rng, n=220, rough=0.05):
    """Organic ellipse-like blob whose r_radial axis points along `direction`."""
    f = Fractal(rng, 2, 40, 1.3, rough)
    theta = np.linspace(0.0, 2 * math.pi, n, endpoint=False)
    r = np.exp(f(theta))
    u = np.column_stack([r_radial * r * np.cos(theta), r_tangential * r * np.sin(theta)])
    d = np.asarray(direction) / np.linalg.norm(direction)
    rot = np.array([[d[0], -d[1]], [d[1], d[0]]])
    p = Polygon(mm(u @ rot.T + np.asarray(center)))
    assert p.is_valid
    return p


def rect(center, w, h, rot_deg):
    """Licence-style quadrilateral: corners from the north-west corner clockwise, 0.01 m grid."""
    c, s = math.cos(math.radians(rot_deg)), math.sin(math.radians(rot_deg))
    local = np.array([[-w / 2, h / 2], [w / 2, h / 2], [w / 2, -h / 2], [-w / 2, -h / 2]])
    pts = local @ np.array([[c, s], [-s, c]]) + np.asarray(center)
    return cm(pts)


def l_shape(center, w, h, notch_w, notch_h, rot_deg):
    """Six-corner L-shaped licence (a rectangle with its south-east corner cut away)."""
    c, s = math.cos(math.radians(rot_deg)), math.sin(math.radians(rot_deg))
    local = np.array(
        [
            [-w / 2, h / 2],
            [w / 2, h / 2],
            [w / 2, -h / 2 + notch_h],
            [w / 2 - notch_w, -h / 2 + notch_h],
            [w / 2 - notch_w, -h / 2],
            [-w / 2, -h / 2],
        ]
    )
    return cm(local @ np.array([[c, s], [-s, c]]) + np.asarray(center))


def extrude(footprints, direction, margin, length, close=150.0):
    """Footprints plus a margin, each swept outward along `direction` (so the notch opens to
    the outside of the reserve), merged by a morphological closing."""
    d = np.asarray(direction) / np.linalg.norm(direction)
    parts = []
    for fp in footprints:
        b = fp.buffer(margin, 16)
        moved = Polygon(ring_coords(b) + d * length)
        parts.append(unary_union([b, moved]).convex_hull)
    return unary_union(parts).buffer(close, 16).buffer(-close, 16)


# --------------------------------------------------------------------------------------------
# Ring surgery (keeps every untouched vertex bit-identical)
# --------------------------------------------------------------------------------------------


def single_polygon(g, what):
    """The one polygon of an overlay result. Crumbs (< 1 m²) left by wiggly boundaries at a
    junction are dropped, i.e. they go with the designed change; holes are filled the same way."""
    if isinstance(g, MultiPolygon):
        parts = sorted(g.geoms, key=lambda p: p.area, reverse=True)
        assert all(p.area < 1.0 for p in parts[1:]), f"{what}: overlay split the ring"
        g = parts[0]
    assert isinstance(g, Polygon) and g.is_valid, what
    assert all(Polygon(h).area < 1.0 for h in g.interiors), f"{what}: overlay left a hole"
    return g


def splice(ring, shape, op, what):
    """Overlay `ring` with `shape` and keep only vertices that were already vertices of either:
    the overlay's crossing points are dropped, so the new stretch joins the last untouched
    vertex directly. A rounded crossing point would sit a fraction of a millimetre off the
    old segment and leave micro-slivers in every before/after comparison."""
    r = single_polygon(op(Polygon(ring), shape), what)
    known = {key(p) for p in ring} | {key(p) for p in ring_coords(shape)}
    coords = np.array([p for p in ring_coords(r) if key(p) in known])
    out = Polygon(coords)
    assert out.is_valid, f"{what}: dropping the crossing points made the ring invalid"
    assert abs(out.area - r.area) < 0.01 * abs(Polygon(ring).area - r.area), what
    return coords


def cut(ring, shape, what):
    return splice(ring, shape, lambda a, b: a.difference(b), what)


def add(ring, shape, what):
    return splice(ring, shape, lambda a, b: a.union(b), what)


def ccw(coords):
    p = orient(Polygon(coords), 1.0)
    return ring_coords(p)


def key(pt):
    return (float(pt[0]), float(pt[1]))


def cyclic(ring, i, j, step=1):
    """ring[i], ring[i+step], ..., ring[j] cyclically (inclusive)."""
    out, k, n = [], i, len(ring)
    while True:
        out.append(ring[k])
        if k == j:
            return np.array(out)
        k = (k + step) % n


# --------------------------------------------------------------------------------------------
# Area and zone helpers
# --------------------------------------------------------------------------------------------


def to_ll(geom):
    return shp_transform(lambda x, y, z=None: TO_LL.transform(x, y), geom)


def geodesic_area_m2(geom):
    """Ellipsoidal area on GRS80 (CGCS2000's ellipsoid, f differs in the 12th digit): vertices
    transformed EPSG:4544 -> EPSG:4490 and joined by geodesics (Karney, via pyproj/GeographicLib)."""
    if geom.is_empty:
        return 0.0
    g = to_ll(geom)
    polys = [g] if isinstance(g, Polygon) else list(g.geoms)
    total = 0.0
    for p in polys:
        a, _ = GEOD.geometry_area_perimeter(orient(p, 1.0))
        total += a
    assert total >= -1e-3, (total, geom.area)  # tiny slivers: rounding of the geodesic sum
    return max(total, 0.0)


def polys_of(g):
    if g.is_empty:
        return []
    if isinstance(g, Polygon):
        return [g]
    if isinstance(g, MultiPolygon):
        return list(g.geoms)
    return [p for p in g.geoms if isinstance(p, Polygon)]


def as_multi(g):
    return MultiPolygon(polys_of(g))


ZONE_KEYS3 = ["core", "buffer", "experimental"]
LABEL3 = {"core": "核心区", "buffer": "缓冲区", "experimental": "实验区"}
LABEL2 = {"core_protection": "核心保护区", "general_control": "一般控制区"}
STRICTNESS = {"core": 3, "buffer": 2, "experimental": 1, "outside": 0}


def zone_of_point(pt, zones):
    hits = [k for k, g in zones.items() if g.intersects(pt)]
    assert len(hits) <= 1, f"point on a zone boundary: {hits}"
    return hits[0] if hits else "outside"


def zone_areas(geom, zones):
    out = {k: geom.intersection(g).area for k, g in zones.items()}
    out["outside"] = geom.difference(unary_union(list(zones.values()))).area
    return out


# --------------------------------------------------------------------------------------------
# Writers (GDAL directly, so field order/types and file bytes are under our control)
# --------------------------------------------------------------------------------------------


def srs_of(epsg):
    s = osr.SpatialReference()
    s.ImportFromEPSG(epsg)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


FIELD_TYPES = {"str": ogr.OFTString, "real": ogr.OFTReal, "int": ogr.OFTInteger, "date": ogr.OFTDate}


def write_gpkg(path, layers):
    """layers: list of (name, geom_type, fields[(name, type)], rows[(dict, shapely geom)])."""
    tmp = path.with_suffix(".tmp.gpkg")
    for p in (tmp, path):
        if p.exists():
            p.unlink()
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(tmp))
    for name, gtype, fields, rows in layers:
        lyr = ds.CreateLayer(name, srs_of(EPSG_GK), gtype, options=["SPATIAL_INDEX=YES", "FID=fid"])
        for fname, ftype in fields:
            fd = ogr.FieldDefn(fname, FIELD_TYPES[ftype])
            lyr.CreateField(fd)
        lyr.StartTransaction()
        for attrs, geom in rows:
            f = ogr.Feature(lyr.GetLayerDefn())
            for fname, ftype in fields:
                v = attrs[fname]
                if v is None:
                    f.SetFieldNull(fname)
                elif ftype == "date":
                    y, mo, d = (int(x) for x in v.split("-"))
                    f.SetField(fname, y, mo, d, 0, 0, 0, 0)
                else:
                    f.SetField(fname, v)
            f.SetGeometry(ogr.CreateGeometryFromWkb(geom.wkb))
            lyr.CreateFeature(f)
        lyr.CommitTransaction()
    ds = None
    tmp.rename(path)


def read_layer(path, layer):
    ds = ogr.Open(str(path))
    lyr = ds.GetLayerByName(layer)
    out = []
    for f in lyr:
        attrs = {lyr.GetLayerDefn().GetFieldDefn(i).GetName(): f.GetField(i) for i in range(f.GetFieldCount())}
        out.append((attrs, shapely_wkb.loads(bytes(f.GetGeometryRef().ExportToWkb()))))
    return out


def write_csv(path, header, rows, bom=False):
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    tmp.rename(path)


def dms(value):
    """105.7084722 -> 105°42'30.50\" (seconds to 0.01″, about 0.3 m)."""
    total = round(abs(value) * 3600.0, 2)
    d = int(total // 3600)
    m = int((total - d * 3600) // 60)
    s = total - d * 3600 - m * 60
    return f"{d}°{m:02d}'{s:05.2f}\""


def plain(v):
    """0.00002 rather than 2e-05: how a lab report prints a concentration."""
    return np.format_float_positional(v, trim="-")


def parse_angle(text):
    """Inverse of dms() and plain decimal degrees; used to measure what the CSV really says."""
    t = text.strip()
    if "°" not in t:
        return float(t)
    d, rest = t.split("°")
    m, rest = rest.split("'")
    s = rest.rstrip('"')
    return int(d) + int(m) / 60.0 + float(s) / 3600.0


# --------------------------------------------------------------------------------------------
# 1. Baseline
# --------------------------------------------------------------------------------------------


def build_baseline():
    low = Fractal(rng_for("outer-low"), 2, 12, 1.1, 0.085)
    high_o = Fractal(rng_for("outer-high"), 13, 330, 1.25, 0.028)
    band = Fractal(rng_for("band"), 1, 9, 1.0, 0.045)
    high_b = Fractal(rng_for("buffer-high"), 13, 220, 1.25, 0.014)

    def r_outer(t):
        return np.exp(low(t) + high_o(t))

    def r_buffer(t):
        return 0.765 * np.exp(low(t) + band(t) + high_b(t))

    o_unit = radial_ring(1500, r_outer, rng=rng_for("outer-theta"))
    b_unit = radial_ring(1100, r_buffer, rng=rng_for("buffer-theta"))
    f1 = Fractal(rng_for("core1"), 2, 150, 1.3, 0.07)
    f2 = Fractal(rng_for("core2"), 2, 120, 1.3, 0.07)
    c1_unit = radial_ring(600, lambda t: 0.41 * np.exp(f1(t)), (-0.265, 0.03), rng_for("core1-theta"))
    c2_unit = radial_ring(360, lambda t: 0.235 * np.exp(f2(t)), (0.445, -0.035), rng_for("core2-theta"))

    area_unit = Polygon(o_unit @ affine_matrix(1.0).T).area
    scale = math.sqrt(2.0386e8 / area_unit)  # ~20,386 ha
    a = affine_matrix(scale)

    def place(u):
        return mm(u @ a.T + np.array([CX, CY]))

    rings = {k: ccw(place(u)) for k, u in [("O", o_unit), ("B", b_unit), ("C1", c1_unit), ("C2", c2_unit)]}
    for k, r in rings.items():
        assert Polygon(r).is_valid, k
    pO, pB, pC1, pC2 = (Polygon(rings[k]) for k in ("O", "B", "C1", "C2"))
    if os.environ.get("SAMPLE_DEBUG"):  # SAMPLE_DEBUG=<dir>: print margins, write preview PNGs
        print("gap O-B", pO.exterior.distance(pB.exterior), "gap B-C", [pB.exterior.distance(c.exterior) for c in (pC1, pC2)],
              "C1-C2", pC1.distance(pC2), {k: Polygon(r).area / 1e4 for k, r in rings.items()})
        preview(rings, Path(os.environ["SAMPLE_DEBUG"]) / "baseline.png")
    assert pO.contains(pB) and pO.exterior.distance(pB.exterior) > 400.0, "buffer too close to outer edge"
    for c in (pC1, pC2):
        assert pB.contains(c) and pB.exterior.distance(c.exterior) > 250.0, "core too close to buffer edge"
    assert pC1.distance(pC2) > 250.0
    return rings, a


# --------------------------------------------------------------------------------------------
# Geometry of the scenario
# --------------------------------------------------------------------------------------------


class Frame:
    """Positions along rays from the centre, in terms of the outer (O) or buffer (B) edge."""

    def __init__(self, rings, a):
        self.a = a
        self.edges = {k: Polygon(rings[k]).exterior for k in ("O", "B")}

    def direction(self, deg):
        t = math.radians(deg)
        d = self.a @ np.array([math.cos(t), math.sin(t)])
        return d / np.linalg.norm(d)

    def edge_distance(self, deg, ref):
        d = self.direction(deg)
        ray = LineString([(CX, CY), (CX + d[0] * 60000, CY + d[1] * 60000)])
        hit = ray.intersection(self.edges[ref])
        pts = [hit] if isinstance(hit, Point) else list(hit.geoms)
        return min(math.hypot(p.x - CX, p.y - CY) for p in pts)

    def at(self, deg, ref, offset):
        """ref "O"/"B": offset in metres outward from that edge; ref "F": offset is the fraction
        of the experimental band along the ray (0 on the buffer edge, 1 on the outer edge)."""
        if ref == "F":
            rb, ro = self.edge_distance(deg, "B"), self.edge_distance(deg, "O")
            r = rb + offset * (ro - rb)
        else:
            r = self.edge_distance(deg, ref) + offset
        d = self.direction(deg)
        return np.array([CX + d[0] * r, CY + d[1] * r])

    def north_rot(self, deg):
        """Rotation (deg) of a licence: near north-aligned, a little skewed, deterministic."""
        return ((deg * 7.3) % 24.0) - 12.0


# Mining rights. Position: bearing in the unit frame (degrees, counter-clockwise from the long
# axis, see Frame), reference edge and offset (Frame.at). Shape: rect w h | L w h notch_w notch_h (m).
MINING_RIGHTS = [
    # (short id, 许可证号, 矿权类型, 矿山名称, 矿种, 权利人, 有效期起, 有效期止, angle, ref, offset, shape)
    ("MR01", "C6200002009061120045117", "采矿权", "青岚山铅锌矿", "铅锌矿", "X县青岚矿业有限责任公司", "2009-06-11", "2029-06-11", 200, "F", 0.55, ("rect", 820, 700)),
    ("MR02", "T62520110402046321", "探矿权", "青岚山南金矿普查", "金矿", "X有色地质勘查局X队", "2011-04-02", "2027-04-01", 250, "F", 0.6, ("rect", 700, 640)),
    ("MR03", "C6200002007031120038265", "采矿权", "石门沟铅锌矿", "铅锌矿", "X县石门沟矿业有限公司", "2007-03-11", "2027-03-11", 300, "B", 0, ("rect", 1000, 900)),
    ("MR04", "C6200002012081520053370", "采矿权", "石家沟铅锌矿", "铅锌矿", "X县石家沟矿业有限公司", "2012-08-15", "2028-08-15", 345, "F", 0.5, ("rect", 620, 580)),
    ("MR05", "T62520130917052844", "探矿权", "黑沟铅锌矿详查", "铅锌矿", "X省地矿局第X地质队", "2013-09-17", "2026-09-16", 105, "B", -650, ("rect", 500, 500)),
    ("MR06", "C6200002010052020061902", "采矿权", "青岚山建筑石料用灰岩矿", "石灰岩", "X县青岚建材有限公司", "2010-05-20", "2030-05-20", 175, "O", 0, ("rect", 900, 800)),
    ("MR07", "T62520120716049915", "探矿权", "白岩沟金矿普查", "金矿", "X黄金矿业有限公司", "2012-07-16", "2027-07-15", 75, "O", 0, ("rect", 1200, 1000)),
    ("MR08", "C6200002005112120027734", "采矿权", "杨家坝铅锌矿", "铅锌矿", "X县杨家坝矿业有限公司", "2005-11-21", "2025-11-21", 230, "O", 2300, ("L", 1500, 1200, 700, 500)),
    ("MR09", "C6200002014030520058808", "采矿权", "东坪铁矿", "铁矿", "X县东坪矿业有限公司", "2014-03-05", "2029-03-05", 0, "O", 700, ("rect", 700, 600)),
    ("MR10", "T62520150610061187", "探矿权", "大坪铜矿普查", "铜矿", "X有色地质勘查局X队", "2015-06-10", "2026-06-09", 262, "O", 3600, ("rect", 2000, 1400)),
    ("MR11", "C6200002016102820066451", "采矿权", "北坡建筑石料用灰岩矿", "石灰岩", "X县北坡建材厂", "2016-10-28", "2026-10-28", 322, "F", 0.6, ("rect", 500, 440)),
    ("MR12", "T62520140822057736", "探矿权", "红岩沟铅锌矿普查", "铅锌矿", "X省地矿局第X地质队", "2014-08-22", "2026-08-21", 135, "B", 0, ("rect", 800, 700)),
]

# Designed zones of each right: baseline / proposal, as the set of zones with area > 1 m².
MR_DESIGN = {
    "MR01": ({"experimental"}, {"outside"}),
    "MR02": ({"experimental"}, {"outside"}),
    "MR03": ({"buffer", "experimental"}, {"outside"}),
    "MR04": ({"experimental"}, {"experimental"}),
    "MR05": ({"buffer"}, {"experimental"}),
    "MR06": ({"experimental", "outside"}, {"experimental", "outside"}),
    "MR07": ({"experimental", "outside"}, {"experimental", "outside"}),
    "MR08": ({"outside"}, {"outside"}),
    "MR09": ({"outside"}, {"outside"}),
    "MR10": ({"outside"}, {"outside"}),
    "MR11": ({"experimental"}, {"experimental"}),
    "MR12": ({"buffer", "experimental"}, {"buffer", "experimental"}),
}

# Facilities: 编号, 名称, 类别, bearing, ref, offset (None: placed in build_scenario), 建成年份, 备注,
# coordinate style in facilities.csv (dec: 7 decimals, dec8: 8 decimals, dms: 度分秒 to 0.01″),
# designed zone in the baseline, designed zone in the proposal.
FACILITIES = [
    ("XC01", "X有色地质勘查局X队青岚选矿厂", "选矿厂", 196.5, "F", 0.75, 2006, "督察反馈：位于实验区，仍在生产，废水未经处理直排东河；待确认是否在保护区内", "dms", "experimental", "outside"),
    ("WK01", "青岚选矿厂尾矿库", "尾矿库", 204.5, "F", 0.7, 2007, "选矿厂配套尾矿库，调整方案拟调出", "dec", "experimental", "outside"),
    ("WK02", "石家沟尾矿库", "尾矿库", 341.0, "F", 0.72, 2013, "石家沟铅锌矿配套", "dms", "experimental", "experimental"),
    ("WK03", "杨家坝尾矿库", "尾矿库", 224.0, "O", 900, 2006, "保护区外", "dec", "outside", "outside"),
    ("SD01", "东河一级水电站", "水电站", None, None, None, 2009, "引水式，厂房位于缓冲区", "dms", "buffer", "buffer"),
    ("SD02", "东河二级水电站", "水电站", None, None, None, 2012, "", "dec", "experimental", "experimental"),
    ("YL01", "X锌冶炼厂", "冶炼厂", 121.0, "O", 650, 1998, "锌冶炼，保护区外", "dec", "outside", "outside"),
    ("ZC01", "X锌冶炼厂冶炼废渣库", "渣场", 119.0, "F", 0.78, 2003, "闭库工程缺陷，坝下截渗墙腐蚀，渗滤液外渗（镉、锌超标）", "dms", "experimental", "experimental"),
    ("GY01", "青岚建材有限公司", "工业企业", 151.0, "O", 10, 2010, "距保护区边界约10 m（边界容差测试）", "dec8", "outside", "outside"),
    ("GY02", "X县青岚山农产品加工厂", "工业企业", 162.0, "F", 0.75, 2015, "", "dms", "experimental", "experimental"),
    ("GY03", "X县红岩砖瓦厂", "工业企业", 330.0, "O", 1300, 2004, "", "dec", "outside", "outside"),
    ("GY04", "X县木材加工厂", "工业企业", 20.0, "O", 420, 2011, "调整方案拟新划入区域内", "dec", "outside", "experimental"),
    ("CS01", "青岚山采石场", "采石场", None, None, None, 2010, "位于灰岩矿采矿权范围内", "dms", "experimental", "experimental"),
]


def build_scenario():
    rings, a = build_baseline()
    fr = Frame(rings, a)

    # -- mining rights
    mr_geoms = {}
    for sid, lic, typ, name, mineral, holder, d0, d1, deg, ref, off, shape in MINING_RIGHTS:
        c = fr.at(deg, ref, off)
        if shape[0] == "rect":
            pts = rect(c, shape[1], shape[2], fr.north_rot(deg))
        else:
            pts = l_shape(c, shape[1], shape[2], shape[3], shape[4], fr.north_rot(deg))
        mr_geoms[sid] = pts

    # -- facility points (some placed relative to other features)
    fac_xy = {}
    for row in FACILITIES:
        fid, deg, ref, off = row[0], row[3], row[4], row[5]
        if deg is not None:
            fac_xy[fid] = fr.at(deg, ref, off)
    fac_xy["SD01"] = fr.at(52.0, "B", -900)
    fac_xy["SD02"] = fr.at(214.0, "F", 0.6)
    mr06 = Polygon(mr_geoms["MR06"])
    fac_xy["CS01"] = np.array(mr06.intersection(Polygon(rings["O"])).representative_point().coords[0])
    # GY01: exactly 10 m outside the baseline outer edge (nearest-point distance).
    o_edge = Polygon(rings["O"]).exterior
    p = fac_xy["GY01"]
    for _ in range(8):
        q = o_edge.interpolate(o_edge.project(Point(p)))
        v = np.array([p[0] - q.x, p[1] - q.y])
        p = np.array([q.x, q.y]) + v / np.linalg.norm(v) * 10.0
    fac_xy["GY01"] = p

    # -- facility footprints (tailings ponds, slag yard)
    fac_area = {
        "WK01": blob(fac_xy["WK01"], 260, 190, fr.direction(204.5), rng_for("WK01")),
        "WK02": blob(fac_xy["WK02"], 200, 150, fr.direction(341.0), rng_for("WK02")),
        "WK03": blob(fac_xy["WK03"], 300, 220, fr.direction(224.0), rng_for("WK03")),
        "ZC01": blob(fac_xy["ZC01"], 170, 120, fr.direction(119.0), rng_for("ZC01")),
    }
    for k, g in fac_area.items():
        fac_area[k] = Polygon(cm(ring_coords(g)))
    plant = Polygon(rect(fac_xy["XC01"], 180, 120, 10.0))

    # -- the proposal: notches, additions, downgrade
    O0, B0 = rings["O"], rings["B"]
    notch = {
        "N1": organic(extrude([Polygon(mr_geoms["MR01"]), fac_area["WK01"], plant], fr.direction(200), 130, 3000), rng_for("N1")),
        "N2": organic(extrude([Polygon(mr_geoms["MR02"])], fr.direction(250), 110, 3000), rng_for("N2")),
        "N3": organic(extrude([Polygon(mr_geoms["MR03"])], fr.direction(300), 120, 4500), rng_for("N3")),
    }
    addition = {
        "A1": blob(fr.at(20.0, "O", 380), 1350, 800, fr.direction(20.0), rng_for("A1")),
        "A2": blob(fr.at(276.0, "O", 260), 950, 600, fr.direction(276.0), rng_for("A2")),
    }
    downgrade = {"D1": blob(fr.at(105.0, "B", -250), 2000, 820, fr.direction(105.0), rng_for("D1"))}
    for k in ("N1", "N2"):
        assert notch[k].distance(Polygon(B0).exterior) > 60.0, f"{k} must stay in the experimental zone"
    for c in ("C1", "C2"):
        assert notch["N3"].distance(Polygon(rings[c])) > 100.0, "N3 must not reach the core"
        assert downgrade["D1"].distance(Polygon(rings[c])) > 100.0, "D1 must not reach the core"
    assert downgrade["D1"].distance(Polygon(O0).exterior) > 150.0, "D1 must stay inside the outer edge"

    o = O0
    for k in ("N1", "N2", "N3"):
        o = cut(o, notch[k], k)
    for k in ("A1", "A2"):
        o = add(o, addition[k], k)
    b = cut(B0, notch["N3"], "N3 on buffer")
    b = cut(b, downgrade["D1"], "D1")
    o, b = ccw(o), ccw(b)
    if os.environ.get("SAMPLE_DEBUG"):
        extra = [(Polygon(p), "k-") for p in mr_geoms.values()] + [(g, "m-") for g in fac_area.values()]
        extra += [(g, "g--") for g in list(notch.values()) + list(addition.values()) + list(downgrade.values())]
        extra += [(Point(p), "r^") for p in fac_xy.values()]
        preview({"O": O0, "B": B0, "C1": rings["C1"], "C2": rings["C2"], "O'": o, "B'": b}, Path(os.environ["SAMPLE_DEBUG"]) / "scenario.png", extra)

    # N3 cuts through the buffer: its vertices inside the buffer are one stretch shared by O'
    # and B' (same coordinates, same order), so exp' can be assembled from the two rings.
    old_b = {key(p) for p in B0}
    new_b = np.array([key(p) not in old_b for p in b])
    runs = []
    for i in range(len(b)):
        if new_b[i] and not new_b[i - 1]:
            j = i
            while new_b[(j + 1) % len(b)]:
                j = (j + 1) % len(b)
            runs.append((i, j))
    assert len(runs) == 2, f"B' should have two changed stretches (N3, D1), got {len(runs)}"
    n3_keys = {key(p) for p in ring_coords(notch["N3"])}
    sb, eb = next(r for r in runs if key(b[r[0]]) in n3_keys)
    arc = cyclic(b, sb, eb)
    assert all(key(p) in n3_keys for p in arc) and len(arc) >= 3
    o_index = {key(p): i for i, p in enumerate(o)}
    inner = [o_index.get(key(p)) for p in arc]
    assert None not in inner, "N3 inner vertices missing from O'"
    assert all((inner[k + 1] - inner[k]) % len(o) == 1 for k in range(len(inner) - 1)), "N3 arc order differs"

    # Re-digitising noise: five consecutive untouched outer-edge vertices moved < 0.5 m.
    noise_offsets = [0.12, -0.31, 0.45, -0.27, 0.18]  # metres along the outward normal
    d = fr.direction(47.0)
    target = np.array([CX, CY]) + d * fr.edge_distance(47.0, "O")
    old_o = {key(p) for p in O0}
    k0 = int(np.argmin(np.hypot(o[:, 0] - target[0], o[:, 1] - target[1])))
    idx = [(k0 + t) % len(o) for t in range(len(noise_offsets))]
    assert all(key(o[i]) in old_o for i in idx) and key(o[(k0 - 1) % len(o)]) in old_o
    noise = []
    for i, off in zip(idx, noise_offsets):
        prev, nxt = o[(i - 1) % len(o)], o[(i + 1) % len(o)]
        t = nxt - prev
        normal = np.array([t[1], -t[0]]) / np.linalg.norm(t)  # outward for a CCW ring
        new = mm(o[i] + normal * off)
        noise.append({"from": [float(o[i][0]), float(o[i][1])], "to": [float(new[0]), float(new[1])],
                      "offset_m": float(np.hypot(*(new - o[i]))), "outward": off > 0})
        o[i] = new
    o = np.array(o)

    # Only real changes: every baseline vertex away from the designed shapes survives unmoved.
    changed_o = unary_union(list(notch.values()) + list(addition.values()))
    changed_b = unary_union([notch["N3"], downgrade["D1"]])
    moved = {tuple(v["from"]) for v in noise}
    o_keys, b_keys = {key(p) for p in o}, {key(p) for p in b}
    for ring, keys, changed in ((O0, o_keys, changed_o), (B0, b_keys, changed_b)):
        for p in ring:
            if key(p) not in moved and changed.distance(Point(p)) > 1.0:
                assert key(p) in keys, f"untouched vertex {p} lost"

    # Proposal zones assembled from the shared rings: no overlay, so shared edges are identical.
    s_o = index_of(o, arc[0])
    e_o = index_of(o, arc[-1])
    s_b = index_of(b, arc[0])
    e_b = index_of(b, arc[-1])
    exp_ring = np.vstack([cyclic(o, e_o, s_o), cyclic(b, (s_b - 1) % len(b), (e_b + 1) % len(b), -1)])
    core = [Polygon(rings["C1"]), Polygon(rings["C2"])]
    prop = {
        "core": MultiPolygon(core),
        "buffer": Polygon(b, [orient(c, -1.0).exterior.coords for c in core]),
        "experimental": Polygon(exp_ring),
    }
    base = {
        "core": MultiPolygon(core),
        "buffer": Polygon(rings["B"], [orient(c, -1.0).exterior.coords for c in core]),
        "experimental": Polygon(rings["O"], [Polygon(rings["B"]).exterior.coords[::-1]]),
    }
    for z in (base, prop):
        for k, g in z.items():
            assert g.is_valid, k
    return {
        "rings": rings, "frame": fr, "base": base, "prop": prop, "prop_outer": o, "prop_buffer_ring": b,
        "mr": mr_geoms, "fac_xy": fac_xy, "fac_area": fac_area, "notch": notch, "addition": addition,
        "downgrade": downgrade, "noise": noise,
    }


def index_of(ring, pt):
    hits = [i for i, p in enumerate(ring) if p[0] == pt[0] and p[1] == pt[1]]
    assert len(hits) == 1
    return hits[0]


# --------------------------------------------------------------------------------------------
# Rivers and roads
# --------------------------------------------------------------------------------------------


def catmull_rom(points, per_seg, rng, wiggle):
    p = np.asarray(points, dtype=float)
    p = np.vstack([p[0] * 2 - p[1], p, p[-1] * 2 - p[-2]])
    out = []
    for i in range(1, len(p) - 2):
        p0, p1, p2, p3 = p[i - 1], p[i], p[i + 1], p[i + 2]
        for t in np.linspace(0, 1, per_seg, endpoint=False):
            t2, t3 = t * t, t * t * t
            out.append(0.5 * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2 + (-p0 + 3 * p1 - 3 * p2 + p3) * t3))
    out.append(p[-2])
    out = np.array(out)
    # meander: smooth lateral noise that vanishes at the waypoints' segment ends
    n = len(out)
    s = np.linspace(0, 1, n)
    lat = np.zeros(n)
    for k in range(3, 40):
        lat += rng.normal(0, 1) / k**1.3 * np.sin(k * math.pi * s * (len(points) - 1)) ** 2
    lat *= wiggle / (np.abs(lat).max() + 1e-9)
    tang = np.gradient(out, axis=0)
    norm = np.column_stack([-tang[:, 1], tang[:, 0]])
    norm /= np.linalg.norm(norm, axis=1)[:, None]
    return mm(out + norm * lat[:, None])


def build_lines(sc):
    fr, xy = sc["frame"], sc["fac_xy"]
    east = catmull_rom(
        [fr.at(52.0, "O", 3500), fr.at(52.0, "O", 0), xy["SD01"], fr.at(100, "B", -3500), fr.at(170, "B", -2600),
         xy["SD02"], xy["XC01"] + fr.direction(196.5) * 120 + np.array([0.0, -180.0]), fr.at(193.0, "O", 2600)],
        40, rng_for("east-river"), 80.0)
    south = catmull_rom(
        [fr.at(116.0, "B", 250), xy["ZC01"] + fr.direction(119.0) * 180, fr.at(120.0, "O", 350),
         fr.at(124.0, "O", 1800), fr.at(128.0, "O", 3200)],
        30, rng_for("south-gully"), 30.0)
    road = catmull_rom(
        [fr.at(160.0, "O", 4000), fr.at(175.0, "O", 1200), fr.at(190.0, "O", -300), xy["XC01"] + np.array([60.0, 80.0]),
         fr.at(235.0, "O", -250), fr.at(262.0, "O", 900), fr.at(285.0, "O", 3500)],
        30, rng_for("road"), 40.0)
    return {
        "rivers": [({"名称": "东河", "类型": "河流"}, LineString(east)), ({"名称": "黑水沟", "类型": "溪沟"}, LineString(south))],
        "roads": [({"名称": "县道X215", "等级": "县道"}, LineString(road))],
    }


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def fmt_lonlat(lon, lat, style):
    if style == "dms":
        return dms(lon), dms(lat)
    if style == "dec8":
        return f"{lon:.8f}", f"{lat:.8f}"
    return f"{lon:.7f}", f"{lat:.7f}"


def zone_rows(zones, labels, approval):
    rows = []
    for k, g in zones.items():
        rows.append(({"功能分区": labels[k], "面积公顷": round(geodesic_area_m2(g) / 1e4, 2), "名称": RESERVE_NAME,
                      "批准文号": approval}, as_multi(orient_all(g))))
    return rows


def orient_all(g):
    return MultiPolygon([orient(p, 1.0) for p in polys_of(g)])


ZONE_FIELDS = [("功能分区", "str"), ("面积公顷", "real"), ("名称", "str"), ("批准文号", "str")]


def write_gbk_shapefile(base_rows):
    d = OUT / "baseline_gbk"
    if d.exists():
        shutil.rmtree(d)
    tmpd = OUT / "baseline_gbk.tmp"
    if tmpd.exists():
        shutil.rmtree(tmpd)
    tmpd.mkdir()
    shp = tmpd / "zones.shp"
    ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(str(shp))
    lyr = ds.CreateLayer("zones", srs_of(EPSG_GK), ogr.wkbPolygon, options=["ENCODING=CP936"])
    for name, typ in ZONE_FIELDS:
        fd = ogr.FieldDefn(name, FIELD_TYPES[typ])
        if typ == "real":
            fd.SetWidth(12)
            fd.SetPrecision(2)
        else:
            fd.SetWidth(60)
        lyr.CreateField(fd)
    for attrs, geom in base_rows:
        f = ogr.Feature(lyr.GetLayerDefn())
        for name, _ in ZONE_FIELDS:
            f.SetField(name, attrs[name])
        f.SetGeometry(ogr.CreateGeometryFromWkb(geom.wkb))
        lyr.CreateFeature(f)
    ds = None
    cpg = tmpd / "zones.cpg"
    if cpg.exists():
        cpg.unlink()
    dbf = tmpd / "zones.dbf"
    raw = bytearray(dbf.read_bytes())
    raw[1:4] = bytes([126, 1, 1])  # last-update date 2026-01-01 (deterministic)
    raw[29] = 0x4D  # language driver id 77: Chinese GBK (PRC), code page 936
    dbf.write_bytes(bytes(raw))
    tmpd.rename(d)
    # Read back: labels must decode from GBK both by the LDID and by an explicit encoding.
    want = [r[0]["功能分区"] for r in base_rows]
    for how in ("ldid", "open-option", "config"):
        if how == "config":
            gdal.SetConfigOption("SHAPE_ENCODING", "CP936")
        opts = ["ENCODING=CP936"] if how == "open-option" else []
        rds = gdal.OpenEx(str(d / "zones.shp"), gdal.OF_VECTOR, open_options=opts)
        got = [f.GetField("功能分区") for f in rds.GetLayer(0)]
        names = [rds.GetLayer(0).GetLayerDefn().GetFieldDefn(i).GetName() for i in range(4)]
        rds = None
        gdal.SetConfigOption("SHAPE_ENCODING", None)
        assert got == want, (how, got)
        assert names == [n for n, _ in ZONE_FIELDS], (how, names)
    raw = (d / "zones.dbf").read_bytes()
    assert raw[29] == 0x4D and "核心区".encode("gbk") in raw and not (d / "zones.cpg").exists()


def main():
    sc = build_scenario()
    base, prop = sc["base"], sc["prop"]

    # ---------------- zones
    base_rows = zone_rows(base, LABEL3, BASELINE_APPROVAL)
    prop_rows = zone_rows(prop, LABEL3, PROPOSAL_APPROVAL)
    two = {"core_protection": Polygon(sc["prop_buffer_ring"]), "general_control": prop["experimental"]}
    two_rows = zone_rows(two, LABEL2, PROPOSAL_APPROVAL)
    write_gpkg(OUT / "baseline.gpkg", [("zones", ogr.wkbMultiPolygon, ZONE_FIELDS, base_rows)])
    write_gpkg(OUT / "proposal.gpkg", [("zones", ogr.wkbMultiPolygon, ZONE_FIELDS, prop_rows)])
    write_gpkg(OUT / "proposal_two_zone.gpkg", [("zones", ogr.wkbMultiPolygon, ZONE_FIELDS, two_rows)])
    write_gbk_shapefile(base_rows)

    # ---------------- mining rights
    mr_fields = [("许可证号", "str"), ("矿权类型", "str"), ("矿山名称", "str"), ("矿种", "str"), ("权利人", "str"),
                 ("有效期起", "date"), ("有效期止", "date")]
    mr_rows, corner_rows = [], []
    for sid, lic, typ, name, mineral, holder, d0, d1, *_ in MINING_RIGHTS:
        pts = sc["mr"][sid]
        mr_rows.append(({"许可证号": lic, "矿权类型": typ, "矿山名称": name, "矿种": mineral, "权利人": holder,
                         "有效期起": d0, "有效期止": d1}, MultiPolygon([orient(Polygon(pts), 1.0)])))
        for i, (x, y) in enumerate(pts, start=1):
            corner_rows.append([lic, i, f"{y:.2f}", f"{ZONE_PREFIX}{x:.2f}"])
    write_gpkg(OUT / "mining_rights.gpkg", [("mining_rights", ogr.wkbMultiPolygon, mr_fields, mr_rows)])
    write_csv(OUT / "mining_rights_corner_points.csv", ["许可证号", "点号", "X", "Y"], corner_rows, bom=True)

    # ---------------- facilities
    fac_rows, fac_ll = [], {}
    for fid, name, cat, _deg, _ref, _off, year, note, style, _bz, _pz in FACILITIES:
        lon, lat = TO_LL.transform(*sc["fac_xy"][fid])
        slon, slat = fmt_lonlat(lon, lat, style)
        fac_rows.append([fid, name, cat, slon, slat, year, note])
        fac_ll[fid] = (slon, slat)
    write_csv(OUT / "facilities.csv", ["编号", "名称", "类别", "经度", "纬度", "建成年份", "备注"], fac_rows)
    fac_names = {r[0]: (r[1], r[2]) for r in FACILITIES}
    area_rows = [({"编号": k, "名称": fac_names[k][0], "类别": fac_names[k][1]}, MultiPolygon([orient(g, 1.0)]))
                 for k, g in sc["fac_area"].items()]
    write_gpkg(OUT / "facilities.gpkg", [("facility_areas", ogr.wkbMultiPolygon,
                                          [("编号", "str"), ("名称", "str"), ("类别", "str")], area_rows)])

    # ---------------- monitoring (slag yard ZC01 on 黑水沟)
    lines = build_lines(sc)
    fr = sc["frame"]
    zc = sc["fac_xy"]["ZC01"]
    south = lines["rivers"][1][1]
    mon_pts = [
        ("JC01", "黑水沟渣场上游背景点", fr.at(116.0, "B", 330)),
        ("JC02", "渣场坝下渗滤液收集池", zc + fr.direction(119.0) * 150),
        ("JC03", "截渗墙外渗出点", zc + fr.direction(119.0) * 240 + np.array([45.0, -35.0])),
        ("JC04", "黑水沟渣场下游500 m", None),
        ("JC05", "黑水沟下游1.5 km断面", None),
    ]
    s0 = south.project(Point(*(zc + fr.direction(119.0) * 180)))
    mon_xy = {}
    for pid, _name, p in mon_pts:
        if p is None:
            dist = s0 + (500.0 if pid == "JC04" else 1500.0)
            q = south.interpolate(dist)
            p = np.array([q.x, q.y])
        mon_xy[pid] = p
    samples = {  # Cd, Zn, Pb, As, Hg in mg/L
        "JC01": [("2025-06-12", 0.0003, 0.012, 0.002, 0.004, 0.00002), ("2025-09-18", 0.0004, 0.015, 0.003, 0.005, 0.00002)],
        "JC02": [("2025-06-12", 0.862, 48.6, 0.315, 0.118, 0.00041), ("2025-09-18", 1.24, 63.2, 0.402, 0.136, 0.00052)],
        "JC03": [("2025-06-12", 0.417, 22.9, 0.186, 0.071, 0.00023)],
        "JC04": [("2025-06-12", 0.0386, 2.17, 0.0245, 0.0112, 0.00009), ("2025-09-18", 0.0452, 2.63, 0.0291, 0.0128, 0.00011)],
        "JC05": [("2025-06-12", 0.0071, 0.384, 0.0063, 0.0061, 0.00004)],
    }
    mon_rows = []
    for pid, name, _ in mon_pts:
        lon, lat = TO_LL.transform(*mon_xy[pid])
        for date, cd, zn, pb, as_, hg in samples[pid]:
            mon_rows.append([pid, name, f"{lon:.7f}", f"{lat:.7f}", date] + [plain(v) for v in (cd, zn, pb, as_, hg)])
    write_csv(OUT / "monitoring.csv", ["点位编号", "点位名称", "经度", "纬度", "采样日期", "Cd", "Zn", "Pb", "As", "Hg"], mon_rows)

    # ---------------- rivers, roads
    write_gpkg(OUT / "river.gpkg", [
        ("rivers", ogr.wkbLineString, [("名称", "str"), ("类型", "str")], lines["rivers"]),
        ("roads", ogr.wkbLineString, [("名称", "str"), ("等级", "str")], lines["roads"]),
    ])

    # ---------------- ledger assignments
    write_csv(OUT / "assignments.csv",
              ["编号", "整改目标", "整改时限", "责任单位", "责任领导", "责任人", "督办单位", "整改措施"], ASSIGNMENTS)

    expected = compute_expected(sc, mon_xy, samples)
    tmp = OUT / "expected.json.tmp"
    tmp.write_text(json.dumps(expected, ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    tmp.rename(OUT / "expected.json")
    print(f"wrote sample case to {OUT}")
    s = expected["summary"]
    for k, v in s.items():
        print(f"  {k}: {v}")


ASSIGNMENTS = [
    ["XC01", "停止生产，废水零直排东河；查明是否在保护区内后依法关闭或搬迁", "2026-06-30", "X县人民政府", "X县副县长 王某", "X县工业和信息化局 李某",
     "X市生态环境局", "下达暂时停产通知；核定选矿厂与保护区界线关系；拆除排污口，完成废水治理"],
    ["WK01", "尾矿库闭库并生态修复，不以调整保护区范围代替整改", "2027-06-30", "X县应急管理局", "X县副县长 王某", "X县应急管理局 赵某",
     "X市应急管理局", "按搬迁、就地综合治理两种方式论证并实施；闭库前完成安全评价"],
    ["ZC01", "完成冶炼废渣库闭库工程缺陷整改，渗滤液达标，消除重金属环境风险", "2026-12-31", "X县人民政府", "X县县长 陈某", "X锌冶炼厂 负责人 刘某",
     "X市生态环境局", "修复坝下截渗墙；建设渗滤液收集处理设施；黑水沟逐月监测镉、锌；治理完成后组织专家验收"],
    ["C6200002009061120045117", "采矿权依法退出保护区", "2026-12-31", "X县自然资源局", "X县副县长 孙某", "X县自然资源局 周某",
     "X市自然资源局", "停止开采，注销采矿许可证，开展矿山地质环境恢复治理"],
    ["C6200002007031120038265", "采矿权依法退出保护区缓冲区及实验区", "2026-12-31", "X县自然资源局", "X县副县长 孙某", "X县自然资源局 周某",
     "X市自然资源局", "停止开采，依法注销并给予补偿，恢复植被"],
    ["T62520130917052844", "探矿权退出保护区缓冲区", "2026-09-16", "X县自然资源局", "X县副县长 孙某", "X县自然资源局 吴某",
     "X市自然资源局", "到期不予延续，清理探槽、钻孔并复绿"],
    ["SD01", "缓冲区内水电站按要求退出或整改，保障生态流量", "2027-12-31", "X县水务局", "X县副县长 郑某", "X县水务局 冯某",
     "X市水务局", "安装生态流量泄放及监控设施；论证退出方案"],
]


# --------------------------------------------------------------------------------------------
# Expected numbers (independent of libreserve) + invariants
# --------------------------------------------------------------------------------------------


def read_zones(path, labels):
    inv = {v: k for k, v in labels.items()}
    out = {}
    for attrs, g in read_layer(path, "zones"):
        out[inv[attrs["功能分区"]]] = g if len(g.geoms) > 1 else g.geoms[0]
    return out


def area_block(g):
    pa, ga = g.area, geodesic_area_m2(g)
    return {"planar_m2": pa, "planar_ha": pa / 1e4, "geodesic_m2": ga, "geodesic_ha": ga / 1e4}


def check_coverage(zones, what):
    gs = list(zones.values())
    total = sum(g.area for g in gs)
    u = unary_union(gs)
    assert abs(u.area - total) <= 1e-6 * total, f"{what}: zones overlap"
    for i in range(len(gs)):
        for j in range(i + 1, len(gs)):
            assert gs[i].intersection(gs[j]).area <= 1e-6, f"{what}: overlap"
    assert isinstance(u, Polygon) and len(u.interiors) == 0, f"{what}: union has gaps or several parts"
    return u


def compute_expected(sc, mon_xy, samples):
    base = read_zones(OUT / "baseline.gpkg", LABEL3)
    prop = read_zones(OUT / "proposal.gpkg", LABEL3)
    two = read_zones(OUT / "proposal_two_zone.gpkg", LABEL2)
    ub = check_coverage(base, "baseline")
    up = check_coverage(prop, "proposal")
    ut = check_coverage(two, "two-zone proposal")
    assert ut.symmetric_difference(up).area < 1e-6, "two-zone outline must equal the proposal outline"
    assert two["core_protection"].symmetric_difference(unary_union([prop["core"], prop["buffer"]])).area < 1e-6
    # Core enclosed by buffer, buffer by experimental (baseline).
    assert base["core"].within(Polygon(base["buffer"].exterior)) and base["core"].distance(base["experimental"]) > 100
    assert ub.exterior.distance(base["buffer"]) > 100
    # Same vertices in memory and on disk.
    assert np.array_equal(np.asarray(base["experimental"].exterior.coords)[:-1], sc["rings"]["O"])

    # Shared edges are vertex-identical: every buffer-ring vertex of the proposal is a vertex of
    # the experimental zone except where the buffer touches the outside (notch N3).
    exp_keys = {key(p) for p in prop["experimental"].exterior.coords}
    for r in prop["experimental"].interiors:
        exp_keys |= {key(p) for p in r.coords}
    b_ring = np.asarray(prop["buffer"].exterior.coords)[:-1]
    shared = sum(key(p) in exp_keys for p in b_ring)
    out_keys = {key(p) for p in up.exterior.coords}
    n3_only = sum(key(p) not in exp_keys for p in b_ring)
    assert all(key(p) in out_keys for p in b_ring if key(p) not in exp_keys)
    assert shared + n3_only == len(b_ring)

    # Unchanged outer edge is vertex-identical.
    base_o = {key(p) for p in np.asarray(ub.exterior.coords)[:-1]}
    prop_o = {key(p) for p in np.asarray(up.exterior.coords)[:-1]}
    kept = len(base_o & prop_o)

    def block(zones, u, labels):
        out = {"zones": {}}
        for k in labels:
            out["zones"][k] = dict(label=labels[k], **area_block(zones[k]))
        out["total"] = area_block(u)
        return out

    res = {"meta": {
        "reserve": RESERVE_NAME,
        "crs": f"EPSG:{EPSG_GK}",
        "geographic_crs": f"EPSG:{EPSG_GEO}",
        "generator": "data/make_sample.py (Shapely %s, pyproj, GEOS via Shapely; libreserve not used)" % __import__("shapely").__version__,
        "seed": SEED,
        "planar": "shoelace area in EPSG:4544 (Shapely .area)",
        "geodesic": "pyproj Geod(ellps='GRS80').geometry_area_perimeter on vertices transformed EPSG:4544 -> EPSG:4490 (always_xy), rings oriented CCW, holes CW; edges are geodesics",
        "units": "m2 and ha (1 ha = 10000 m2); shares are fractions (0..1)",
    }}
    res["baseline"] = block(base, ub, LABEL3)
    res["proposal"] = block(prop, up, LABEL3)
    res["proposal_two_zone"] = block(two, ut, LABEL2)
    for name, zones in (("baseline", base), ("proposal", prop)):
        cb = unary_union([zones["core"], zones["buffer"]])
        blk = res[name]
        blk["core_buffer"] = area_block(cb)
        blk["core_buffer_share_planar"] = blk["core_buffer"]["planar_m2"] / blk["total"]["planar_m2"]
        blk["core_buffer_share_geodesic"] = blk["core_buffer"]["geodesic_m2"] / blk["total"]["geodesic_m2"]
    res["proposal_two_zone"]["core_protection_share_planar"] = two["core_protection"].area / ut.area

    removed = ub.difference(up)
    added = up.difference(ub)
    res["change"] = {
        "gross_removed": area_block(removed),
        "gross_added": area_block(added),
        "net_planar_m2": up.area - ub.area,
        "net_geodesic_m2": res["proposal"]["total"]["geodesic_m2"] - res["baseline"]["total"]["geodesic_m2"],
        "net_planar_ha": (up.area - ub.area) / 1e4,
        "net_geodesic_ha": (res["proposal"]["total"]["geodesic_m2"] - res["baseline"]["total"]["geodesic_m2"]) / 1e4,
        "note": "gross_* include the re-digitising noise slivers (see noise); net = total after - total before; "
                "geodesic gross values are the geodesic areas of the planar difference polygons",
    }

    # Pieces: which designed change each removed/added part belongs to.
    def pieces(g, designs):
        out = []
        for p in sorted(polys_of(g), key=lambda q: (-q.area, q.representative_point().x)):
            tag = next((k for k, d in designs.items() if p.intersects(d) and p.area >= 1.0), "noise")
            rp = p.representative_point()
            out.append({"design": tag, "planar_m2": p.area, "geodesic_m2": geodesic_area_m2(p),
                        "representative_point": [round(rp.x, 3), round(rp.y, 3)]})
        return out

    rem_p = pieces(removed, sc["notch"])
    add_p = pieces(added, sc["addition"])
    res["change"]["removed_pieces"] = rem_p
    res["change"]["added_pieces"] = add_p
    noise_rem = sum(p["planar_m2"] for p in rem_p if p["design"] == "noise")
    noise_add = sum(p["planar_m2"] for p in add_p if p["design"] == "noise")
    res["noise"] = {
        "description": "five consecutive vertices of the outer edge, north-east edge (unit-frame bearing 47 deg from the "
                       "reserve centre), moved by < 0.5 m along the edge normal in the proposal; everything else on "
                       "unchanged edges is vertex-identical to the baseline",
        "vertices": sc["noise"],
        "removed_pieces": sum(p["design"] == "noise" for p in rem_p),
        "added_pieces": sum(p["design"] == "noise" for p in add_p),
        "removed_planar_m2": noise_rem,
        "added_planar_m2": noise_add,
        "max_sliver_width_m": max(v["offset_m"] for v in sc["noise"]),
    }
    assert all(p["planar_m2"] < 50.0 for p in rem_p + add_p if p["design"] == "noise")
    assert 0 < noise_rem < 50 and 0 < noise_add < 50

    # Transition matrix (planar m²), rows = baseline zone, columns = proposal zone.
    keys = ZONE_KEYS3 + ["outside"]
    tm = {}
    for kb in keys:
        tm[kb] = {}
        for kp in keys:
            if kb == "outside" and kp == "outside":
                tm[kb][kp] = None
                continue
            gb = base[kb] if kb != "outside" else None
            gp = prop[kp] if kp != "outside" else None
            if gb is not None and gp is not None:
                a = gb.intersection(gp).area
            elif gb is not None:
                a = gb.difference(up).area
            else:
                a = gp.difference(ub).area
            tm[kb][kp] = a
    for k in ZONE_KEYS3:  # rows add up to the baseline zones, columns to the proposal zones
        assert abs(sum(tm[k][c] for c in keys) - base[k].area) < 1e-6 * base[k].area, k
        assert abs(sum(tm[r][k] for r in keys) - prop[k].area) < 1e-6 * prop[k].area, k
    assert abs(sum(tm["outside"][c] for c in ZONE_KEYS3) - added.area) < 1e-3
    assert abs(sum(tm[r]["outside"] for r in ZONE_KEYS3) - removed.area) < 1e-3
    res["transition_matrix_planar_m2"] = tm
    res["transition_matrix_note"] = "rows: baseline zone; columns: proposal zone; outside x outside is null"

    # Designed pieces of change.
    res["designed_changes"] = {
        "N1": "carve-out (experimental -> outside) around 采矿权 MR01, 尾矿库 WK01 and 选矿厂 XC01 (SW edge)",
        "N2": "carve-out (experimental -> outside) around 探矿权 MR02 (S edge)",
        "N3": "carve-out through experimental AND buffer -> outside around 采矿权 MR03 (SE edge)",
        "D1": "downgrade buffer -> experimental around 探矿权 MR05 (NW side, inner edge of the experimental ring)",
        "A1": "addition outside -> experimental (NE edge), contains 工业企业 GY04",
        "A2": "addition outside -> experimental (S edge)",
        "areas_planar_m2": {
            "N1": sum(p["planar_m2"] for p in rem_p if p["design"] == "N1"),
            "N2": sum(p["planar_m2"] for p in rem_p if p["design"] == "N2"),
            "N3": sum(p["planar_m2"] for p in rem_p if p["design"] == "N3"),
            "N3_from_experimental": tm["experimental"]["outside"]
            - sum(p["planar_m2"] for p in rem_p if p["design"] in ("N1", "N2", "noise")),
            "N3_from_buffer": tm["buffer"]["outside"],
            "D1": tm["buffer"]["experimental"],
            "A1": sum(p["planar_m2"] for p in add_p if p["design"] == "A1"),
            "A2": sum(p["planar_m2"] for p in add_p if p["design"] == "A2"),
        },
        "areas_note": "N*/A* = removed/added pieces tagged with that design (pieces touching the design shape); "
                      "N3_from_buffer = transition buffer->outside; D1 = transition buffer->experimental",
    }
    assert tm["core"]["buffer"] == 0 or tm["core"]["buffer"] < 1e-6
    assert tm["buffer"]["outside"] > 0 and tm["buffer"]["experimental"] > 0

    # Mining rights.
    mrs = read_layer(OUT / "mining_rights.gpkg", "mining_rights")
    sid_of = {m[1]: m[0] for m in MINING_RIGHTS}
    res["mining_rights"] = {}
    for attrs, g in mrs:
        lic = attrs["许可证号"]
        sid = sid_of[lic]
        ba, pa = zone_areas(g, base), zone_areas(g, prop)
        zb = {k for k, v in ba.items() if v > 1.0}
        zp = {k for k, v in pa.items() if v > 1.0}
        assert (zb, zp) == MR_DESIGN[sid], (sid, zb, zp, ba, pa)
        assert 20e4 <= g.area <= 300e4, (sid, g.area)
        res["mining_rights"][lic] = {"sample_id": sid, "矿权类型": attrs["矿权类型"], "area_planar_m2": g.area,
                                     "baseline_planar_m2": ba, "proposal_planar_m2": pa,
                                     "distance_to_baseline_reserve_m": g.distance(ub),
                                     "distance_to_proposal_reserve_m": g.distance(up)}
    # Corner-point table agrees with the layer.
    with open(OUT / "mining_rights_corner_points.csv", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    by_lic = {}
    for r in rows:
        assert len(r["X"].split(".")[0]) == 7 and len(r["Y"].split(".")[0]) == 8 and r["Y"].startswith("35")
        by_lic.setdefault(r["许可证号"], []).append((float(r["Y"]) - ZONE_PREFIX * 1e6, float(r["X"])))
    for attrs, g in mrs:
        assert abs(Polygon(by_lic[attrs["许可证号"]]).area - g.area) < 1e-3

    # Facilities (points as the CSV states them).
    res["facilities"] = {}
    with open(OUT / "facilities.csv", encoding="utf-8") as fh:
        frows = list(csv.DictReader(fh))
    design = {r[0]: (r[9], r[10]) for r in FACILITIES}
    for r in frows:
        lon, lat = parse_angle(r["经度"]), parse_angle(r["纬度"])
        x, y = TO_GK.transform(lon, lat)
        pt = Point(x, y)
        zb, zp = zone_of_point(pt, base), zone_of_point(pt, prop)
        assert (zb, zp) == design[r["编号"]], (r["编号"], zb, zp)
        db, dp = ub.exterior.distance(pt), up.exterior.distance(pt)
        if r["编号"] != "GY01":
            assert db > 30.0, (r["编号"], db)
        if "°" in r["经度"]:  # 0.01″ rounding (~0.3 m) must never decide the zone
            edges = [g.boundary for z in (base, prop) for g in z.values()]
            assert min(e.distance(pt) for e in edges) >= 150.0, (r["编号"], "DMS point too close to an edge")
        res["facilities"][r["编号"]] = {"类别": r["类别"], "lon": lon, "lat": lat, "x": x, "y": y,
                                        "baseline_zone": zb, "proposal_zone": zp,
                                        "distance_to_baseline_boundary_m": db, "distance_to_proposal_boundary_m": dp}
    gy01 = res["facilities"]["GY01"]["distance_to_baseline_boundary_m"]
    assert abs(gy01 - 10.0) < 0.05, gy01
    res["facility_areas"] = {}
    for attrs, g in read_layer(OUT / "facilities.gpkg", "facility_areas"):
        res["facility_areas"][attrs["编号"]] = {"area_planar_m2": g.area, "baseline_planar_m2": zone_areas(g, base),
                                                "proposal_planar_m2": zone_areas(g, prop)}
        zb = {k for k, v in res["facility_areas"][attrs["编号"]]["baseline_planar_m2"].items() if v > 0.0}
        zp = {k for k, v in res["facility_areas"][attrs["编号"]]["proposal_planar_m2"].items() if v > 0.0}
        assert zb == {design[attrs["编号"]][0]} and zp == {design[attrs["编号"]][1]}, (attrs["编号"], zb, zp)

    # Freed / downgraded / newly included features.
    def level(areas_or_zone):
        if isinstance(areas_or_zone, str):
            return STRICTNESS[areas_or_zone]
        return max(STRICTNESS[k] for k, v in areas_or_zone.items() if v > 1.0)

    freed, downgraded, included = [], [], []
    for lic, m in res["mining_rights"].items():
        inside_b = sum(v for k, v in m["baseline_planar_m2"].items() if k != "outside")
        inside_p = sum(v for k, v in m["proposal_planar_m2"].items() if k != "outside")
        if inside_b > 1.0 and inside_p <= 1.0:
            freed.append(lic)
        elif inside_p > 1.0 and level(m["proposal_planar_m2"]) < level(m["baseline_planar_m2"]):
            downgraded.append(lic)
    for fid, f in res["facilities"].items():
        if f["baseline_zone"] != "outside" and f["proposal_zone"] == "outside":
            freed.append(fid)
        elif f["proposal_zone"] != "outside" and STRICTNESS[f["proposal_zone"]] < STRICTNESS[f["baseline_zone"]]:
            downgraded.append(fid)
        if f["baseline_zone"] == "outside" and f["proposal_zone"] != "outside":
            included.append(fid)
    lic = {m[0]: m[1] for m in MINING_RIGHTS}
    assert sorted(freed) == sorted([lic["MR01"], lic["MR02"], lic["MR03"], "XC01", "WK01"]), freed
    assert downgraded == [lic["MR05"]], downgraded
    assert included == ["GY04"], included
    res["conflicts"] = {
        "freed_by_proposal": sorted(freed),
        "freed_definition": "inside the baseline reserve (point inside, or polygon overlap > 1 m2) and outside the "
                            "proposal reserve (no overlap > 1 m2)",
        "downgraded_by_proposal": downgraded,
        "downgraded_definition": "still inside but the strictest zone it overlaps (> 1 m2) is less strict after",
        "newly_included": included,
    }

    # Monitoring exceedances against GB 3838-2002 class I.
    limits = {"Cd": 0.001, "Zn": 0.05, "Pb": 0.01, "As": 0.05, "Hg": 0.00005}
    mon = {}
    for pid, rows_ in samples.items():
        worst = {el: max(r[1 + i] for r in rows_) / lim for i, (el, lim) in enumerate(limits.items())}
        mon[pid] = {"max_ratio_to_class_I": worst, "exceeds_class_I": sorted(k for k, v in worst.items() if v > 1.0)}
    assert mon["JC01"]["exceeds_class_I"] == [] and set(mon["JC02"]["exceeds_class_I"]) == set(limits)
    res["monitoring"] = {"class_I_limits_mg_per_L": limits, "points": mon}

    # The proposal is designed to fail the first two rules while shrinking core+buffer share.
    bt, pt_ = res["baseline"]["total"]["planar_m2"], res["proposal"]["total"]["planar_m2"]
    bs, ps = res["baseline"]["core_buffer_share_planar"], res["proposal"]["core_buffer_share_planar"]
    assert 1.0e8 <= bt <= 3.0e8 and 0.55 <= bs <= 0.65, (bt, bs)
    assert pt_ < bt and res["change"]["gross_added"]["planar_m2"] > 0, "must be a net loss with gross additions"
    assert res["change"]["gross_added"]["planar_m2"] < res["change"]["gross_removed"]["planar_m2"]
    assert ps < bs and res["proposal_two_zone"]["core_protection_share_planar"] < bs
    for m in ("planar", "geodesic"):
        assert res["proposal"][f"core_buffer_share_{m}"] < res["baseline"][f"core_buffer_share_{m}"]
        assert res["proposal"]["total"][f"{m}_m2"] < res["baseline"]["total"][f"{m}_m2"]
    res["rules_expected"] = {"no_slimming": "fail", "no_ratio_reduction": "fail",
                             "no_adjusting_instead_of_rectifying": "fail"}

    nverts = {
        "baseline": sum(len(r.coords) - 1 for g in base.values() for p in polys_of(g) for r in [p.exterior, *p.interiors]),
        "proposal": sum(len(r.coords) - 1 for g in prop.values() for p in polys_of(g) for r in [p.exterior, *p.interiors]),
        "outer_edge_baseline": len(base_o),
        "outer_edge_proposal": len(prop_o),
        "outer_edge_vertices_kept_identical": kept,
        "proposal_buffer_ring_vertices_shared_with_experimental": shared,
        "proposal_buffer_ring_vertices_on_outer_edge_only": n3_only,
    }
    res["vertex_counts"] = nverts

    # Zoning topology: in the proposal the buffer reaches the outer edge along notch N3.
    def topology(zones, u):
        buf_outer = zones["buffer"].exterior.intersection(u.exterior).length
        return {"core_enclosed_by_buffer": bool(zones["core"].distance(u.exterior) > 0 and
                                                zones["core"].distance(zones["experimental"]) > 0),
                "buffer_enclosed_by_experimental": buf_outer == 0.0,
                "buffer_edge_on_outer_edge_m": buf_outer,
                "core_patches": len(polys_of(zones["core"]))}

    res["topology"] = {"baseline": topology(base, ub), "proposal": topology(prop, up)}
    assert res["topology"]["baseline"]["buffer_enclosed_by_experimental"]
    assert not res["topology"]["proposal"]["buffer_enclosed_by_experimental"]
    res["files_sha256"] = {
        str(p.relative_to(OUT)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(OUT.rglob("*"))
        if p.is_file() and p.suffix in (".gpkg", ".csv", ".shp", ".shx", ".dbf", ".prj")
    }
    res["summary"] = {
        "baseline_total_ha_planar": round(bt / 1e4, 2),
        "proposal_total_ha_planar": round(pt_ / 1e4, 2),
        "baseline_total_ha_geodesic": round(res["baseline"]["total"]["geodesic_ha"], 2),
        "proposal_total_ha_geodesic": round(res["proposal"]["total"]["geodesic_ha"], 2),
        "gross_removed_ha_planar": round(res["change"]["gross_removed"]["planar_ha"], 2),
        "gross_added_ha_planar": round(res["change"]["gross_added"]["planar_ha"], 2),
        "net_ha_planar": round(res["change"]["net_planar_ha"], 2),
        "core_buffer_share_before_planar": round(bs, 6),
        "core_buffer_share_after_planar": round(ps, 6),
        "downgraded_buffer_to_experimental_ha": round(tm["buffer"]["experimental"] / 1e4, 2),
        "freed": sorted(freed),
        "vertices": nverts,
    }
    return res


if __name__ == "__main__":
    sys.exit(main())
