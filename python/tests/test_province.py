"""check_province(): the province table and overlaps as DataFrames, on a small province built here
(rectangles in EPSG:4544, planar areas by hand: 甲 3000 m × 1000 m = 300 ha cut to 2500 m ×
1000 m = 250 ha; 庚 and 辛 share 200 m × 500 m = 10 ha centred on local (900, 6750))."""
import os

import geopandas
import pytest
from shapely.geometry import box

import libreserve as lr

X0, Y0 = 500000.0, 3700000.0


def layer(rects):
    rows = []
    for name, x0, y0, x1, y1 in rects:
        w = (x1 - x0) / 3.0
        for k, zone in enumerate(["核心区", "缓冲区", "实验区"]):
            rows.append({"保护区名称": name, "功能分区": zone,
                         "geometry": box(X0 + x0 + k * w, Y0 + y0, X0 + x0 + (k + 1) * w,
                                         Y0 + y1)})
    return geopandas.GeoDataFrame(rows, crs="EPSG:4544")


@pytest.fixture(scope="module")
def paths(tmp_path_factory):
    d = tmp_path_factory.mktemp("province")
    before = [("甲保护区", 0, 0, 3000, 1000), ("庚保护区", 0, 6000, 1000, 7000),
              ("辛保护区", 800, 6500, 1800, 7500), ("丙保护区", 8000, 0, 9000, 1000)]
    after = [("甲保护区", 0, 0, 2500, 1000), ("庚保护区", 0, 6000, 1000, 7000),
             ("辛保护区", 800, 6500, 1800, 7500)]
    p = {"before": str(d / "before.gpkg"), "after": str(d / "after.gpkg"), "dir": d}
    layer(before).to_file(p["before"], driver="GPKG")
    layer(after).to_file(p["after"], driver="GPKG")
    return p


def test_summary_reserves_and_overlaps(paths):
    p = lr.check_province(paths["before"], paths["after"], area_method="planar", jobs=2)
    assert p.province_mode and p.reserve_field == "保护区名称"
    table = p.summary()
    row = table[table["保护区 (reserve)"] == "甲保护区"].iloc[0]
    assert row["调整前面积 (before area, ha)"] == pytest.approx(300.0, abs=1e-6)  # ha
    assert row["调整后面积 (after area, ha)"] == pytest.approx(250.0, abs=1e-6)
    assert row["规则 (rule) no-slimming"] == "fail"
    reserves = p.reserves().set_index("reserve")
    assert reserves.loc["丙保护区", "match"] == "removed"
    assert reserves.loc["丙保护区", "result"] is None
    assert p.result("甲保护区").verdict("no-slimming").status == "fail"
    overlaps = p.overlaps("before")
    assert len(overlaps) == 1
    o = overlaps.iloc[0]
    assert (o["reserve_a"], o["reserve_b"]) == ("庚保护区", "辛保护区")
    assert o["area_m2"] == pytest.approx(1e5, abs=0.01)  # m²
    assert (o["centroid_x"], o["centroid_y"]) == pytest.approx((X0 + 900, Y0 + 6750), abs=1e-6)
    assert overlaps.geometry.iloc[0].area == pytest.approx(1e5, abs=0.01)
    assert p.exit_code == 1


def test_write_files(paths):
    p = lr.check_province(paths["before"], paths["after"], area_method="planar")
    out = paths["dir"] / "out"
    written = p.write(out, map=False)
    names = {os.path.basename(w) for w in written}
    assert {"province.csv", "province.xlsx", "province.json", "province.html"} <= names
