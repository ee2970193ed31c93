"""load_zoning and validate: areas against Shapely/pyproj, numbers against `reserve validate`."""
import threading

import geopandas
import pytest
from pyproj import Geod, Transformer
from shapely.ops import transform

import libreserve as lr
from conftest import nested_zones, rect, write

GEOD = Geod(ellps="GRS80")  # CGCS2000's ellipsoid has GRS80's a and f (to 1e-11)
TO_LONLAT = Transformer.from_crs(4544, 4490, always_xy=True)


def geodesic_m2(geom):
    return abs(GEOD.geometry_area_perimeter(transform(TO_LONLAT.transform, geom))[0])


def test_load_zoning_from_a_file(baseline_gpkg):
    z = lr.load_zoning(baseline_gpkg, name="baseline")
    assert z.name == "baseline" and z.model == lr.ZoneModel.three_zone
    assert z.crs.epsg == 4544 and len(z) == 3
    assert z.zones == [lr.Zone.core, lr.Zone.buffer, lr.Zone.experimental]
    assert z.sources[0].path == baseline_gpkg and len(z.sources[0].sha256) == 64
    assert z.repairs == [] and "baseline" in repr(z)


def test_zone_areas_agree_with_shapely_and_pyproj(baseline_gpkg):
    z = lr.load_zoning(baseline_gpkg)
    gdf = nested_zones()
    planar = z.zone_areas(method="planar").set_index("zone")
    # Planar: Shapely areas in the working CRS (hand values 1, 8, 16 ha); tolerance 1e-6 m².
    for zone, geom in zip(["core", "buffer", "experimental"], gdf.geometry):
        assert planar.loc[zone, "area_m2"] == pytest.approx(geom.area, abs=1e-6)
    assert planar["share"].sum() == pytest.approx(1.0)
    assert planar.loc["core", "area_ha"] == pytest.approx(1.0, abs=1e-10)
    # Geodesic: pyproj Geod on the same vertices taken to lon/lat; relative tolerance 1e-9.
    geodesic = z.zone_areas().set_index("zone")
    for zone, geom in zip(["core", "buffer", "experimental"], gdf.geometry):
        assert geodesic.loc[zone, "area_m2"] == pytest.approx(geodesic_m2(geom), rel=1e-9)


def test_zone_areas_equal_the_cli_json(baseline_gpkg, run_cli):
    code, out, err = run_cli("validate", baseline_gpkg, "--json")
    assert code == 0, err
    z = lr.load_zoning(baseline_gpkg)
    areas = z.zone_areas().set_index("zone")
    for row in out["zones"]:
        assert areas.loc[row["zone"], "area_m2"] == pytest.approx(row["area_m2"], rel=1e-12)
    report = lr.validate(z).to_dict()
    assert report["summary"] == out["summary"]
    # The CLI's findings carry more fields (length_m, related_features); the shared ones agree.
    assert [{k: cli[k] for k in py} for py, cli in zip(report["issues"], out["issues"])] == \
        report["issues"]
    assert len(report["issues"]) == len(out["issues"])


def test_load_zoning_from_a_geodataframe_equals_the_file(baseline_gpkg):
    from_file = lr.load_zoning(baseline_gpkg).zone_areas()
    from_gdf = lr.load_zoning(nested_zones(), name="mem")
    assert from_gdf.sources[0].driver == "memory"
    assert from_gdf.zone_areas()["area_m2"].tolist() == pytest.approx(
        from_file["area_m2"].tolist(), rel=1e-12)
    back = from_gdf.to_geopandas()
    assert back.crs.to_epsg() == 4544
    assert back["zone"].tolist() == ["core", "buffer", "experimental"]
    assert back.geometry.area.sum() == pytest.approx(25e4, abs=1e-6)


