"""PostGIS as the shared store (issue 11.5), against a real PostgreSQL 15 + PostGIS 3 server that
this test starts itself (pg_server.py: a temporary folder, a Unix socket, no TCP; stopped and
removed afterwards, also on failure). If the server cannot start, the test fails with the reason.

The sample case (data/) is loaded into the database with GDAL (ogr2ogr's VectorTranslate, FIDs
kept), then `reserve check` runs once on the files and once on `PG:` inputs. The expected values
are the file run's own: the database must change nothing (identical verdicts and texts; every
number equal to 1e-9 relative; the same evidence pieces with the same areas), and `--out PG:…`
must write those same results as tables."""
import json
import os
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pg_server import PgServer  # noqa: E402

from osgeo import gdal, ogr  # noqa: E402

gdal.UseExceptions()

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "data")
CLI = os.environ.get("RESERVE_CLI", os.path.join(ROOT, "build", "bin", "reserve"))
REL = 1e-9  # relative tolerance on every number (the same doubles travel through PostGIS WKB)
EVIDENCE = ("removed", "added", "downgraded", "upgraded", "noise")


def run(*args):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PROJ_NETWORK="OFF"))
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture(scope="module")
def pg():
    with PgServer() as server:
        # Schemas keep the file layers' own names (both zonings are layer "zones").
        server.psql("CREATE SCHEMA before; CREATE SCHEMA after; CREATE SCHEMA inputs")
        for schema, name in (("before", "baseline"), ("after", "proposal"),
                             ("inputs", "mining_rights"), ("inputs", "facilities")):
            gdal.VectorTranslate(
                server.connection(active_schema=schema), os.path.join(DATA, name + ".gpkg"),
                options=["-f", "PostgreSQL", "-preserve_fid", "-lco", "GEOMETRY_NAME=geom",
                         "-lco", "FID=fid"])
        yield server


def file_inputs():
    return {"before": os.path.join(DATA, "baseline.gpkg"),
            "after": os.path.join(DATA, "proposal.gpkg"),
            "mining": os.path.join(DATA, "mining_rights.gpkg"),
            "facilities": os.path.join(DATA, "facilities.gpkg")}


def pg_inputs(pg):
    return {"before": pg.connection(schemas="before"),
            "after": pg.connection(schemas="after", password="s3cret"),  # trust: ignored
            "mining": pg.connection(schemas="inputs", tables="mining_rights"),
            "facilities": pg.connection(schemas="inputs", tables="facility_areas")}


def check_args(inputs):
    return ["check", "--before", inputs["before"], "--after", inputs["after"],
            "--mining", inputs["mining"], "--facilities", inputs["facilities"],
            "--monitoring", os.path.join(DATA, "monitoring.csv")]


def normalised(report, inputs, to=None):
    """The report without the audit, and with the inputs' names (paths, connection strings with
    the password masked) replaced by <role>, or by the names in `to`."""
    text = json.dumps(report, ensure_ascii=False)
    for role, path in sorted(inputs.items(), key=lambda kv: -len(kv[1])):
        masked = path.replace("password=s3cret", "password=***")
        name = f"<{role}>" if to is None else to[role].replace("password=s3cret", "password=***")
        text = text.replace(json.dumps(masked)[1:-1], json.dumps(name)[1:-1])
    out = json.loads(text)
    out.pop("audit")
    return out


def assert_same(a, b, where="report"):
    """Equal structure and strings; numbers equal to REL relative."""
    if isinstance(a, dict):
        assert isinstance(b, dict) and sorted(a) == sorted(b), where
        for k in a:
            if k in ("sha256", "driver"):
                continue
            assert_same(a[k], b[k], f"{where}.{k}")
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            assert_same(x, y, f"{where}[{i}]")
    elif isinstance(a, float) or isinstance(b, float):
        assert b == pytest.approx(a, rel=REL, abs=1e-12), where
    else:
        assert a == b, where


@pytest.fixture(scope="module")
def file_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("files")
    code, stdout, err = run(*check_args(file_inputs()), "--out", str(out))
    assert code == 1, err  # the sample proposal fails no-slimming and the share rule
    with open(out / "report.json", encoding="utf-8") as f:
        return {"code": code, "report": json.load(f), "out": out}


def evidence_of_gpkg(path):
    """{kind: (feature count, sum of area_m2, sorted piece ids)} of evidence.gpkg."""
    ds = ogr.Open(str(path))
    out = {}
    for kind in EVIDENCE:
        layer = ds.GetLayerByName(kind)
        rows = [(f.GetField("piece_id"), f.GetField("area_m2")) for f in layer]
        out[kind] = (len(rows), sum(a for _, a in rows), sorted(p for p, _ in rows))
    return out


