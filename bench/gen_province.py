#!/usr/bin/python3
"""Seeded province / national workload for the many-reserve benchmark (issue 11.2).

Writes into OUT (default bench/out/<scale>):
  before.gpkg      layer "zones": every reserve's baseline zoning, one MultiPolygon per zone
                   (核心区/缓冲区/实验区), fields reserve_id, 保护区名称, 功能分区
  after.gpkg       the same reserves' proposals (same fields, as many vertices as before)
  mining.gpkg      layer "mining": mining-right polygons (编号, 矿山名称, 许可证号, 采矿权人, 类型)
  facilities.gpkg  layer "facilities": facility points (编号, 名称, 类型)
  meta.json        scale, seed, counts, vertex totals, the largest reserve, generation time

Scales (the workload of issue 11):
  province   300 reserves, 900 zones, 1.8 M zone vertices per side, 20,000 mining rights,
             200,000 facilities; one reserve with 50,000 outline vertices
  national   3,000 reserves, 18 M zone vertices per side, 100,000 mining rights, 2 M facilities
  small      12 reserves, 24,000 vertices, 600 mining rights, 6,000 facilities (the CTest; seconds)

Every zoning is built from radial functions around the reserve's centre, so no overlay is needed
to generate it and every polygon is simple: 核心区 = the disc r < r_c(θ), 缓冲区 = the ring
r_c ≤ r < r_b, 实验区 = the ring r_b ≤ r < r_o, with r_c < r_b < r_o at every angle by a margin
of ≥ 8 %. A proposal changes these functions inside smooth angular sectors — land removed from
the experimental zone (r_o pulled in), land added (r_o pushed out), core downgraded to buffer
(r_c pulled in), buffer downgraded to experimental (r_b pulled in) — and leaves them bit-identical
elsewhere, so before and after share their unchanged boundaries exactly, as real proposals do.
About 5 % of the reserves (at least 3) are unchanged; a few pairs of reserves overlap each other.

All in EPSG:4544 (CGCS2000 / 3-degree Gauss–Krüger CM 105E). Seeded: re-runs give identical
files (GDAL's timestamps are pinned).

  /usr/bin/python3 bench/gen_province.py [--scale province|national|small] [--out DIR]
"""
import argparse
import hashlib
import json
import math
import os
import sys
import time
from pathlib import Path

os.environ["OGR_CURRENT_DATE"] = "2026-01-01T00:00:00Z"

import numpy as np  # noqa: E402
from osgeo import ogr  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_one_reserve import FACILITY_LABELS, MINE_LABELS, SEED, write_layer  # noqa: E402

ogr.UseExceptions()

X0, Y0 = 300_000.0, 3_600_000.0  # south-west corner of the area (easting, northing), metres

# reserves, zone vertices per side, mining rights, facilities, area width × height (m),
# large reserves (50,000 outline vertices each), overlapping pairs
SCALES = {
    "province": dict(reserves=300, vertices=1_800_000, mines=20_000, points=200_000,
                     width=400_000.0, height=400_000.0, large=1, pairs=3),
    "national": dict(reserves=3_000, vertices=18_000_000, mines=100_000, points=2_000_000,
                     width=400_000.0, height=3_000_000.0, large=10, pairs=30),
    "small": dict(reserves=12, vertices=24_000, mines=600, points=6_000,
                  width=100_000.0, height=100_000.0, large=0, pairs=1),
}
LARGE_OUTLINE, LARGE_INNER, LARGE_RADIUS_M = 50_000, 5_000, 40_000.0
MAX_REACH = 1.24 * 1.25  # outline's largest radius (harmonics) × land added, in mean radii
ZONES = ("核心区", "缓冲区", "实验区")
NEAR_MINES, NEAR_POINTS = 0.25, 0.10  # shares of features placed in and around a reserve


def rng_for(*names):
    return np.random.default_rng([SEED] + [ord(c) for n in names for c in str(n)])


def vertex_budget(cfg, rng):
    """Outline vertex counts n_o per reserve (core and buffer rings get n_o / 4 each, so a
    reserve's three zones hold ≈ 2 n_o vertices); the large reserves come first."""
    n = cfg["reserves"]
    large = cfg["large"]
    fixed = large * (LARGE_OUTLINE + 4 * LARGE_INNER)
    raw = rng.lognormal(0.0, 0.8, n - large)
    n_o = np.round(raw / raw.sum() * (cfg["vertices"] - fixed) / 2.0).astype(np.int64)
    n_o = np.clip(n_o, 96, 30_000)
    return np.r_[np.full(large, LARGE_OUTLINE), n_o]


