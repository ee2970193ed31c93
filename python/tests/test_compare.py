"""compare(): hand-made cases (areas by hand / Shapely) and the sample case (data/expected.json,
computed by data/make_sample.py with Shapely and pyproj, independently of libreserve)."""
import pytest

import libreserve as lr
from conftest import nested_zones, proposal_zones


@pytest.fixture
def hand_case(baseline_gpkg, proposal_gpkg):
    return lr.compare(lr.load_zoning(baseline_gpkg), lr.load_zoning(proposal_gpkg),
                      area_method="planar")


def test_hand_case_figures(hand_case):
    c = hand_case
    # By hand: removed = 50 × 500 m strip of experimental = 2.5 ha; downgraded core→buffer
    # 100 × 50 m = 0.5 ha; nothing added. Planar; tolerance 1e-6 m².
    assert c.removed.area_m2 == pytest.approx(25000.0, abs=1e-6)
    assert c.added.area_m2 == pytest.approx(0.0, abs=1e-6)
    assert c.downgraded.area_m2 == pytest.approx(5000.0, abs=1e-6)
    assert c.upgraded.area_m2 == pytest.approx(0.0, abs=1e-6)
    assert c.net_change_m2 == pytest.approx(-25000.0, abs=1e-6)
    assert c.area_m2(lr.Zone.core, lr.Zone.buffer) == pytest.approx(5000.0, abs=1e-6)
    assert c.area_m2(lr.Zone.experimental, lr.Zone.outside) == pytest.approx(25000.0, abs=1e-6)
    assert c.before.strict_m2 == pytest.approx(90000.0, abs=1e-6)
    assert c.after.strict_share == pytest.approx(90000.0 / 225000.0, rel=1e-12)


def test_matrix_rows_and_columns_equal_shapely_zone_areas(hand_case):
    m = hand_case.transition_matrix(unit="m2")
    before, after = nested_zones(), proposal_zones()
    for i, zone in enumerate(["core", "buffer", "experimental"]):
        assert m.loc[zone].sum() == pytest.approx(before.geometry[i].area, abs=1e-6)
        assert m[zone].sum() == pytest.approx(after.geometry[i].area, abs=1e-6)
    # Each inside cell equals the Shapely intersection of the zones.
    for i, zb in enumerate(["core", "buffer", "experimental"]):
        for j, za in enumerate(["core", "buffer", "experimental"]):
            expected = before.geometry[i].intersection(after.geometry[j]).area
            assert m.loc[zb, za] == pytest.approx(expected, abs=1e-6)
    assert hand_case.transition_matrix().loc["core", "buffer"] == pytest.approx(0.5)  # ha


def test_zone_areas_changes_and_dict(hand_case):
    areas = hand_case.zone_areas().set_index("zone")
    assert areas.loc["core", "change_m2"] == pytest.approx(-5000.0, abs=1e-6)
    assert areas.loc["experimental", "after_ha"] == pytest.approx(13.5, abs=1e-9)
    changes = hand_case.changes()
    assert changes.crs.to_epsg() == 4544
    assert hand_case.to_geopandas().geometry.equals(changes.geometry)
    removed = changes[changes.kind == "removed"]
    assert removed.geometry.area.sum() == pytest.approx(25000.0, abs=1e-6)
    assert removed["area_m2"].sum() == pytest.approx(25000.0, abs=1e-6)
    d = hand_case.to_dict()
    assert d["area_method"] == "planar" and d["removed"]["area_m2"] == hand_case.removed.area_m2
    assert {(c["from"], c["to"]) for c in d["matrix"]} >= {("core", "buffer")}
    assert "Transition matrix" in hand_case._repr_html_()


def test_sample_case_matches_expected_json(sample):
    exp = sample["expected"]
    before = lr.load_zoning(sample["baseline"], name="baseline")
    after = lr.load_zoning(sample["proposal"], name="proposal")
    planar = lr.compare(before, after, area_method="planar")
    m = planar.transition_matrix(unit="m2")
    # Planar cells vs Shapely's overlay in make_sample.py: 0.01 m² absolute (GEOS vs GEOS, same
    # vertices; differences are summation order only).
    for zb, row in exp["transition_matrix_planar_m2"].items():
        for za, value in row.items():
            if value is not None:
                assert m.loc[zb, za] == pytest.approx(value, abs=0.01), (zb, za)
    assert planar.removed.area_m2 == pytest.approx(exp["change"]["gross_removed"]["planar_m2"],
                                                   abs=0.01)
    assert planar.added.area_m2 == pytest.approx(exp["change"]["gross_added"]["planar_m2"],
                                                 abs=0.01)
    # Geodesic totals vs pyproj Geod (GRS80) on the same vertices: 1e-9 relative.
    geodesic = lr.compare(before, after)
    assert geodesic.before.total_m2 == pytest.approx(exp["baseline"]["total"]["geodesic_m2"],
                                                     rel=1e-9)
    assert geodesic.after.total_m2 == pytest.approx(exp["proposal"]["total"]["geodesic_m2"],
                                                    rel=1e-9)
    assert geodesic.after.strict_share == pytest.approx(
        exp["proposal"]["core_buffer_share_geodesic"], rel=1e-9)


def test_two_zone_proposal_is_compared_in_the_two_zone_model(sample):
    before = lr.load_zoning(sample["baseline"])
    after = lr.load_zoning(sample["proposal_two_zone"])
    c = lr.compare(before, after, area_method="planar")
    assert c.model == lr.ZoneModel.two_zone and c.before_original is not None
    exp = sample["expected"]
    assert c.before.area_m2(lr.Zone.core_protection) == pytest.approx(
        exp["baseline"]["core_buffer"]["planar_m2"], abs=0.01)
    with pytest.raises(lr.InputError):
        lr.compare(before, after, allow_model_mapping=False)
    with pytest.raises(lr.UsageError):
        lr.compare(before, after, zone_model="four-zone")


def test_noise_tolerance_separates_slivers(sample):
    exp = sample["expected"]["noise"]
    before = lr.load_zoning(sample["baseline"])
    after = lr.load_zoning(sample["proposal"])
    # Slivers are < 0.5 m wide (expected.json); a 1 m / 1000 m² tolerance classes them as noise.
    c = lr.compare(before, after, area_method="planar", noise_max_area_m2=1000.0,
                   noise_max_width_m=1.0)
    assert c.removed.noise_m2 == pytest.approx(exp["removed_planar_m2"], abs=0.01)
    assert c.added.noise_m2 == pytest.approx(exp["added_planar_m2"], abs=0.01)
    noise = c.changes().query("noise")
    assert len(noise) == exp["removed_pieces"] + exp["added_pieces"]


def test_compare_rejects_non_zonings_and_mismatched_crs(baseline_gpkg):
    z = lr.load_zoning(baseline_gpkg)
    with pytest.raises(lr.UsageError):
        lr.compare(z, "proposal.gpkg")
    other = lr.load_zoning(baseline_gpkg, working_crs="EPSG:4545")
    with pytest.raises(lr.InputError):
        lr.compare(z, other)
