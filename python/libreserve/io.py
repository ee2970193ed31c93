"""Reading layers from files or from GeoDataFrames."""
from __future__ import annotations

import os
from typing import Any, List, Optional, Tuple

from . import _convert, _core

PathLike = "str | os.PathLike[str]"


def from_geopandas(gdf: Any, *, name: Optional[str] = None, id_field: Optional[str] = None,
                   crs: _convert.CrsLike = None) -> "_core.Layer":
    """A library Layer from a GeoDataFrame, in memory (geometry through WKB, attributes as text).

    The CRS is the frame's own (``gdf.crs``) unless ``crs`` is given; a frame without one is an
    InputError. Feature ids come from ``id_field`` or else the index. Null and empty geometries
    and mixed GeometryCollections are skipped and reported in ``layer.issues``, as read_layer
    does for files.

    >>> import geopandas
    >>> from shapely.geometry import box
    >>> gdf = geopandas.GeoDataFrame({"zone": ["核心区"]}, geometry=[box(0, 0, 1, 1)], crs=4544)
    >>> len(from_geopandas(gdf))
    1
    """
    if not _convert.is_geodataframe(gdf):
        raise _convert._core_usage_error(
            f"expected a GeoDataFrame, got a {type(gdf).__name__}")
    layer_name = name or getattr(gdf, "name", None) or "geodataframe"
    the_crs = crs if crs is not None else gdf.crs
    if the_crs is None:
        raise _input_error("the GeoDataFrame has no CRS; set one with gdf.set_crs('EPSG:4490') "
                           "or pass crs=", layer_name)
    core_crs = _convert.as_crs(the_crs)
    if id_field is not None and id_field not in gdf.columns:
        raise _convert._core_usage_error(
            f"id_field '{id_field}' is not a column; columns are {list(gdf.columns)}")
    ids = [str(v) for v in (gdf[id_field] if id_field else gdf.index)]
    fields = [str(c) for c in gdf.columns if c != gdf.geometry.name]
    rows: List[List[Optional[str]]] = []
    for values in gdf[[c for c in gdf.columns if c != gdf.geometry.name]].itertuples(index=False):
        rows.append([_text(v) for v in values])
    wkbs: List[Optional[bytes]] = []
    problems: List[Optional[Tuple[str, str]]] = []
    for geom in gdf.geometry:
        problem = _collection_problem(geom)
        problems.append(problem)
        wkbs.append(None if geom is None or problem else geom.wkb)
    return _core.layer_from_records(str(layer_name), "", core_crs, ids, wkbs, fields, rows,
                                    problems)


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
    if geom is None or geom.geom_type != "GeometryCollection" or geom.is_empty:
        return None
    dims = {_dimension(g) for g in geom.geoms if not g.is_empty}
    if len(dims) > 1:
        return ("mixed-geometry-collection",
                "the GeometryCollection mixes points, lines and polygons; split it into one "
                "geometry type per layer. The feature is skipped")
    return None


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