def place(radii, cfg, rng):
    """Centres such that no two reserves' reach discs meet (1 km apart), except for
    cfg["pairs"] pairs placed deliberately across each other."""
    n = len(radii)
    reach = radii * MAX_REACH
    centres = np.zeros((n, 2))
    partner = {}  # whichever of a pair is placed second goes across the first
    pair_members = rng.choice(np.arange(cfg["large"], n), 2 * cfg["pairs"], replace=False)
    for a, b in pair_members.reshape(-1, 2):
        partner[int(a)], partner[int(b)] = int(b), int(a)
    order = np.r_[np.arange(cfg["large"]), cfg["large"] + np.argsort(-radii[cfg["large"]:])]
    placed = []
    for i in order:
        i = int(i)
        for _attempt in range(100_000):
            if i in partner and partner[i] in placed:
                j = partner[i]
                a = rng.uniform(0, 2 * math.pi)
                # every outline reaches ≥ 0.6 mean radii from its centre: the two must overlap
                d = 0.5 * (radii[i] + radii[j])
                c = centres[j] + d * np.array([math.cos(a), math.sin(a)])
            else:
                c = np.array([X0 + rng.uniform(reach[i], cfg["width"] - reach[i]),
                              Y0 + rng.uniform(reach[i], cfg["height"] - reach[i])])
            if placed:
                p = np.array(placed)
                gap = np.hypot(*(centres[p] - c).T) - reach[p] - reach[i] - 1_000.0
                if i in partner:
                    gap[p == partner[i]] = 1.0
                if (gap <= 0).any():
                    continue
            centres[i] = c
            placed.append(i)
            break
        else:
            raise SystemExit(f"could not place reserve {i}: the area is too crowded")
    return centres


def harmonics(rng, count, lo, hi):
    return rng.integers(2, 9, count), rng.uniform(lo, hi, count), rng.uniform(0, 2 * math.pi, count)


def wave(t, h):
    k, a, phi = h
    return (a[:, None] * np.sin(k[:, None] * t[None, :] + phi[:, None])).sum(axis=0)


def bump(t, start, width):
    """1 inside the angular sector [start, start + width), tapering linearly to 0 at its ends."""
    d = np.mod(t - start, 2 * math.pi)
    taper = min(0.1, width / 4)
    return np.where(d < width, np.clip(np.minimum(d, width - d) / taper, 0.0, 1.0), 0.0)


