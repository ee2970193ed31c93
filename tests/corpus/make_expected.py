#!/usr/bin/python3
"""Independent expectations for the real-data corpus cases (tests/corpus/cases/*/expected.json).

Run with Debian's /usr/bin/python3 (Shapely 1.8, pyproj) from any folder:
    /usr/bin/python3 tests/corpus/make_expected.py
It never runs `reserve`; every number comes from pyproj / Shapely as stated in each file's
"source". It also writes the two hand-made zonings of the power-plant cases (their boxes are
stated below) and the re-vertexed copy of the Oze excerpt; the real excerpts in data/ are
read, never changed. Output is deterministic (sorted keys, fixed float repr).
"""
import csv
import json
import os

from pyproj import Geod, Transformer
from shapely.geometry import Point, Polygon, shape
from shapely.ops import transform, unary_union

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
CASES = os.path.join(HERE, "cases")

# Edges are straight in longitude/latitude (RFC 7946, GIS software; issue 10 point 3). To measure
# such an edge geodesically it is split into pieces short enough that a geodesic and the
# lon/lat-straight line between their ends differ by far less than a square metre.
DENSIFY_DEG = 0.0001  # about 10 m


def densify_lonlat(poly, step=DENSIFY_DEG):
    def ring(coords):
        out = []
        for (x0, y0), (x1, y1) in zip(coords[:-1], coords[1:]):
            n = max(1, int(max(abs(x1 - x0), abs(y1 - y0)) / step) + 1)
            out.extend((x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * i / n) for i in range(n))
        out.append(coords[-1])
        return out
    return Polygon(ring(list(poly.exterior.coords)), [ring(list(r.coords)) for r in poly.interiors])


def geodesic_m2(geom, ellps):
    """Karney's geodesic area (pyproj.Geod) of a lon/lat polygon or union, edges lon/lat-straight."""
    geod = Geod(ellps=ellps)
    polys = [geom] if geom.geom_type == "Polygon" else list(geom.geoms)
    return sum(abs(geod.geometry_area_perimeter(densify_lonlat(p))[0]) for p in polys)


def geodesic_edges_m2(geom, ellps):
    """The same polygon with geodesic edges (no densification): reported beside, for scale."""
    geod = Geod(ellps=ellps)
    polys = [geom] if geom.geom_type == "Polygon" else list(geom.geoms)
    return sum(abs(geod.geometry_area_perimeter(p)[0]) for p in polys)


def planar_m2(geom, src, dst, densify):
    tr = Transformer.from_crs(src, dst, always_xy=True)
    polys = [geom] if geom.geom_type == "Polygon" else list(geom.geoms)
    return sum(transform(tr.transform, densify_lonlat(p) if densify else p).area for p in polys)


def boundary_km(geom, ellps):
    geod = Geod(ellps=ellps)
    polys = [geom] if geom.geom_type == "Polygon" else list(geom.geoms)
    return sum(geod.geometry_area_perimeter(p)[1] for p in polys) / 1000.0


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def write_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")


# --- Japanese national-park zonings ------------------------------------------------------------
# Japan's zones in strictness order: 特別保護地区 (special protection zone) > 第1種特別地域 >
# 第2種特別地域 > 第3種特別地域 (class 1-3 special zones). The cases map them onto the three-zone
# model with --zone-map as stated below: an analogy of strictness for testing, not a legal
# equivalence.
JP_ZONES = {"特別保護地区": "core", "第1種特別地域": "buffer", "第2種特別地域": "experimental",
            "第3種特別地域": "experimental"}
ZONE_ORDER = ("core", "buffer", "experimental")


