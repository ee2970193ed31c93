#!/usr/bin/python3
"""Independent reference values for the survey area method (tests/geom/test_survey_area.cpp,
tests/analysis/test_sample_data.cpp), run once by hand with /usr/bin/python3 (pyproj 3.4,
Shapely 1.8, Fiona): not part of the test run.

- Map sheets: the exact closed form of an ellipsoidal quadrangle, b²ΔL/2·[q(B2) − q(B1)]
  (authalic q), and pyproj Geod(ellps='GRS80') on the sheet boundary densified along parallels.
- Gauss–Krüger polygons: the boundary densified to `step` metres in the plane (edges straight in
  the Gauss–Krüger plane, as survey parcels are), Transformer → EPSG:4490 (always_xy), then
  Geod(ellps='GRS80').polygon_area_perimeter; without densification it is the geodesic area.

Usage: survey_area_reference.py [data/baseline.gpkg data/proposal.gpkg ...]
"""
import math
import sys

from pyproj import Geod, Transformer

GEOD = Geod(ellps="GRS80")  # = CGCS2000: a = 6378137 m, f = 1/298.257222101
A = 6378137.0
F = 1 / 298.257222101
B = A * (1 - F)
E2 = F * (2 - F)
E = math.sqrt(E2)


def q(lat_deg):
    s = math.sin(math.radians(lat_deg))
    return s / (1 - E2 * s * s) + 1 / (2 * E) * math.log((1 + E * s) / (1 - E * s))


def closed_form(lon0, lon1, lat0, lat1):
    return B * B * math.radians(lon1 - lon0) / 2 * (q(lat1) - q(lat0))


def sheet_pyproj(lon0, lon1, lat0, lat1, n=8000):
    lons, lats = [], []
    for i in range(n + 1):
        lons.append(lon0 + (lon1 - lon0) * i / n); lats.append(lat0)
    for i in range(1, n + 1):
        lons.append(lon1); lats.append(lat0 + (lat1 - lat0) * i / n)
    for i in range(1, n + 1):
        lons.append(lon1 - (lon1 - lon0) * i / n); lats.append(lat1)
    for i in range(1, n):
        lons.append(lon0); lats.append(lat1 - (lat1 - lat0) * i / n)
    return GEOD.polygon_area_perimeter(lons, lats)[0]


def densify(coords, step):
    out = []
    for (x0, y0), (x1, y1) in zip(coords[:-1], coords[1:]):
        n = max(1, math.ceil(math.hypot(x1 - x0, y1 - y0) / step))
        out += [(x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n) for k in range(n)]
    return out + [coords[-1]]


def ring_area(to_lonlat, coords, step):
    pts = densify(list(coords), step) if step else list(coords)
    lon, lat = to_lonlat.transform([p[0] for p in pts], [p[1] for p in pts])
    return abs(GEOD.polygon_area_perimeter(lon, lat)[0])


def polygon_area(to_lonlat, geom, step):
    total = 0.0
    for p in getattr(geom, "geoms", [geom]):
        total += ring_area(to_lonlat, p.exterior.coords, step)
        total -= sum(ring_area(to_lonlat, h.coords, step) for h in p.interiors)
    return total


def main():
    for name, lon0, lat0, dlon, dlat in [("1:10000 at 40N", 116, 40, 3.75 / 60, 2.5 / 60),
                                         ("1:10000 at 22N", 102, 22, 3.75 / 60, 2.5 / 60),
                                         ("1:50000 at 30N", 111, 30, 15 / 60, 10 / 60),
                                         ("1:1000000 J-50", 114, 36, 6, 4)]:
        print(name, repr(closed_form(lon0, lon0 + dlon, lat0, lat0 + dlat)),
              repr(sheet_pyproj(lon0, lon0 + dlon, lat0, lat0 + dlat)))
    gk = Transformer.from_crs("EPSG:4544", "EPSG:4490", always_xy=True)
    tri = [(650000, 3000000), (670000, 3000000), (660000, 3020000), (650000, 3000000)]
    print("triangle geodesic", repr(ring_area(gk, tri, None)))
    for step in (50, 5, 1, 0.5):
        print("triangle survey, densified to", step, "m", repr(ring_area(gk, tri, step)))
    if len(sys.argv) > 1:
        import fiona
        from shapely.geometry import shape
        for path in sys.argv[1:]:
            with fiona.open(path) as src:
                to_lonlat = Transformer.from_crs(src.crs_wkt, "EPSG:4490", always_xy=True)
                for feat in src:
                    g = shape(feat["geometry"])
                    ge, su = polygon_area(to_lonlat, g, None), polygon_area(to_lonlat, g, 1.0)
                    print(path, dict(feat["properties"]).get("功能分区"), "planar", repr(g.area),
                          "geodesic", repr(ge), "survey", repr(su), "survey-geodesic", su - ge)


if __name__ == "__main__":
    main()