def test_one_file_per_zone_and_zone_map(tmp_path):
    gdf = nested_zones()
    paths = {}
    for zone, geom in zip(["core", "buffer", "experimental"], gdf.geometry):
        paths[zone] = write(geopandas.GeoDataFrame(geometry=[geom], crs=4544),
                            tmp_path / f"{zone}.gpkg")
    z = lr.load_zoning(paths)
    assert z.zones == [lr.Zone.core, lr.Zone.buffer, lr.Zone.experimental]
    coded = gdf.assign(GNFQ=["1", "2", "3"]).drop(columns="功能分区")
    with pytest.raises(lr.InputError, match="1"):
        lr.load_zoning(coded, zone_field="GNFQ")
    z = lr.load_zoning(coded, zone_field="GNFQ", zone_map={"1": "core", "2": "buffer",
                                                           "3": lr.Zone.experimental})
    assert z.zone_areas(method="planar")["area_m2"].tolist() == pytest.approx([1e4, 8e4, 16e4])
    assert len(lr.load_zoning(coded, zone_field="GNFQ", zone_map="1=core,2=buffer,3=experimental"))
    with pytest.raises(lr.UsageError):
        lr.load_zoning(coded, zone_field="GNFQ", zone_map={"1": "kernel"})


def test_working_crs_reprojects_geographic_input(tmp_path):
    lonlat = nested_zones().to_crs(4490)
    z = lr.load_zoning(lonlat)
    assert z.crs.epsg == 4544  # the CGCS2000 3° GK zone of the centre (105°E)
    z2 = lr.load_zoning(lonlat, working_crs="EPSG:4545")
    assert z2.crs.epsg == 4545


def test_load_zoning_errors(tmp_path):
    with pytest.raises(lr.InputError) as info:
        lr.load_zoning(tmp_path / "none.gpkg")
    assert info.value.file and "none.gpkg" in info.value.file
    unknown = nested_zones().assign(功能分区=["核心区", "缓冲区", "游憩区"])
    with pytest.raises(lr.InputError, match="游憩区"):
        lr.load_zoning(unknown)
    with pytest.raises(lr.UsageError):
        lr.load_zoning(3.5)
    with pytest.raises(lr.UsageError):
        lr.validate("not a zoning")


def test_validate_finds_an_overlap_of_the_area_shapely_measures():
    gdf = nested_zones()
    # Move the core 30 m east: 30×100 m = 3000 m² of it now lies on the buffer ring.
    gdf.loc[0, "geometry"] = rect(30, 0, 130, 100)
    z = lr.load_zoning(gdf)
    report = lr.validate(z, area_method="planar")
    overlaps = [i for i in report.issues if i.code == "zone-overlap"]
    assert len(overlaps) == 1 and overlaps[0].severity == "error"
    expected = gdf.geometry[0].intersection(gdf.geometry[1]).area
    assert overlaps[0].area_m2 == pytest.approx(expected, abs=1e-6)
    assert not report.ok and report.error_count >= 1
    frame = report.issues_frame()
    assert "zone-overlap" in frame["code"].tolist()
    assert "zone-overlap" in report._repr_html_()
    # Below the threshold it is info, not an error.
    quiet = lr.validate(z, min_overlap_area_m2=5000.0, area_method="planar")
    assert [i.severity for i in quiet.issues if i.code == "zone-overlap"] == ["info"]


def test_repairs_are_recorded_with_their_area_change():
    # A bow tie core (self-intersecting) is repaired; the repair is listed, never silent.
    from shapely.geometry import Polygon

    from conftest import X0, Y0
    bow = Polygon([(X0, Y0), (X0 + 100, Y0 + 100), (X0 + 100, Y0), (X0, Y0 + 100)])
    gdf = geopandas.GeoDataFrame({"功能分区": ["核心区"]}, geometry=[bow], crs=4544)
    with pytest.raises(lr.InputError):
        lr.load_zoning(gdf, repair=False)
    z = lr.load_zoning(gdf, allow_repair_area_change=True)
    assert len(z.repairs) == 1
    rep = z.repairs[0]
    assert rep.area_change_m2 == pytest.approx(rep.area_after_m2 - rep.area_before_m2)
    assert z.to_dict()["repairs"][0]["reason"] == rep.reason


def test_loading_and_validation_run_in_threads(baseline_gpkg):
    # The GIL is released around the C++ work; concurrent calls give identical results.
    results = [None] * 4

    def work(i):
        z = lr.load_zoning(baseline_gpkg)
        results[i] = (lr.validate(z).error_count, z.zone_areas()["area_m2"].tolist())

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == results[0] for r in results) and results[0][0] == 0
