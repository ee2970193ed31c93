"""GeoDataFrames into the library and back: geometry, attributes and CRS survive."""
import geopandas
import pyproj
import pytest
from shapely.geometry import GeometryCollection, MultiPolygon, Point, Polygon, box

import libreserve as lr
from libreserve.io import from_geopandas


def _frame(crs):
    # A polygon with a hole given clockwise (the library reorients), a multipolygon and a point.
    cw_shell = [(0, 0), (0, 100), (100, 100), (100, 0)]
    hole = [(10, 10), (20, 10), (20, 20), (10, 20)]
    geoms = [Polygon(cw_shell, [hole]), MultiPolygon([box(200, 0, 210, 5), box(300, 0, 301, 1)]),
             Point(5, 5)]
    return geopandas.GeoDataFrame({"名称": ["核心区", "缓冲区", "选矿厂"], "code": [1, 2, None]},
                                  geometry=geoms, crs=crs)


@pytest.mark.parametrize("crs", ["EPSG:4544", "EPSG:4490"])
def test_round_trip_keeps_geometry_attributes_and_crs(crs):
    gdf = _frame(crs)
    layer = from_geopandas(gdf, name="zones")
    assert len(layer) == 3 and layer.name == "zones" and layer.issues == []
    assert layer.crs == lr.Crs(crs)
    back = layer.to_geopandas()
    assert back.crs == pyproj.CRS(crs)
    assert list(back["名称"]) == ["核心区", "缓冲区", "选矿厂"]
    assert list(back["code"]) == ["1", "2", None]  # attributes travel as text, nulls as None
    for a, b in zip(gdf.geometry, back.geometry):
        # Same point set: symmetric difference empty (polygons) / equal (points); exact coords.
        assert a.equals(b)
        assert a.area == pytest.approx(b.area, abs=0)
    # The clockwise shell comes back counter-clockwise (normalised like files are).
    assert back.geometry[0].geoms[0].exterior.is_ccw


def test_crs_without_epsg_code_survives_as_wkt():
    custom = pyproj.CRS.from_proj4("+proj=tmerc +lon_0=104.5 +k=1 +x_0=500000 +ellps=GRS80 +units=m")
    layer = from_geopandas(_frame(custom))
    assert layer.crs.epsg is None
    assert pyproj.CRS.from_wkt(layer.crs.wkt).equals(custom)
    assert layer.to_geopandas().crs.equals(custom)


def test_ids_come_from_the_index_or_an_id_field():
    gdf = _frame("EPSG:4544").set_index(geopandas.pd.Index([7, 8, 9]))
    assert from_geopandas(gdf).ids == ["7", "8", "9"]
    assert from_geopandas(gdf, id_field="名称").ids == ["核心区", "缓冲区", "选矿厂"]
    with pytest.raises(lr.UsageError, match="not a column"):
        from_geopandas(gdf, id_field="nope")


def test_null_empty_and_mixed_geometries_are_skipped_with_issues():
    gdf = geopandas.GeoDataFrame(
        {"n": [1, 2, 3, 4]},
        geometry=[box(0, 0, 1, 1), None, Polygon(), GeometryCollection([Point(0, 0), box(0, 0, 1, 1)])],
        crs="EPSG:4544")
    layer = from_geopandas(gdf)
    assert len(layer) == 1
    assert [(i.code, i.feature) for i in layer.issues] == [
        ("null-geometry", "1"), ("empty-geometry", "2"), ("mixed-geometry-collection", "3")]
    assert all(i.severity == "warning" for i in layer.issues)


def test_missing_crs_and_wrong_type_raise():
    gdf = geopandas.GeoDataFrame({"n": [1]}, geometry=[box(0, 0, 1, 1)])
    with pytest.raises(lr.InputError, match="no CRS"):
        from_geopandas(gdf)
    assert len(from_geopandas(gdf, crs=4544)) == 1
    with pytest.raises(lr.UsageError):
        from_geopandas({"not": "a frame"})
