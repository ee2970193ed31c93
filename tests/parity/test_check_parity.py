"""Parity of the two faces of one check: every scenario runs through `reserve check --json` and
through `libreserve.check(...).to_json()`; the JSON reports must be identical except for the
audit's time stamp and command line (the only fields that say how the check was called).

Both faces call reserve::run_check (libreserve/include/reserve/check.hpp), so any difference
means a face does its own work again. Scenarios: the sample case in data/ (baseline vs proposal,
vs the two-zone proposal, with mining rights, facilities, monitoring and assignments, the GBK
Shapefile, the other profiles) and small zonings built here (rectangles in EPSG:4544 and the
same proposal in lon/lat, which both faces must refuse without a working CRS)."""
import json
import os
import subprocess
import sys

import geopandas
import pytest
from shapely.geometry import box

import libreserve as lr

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "data")
CLI = os.environ.get("RESERVE_CLI", "")

X0, Y0 = 500000.0, 4000000.0  # inside EPSG:4544 (CGCS2000 / 3-degree GK CM 105E)


def rect(x0, y0, x1, y1):
    return box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)


def zones(core, buffer_outer, experimental_outer):
    return geopandas.GeoDataFrame(
        {"功能分区": ["核心区", "缓冲区", "实验区"]},
        geometry=[core, buffer_outer.difference(core), experimental_outer.difference(buffer_outer)],
        crs="EPSG:4544")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Small zonings: the baseline, a proposal that cuts a strip and downgrades half the core,
    and that proposal reprojected to lon/lat (EPSG:4490)."""
    d = tmp_path_factory.mktemp("parity")
    base = zones(rect(0, 0, 100, 100), rect(-100, -100, 200, 200), rect(-200, -200, 300, 300))
    prop = zones(rect(0, 0, 100, 50), rect(-100, -100, 200, 200), rect(-200, -200, 250, 300))
    paths = {"base": str(d / "base.gpkg"), "prop": str(d / "prop.gpkg"),
             "prop_lonlat": str(d / "prop_lonlat.gpkg")}
    base.to_file(paths["base"], layer="zones", driver="GPKG")
    prop.to_file(paths["prop"], layer="zones", driver="GPKG")
    prop.to_crs("EPSG:4490").to_file(paths["prop_lonlat"], layer="zones", driver="GPKG")
    return paths


def data(name):
    return os.path.join(DATA, name)


# (name, CLI options, Python keyword arguments); before/after are the first two CLI values.
SAMPLE = [
    ("proposal", {}, {}),
    ("two-zone", {"--after": data("proposal_two_zone.gpkg")},
     {"after": data("proposal_two_zone.gpkg")}),
    ("conflicts-and-ledger",
     {"--mining": [data("mining_rights.gpkg")],
      "--facilities": [data("facilities.csv"), data("facilities.gpkg")],
      "--monitoring": data("monitoring.csv"), "--assignments": data("assignments.csv")},
     {"mining": data("mining_rights.gpkg"),
      "facilities": [data("facilities.csv"), data("facilities.gpkg")],
      "monitoring": data("monitoring.csv"), "assignments": data("assignments.csv")}),
    ("monitoring-only", {"--monitoring": data("monitoring.csv"), "--established-year": "1998"},
     {"monitoring": data("monitoring.csv"), "established_year": 1998}),
    ("gbk-shapefile-mining", {"--before": data("baseline_gbk/zones.shp"),
                              "--mining": [data("mining_rights.gpkg")]},
     {"before": data("baseline_gbk/zones.shp"), "mining": [data("mining_rights.gpkg")]}),
    ("national-2013-planar", {"--profile": "national-2013", "--area-method": "planar"},
     {"profile": "national-2013", "area_method": "planar"}),
    ("guangdong-2023-facilities", {"--profile": "guangdong-2023",
                                   "--facilities": [data("facilities.csv")],
                                   "--boundary-tolerance-m": "25", "--water-class": "II"},
     {"profile": "guangdong-2023", "facilities": data("facilities.csv"),
      "boundary_tolerance_m": 25.0, "water_class": "II"}),
    ("unchanged", {"--after": data("baseline.gpkg")}, {"after": data("baseline.gpkg")}),
]

PY_NAMES = {"--before": "before", "--after": "after"}


def run_cli(options):
    args = [CLI, "check", "--json", "--no-reports"]
    for key, value in options.items():
        for v in (value if isinstance(value, list) else [value]):
            args += [key, v]
    return subprocess.run(args, capture_output=True, text=True, timeout=600)


def comparable(text):
    report = json.loads(text)
    del report["audit"]["generated_utc"]
    del report["audit"]["command_line"]
    return report


def assert_same(cli_options, py_kwargs):
    cli = run_cli(cli_options)
    assert cli.returncode in (0, 1), cli.stderr
    py = lr.check(**py_kwargs)
    a, b = comparable(cli.stdout), comparable(py.to_json())
    if a != b:  # name the first differing key path, not a 200 kB diff
        assert json.dumps(a, sort_keys=True, indent=1).splitlines() == \
            json.dumps(b, sort_keys=True, indent=1).splitlines()
    assert cli.returncode == (1 if py.overall == "fail" else 0)


@pytest.fixture(scope="module", autouse=True)
def need_cli():
    if not CLI or not os.path.exists(CLI):
        pytest.fail("RESERVE_CLI must name the built `reserve` program (CTest sets it)")


@pytest.mark.parametrize("name,cli_extra,py_extra", SAMPLE, ids=[s[0] for s in SAMPLE])
def test_sample_scenarios_give_the_same_report(name, cli_extra, py_extra):
    cli = {"--before": data("baseline.gpkg"), "--after": data("proposal.gpkg")}
    cli.update(cli_extra)
    py = {"before": cli["--before"], "after": cli["--after"]}
    py.update(py_extra)
    assert_same(cli, py)


def test_built_zonings_give_the_same_report(built):
    assert_same({"--before": built["base"], "--after": built["prop"]},
                {"before": built["base"], "after": built["prop"]})


def test_zonings_loaded_in_python_give_the_cli_report(built):
    """A Zoning (or GeoDataFrame) from Python is the same input as the file it came from."""
    before = lr.load_zoning(built["base"], name="baseline")
    after = lr.load_zoning(built["prop"], name="proposal")
    assert_same({"--before": built["base"], "--after": built["prop"]},
                {"before": before, "after": after})


def test_different_source_crs_is_refused_by_both_faces(built):
    cli = run_cli({"--before": built["base"], "--after": built["prop_lonlat"]})
    assert cli.returncode == 3, cli.stderr
    with pytest.raises(lr.InputError) as err:
        lr.check(built["base"], built["prop_lonlat"])
    # One message from the library: names both CRSs and how each face gives a working CRS.
    message = str(err.value)
    assert "EPSG:4544" in message and "EPSG:4490" in message
    assert "--working-crs" in message and "working_crs=" in message
    assert message in cli.stderr


def test_a_named_working_crs_compares_different_sources_the_same_way(built):
    assert_same({"--before": built["base"], "--after": built["prop_lonlat"],
                 "--working-crs": "EPSG:4544"},
                {"before": built["base"], "after": built["prop_lonlat"],
                 "working_crs": "EPSG:4544"})


def test_zonings_loaded_in_different_working_crss_are_refused(built):
    """Zonings already loaded keep their working CRS; two different ones are an input error
    naming both, never a silent reprojection."""
    before = lr.load_zoning(built["base"], name="baseline")
    after = lr.load_zoning(built["prop"], name="proposal", working_crs="EPSG:4545")
    with pytest.raises(lr.InputError) as err:
        lr.check(before, after)
    assert "EPSG:4544" in str(err.value) and "EPSG:4545" in str(err.value)


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))
