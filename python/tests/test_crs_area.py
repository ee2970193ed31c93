"""CRS values and area_m2, checked against pyproj and Shapely computed here."""

import pytest
from pyproj import CRS, Geod, Transformer
from shapely.geometry import MultiPolygon, Point, Polygon, box
from shapely.ops import transform

import libreserve as lr


def test_crs_from_text_epsg_and_pyproj_agree():
    a = lr.Crs("EPSG:4544")
    assert a.epsg == 4544 and a.is_projected and not a.is_geographic
    assert a.label == "EPSG:4544"
    assert lr.Crs("4544") == a
    assert lr.Crs(CRS.from_epsg(4544).to_wkt()) == a
    assert lr.Crs("EPSG:4490").is_geographic
    assert "EPSG:4544" in repr(a)
    assert a.to_dict()["epsg"] == 4544


def test_gk3_zone_rules():
    # Zone n has central meridian 3n°; 105°E is zone 35 → EPSG:4544 (no prefix), 4523 (prefix).
    assert lr._core.gk3_zone_for_longitude(105.2) == 35
    assert lr._core.gk3_epsg(35) == 4544
    assert lr._core.gk3_epsg(35, zone_prefixed_easting=True) == 4523


def test_planar_area_equals_shapely_in_the_working_crs():
    # A polygon with a hole in CGCS2000 / GK CM 105E: Shapely's area is the independent value.
    shell = [(500000, 3000000), (503000, 3000000), (503500, 3002500), (500200, 3002000)]
    hole = [(501000, 3000500), (501000, 3001000), (501500, 3001000), (501500, 3000500)]
    poly = Polygon(shell, [hole])
    assert lr.area_m2(poly, "EPSG:4544", method="planar") == pytest.approx(poly.area, rel=1e-12)


def test_geodesic_area_equals_pyproj_geod_on_grs80():
    # Geodesic area of a lon/lat polygon on CGCS2000 vs pyproj Geod(ellps='GRS80'): CGCS2000's
    # ellipsoid has GRS80's a and f to 1e-11, so the two agree to 1e-9 relative.
    poly = Polygon([(105.0, 30.0), (105.1, 30.0), (105.12, 30.08), (105.02, 30.1)])
    expected, _ = Geod(ellps="GRS80").geometry_area_perimeter(poly)
    got = lr.area_m2(poly, 4490)
    assert got == pytest.approx(abs(expected), rel=1e-9)


def test_geodesic_area_of_projected_geometry_is_taken_on_the_ellipsoid():
    # Projected vertices go to lon/lat and are joined by geodesics: same as pyproj doing both.
    poly = box(480000, 3300000, 486000, 3304000)
    to_geo = Transformer.from_crs(4544, 4490, always_xy=True)
    lonlat = transform(to_geo.transform, poly)
    expected, _ = Geod(ellps="GRS80").geometry_area_perimeter(lonlat)
    assert lr.area_m2(poly, "EPSG:4544") == pytest.approx(abs(expected), rel=1e-9)
    # and differs from the plane area by the GK scale distortion (~0.05 % at most in a 3° zone).
    planar = lr.area_m2(poly, "EPSG:4544", method="planar")
    assert abs(lr.area_m2(poly, "EPSG:4544") - planar) / planar < 1e-3


def test_area_of_multipolygon_points_and_geoseries():
    import geopandas

    mp = MultiPolygon([box(0, 0, 10, 10), box(20, 0, 30, 5)])
    assert lr.area_m2(mp, "EPSG:4544", "planar") == pytest.approx(150.0, abs=1e-9)
    assert lr.area_m2(Point(500000, 3000000), "EPSG:4544") == 0.0
    gs = geopandas.GeoSeries([box(0, 0, 10, 10), box(0, 0, 2, 3)], crs="EPSG:4544")
    assert lr.area_m2(gs, method="planar") == pytest.approx([100.0, 6.0], abs=1e-9)
    assert lr.area_m2(box(0, 0, 1, 1).wkt, 4544, method="planar") == pytest.approx(1.0)


def test_area_rejects_planar_on_degrees_and_missing_crs():
    with pytest.raises(lr.ReserveError):
        lr.area_m2(box(105, 30, 105.1, 30.1), "EPSG:4490", method="planar")
    with pytest.raises(lr.UsageError):
        lr.area_m2(box(0, 0, 1, 1), None)


def test_zone_enum_exposes_library_names():
    assert lr.Zone.core.chinese_name == "核心区"
    assert lr.Zone.buffer.id == "buffer"
    assert lr.Zone.core.strictness > lr.Zone.buffer.strictness > lr.Zone.experimental.strictness
    assert lr.chinese_name(lr.Zone.general_control) == "一般控制区"
