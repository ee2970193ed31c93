"""Parity of the two faces of one province check: `reserve check --json` on layers holding many
reserves prints province.json; `libreserve.check_province(...).to_json()` must give the same JSON
except for the time stamps and command lines (the only fields that say how it was called). Both
call reserve::run_province_check (libreserve/include/reserve/province.hpp).

The province is built here: rectangular reserves in EPSG:4544 (one cut, one unchanged, one
removed, one added, two merged, one split in two, two overlapping), each split in thirds
(core, buffer, experimental), and one mining right in the cut."""
import json
import os
import subprocess

import geopandas
import pytest
from shapely.geometry import box

import libreserve as lr

CLI = os.environ.get("RESERVE_CLI", "")
X0, Y0 = 500000.0, 3700000.0

BEFORE = [("甲保护区", 0, 0, 3000, 1000), ("乙保护区", 4000, 0, 7000, 1000),
          ("丙保护区", 8000, 0, 9000, 1000), ("戊一", 0, 3000, 1000, 4000),
          ("戊二", 1000, 3000, 2000, 4000), ("己保护区", 3000, 3000, 5000, 4000),
          ("庚保护区", 0, 6000, 1000, 7000), ("辛保护区", 800, 6500, 1800, 7500)]
AFTER = [("甲保护区", 0, 0, 2500, 1000), ("乙保护区", 4000, 0, 7000, 1000),
         ("丁保护区", 8000, 3000, 9000, 4000), ("戊保护区", 0, 3000, 2000, 4000),
         ("己西", 3000, 3000, 4000, 4000), ("己东", 4000, 3000, 5000, 4000),
         ("庚保护区", 0, 6000, 1000, 7000), ("辛保护区", 800, 6500, 1800, 7500)]


def layer(rects, field):
    rows = []
    for name, x0, y0, x1, y1 in rects:
        w = (x1 - x0) / 3.0
        for k, zone in enumerate(["核心区", "缓冲区", "实验区"]):
            rows.append({field: name, "功能分区": zone,
                         "geometry": box(X0 + x0 + k * w, Y0 + y0, X0 + x0 + (k + 1) * w,
                                         Y0 + y1)})
    return geopandas.GeoDataFrame(rows, crs="EPSG:4544")


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    d = tmp_path_factory.mktemp("province")
    paths = {"before": str(d / "before.gpkg"), "after": str(d / "after.gpkg"),
             "mining": str(d / "mining.gpkg")}
    layer(BEFORE, "reserve_id").to_file(paths["before"], layer="zones", driver="GPKG")
    layer(AFTER, "reserve_id").to_file(paths["after"], layer="zones", driver="GPKG")
    geopandas.GeoDataFrame({"名称": ["甲矿"]},
                           geometry=[box(X0 + 2600, Y0 + 200, X0 + 2800, Y0 + 400)],
                           crs="EPSG:4544").to_file(paths["mining"], layer="rights",
                                                    driver="GPKG")
    return paths


def without_call(text):
    """The JSON without what says how and when it was called."""
    j = json.loads(text)
    for key in ("generated_utc", "command_line"):
        j.pop(key)
    for row in j["reserves"]:
        if row["report"] is not None:
            for key in ("generated_utc", "command_line"):
                row["report"]["audit"].pop(key)
    return j


@pytest.mark.skipif(not CLI, reason="RESERVE_CLI not set (run through ctest)")
def test_cli_and_python_give_the_same_province_json(province):
    cli = subprocess.run(
        [CLI, "check", "--before", province["before"], "--after", province["after"],
         "--mining", province["mining"], "--reserve-field", "reserve_id", "--area-method",
         "planar", "--json", "--no-reports", "--jobs", "2"],
        capture_output=True, text=True, check=False)
    assert cli.returncode == 1, cli.stderr  # 甲保护区 fails no-slimming
    assert cli.stderr == ""  # not a terminal: no progress
    py = lr.check_province(province["before"], province["after"], reserve_field="reserve_id",
                           mining=province["mining"], area_method="planar", jobs=1)
    assert py.exit_code == 1
    assert without_call(cli.stdout) == without_call(py.to_json())
