"""Reading layers from files or from GeoDataFrames."""
from __future__ import annotations

import os
from typing import Any, List, Optional, Tuple

from . import _convert, _core



def read_layer(path_or_gdf: Any, *, layer: Optional[str] = None, where: Optional[str] = None,
               encoding: Optional[str] = None, crs: _convert.CrsLike = None,
               id_field: Optional[str] = None, x_field: Optional[str] = None,
               y_field: Optional[str] = None) -> "_core.Layer":
    """Reads one layer of a GeoPackage, Shapefile, GeoJSON, KML, FileGDB or CSV of points.

    Text is decoded to UTF-8 (the encoding comes from ``encoding``, else the .cpg file, the DBF
    language driver, or the format); Z/M are dropped; null and empty geometries are skipped and
    listed in ``layer.issues``. ``layer`` is needed when the dataset has several; ``where`` is
    an OGR SQL filter; ``crs`` is assumed when the source has none (otherwise that is an
    InputError); ``id_field`` gives the feature ids (default: the FID); ``x_field``/``y_field``
    name a CSV's coordinate columns (default: detected). A GeoDataFrame is converted in memory
    (see from_geopandas).

    >>> lyr = read_layer("data/sample/mining_rights.gpkg")  # doctest: +SKIP
    >>> lyr.to_geopandas().head()  # doctest: +SKIP
    """
    if _convert.is_geodataframe(path_or_gdf):
        return from_geopandas(path_or_gdf, name=layer, id_field=id_field, crs=crs)
    return _core.read_layer(_path(path_or_gdf), layer=layer or "", where=where or "",
                            encoding=encoding or "", assume_crs=crs_text(crs),
                            id_field=id_field or "", x_field=x_field or "",
                            y_field=y_field or "")


def read_corner_points(path: Any, *, crs: _convert.CrsLike = None, encoding: Optional[str] = None,
                       id_field: Optional[str] = None, x_field: Optional[str] = None,
                       y_field: Optional[str] = None) -> "_core.Layer":
    """Reads a corner-point table (拐点坐标) of mining or exploration rights into polygons.

    X is the northing and Y the easting (with the 2-digit zone prefix when present, which then
    fixes the CGCS2000 3° zone); ``crs`` is needed when the table does not say. One feature per
    right id, corners joined in point-number order.
    """
    return _core.read_corner_points(_path(path), encoding=encoding or "",
                                    assume_crs=crs_text(crs), id_field=id_field or "",
                                    x_field=x_field or "", y_field=y_field or "")


def inspect(path: Any, *, layer: Optional[str] = None,
            encoding: Optional[str] = None) -> "_core.DatasetInfo":
    """Lists a dataset's layers (geometry type, feature count, CRS, encoding and where it came
    from, fields, extent) without reading the features.

    >>> info = inspect("data/sample/baseline.gpkg")  # doctest: +SKIP
    >>> info.layers[0].crs  # doctest: +SKIP
    """
    return _core.inspect_dataset(_path(path), layer=layer or "", encoding=encoding or "")


def crs_text(crs: _convert.CrsLike) -> str:
    """The text form of a CRS the C++ reader accepts ("" for None)."""
    if crs is None:
        return ""
    core = _convert.as_crs(crs)
    return f"EPSG:{core.epsg}" if core.epsg else core.wkt


def _path(path: Any) -> str:
    if isinstance(path, (str, os.PathLike)):
        return os.fspath(path)
    raise _convert.usage_error(
        f"expected a file path, got a {type(path).__name__}")