class Reserve:
    """One reserve's radial functions (before) and its proposal's sector changes (after)."""

    def __init__(self, index, centre, radius, n_outline, rng, unchanged):
        self.index = index
        self.cx, self.cy = centre
        self.radius = radius
        self.n = {"o": int(n_outline), "b": max(48, int(n_outline) // 4),
                  "c": max(48, int(n_outline) // 4)}
        if n_outline == LARGE_OUTLINE:
            self.n["b"] = self.n["c"] = LARGE_INNER
        self.h_o = harmonics(rng, 4, 0.02, 0.06)
        self.h_b = harmonics(rng, 1, 0.03, 0.05)
        self.h_c = harmonics(rng, 1, 0.04, 0.08)
        self.noise = {k: rng.uniform(-0.002, 0.002, n) for k, n in self.n.items()}
        self.turn = rng.uniform(0, 2 * math.pi)  # where each ring's vertices start
        self.changes = []  # (kind, start, width, depth)
        if not unchanged:
            for kind, p, w_lo, w_hi, d_lo, d_hi in (("removed", 0.7, 15, 60, 0.08, 0.2),
                                                    ("core_down", 0.5, 20, 90, 0.3, 0.6),
                                                    ("buffer_down", 0.3, 20, 60, 0.1, 0.15),
                                                    ("added", 0.4, 15, 50, 0.1, 0.25)):
                if rng.uniform() < p:
                    self.changes.append((kind, rng.uniform(0, 2 * math.pi),
                                         math.radians(rng.uniform(w_lo, w_hi)),
                                         rng.uniform(d_lo, d_hi)))
            if not self.changes:
                self.changes.append(("removed", rng.uniform(0, 2 * math.pi), math.radians(30), 0.1))

    def factor(self, t, kind, after):
        f = np.ones_like(t)
        if not after:
            return f
        for k, start, width, depth in self.changes:
            if k == kind:
                f *= 1.0 - depth * bump(t, start, width)
            elif kind == "removed" and k == "added":
                f *= 1.0 + depth * bump(t, start, width)
        return f

    def ring(self, which, after):
        """Closed ring (n + 1, 2) of the outline ("o"), buffer ("b") or core ("c") boundary."""
        n = self.n[which]
        t = self.turn + np.linspace(0.0, 2 * math.pi, n, endpoint=False)
        r = self.radius * (1.0 + wave(t, self.h_o))
        if which == "o":
            r = r * self.factor(t, "removed", after)
        else:
            r = r * (0.68 + wave(t, self.h_b)) * self.factor(t, "buffer_down", after)
            if which == "c":
                r = r * (0.6 + wave(t, self.h_c)) * self.factor(t, "core_down", after)
        r = r * (1.0 + self.noise[which])
        xy = np.c_[self.cx + r * np.cos(t), self.cy + r * np.sin(t)]
        return np.r_[xy, xy[:1]]

    def zones(self, after):
        """[(label, [shell, hole…])]: counter-clockwise shells, clockwise holes."""
        o, b, c = (self.ring(k, after) for k in "obc")
        return [("核心区", [c]), ("缓冲区", [b, c[::-1]]), ("实验区", [o, b[::-1]])]


def polygon_wkb(rings):
    """A one-polygon MultiPolygon as little-endian WKB."""
    parts = [np.array([1], np.uint8).tobytes(), np.array([6, 1], "<u4").tobytes(),
             np.array([1], np.uint8).tobytes(), np.array([3, len(rings)], "<u4").tobytes()]
    for ring in rings:
        parts.append(np.array([len(ring)], "<u4").tobytes())
        parts.append(np.ascontiguousarray(ring, "<f8").tobytes())
    return b"".join(parts)


def quad_wkbs(xy):
    """Polygon WKB for each (5, 2) closed ring of xy (n, 5, 2), built in one numpy pass."""
    rec = np.dtype([("bo", "u1"), ("type", "<u4"), ("rings", "<u4"), ("npts", "<u4"),
                    ("xy", "<f8", (10,))])
    a = np.zeros(len(xy), rec)
    a["bo"], a["type"], a["rings"], a["npts"] = 1, 3, 1, 5
    a["xy"] = xy.reshape(len(xy), 10)
    raw = a.tobytes()
    return [raw[i:i + rec.itemsize] for i in range(0, len(raw), rec.itemsize)]


def point_wkbs(xy):
    rec = np.dtype([("bo", "u1"), ("type", "<u4"), ("xy", "<f8", (2,))])
    a = np.zeros(len(xy), rec)
    a["bo"], a["type"], a["xy"] = 1, 1, xy
    raw = a.tobytes()
    return [raw[i:i + rec.itemsize] for i in range(0, len(raw), rec.itemsize)]


def near_or_anywhere(n, share, reserves, cfg, rng, min_share):
    """n locations: a share of them within 1.3 mean radii of a random reserve's centre, the
    others anywhere in the area."""
    xy = np.c_[X0 + rng.uniform(0, cfg["width"], n), Y0 + rng.uniform(0, cfg["height"], n)]
    near = rng.uniform(size=n) < share
    k = int(near.sum())
    which = rng.integers(0, len(reserves), k)
    c = np.array([(reserves[i].cx, reserves[i].cy) for i in which]).reshape(k, 2)
    rad = np.array([reserves[i].radius for i in which])
    a, d = rng.uniform(0, 2 * math.pi, k), rad * rng.uniform(min_share, 1.3, k)
    xy[near] = c + np.c_[d * np.cos(a), d * np.sin(a)]
    return xy


def rows(wkbs, columns):
    """(wkb, {field: value}) per feature, for gen_one_reserve.write_layer (lazily: millions)."""
    names = list(columns)
    for i, wkb in enumerate(wkbs):
        yield wkb, {f: columns[f][i] for f in names}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", choices=sorted(SCALES), default="province")
    ap.add_argument("--out")
    a = ap.parse_args()
    cfg = SCALES[a.scale]
    out = Path(a.out or Path(__file__).resolve().parent / "out" / a.scale)
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()

    rng = rng_for("province", a.scale)
    n_outline = vertex_budget(cfg, rng)
    radii = np.where(n_outline == LARGE_OUTLINE, LARGE_RADIUS_M,
                     np.clip(1_500.0 * (n_outline / 200.0) ** 0.4, 800.0, 15_000.0))
    centres = place(radii, cfg, rng)
    n = cfg["reserves"]
    unchanged = set(rng.choice(n, max(3, n // 20), replace=False).tolist())
    reserves = [Reserve(i, centres[i], radii[i], n_outline[i], rng_for("reserve", a.scale, i),
                        i in unchanged) for i in range(n)]
    ids = [f"R{i:04d}" for i in range(n)]
    names = [f"第{i + 1}号自然保护区" for i in range(n)]

    vertices = {}
    for side, after in (("before", False), ("after", True)):
        wkbs, cols = [], {"reserve_id": [], "保护区名称": [], "功能分区": []}
        total = 0
        for r in reserves:
            for label, rings in r.zones(after):
                wkbs.append(polygon_wkb(rings))
                total += sum(len(x) for x in rings)
                cols["reserve_id"].append(ids[r.index])
                cols["保护区名称"].append(names[r.index])
                cols["功能分区"].append(label)
        write_layer(out / f"{side}.gpkg", "zones", ogr.wkbMultiPolygon, list(cols),
                    rows(wkbs, cols))
        vertices[side] = total
    t_zones = time.monotonic() - started

    m = cfg["mines"]
    rng_m = rng_for("mines", a.scale)
    centre = near_or_anywhere(m, NEAR_MINES, reserves, cfg, rng_m, 0.2)
    # Quadrilaterals 0.3–2 km across: one vertex per quarter turn, so each is simple.
    t = (rng_m.uniform(0, 2 * math.pi, (m, 1)) + np.arange(4)[None, :] * math.pi / 2
         + rng_m.uniform(-0.5, 0.5, (m, 4)))
    s = rng_m.uniform(150, 1000, (m, 1)) * rng_m.uniform(0.6, 1.0, (m, 4))
    quad = np.stack([centre[:, :1] + s * np.cos(t), centre[:, 1:] + s * np.sin(t)], axis=2)
    quad = np.concatenate([quad, quad[:, :1]], axis=1)
    mine_cols = {"编号": [f"KQ{i:06d}" for i in range(m)], "矿山名称": [f"矿山{i}" for i in range(m)],
                 "许可证号": [f"C5300{i:09d}" for i in range(m)],
                 "采矿权人": [f"矿业公司{i % 997}" for i in range(m)],
                 "类型": [MINE_LABELS[i % 4] for i in range(m)]}
    write_layer(out / "mining.gpkg", "mining", ogr.wkbPolygon, list(mine_cols),
                rows(quad_wkbs(quad), mine_cols))

    p = cfg["points"]
    xy = near_or_anywhere(p, NEAR_POINTS, reserves, cfg, rng_for("facilities", a.scale), 0.0)
    point_cols = {"编号": [f"SS{i:07d}" for i in range(p)], "名称": [f"设施{i}" for i in range(p)],
                  "类型": [FACILITY_LABELS[i % len(FACILITY_LABELS)] for i in range(p)]}
    write_layer(out / "facilities.gpkg", "facilities", ogr.wkbPoint, list(point_cols),
                rows(point_wkbs(xy), point_cols))

    largest = int(np.argmax(n_outline))
    meta = {"scale": a.scale, "seed": SEED,
            "generator_sha256": hashlib.sha256(Path(__file__).read_bytes()).hexdigest(), "epsg": 4544, "reserves": n, "zones_per_side": 3 * n,
            "vertices": vertices, "mining_rights": m, "facilities": p,
            "largest_reserve": {"reserve_id": ids[largest],
                                "outline_vertices": int(n_outline[largest])},
            "unchanged_reserves": sorted(ids[i] for i in unchanged),
            "overlapping_pairs": cfg["pairs"],
            "generation_s": {"zones": round(t_zones, 1),
                             "total": round(time.monotonic() - started, 1)}}
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n")
    print(f"{a.scale}: {n} reserves, {vertices['before']:,} / {vertices['after']:,} zone vertices "
          f"before / after, {m:,} mining rights, {p:,} facilities → {out} "
          f"({meta['generation_s']['total']} s)")


if __name__ == "__main__":
    main()
