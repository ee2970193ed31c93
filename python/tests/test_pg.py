"""PostGIS inputs from Python: the same library calls read `PG:` connection strings. Against a
real PostgreSQL + PostGIS server started by tests/pg/pg_server.py (a temporary folder and Unix
socket, removed afterwards); the test fails, never skips, when the server cannot start."""
import os
import sys

import pytest
from osgeo import gdal

import libreserve as lr

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests",
                                "pg"))
from pg_server import PgServer  # noqa: E402

gdal.UseExceptions()


def test_check_reads_postgis_tables(baseline_gpkg, proposal_gpkg):
    with PgServer() as pg:
        for path, table in ((baseline_gpkg, "zones_before"), (proposal_gpkg, "zones_after")):
            gdal.VectorTranslate(pg.connection(), str(path),
                                 options=["-f", "PostgreSQL", "-nln", table])
        before = pg.connection(tables="zones_before")
        after = pg.connection(tables="zones_after")
        z = lr.load_zoning(before)
        areas = z.zone_areas(method="planar").set_index("zone")
        # By hand (conftest.nested_zones): core 100×100 m, buffer ring to 300×300 m, experimental
        # ring to 500×500 m → 1, 8 and 16 ha. Planar; tolerance 1e-6 m².
        assert areas.loc["core", "area_m2"] == pytest.approx(10000.0, abs=1e-6)
        assert areas.loc["buffer", "area_m2"] == pytest.approx(80000.0, abs=1e-6)
        assert areas.loc["experimental", "area_m2"] == pytest.approx(160000.0, abs=1e-6)
        # By hand (conftest.proposal_zones): the 50 × 500 m strip removed = 2.5 ha.
        result = lr.check(before, after, area_method="planar")
        removed = result.to_dict()["comparison"]["removed"]["area_m2"]
        assert removed == pytest.approx(25000.0, abs=1e-6)
        files = lr.check(str(baseline_gpkg), str(proposal_gpkg), area_method="planar")
        assert [(v.rule_id, v.status) for v in result.rules] == [
            (v.rule_id, v.status) for v in files.rules]
        # result.write to a connection: the check's tables, stamped (as `reserve check --out`).
        written = result.write(pg.connection(), run_id="py-1", reserve="hand case")
        assert any(w.endswith(" reserve_verdicts") for w in written)
        rows = pg.psql("SELECT rule_id, status FROM reserve_verdicts WHERE run_id = 'py-1' "
                       "AND reserve = 'hand case' ORDER BY fid").split()
        assert rows == [f"{v.rule_id}|{v.status}" for v in result.rules]
        layer = lr.read_layer(after)
        assert layer.driver == "PostgreSQL" and layer.name == "zones_after"
        assert len(layer.ids) == 3 and len(layer.sha256) == 64  # a hash of the content read
        # A connection that fails: InputError naming it, the password masked.
        with pytest.raises(lr.InputError, match=r"password=\*\*\*") as e:
            lr.read_layer(pg.connection(password="hunter2").replace("dbname=reserve",
                                                                    "dbname=nosuch"))
        assert "hunter2" not in str(e.value)