def test_pg_inputs_give_the_file_check(pg, file_run, tmp_path):
    code, _, err = run(*check_args(pg_inputs(pg)), "--out", str(tmp_path))
    assert code == file_run["code"], err
    with open(tmp_path / "report.json", encoding="utf-8") as f:
        report = json.load(f)
    assert_same(normalised(file_run["report"], file_inputs()), normalised(report, pg_inputs(pg)))
    assert [v["status"] for v in report["verdicts"]] == [
        v["status"] for v in file_run["report"]["verdicts"]]
    # The audit names the database layers, with the password masked and a content hash.
    inputs = {i["role"]: i for i in report["audit"]["inputs"]}
    assert inputs["after"]["driver"] == "PostgreSQL" and inputs["after"]["layer"] == "zones"
    assert "password=***" in inputs["after"]["path"] and "s3cret" not in json.dumps(report)
    assert len(inputs["before"]["sha256"]) == 64
    assert evidence_of_gpkg(tmp_path / "evidence.gpkg") == pytest.approx(
        evidence_of_gpkg(file_run["out"] / "evidence.gpkg"), rel=REL)


def read_table(conn, name, run_id):
    ds = ogr.Open(conn)
    layer = ds.GetLayerByName(name)
    assert layer is not None, name
    layer.SetAttributeFilter(f"run_id = '{run_id}'")
    return [dict(f.items(), _area=f.GetGeometryRef().GetArea() if f.GetGeometryRef() else None)
            for f in layer]


def test_out_pg_writes_the_results_as_tables(pg, file_run):
    out = pg.connection(active_schema="public")
    code, stdout, err = run(*check_args(pg_inputs(pg)), "--out", out, "--run-id", "run-a",
                            "--reserve-name", "青岚山")
    assert code == file_run["code"], err
    assert "run id run-a" in stdout
    report = file_run["report"]
    runs = read_table(out, "reserve_runs", "run-a")
    assert len(runs) == 1 and runs[0]["reserve"] == "青岚山"
    assert runs[0]["overall"] == report["overall"] == "fail"
    verdicts = read_table(out, "reserve_verdicts", "run-a")
    assert [(v["rule_id"], v["status"], v["explanation_en"]) for v in verdicts] == [
        (v["rule_id"], v["status"], v["explanation_en"])
        for v in normalised(report, file_inputs(), pg_inputs(pg))["verdicts"]]
    measures = {(m["rule_id"], m["name"]): m["value"]
                for m in read_table(out, "reserve_measures", "run-a") if m["kind"] == "measured"}
    for v in report["verdicts"]:
        for m in v["measured"]:
            assert measures[(v["rule_id"], m["name"])] == pytest.approx(m["value"], rel=REL)
    zones = {z["zone"]: z for z in read_table(out, "reserve_zone_areas", "run-a")}
    assert zones["total"]["before_m2"] == pytest.approx(
        report["comparison"]["before"]["total_m2"], rel=REL)
    assert zones["total"]["after_m2"] == pytest.approx(
        report["comparison"]["after"]["total_m2"], rel=REL)
    for z in report["comparison"]["before"]["zones"]:
        assert zones[z["zone"]]["before_m2"] == pytest.approx(z["area_m2"], rel=REL)
    # The ledger: the same rows as the file run's ledger CSV (one line per problem).
    ledger = read_table(out, "reserve_ledger", "run-a")
    with open(file_run["out"] / "ledger.csv", encoding="utf-8-sig") as f:
        csv_ids = [line.split(",")[0] for line in f.read().splitlines()[1:] if line]
    assert sorted(r["problem_id"] for r in ledger) == sorted(csv_ids) and ledger
    # Evidence: the same pieces and areas as evidence.gpkg of the file run; the polygons' own
    # planar area (OGR) equals area_m2 where the profile measures planar, and is close otherwise.
    expected = evidence_of_gpkg(file_run["out"] / "evidence.gpkg")
    for kind in EVIDENCE:
        rows = read_table(out, "reserve_evidence_" + kind, "run-a")
        got = (len(rows), sum(r["area_m2"] for r in rows), sorted(r["piece_id"] for r in rows))
        assert got == pytest.approx(expected[kind], rel=REL), kind
    assert expected["removed"][0] > 0
    # The geometry columns carry the working CRS as an SRID.
    srid = pg.psql("SELECT srid FROM geometry_columns WHERE f_table_name = "
                   "'reserve_evidence_removed'").strip()
    assert srid == "4544"


