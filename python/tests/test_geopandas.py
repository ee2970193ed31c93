"""GeoDataFrames into the library and back: geometry, attributes and CRS survive."""
import geopandas
import pyproj
import pytest
import shapely.wkb
from shapely.geometry import (GeometryCollection, LineString, MultiPoint, MultiPolygon, Point,
                              Polygon, box)

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


def test_null_empty_and_point_line_collections_are_skipped_with_issues():
    gdf = geopandas.GeoDataFrame(
        {"n": [1, 2, 3, 4]},
        geometry=[box(0, 0, 1, 1), None, Polygon(),
                  GeometryCollection([Point(0, 0), LineString([(0, 0), (1, 1)])])],
        crs="EPSG:4544")
    layer = from_geopandas(gdf)
    assert len(layer) == 1
    assert [(i.code, i.feature) for i in layer.issues] == [
        ("null-geometry", "1"), ("empty-geometry", "2"), ("mixed-geometry-collection", "3")]
    assert all(i.severity == "warning" for i in layer.issues)


def test_collection_of_polygons_and_points_keeps_the_polygons_like_the_file_reader():
    # An overlay's by-product (PostGIS ST_Intersection): two squares of 100 m x 100 m and
    # 50 m x 50 m, plus a point and a two-point multipoint. read_layer keeps the polygons and
    # warns (mixed-geometry-collection); from_geopandas used to skip the whole feature.
    polys = [box(0, 0, 100, 100), box(200, 0, 250, 50)]
    collection = GeometryCollection([polys[0], Point(5, 5), MultiPoint([(1, 1), (2, 2)]),
                                     polys[1]])
    gdf = geopandas.GeoDataFrame({"功能分区": ["核心区"]}, geometry=[collection],
                                 crs="EPSG:4544")
    layer = from_geopandas(gdf)
    assert len(layer) == 1
    assert [(i.code, i.feature, i.severity) for i in layer.issues] == [
        ("mixed-geometry-collection", "0", "warning")]
    assert "3 point or line part(s)" in layer.issues[0].message  # 1 point + 2 of the multipoint
    kept = layer.to_geopandas().geometry[0]
    assert kept.geom_type == "MultiPolygon"
    # By hand: 100 * 100 + 50 * 50 = 12500 m2; exact, the coordinates are integers.
    assert kept.area == pytest.approx(12500.0, abs=0)
    assert kept.equals(MultiPolygon(polys))
    # The zoning built from the frame keeps the core land too (planar: the same 12500 m2).
    zoning = lr.load_zoning(gdf, name="gc")
    assert len(zoning) == 1
    core = shapely.wkb.loads(zoning.zone_wkb(lr.Zone.core))
    assert core.area == pytest.approx(12500.0, abs=1e-6)


def test_z_values_are_dropped_with_one_info_note_like_the_file_reader():
    # A frame read from a 3D shapefile (PolygonZ): read_layer drops Z and says so once per layer
    # (dropped-z, info); from_geopandas dropped it silently. Areas are 2D: 100 m x 100 m by hand.
    sq = Polygon([(0, 0, 5), (100, 0, 6), (100, 100, 7), (0, 100, 8)])
    gdf = geopandas.GeoDataFrame({"功能分区": ["核心区", "缓冲区"]},
                                 geometry=[sq, box(100, 0, 200, 100)], crs="EPSG:4544")
    layer = from_geopandas(gdf)
    assert len(layer) == 2
    assert [(i.code, i.feature, i.severity) for i in layer.issues] == [("dropped-z", "", "info")]
    assert "1 feature(s)" in layer.issues[0].message
    first = layer.to_geopandas().geometry[0]
    assert not first.has_z
    assert first.area == pytest.approx(10000.0, abs=0)
    # A 2D frame carries no note.
    assert list(from_geopandas(gdf.iloc[1:]).issues) == []


def test_missing_crs_and_wrong_type_raise():
    gdf = geopandas.GeoDataFrame({"n": [1]}, geometry=[box(0, 0, 1, 1)])
    with pytest.raises(lr.InputError, match="no CRS"):
        from_geopandas(gdf)
    assert len(from_geopandas(gdf, crs=4544)) == 1
    with pytest.raises(lr.UsageError):
        from_geopandas({"not": "a frame"})
