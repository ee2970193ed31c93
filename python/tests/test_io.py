"""read_layer, read_corner_points and inspect on files written through GDAL in the test."""
import geopandas
import pytest
from shapely.geometry import Point

import libreserve as lr
from conftest import nested_zones, rect, write


def test_inspect_lists_layers_fields_crs_and_extent(tmp_path):
    path = tmp_path / "two.gpkg"
    zones = nested_zones()
    write(zones, path, layer="zones")
    points = geopandas.GeoDataFrame({"名称": ["选矿厂"], "n": [3]}, geometry=[Point(105.5, 36.1)],
                                    crs="EPSG:4490")
    write(points, path, layer="plants")
    info = lr.inspect(path)
    assert info.driver == "GPKG"
    by_name = {layer.name: layer for layer in info.layers}
    assert set(by_name) == {"zones", "plants"}
    z = by_name["zones"]
    assert z.feature_count == 3 and z.crs.epsg == 4544
    assert [f.name for f in z.fields] == ["功能分区"]
    # Extent equals GeoPandas' total_bounds of what was written (exact: same coordinates).
    assert z.extent == pytest.approx(tuple(zones.total_bounds), abs=1e-6)
    assert by_name["plants"].crs.epsg == 4490
    assert {f.name: f.type for f in by_name["plants"].fields}["n"] == "integer"
    assert info.to_dict()["layers"][0]["crs"]["epsg"] in (4544, 4490)
    assert "zones" in repr(info)


def test_read_layer_reads_features_attributes_and_checksum(tmp_path):
    import hashlib

    path = write(nested_zones(), tmp_path / "z.gpkg")
    layer = lr.read_layer(path)
    assert len(layer) == 3 and layer.crs.epsg == 4544 and layer.driver == "GPKG"
    assert layer.columns()["功能分区"] == ["核心区", "缓冲区", "实验区"]
    # The checksum is the file's SHA-256, computed independently here.
    assert layer.sha256 == hashlib.sha256(open(path, "rb").read()).hexdigest()
    gdf = layer.to_geopandas()
    assert gdf.crs.to_epsg() == 4544
    assert gdf.geometry.area.tolist() == pytest.approx([1e4, 8e4, 16e4], abs=1e-6)


def test_read_layer_decodes_a_gbk_shapefile(tmp_path):
    gdf = geopandas.GeoDataFrame({"NAME": ["缓冲区"]}, geometry=[rect(0, 0, 10, 10)],
                                 crs="EPSG:4544")
    path = tmp_path / "gbk.shp"
    gdf.to_file(path, encoding="GBK")
    layer = lr.read_layer(path)
    assert layer.columns()["NAME"] == ["缓冲区"]
    assert layer.encoding.upper() in ("CP936", "GBK")


def test_read_layer_with_filter_id_field_and_assumed_crs(tmp_path):
    gdf = geopandas.GeoDataFrame({"code": ["A", "B"], "kind": ["x", "y"]},
                                 geometry=[rect(0, 0, 1, 1), rect(2, 2, 3, 3)])
    path = tmp_path / "nocrs.shp"  # a shapefile without .prj has no CRS
    gdf.to_file(path)
    with pytest.raises(lr.InputError) as info:
        lr.read_layer(path)
    assert info.value.file is not None and "nocrs.shp" in info.value.file
    layer = lr.read_layer(path, crs=4544, id_field="code", where="kind = 'y'")
    assert layer.crs.epsg == 4544 and layer.ids == ["B"]


def test_read_layer_accepts_a_geodataframe():
    layer = lr.read_layer(nested_zones(), layer="mem")
    assert layer.name == "mem" and len(layer) == 3


def test_read_layer_errors(tmp_path):
    with pytest.raises(lr.InputError) as info:
        lr.read_layer(tmp_path / "missing.gpkg")
    assert "missing.gpkg" in str(info.value)
    path = tmp_path / "two.gpkg"
    write(nested_zones(), path, layer="a")
    write(nested_zones(), path, layer="b")
    with pytest.raises(lr.ReserveError, match="layer"):
        lr.read_layer(path)
    assert len(lr.read_layer(path, layer="b")) == 3
    with pytest.raises(lr.UsageError):
        lr.read_layer(42)


def test_read_corner_points_builds_polygons_from_a_table(tmp_path):
    # Two corner-point rights in CGCS2000 3° GK with the zone prefix 35 in the easting (Y).
    # Right K1 is a 1000 × 500 m rectangle: 50 ha by hand.
    text = "矿权编号,点号,X,Y\n" + "\n".join([
        "K1,1,4000000,35500000", "K1,2,4000000,35501000", "K1,3,4000500,35501000",
        "K1,4,4000500,35500000",
        "K2,1,4001000,35500000", "K2,2,4001000,35500200", "K2,3,4001200,35500200",
    ])
    path = tmp_path / "corners.csv"
    path.write_text(text, encoding="utf-8")
    layer = lr.read_corner_points(path)
    assert layer.crs.epsg == 4523  # zone 35 with prefixed eastings
    assert sorted(layer.ids) == ["K1", "K2"]
    gdf = layer.to_geopandas().set_index("id")
    assert gdf.geometry["K1"].area == pytest.approx(500000.0, abs=1e-6)
    assert gdf.geometry["K2"].area == pytest.approx(200 * 200 / 2, abs=1e-6)