def test_runs_share_the_tables(pg, file_run):
    out = pg.connection()
    for run_id in ("share-1", "share-2"):
        code, _, err = run(*check_args(pg_inputs(pg)), "--out", out, "--run-id", run_id)
        assert code == file_run["code"], err
    counts = pg.psql("SELECT run_id, count(*) FROM reserve_verdicts WHERE run_id LIKE 'share-%' "
                     "GROUP BY run_id ORDER BY run_id").split()
    n = len(file_run["report"]["verdicts"])
    assert counts == [f"share-1|{n}", f"share-2|{n}"]
    assert pg.psql("SELECT reserve FROM reserve_runs WHERE run_id = 'share-1'").strip() == "zones"


def test_a_failed_run_leaves_nothing(pg, file_run):
    # A schema whose last evidence table cannot take the rows: the run fails at the very end,
    # after every other table was written — and none of them may keep a row.
    pg.psql("CREATE SCHEMA broken; CREATE TABLE broken.reserve_evidence_noise (x integer)")
    out = pg.connection(active_schema="broken", password="s3cret")
    code, _, err = run(*check_args(pg_inputs(pg)), "--out", out, "--run-id", "failed")
    assert code == 3, err
    assert "reserve_evidence_noise" in err and "no column 'run_id'" in err
    assert "password=***" in err and "s3cret" not in err
    tables = pg.psql("SELECT table_name FROM information_schema.tables "
                     "WHERE table_schema = 'broken'").split()
    assert tables == ["reserve_evidence_noise"]


def test_a_bad_connection_is_named_with_its_password_masked(file_run):
    conn = "PG:dbname=nosuch host=/nonexistent-socket-dir user=x password=hunter2"
    code, _, err = run("check", "--before", conn, "--after", os.path.join(DATA, "proposal.gpkg"))
    assert code == 3, err
    assert "PG:dbname=nosuch host=/nonexistent-socket-dir user=x password=***" in err
    assert "cannot open the database connection" in err and "hunter2" not in err
    code, _, err = run("check", "--before", os.path.join(DATA, "baseline.gpkg"), "--after",
                       os.path.join(DATA, "proposal.gpkg"), "--out", conn)
    assert code == 3 and "hunter2" not in err and "password=***" in err, err


def test_other_commands_read_pg_inputs(pg, tmp_path):
    files, dbs = file_inputs(), pg_inputs(pg)
    # validate and info: the same zones and areas as from the file.
    for args in (["validate", "--json"], ["info", "--json"]):
        a = run(*args, files["before"])
        b = run(*args, dbs["before"])
        assert a[0] == b[0] == 0, b[2]
        assert_same(normalised_cmd(a[1], files), normalised_cmd(b[1], dbs), args[0])
    # overlay: zone before/after and areas of every mining right and facility. Here the tables
    # are chosen with the layer options (one schema, two tables), as layers of a file are.
    dbs = dict(dbs, mining=pg.connection(schemas="inputs"),
               facilities=pg.connection(schemas="inputs"))

    def overlay(inp):
        return run("overlay", "--before", inp["before"], "--after", inp["after"],
                   "--mining", inp["mining"], "--mining-layer", "mining_rights",
                   "--facilities", inp["facilities"], "--facilities-layer", "facility_areas",
                   "--json")
    a, b = overlay(files), overlay(dbs)
    assert a[0] == b[0], b[2]
    shared = ("mining", "facilities")
    assert_same(normalised_cmd(a[1], files, shared), normalised_cmd(b[1], dbs, shared), "overlay")
    # Without a layer option, a connection that sees several tables is a usage error listing them.
    code, _, err = run("overlay", "--before", dbs["before"], "--after", dbs["after"],
                       "--mining", dbs["mining"])
    assert code == 2 and "'mining_rights'" in err and "'facility_areas'" in err, err
    # map: draws from the database without error.
    code, _, err = run("map", "--before", dbs["before"], "--after", dbs["after"], "--mining",
                       dbs["mining"], "--mining-layer", "mining_rights", "--out",
                       str(tmp_path / "map.svg"))
    assert code == 0, err
    assert (tmp_path / "map.svg").stat().st_size > 1000


def normalised_cmd(stdout, inputs, same=()):
    """The command's JSON with the inputs' names replaced by <role>; roles in `same` share one
    token (one connection string serving two roles)."""
    text = stdout
    for role, path in sorted(inputs.items(), key=lambda kv: -len(kv[1])):
        masked = path.replace("password=s3cret", "password=***")
        token = "<shared>" if role in same else f"<{role}>"
        text = text.replace(json.dumps(masked)[1:-1], token)
    return json.loads(text)


