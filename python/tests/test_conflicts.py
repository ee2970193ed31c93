"""load_features, overlay and ledger: equal to `reserve overlay --json` / `reserve ledger` for
the same inputs, and to the designed numbers of data/expected.json (Shapely, independent)."""
import csv

import geopandas
import pytest
from shapely.geometry import Point

import libreserve as lr
from conftest import nested_zones, proposal_zones, rect


@pytest.fixture(scope="module")
def zonings(sample):
    return (lr.load_zoning(sample["baseline"], name="baseline"),
            lr.load_zoning(sample["proposal"], name="proposal"))


def test_overlay_equals_the_cli_json(sample, zonings, run_cli):
    code, cli, err = run_cli("overlay", "--before", sample["baseline"], "--after",
                             sample["proposal"], "--mining", sample["mining"], "--facilities",
                             sample["facilities"], "--json")
    assert code == 1, err  # conflict features are freed
    ov = lr.overlay(*zonings, mining=sample["mining"], facilities=sample["facilities"])
    assert ov.to_dict() == cli


def test_overlay_matches_the_designed_conflicts(sample, zonings):
    exp = sample["expected"]
    ov = lr.overlay(*zonings, mining=sample["mining"], facilities=sample["facilities"],
                    id_field=None, area_method="planar")
    rows = ov.rows()
    by_licence = rows.dropna(subset=["licence_number"]).set_index("licence_number")
    by_id = rows.set_index("id")
    freed = set(by_licence.index[by_licence.change == "freed"]) | \
        set(by_id.index[(by_id.change == "freed") & by_id.licence_number.isna()])
    assert freed == set(exp["conflicts"]["freed_by_proposal"])
    downgraded = set(by_licence.index[by_licence.change == "downgraded"])
    assert downgraded == set(exp["conflicts"]["downgraded_by_proposal"])
    assert set(by_id.index[by_id.change == "newly-included"]) == set(
        exp["conflicts"]["newly_included"])
    # Planar areas of each right vs Shapely in make_sample.py: 0.01 m².
    for licence, e in exp["mining_rights"].items():
        assert by_licence.loc[licence, "area_m2"] == pytest.approx(e["area_planar_m2"], abs=0.01)
        assert by_licence.loc[licence, "inside_before_m2"] == pytest.approx(
            sum(v for k, v in e["baseline_planar_m2"].items() if k != "outside"), abs=0.01)
    # Facility points: zone before/after as designed.
    for fid, e in exp["facilities"].items():
        assert by_id.loc[fid, "zone_before"] == e["baseline_zone"], fid
        assert by_id.loc[fid, "zone_after"] == e["proposal_zone"], fid
    gdf = ov.to_geopandas()
    assert gdf.crs.to_epsg() == 4544 and len(gdf) == len(ov)
    assert "调出保护区" in ov._repr_html_() or "freed" in ov._repr_html_()


def test_features_from_geodataframes_are_reprojected(zonings):
    # Two facility points in lon/lat (EPSG:4490) given as a GeoDataFrame: reprojected into the
    # zoning's EPSG:4544, at the coordinates pyproj gives.
    from pyproj import Transformer

    lonlat = [(105.6018, 33.706722222222226), (105.9, 33.9)]
    gdf = geopandas.GeoDataFrame({"类别": ["选矿厂", "冶炼厂"], "名称": ["A", "B"]},
                                 geometry=[Point(p) for p in lonlat], crs="EPSG:4490")
    fs = lr.load_features(gdf, working_crs=zonings[0])
    assert len(fs) == 2 and fs.crs.epsg == 4544
    out = fs.to_geopandas()
    assert out["category"].tolist() == ["concentrator", "smelter"]
    t = Transformer.from_crs(4490, 4544, always_xy=True)
    for (lon, lat), geom in zip(lonlat, out.geometry):
        x, y = t.transform(lon, lat)
        assert geom.x == pytest.approx(x, abs=1e-6)
        assert geom.y == pytest.approx(y, abs=1e-6)


