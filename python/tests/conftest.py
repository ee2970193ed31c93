"""Shared fixtures: the CLI, and small zonings written through GDAL (GeoPandas → Fiona → GDAL)
whose areas are known by hand (axis-parallel rectangles in EPSG:4544, metres)."""
import json
import os
import subprocess

import geopandas
import pytest
from shapely.geometry import box

# An origin inside CGCS2000 / 3-degree GK CM 105E (EPSG:4544): easting 500 km, northing 4000 km.
X0, Y0 = 500000.0, 4000000.0


def rect(x0, y0, x1, y1):
    """Rectangle [x0,x1]×[y0,y1] in metres from the origin."""
    return box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)


def nested_zones():
    """Core 100×100 m, buffer ring to 300×300 m, experimental ring to 500×500 m:
    core 1 ha, buffer 8 ha, experimental 16 ha (planar, by hand)."""
    core = rect(0, 0, 100, 100)
    buffer = rect(-100, -100, 200, 200).difference(core)
    experimental = rect(-200, -200, 300, 300).difference(rect(-100, -100, 200, 200))
    return geopandas.GeoDataFrame({"功能分区": ["核心区", "缓冲区", "实验区"]},
                                  geometry=[core, buffer, experimental], crs="EPSG:4544")


def proposal_zones():
    """The baseline with the east 50 m strip of the experimental ring cut out (removed land
    50×500 m = 2.5 ha) and the core's north half downgraded to buffer (0.5 ha)."""
    core = rect(0, 0, 100, 50)
    buffer = rect(-100, -100, 200, 200).difference(core)
    experimental = rect(-200, -200, 250, 300).difference(rect(-100, -100, 200, 200))
    return geopandas.GeoDataFrame({"功能分区": ["核心区", "缓冲区", "实验区"]},
                                  geometry=[core, buffer, experimental], crs="EPSG:4544")


def write(gdf, path, layer="zones", **kwargs):
    gdf.to_file(path, layer=layer, driver="GPKG" if str(path).endswith(".gpkg") else None,
                **kwargs)
    return str(path)


@pytest.fixture
def baseline_gpkg(tmp_path):
    return write(nested_zones(), tmp_path / "baseline.gpkg")


@pytest.fixture
def proposal_gpkg(tmp_path):
    return write(proposal_zones(), tmp_path / "proposal.gpkg")


@pytest.fixture(scope="session")
def reserve_cli():
    """The `reserve` CLI built with this module (CTest sets RESERVE_CLI)."""
    path = os.environ.get("RESERVE_CLI")
    if not path or not os.path.exists(path):
        # A missing input fails the suite; it is never a skip (CTest sets RESERVE_CLI).
        pytest.fail("RESERVE_CLI is not set to the built `reserve` executable")
    return path


@pytest.fixture
def run_cli(reserve_cli):
    """Runs the CLI and returns (exit code, parsed JSON stdout or None, stderr)."""
    def run(*args):
        proc = subprocess.run([reserve_cli, *map(str, args)], capture_output=True, text=True,
                              timeout=300)
        try:
            out = json.loads(proc.stdout) if proc.stdout.strip() else None
        except json.JSONDecodeError:
            out = None
        return proc.returncode, out, proc.stderr
    return run


REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(REPO, "data")


@pytest.fixture(scope="session")
def sample():
    """Paths of the sample case (data/) and its designed numbers (data/expected.json)."""
    if not os.path.exists(os.path.join(DATA, "expected.json")):
        pytest.fail("the sample case data/expected.json is missing")
    with open(os.path.join(DATA, "expected.json"), encoding="utf-8") as f:
        expected = json.load(f)
    return {"dir": DATA, "expected": expected,
            "baseline": os.path.join(DATA, "baseline.gpkg"),
            "proposal": os.path.join(DATA, "proposal.gpkg"),
            "proposal_two_zone": os.path.join(DATA, "proposal_two_zone.gpkg"),
            "mining": os.path.join(DATA, "mining_rights.gpkg"),
            "facilities": os.path.join(DATA, "facilities.csv"),
            "facility_areas": os.path.join(DATA, "facilities.gpkg"),
            "monitoring": os.path.join(DATA, "monitoring.csv"),
            "assignments": os.path.join(DATA, "assignments.csv")}