def from_geopandas(gdf: Any, *, name: Optional[str] = None, id_field: Optional[str] = None,
                   crs: _convert.CrsLike = None) -> "_core.Layer":
    """A library Layer from a GeoDataFrame, in memory (geometry through WKB, attributes as text).

    The CRS is the frame's own (``gdf.crs``) unless ``crs`` is given; a frame without one is an
    InputError. Feature ids come from ``id_field`` or else the index. Null and empty geometries
    and collections of points and lines are skipped; a GeometryCollection of polygons with
    stray points or lines keeps its polygons. Both are reported in ``layer.issues``, as
    read_layer does for files.

    >>> import geopandas
    >>> from shapely.geometry import box
    >>> gdf = geopandas.GeoDataFrame({"zone": ["核心区"]}, geometry=[box(0, 0, 1, 1)], crs=4544)
    >>> len(from_geopandas(gdf))
    1
    """
    if not _convert.is_geodataframe(gdf):
        raise _convert.usage_error(
            f"expected a GeoDataFrame, got a {type(gdf).__name__}")
    layer_name = name or getattr(gdf, "name", None) or "geodataframe"
    the_crs = crs if crs is not None else gdf.crs
    if the_crs is None:
        raise _input_error("the GeoDataFrame has no CRS; set one with gdf.set_crs('EPSG:4490') "
                           "or pass crs=", layer_name)
    core_crs = _convert.as_crs(the_crs)
    if id_field is not None and id_field not in gdf.columns:
        raise _convert.usage_error(
            f"id_field '{id_field}' is not a column; columns are {list(gdf.columns)}")
    ids = [str(v) for v in (gdf[id_field] if id_field else gdf.index)]
    fields = [str(c) for c in gdf.columns if c != gdf.geometry.name]
    rows: List[List[Optional[str]]] = []
    for values in gdf[[c for c in gdf.columns if c != gdf.geometry.name]].itertuples(index=False):
        rows.append([_text(v) for v in values])
    wkbs: List[Optional[bytes]] = []
    problems: List[Optional[Tuple[str, str]]] = []
    notes: List[Optional[Tuple[str, str]]] = []
    for geom in gdf.geometry:
        problem = _collection_problem(geom)
        problems.append(problem)
        notes.append(None if problem else _collection_note(geom))
        wkbs.append(None if geom is None or problem else geom.wkb)
    return _core.layer_from_records(str(layer_name), "", core_crs, ids, wkbs, fields, rows,
                                    problems, notes)


def _text(value: Any) -> Optional[str]:
    if value is None:
        return None
    try:
        import pandas

        if pandas.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _collection_problem(geom: Any) -> Optional[Tuple[str, str]]:
    """(code, message) of a collection that must be skipped: points mixed with lines, no area."""
    if geom is None or geom.geom_type != "GeometryCollection" or geom.is_empty:
        return None
    dims = {_dimension(g) for g in geom.geoms if not g.is_empty}
    if len(dims) > 1 and 2 not in dims:
        return ("mixed-geometry-collection",
                "the GeometryCollection mixes points and lines; split it into one geometry type "
                "per layer. The feature is skipped")
    return None


def _collection_note(geom: Any) -> Optional[Tuple[str, str]]:
    """(code, message) of a collection of polygons with stray points or lines (an overlay's
    by-product): the library keeps the polygons, as read_layer does for files, and says so."""
    if geom is None or geom.geom_type != "GeometryCollection" or geom.is_empty:
        return None
    dims = {_dimension(g) for g in geom.geoms if not g.is_empty}
    if len(dims) < 2 or 2 not in dims:
        return None
    dropped = _lower_dimension_parts(geom)
    return ("mixed-geometry-collection",
            f"the GeometryCollection mixes polygons with {dropped} point or line part(s); those "
            "parts (no area) were dropped and the polygons kept")


def _lower_dimension_parts(geom: Any) -> int:
    """Points and lines in a collection, each part of a multi-part counted (as the C++ reader)."""
    if geom.is_empty:
        return 0
    if geom.geom_type in ("Point", "LineString", "LinearRing"):
        return 1
    if geom.geom_type in ("MultiPoint", "MultiLineString", "GeometryCollection"):
        return sum(_lower_dimension_parts(g) for g in geom.geoms)
    return 0


def _dimension(geom: Any) -> int:
    if geom.geom_type in ("Point", "MultiPoint"):
        return 0
    if geom.geom_type in ("LineString", "MultiLineString", "LinearRing"):
        return 1
    if geom.geom_type == "GeometryCollection":
        return max((_dimension(g) for g in geom.geoms), default=-1)
    return 2


def _input_error(message: str, layer: str = "") -> Exception:
    exc = _core.InputError(f"layer '{layer}': {message}" if layer else message)
    exc.message = message
    exc.layer = layer or None
    return exc