def test_unknown_categories_are_kept_as_other_with_issues(zonings):
    gdf = geopandas.GeoDataFrame({"类别": ["选矿厂", "外星基地"]},
                                 geometry=[Point(560000, 3735000), Point(560100, 3735000)],
                                 crs="EPSG:4544")
    fs = lr.load_features(gdf, working_crs=zonings[0])
    # Unknown category: kept as "other" with a warning and a count, never dropped.
    assert len(fs) == 2 and fs.skipped_count == 0 and fs.left_out == []
    assert fs.records()[1]["category"] == "other"
    assert "2 of 2 used" in fs.used_summary and "1 as other" in fs.used_summary
    assert any("外星基地" in i.message for i in fs.issues)
    fs2 = lr.load_features(gdf, working_crs=zonings[0], category_map={"外星基地": "industrial"})
    assert len(fs2) == 2 and fs2.records()[1]["category"] == "industrial"
    with pytest.raises(lr.UsageError):
        lr.load_features(gdf, working_crs=zonings[0], category="spaceport")


def test_overlay_on_a_hand_case():
    # A 100 × 100 m mine straddling the experimental strip that the proposal cuts out:
    # x 240…340 m: 60 m inside the baseline's experimental ring (to x = 300), of which the part
    # x 250…300 (50 × 100 m) is removed by the proposal; by hand.
    before, after = lr.load_zoning(nested_zones()), lr.load_zoning(proposal_zones())
    mine = geopandas.GeoDataFrame({"类别": ["采石场"]}, geometry=[rect(240, 0, 340, 100)],
                                  crs="EPSG:4544")
    ov = lr.overlay(before, after, facilities=mine, area_method="planar")
    row = ov.rows().iloc[0]
    assert row["area_m2"] == pytest.approx(10000.0, abs=1e-6)
    assert row["inside_before_m2"] == pytest.approx(6000.0, abs=1e-6)
    assert row["inside_after_m2"] == pytest.approx(1000.0, abs=1e-6)
    assert row["freed_area_m2"] == pytest.approx(5000.0, abs=1e-6)
    assert row["change"] == "partly-freed"
    with pytest.raises(lr.UsageError):
        lr.overlay(before, after)


def test_ledger_equals_the_cli_csv(sample, zonings, run_cli, tmp_path):
    code, _, err = run_cli("ledger", "--before", sample["baseline"], "--after",
                           sample["proposal"], "--mining", sample["mining"], "--facilities",
                           sample["facilities"], "--monitoring", sample["monitoring"],
                           "--assignments", sample["assignments"], "--out", tmp_path / "cli")
    assert code == 0, err
    ov = lr.overlay(*zonings, mining=sample["mining"], facilities=sample["facilities"])
    led = lr.ledger(ov, monitoring=sample["monitoring"], assignments=sample["assignments"])
    with open(tmp_path / "cli" / "ledger.csv", encoding="utf-8-sig", newline="") as f:
        cli_rows = list(csv.reader(f))
    assert cli_rows[0] == lr.Ledger.headers()
    assert cli_rows[1:] == led.cells()
    frame = led.to_dataframe()
    assert list(frame.columns) == cli_rows[0] and len(frame) == len(led)
    # Our own files: the CSV we write equals the CLI's byte for byte.
    led.write_csv(str(tmp_path / "ours.csv"))
    assert (tmp_path / "ours.csv").read_bytes() == (tmp_path / "cli" / "ledger.csv").read_bytes()
    led.write_xlsx(str(tmp_path / "ours.xlsx"))
    import openpyxl

    sheet = openpyxl.load_workbook(tmp_path / "ours.xlsx").active
    assert sheet.max_row == len(led) + 1


def test_ledger_content_and_check_with_conflicts(sample, zonings):
    exp = sample["expected"]
    result = lr.check(*zonings, mining=sample["mining"], facilities=sample["facilities"])
    v = result.verdict("no-adjusting-instead-of-rectifying")
    assert v.status == exp["rules_expected"]["no_adjusting_instead_of_rectifying"] == "fail"
    assert result.overlay is not None
    led = lr.ledger(result, monitoring=sample["monitoring"])
    raw = led.to_dataframe(raw=True)
    water = raw[raw.category == "water-exceedance"]
    # Exceedances of class I at the monitoring points (expected.json: JC02 exceeds all five).
    jc02 = set(water[water.feature_id == "JC02"].problem_id)
    assert len(jc02) == len(exp["monitoring"]["points"]["JC02"]["exceeds_class_I"])
    assert "JC01" not in set(water.feature_id)
    assert all(raw.action_zh.str.len() > 0)
    assert "整改台账" in led._repr_html_()
    with pytest.raises(lr.UsageError):
        lr.ledger(lr.check(*zonings))  # no conflict layers in that check