def test_ledger_command_appends_to_the_ledger_table(pg, file_run):
    dbs = pg_inputs(pg)
    code, stdout, err = run("ledger", "--before", dbs["before"], "--after", dbs["after"],
                            "--mining", dbs["mining"], "--facilities", dbs["facilities"],
                            "--monitoring", os.path.join(DATA, "monitoring.csv"),
                            "--out", pg.connection(), "--run-id", "ledger-1",
                            "--reserve-name", "青岚山")
    assert code == 0, err
    rows = read_table(pg.connection(), "reserve_ledger", "ledger-1")
    with open(file_run["out"] / "ledger.csv", encoding="utf-8-sig") as f:
        csv_ids = [line.split(",")[0] for line in f.read().splitlines()[1:] if line]
    assert sorted(r["problem_id"] for r in rows) == sorted(csv_ids)
    assert {r["reserve"] for r in rows} == {"青岚山"}


def write_province(path, rows):
    """A province zoning layer in EPSG:4544: rows of (reserve, zone label, (x0, y0, x1, y1))."""
    srs = ogr.osr.SpatialReference()
    srs.ImportFromEPSG(4544)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer("zones", srs, ogr.wkbMultiPolygon)
    for name in ("保护区名称", "功能分区"):
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    for reserve, zone, (x0, y0, x1, y1) in rows:
        f = ogr.Feature(layer.GetLayerDefn())
        f.SetField("保护区名称", reserve)
        f.SetField("功能分区", zone)
        f.SetGeometry(ogr.CreateGeometryFromWkt(
            f"MULTIPOLYGON((({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0})))"))
        layer.CreateFeature(f)
    ds = None


def test_province_run_writes_every_reserve_and_the_province_table(pg, tmp_path):
    # Two reserves of 3 km × 1 km strips (core, buffer, experimental: 100 ha each, by hand);
    # after: 乙 loses the eastern half of its experimental strip (50 ha), 甲 is unchanged, and the
    # two overlap by 250 m × 1 km = 25 ha in both layers (甲's experimental strip runs into 乙).
    x, y = 500000, 3500000

    def reserve(name, x0, exp_x1):
        return [(name, "核心区", (x0, y, x0 + 1000, y + 1000)),
                (name, "缓冲区", (x0 + 1000, y, x0 + 2000, y + 1000)),
                (name, "实验区", (x0 + 2000, y, exp_x1, y + 1000))]

    before = reserve("甲", x, x + 3000) + reserve("乙", x + 2750, x + 2750 + 3000)
    after = reserve("甲", x, x + 3000) + reserve("乙", x + 2750, x + 2750 + 2500)
    write_province(tmp_path / "before.gpkg", before)
    write_province(tmp_path / "after.gpkg", after)
    args = ["check", "--before", str(tmp_path / "before.gpkg"), "--after",
            str(tmp_path / "after.gpkg"), "--area-method", "planar", "--jobs", "2"]
    code_files, _, err = run(*args, "--out", str(tmp_path / "out"), "--quiet")
    out = pg.connection(active_schema="public")
    code, stdout, err_pg = run(*args, "--out", out, "--run-id", "province-1")
    assert code == code_files == 1, err + err_pg  # 乙 is slimmed: no-slimming fails
    assert "reserve_province" in stdout
    with open(tmp_path / "out" / "province.json", encoding="utf-8") as f:
        expected = json.load(f)
    rows = {r["reserve_name"]: r for r in read_table(out, "reserve_province", "province-1")}
    assert set(rows) == {"甲", "乙"}
    # Hand values: 乙 300 → 250 ha, 甲 300 → 300 ha (planar, exact rectangles).
    assert rows["乙"]["before_area_m2"] == pytest.approx(3_000_000, rel=REL)
    assert rows["乙"]["after_area_m2"] == pytest.approx(2_500_000, rel=REL)
    assert rows["甲"]["after_area_m2"] == pytest.approx(3_000_000, rel=REL)
    for r in expected["reserves"]:
        assert rows[r["reserve"]]["match"] == r["match"] == "matched"
        assert rows[r["reserve"]]["overall"] == r["report"]["overall"]
    # Each reserve's own tables carry its name; its verdicts are those of province.json.
    verdicts = read_table(out, "reserve_verdicts", "province-1")
    for r in expected["reserves"]:
        got = sorted((v["rule_id"], v["status"]) for v in verdicts if v["reserve"] == r["reserve"])
        assert got == sorted((v["rule_id"], v["status"]) for v in r["report"]["verdicts"])
    slimming = {v["reserve"]: v["status"] for v in verdicts if v["rule_id"] == "no-slimming"}
    assert slimming == {"甲": "pass", "乙": "fail"}
    # The cross-reserve overlap: 25 ha in each layer, as polygons.
    overlaps = read_table(out, "reserve_overlaps", "province-1")
    assert sorted(o["side"] for o in overlaps) == ["after", "before"]
    for o in overlaps:
        assert (o["reserve_a"], o["reserve_b"]) in (("乙", "甲"), ("甲", "乙"))
        assert o["area_m2"] == pytest.approx(250_000, rel=REL)
        assert o["_area"] == pytest.approx(250_000, rel=REL)