def write_geojson(path, fc):
    """A derived zoning, one feature per line (small and diff-friendly)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    head = {k: v for k, v in fc.items() if k != "features"}
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "features": [\n')
        f.write(",\n".join(json.dumps(x, ensure_ascii=False) for x in fc["features"]))
        f.write("\n]}\n")


def zone_geoms(fc):
    """Per three-zone zone, the union of its features (lon/lat)."""
    out = {}
    for zone in ZONE_ORDER:
        labels = {k for k, v in JP_ZONES.items() if v == zone}
        parts = [shape(f["geometry"]) for f in fc["features"] if f["properties"]["地域区分"] in labels]
        if parts:
            out[zone] = unary_union(parts)
    return out


def measure(geoms, method, utm_epsg):
    if method == "geodesic":
        return {z: geodesic_m2(g, "WGS84") for z, g in geoms.items()}
    return {z: planar_m2(g, "EPSG:4326", "EPSG:%d" % utm_epsg, densify=True) for z, g in geoms.items()}


def method_source(method, utm_epsg):
    if method == "geodesic":
        return ("pyproj.Geod(ellps='WGS84').geometry_area_perimeter on the lon/lat rings densified "
                "to %.4f deg (edges straight in lon/lat)" % DENSIFY_DEG)
    return ("Shapely area after pyproj transformation EPSG:4326 -> EPSG:%d of the rings densified "
            "to %.4f deg" % (utm_epsg, DENSIFY_DEG))


def sides_figures(zones_m2, union_m2):
    full = {z: zones_m2.get(z, 0.0) for z in ZONE_ORDER}
    strict = full["core"] + full["buffer"]
    return full, union_m2, strict / union_m2


AREA_TOL_M2 = 100.0  # 0.01 ha: the precision the reports print and issue 10 cites


def share_tolerance(total_before_m2, total_after_m2):
    """Area tolerance 0.01 ha; the share (core+buffer)/total then moves by at most about
    2 x 100 m² / total, which is the share tolerance (the edge model alone gives ~40 m²)."""
    share_tol = 2.0 * AREA_TOL_M2 / min(total_before_m2, total_after_m2)
    return {"area_m2": AREA_TOL_M2, "share": share_tol,
            "why": "area: 0.01 ha, the precision the reports print and issue 10 cites; share: "
                   "2 x 0.01 ha / smaller total = %.2g" % share_tol}


def self_case(name, datafile, utm_epsg, note):
    """A real zoning compared with itself: per-zone areas, total = area of the union, zero change."""
    fc = load(os.path.join(DATA, datafile))
    geoms = zone_geoms(fc)
    union = unary_union(list(geoms.values()))
    for method in ("geodesic", "planar"):
        zones, total, share = sides_figures(measure(geoms, method, utm_epsg),
                                            measure({"all": union}, method, utm_epsg)["all"])
        ref = {"geodesic_edges_undensified": {z: geodesic_edges_m2(g, "WGS84") for z, g in geoms.items()},
               "planar_vertices_only": {z: planar_m2(g, "EPSG:4326", "EPSG:%d" % utm_epsg, False)
                                        for z, g in geoms.items()}}
        write_json(os.path.join(CASES, "%s_self_%s" % (name, method), "expected.json"), {
            "description": "data/%s compared with itself, %s areas. %s" % (datafile, method, note),
            "source": "make_expected.py: union of the features of each zone (labels mapped as in "
                      "JP_ZONES); total = area of the union of all zones; " + method_source(method, utm_epsg),
            "reference_m2": ref,
            "tolerances": share_tolerance(total, total),
            "zones_m2": {"before": zones, "after": zones},
            "total_m2": {"before": total, "after": total},
            "strict_share": {"before": share, "after": share},
            "change_m2": {"removed": 0.0, "added": 0.0, "downgraded": 0.0, "upgraded": 0.0},
            "verdicts": {"no-slimming": "pass", "core-buffer-share": "pass"},
        })
    return fc, union


def rishiri_proposal_case(utm_epsg):
    """A proposal derived from the real Rishiri zoning by two stated edits: the 第3種 feature
    (source feature 54) is cut out and the 第1種 feature (20) is relabelled 第2種. Expected: removed =
    area of 54, downgraded (buffer -> experimental) = area of 20, nothing added or upgraded."""
    fc = load(os.path.join(DATA, "rishiri_zoning.geojson"))
    prop = json.loads(json.dumps(fc))
    prop["name"] = "rishiri_proposal"
    prop["features"] = [f for f in prop["features"] if f["properties"]["source_feature"] != 54]
    for f in prop["features"]:
        if f["properties"]["source_feature"] == 20:
            f["properties"]["地域区分"] = "第2種特別地域"
    folder = os.path.join(CASES, "rishiri_cut_and_downgrade")
    write_geojson(os.path.join(folder, "rishiri_proposal.geojson"), prop)
    by_id = {f["properties"]["source_feature"]: shape(f["geometry"]) for f in fc["features"]}
    before_g, after_g = zone_geoms(fc), zone_geoms(prop)
    b_total = geodesic_m2(unary_union(list(before_g.values())), "WGS84")
    a_total = geodesic_m2(unary_union(list(after_g.values())), "WGS84")
    bz, bt, bs = sides_figures(measure(before_g, "geodesic", utm_epsg), b_total)
    az, at, as_ = sides_figures(measure(after_g, "geodesic", utm_epsg), a_total)
    removed = geodesic_m2(by_id[54], "WGS84")
    downgraded = geodesic_m2(by_id[20], "WGS84")
    write_json(os.path.join(folder, "expected.json"), {
        "description": "data/rishiri_zoning.geojson (before) against a proposal that cuts out the "
                       "第3種 feature (source feature 54) and relabels the 第1種 feature (20) 第2種.",
        "source": "make_expected.py: " + method_source("geodesic", utm_epsg) + "; removed = area of "
                  "feature 54, downgraded = area of feature 20 (buffer -> experimental under the "
                  "JP_ZONES mapping); verdicts: total after < total before fails no-slimming, "
                  "core+buffer share %.6f -> %.6f %s" % (bs, as_, "fails" if as_ < bs else "passes"),
        "tolerances": share_tolerance(bt, at),
        "zones_m2": {"before": bz, "after": az},
        "total_m2": {"before": bt, "after": at},
        "strict_share": {"before": bs, "after": as_},
        "change_m2": {"removed": removed, "added": 0.0, "downgraded": downgraded, "upgraded": 0.0},
        "verdicts": {"no-slimming": "fail" if at < bt - 100.0 else "pass",
                     "core-buffer-share": "fail" if as_ < bs else "pass"},
        "exit_code": 1,
    })


def revertexed_case(fc, geom, utm_epsg):
    """The Oze excerpt with a collinear lon/lat vertex inserted in the middle of every edge:
    the same lines on the map, so the comparison must show no change (issue 10 point 3)."""
    out = json.loads(json.dumps(fc))
    for f in out["features"]:
        rings = []
        for r in f["geometry"]["coordinates"]:
            nr = []
            for a, b in zip(r[:-1], r[1:]):
                nr.append(a)
                nr.append([round((a[0] + b[0]) / 2, 7), round((a[1] + b[1]) / 2, 7)])
            nr.append(r[-1])
            rings.append(nr)
        f["geometry"]["coordinates"] = rings
    out["name"] = "oze_third_class_revertexed"
    folder = os.path.join(CASES, "oze_revertexed_planar")
    write_geojson(os.path.join(folder, "oze_third_class_revertexed.geojson"), out)
    p = planar_m2(geom, "EPSG:4326", "EPSG:%d" % utm_epsg, densify=True)
    km = boundary_km(geom, "WGS84")  # the two Oze features are all experimental: zone = union
    bound = 1.0 * km  # issue 10 point 3: no figure changes by more than 1 m² per km of boundary
    z = {"core": 0.0, "buffer": 0.0, "experimental": p}
    write_json(os.path.join(folder, "expected.json"), {
        "description": "data/oze_third_class.geojson (before) against a copy with a collinear "
                       "lon/lat midpoint inserted on every edge (after): same lines, no change.",
        "source": "make_expected.py: change is zero by construction (midpoints of lon/lat-straight "
                  "edges); areas as in oze_self_planar (Shapely after pyproj EPSG:4326 -> "
                  "EPSG:%d, rings densified to %.4f deg)" % (utm_epsg, DENSIFY_DEG),
        "boundary_km": km,
        "tolerances": {"area_m2": bound, "share": 1e-9,
                       "why": "1 m² per km of boundary (issue 10 point 3), %.2f km" % km},
        "zones_m2": {"before": z, "after": z},
        "total_m2": {"before": p, "after": p},
        "change_m2": {"removed": 0.0, "added": 0.0, "downgraded": 0.0, "upgraded": 0.0},
        "verdicts": {"no-slimming": "pass", "core-buffer-share": "pass"},
    })


# --- WRI power plants (real points) against a hand-made zoning on the Jinsha river -------------

def box(x0, y0, x1, y1):
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]


def jinsha_zonings():  # written to hand/ (hand-made companions of the real points)
    """Hand-made boxes in CGCS2000 lon/lat: core 100.40-100.50E 26.75-26.85N, buffer the ring to
    100.35-100.55E 26.70-26.90N, experimental the ring to 100.30-100.90E 26.10-26.95N (before)
    or 26.30-26.95N (after: the southern strip with the Ludila plant is cut out)."""
    core = box(100.40, 26.75, 100.50, 26.85)
    buf = box(100.35, 26.70, 100.55, 26.90)
    sides = {}
    for side, south in (("before", 26.10), ("after", 26.30)):
        exp = box(100.30, south, 100.90, 26.95)
        sides[side] = {"type": "FeatureCollection", "name": "jinsha_" + side,
                       "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4490"}},
                       "features": [
                           {"type": "Feature", "properties": {"功能分区": label},
                            "geometry": {"type": "Polygon", "coordinates": rings}}
                           for label, rings in (("核心区", [core]), ("缓冲区", [buf, core[::-1]]),
                                                ("实验区", [exp, buf[::-1]]))]}
    return sides


def zone_of(point, fc):
    order = {"核心区": 0, "缓冲区": 1, "实验区": 2}
    names = {"核心区": "core", "缓冲区": "buffer", "实验区": "experimental"}
    hits = sorted((order[f["properties"]["功能分区"]], f["properties"]["功能分区"])
                  for f in fc["features"] if shape(f["geometry"]).contains(point))
    return names[hits[0][1]] if hits else "outside"


def change_of(before, after):
    rank = {"core": 0, "buffer": 1, "experimental": 2, "outside": 3}
    if before == after:
        return "unchanged"
    if after == "outside":
        return "freed"
    if before == "outside":
        return "newly-included"
    return "downgraded" if rank[after] > rank[before] else "upgraded"


def plant_expectations(csv_name, sides, category_of):
    with open(os.path.join(DATA, csv_name), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    features = {}
    for r in rows:
        pt = Point(float(r["Longitude"]), float(r["Latitude"]))
        b, a = zone_of(pt, sides["before"]), zone_of(pt, sides["after"])
        features[r["Power Plant ID"]] = dict({"name": r["Name"], "fuel": r["Fuel"], "before": b,
                                              "after": a, "change": change_of(b, a)},
                                             **category_of(r["Fuel"]))
    return rows, features


def power_plant_cases():
    sides = jinsha_zonings()
    for side, fc in sides.items():
        write_geojson(os.path.join(HERE, "hand", "jinsha_%s.geojson" % side), fc)
    zone_source = ("make_expected.py: Shapely Polygon.contains on the lon/lat boxes of "
                   "hand/jinsha_*.geojson (every plant lies more than 1 km from any edge, so edge "
                   "model and boundary tolerance cannot change the answer); change = strictness "
                   "order of the two zones")
    rows, features = plant_expectations("wri_china_hydro_excerpt.csv", sides,
                                        lambda fuel: {"category": "hydropower"})
    any_freed = any(v["change"] in ("freed", "downgraded") for v in features.values())
    for case, english in (("jinsha_hydro_overlay", False), ("jinsha_hydro_english_fuel", True)):
        exp = {
            "description": "12 real WRI hydro plants (data/wri_china_hydro_excerpt.csv) against a "
                           "hand-made Jinsha zoning whose proposal cuts the southern strip.",
            "source": zone_source + "; category: the WRI fuel 'Hydro' is a hydropower station",
            "features": features,
            "feature_count": len(rows),
            "skipped_count": 0,
            "exit_code": 1 if any_freed else 0,
        }
        if english:
            exp["description"] += (" Without --category-map: the English fuel label 'Hydro' of "
                                   "a national power-plant list must be recognised (issue 10 "
                                   "point 2).")
        write_json(os.path.join(CASES, case, "expected.json"), exp)

    # Every fuel of the WRI list is a power plant (issue 10 point 2): none may be skipped, none
    # may become "other" or a mine ("Coal Mine Methane" is a power plant burning mine gas).
    not_plant = ["", "other", "mine", "mining_right", "exploration_right"]
    rows, features = plant_expectations(
        "wri_china_fuels_excerpt.csv", sides,
        lambda fuel: {"category": "hydropower"} if fuel == "Hydro" else {"category_not": not_plant})
    write_json(os.path.join(CASES, "wri_fuels_recognised", "expected.json"), {
        "description": "15 real WRI plants, one or two per fuel of the Chinese list (Natural Gas, "
                       "Fuel Oil, LNG, Distillate Oil, Heavy Fuel Oil, Oil, Wind, Nuclear, Solar, "
                       "Coal, Geothermal, Coal Mine Methane, Landfill gas, Hydro), read with "
                       "--category-field Fuel and no --category-map, against the Jinsha zoning.",
        "source": zone_source + "; categories by the rule of issue 10 point 2: every row is a "
                  "power plant, so all 15 are used and none is 'other' or a mine",
        "pending": "issue 10 point 2",
        "features": features,
        "feature_count": len(rows),
        "skipped_count": 0,
        "exit_code": 0,
    })


if __name__ == "__main__":
    UTM54 = 32654  # WGS 84 / UTM zone 54N: both parks lie in 138-144 E
    self_case("rishiri", "rishiri_zoning.geojson", UTM54,
              "Two 特別保護地区 features (core), a 第1種特別地域 feature with a hole (buffer), a "
              "第2種特別地域 feature with a hole and a 第3種特別地域 feature (experimental).")
    rishiri_proposal_case(UTM54)
    fc, union = self_case("oze", "oze_third_class.geojson", UTM54,
                          "Two separate 第3種特別地域 features (experimental).")
    revertexed_case(fc, union, UTM54)
    power_plant_cases()
