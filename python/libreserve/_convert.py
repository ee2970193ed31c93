"""Conversions between the library's values and Shapely / pyproj / GeoPandas objects.

Geometry crosses the boundary as WKB and CRSs as WKT2 (plus the EPSG code when known), so nothing
is lost in either direction.
"""
from __future__ import annotations

from typing import Any, Iterable, List, Optional, Sequence

from . import _core

CrsLike = Any  # Crs | pyproj.CRS | int | str (EPSG:4544, WKT, PROJJSON, PROJ string)
GeometryLike = Any  # shapely geometry | WKB bytes | WKT str


def as_crs(crs: CrsLike) -> _core.Crs:
    """A library Crs from a Crs, a pyproj CRS, an EPSG code or any text PROJ reads."""
    if isinstance(crs, _core.Crs):
        return crs
    if crs is None:
        raise usage_error("a CRS is required; give one such as 'EPSG:4490' or 4544")
    if isinstance(crs, bool):
        raise usage_error(f"{crs!r} is not a CRS")
    if isinstance(crs, int):
        return _core.Crs.from_epsg(crs)
    if isinstance(crs, str):
        return _core.Crs(crs)
    to_wkt = getattr(crs, "to_wkt", None)  # pyproj.CRS and anything shaped like it
    if callable(to_wkt):
        epsg = getattr(crs, "to_epsg", lambda: None)()
        return _core.Crs.from_epsg(epsg) if epsg else _core.Crs(to_wkt())
    raise usage_error(
        f"cannot use a {type(crs).__name__} as a CRS; give a pyproj.CRS, an EPSG code or WKT")


def to_pyproj(crs: _core.Crs):
    """The pyproj CRS for a library Crs (None for an unknown CRS)."""
    if crs is None or crs.empty:
        return None
    import pyproj

    if crs.epsg:
        return pyproj.CRS.from_epsg(crs.epsg)
    return pyproj.CRS.from_wkt(crs.wkt)


def to_wkb(geometry: GeometryLike) -> bytes:
    """WKB bytes of a Shapely geometry, WKB bytes or WKT text."""
    if isinstance(geometry, (bytes, bytearray, memoryview)):
        return bytes(geometry)
    if isinstance(geometry, str):
        import shapely.wkt

        try:
            return shapely.wkt.loads(geometry).wkb
        except Exception as exc:  # Shapely's WKT errors differ between versions
            raise input_error(f"not valid WKT: {geometry[:80]!r} ({exc})") from None
    wkb = getattr(geometry, "wkb", None)
    if isinstance(wkb, bytes):
        return wkb
    raise usage_error(
        f"cannot use a {type(geometry).__name__} as a geometry; give a Shapely geometry, WKB or WKT")


def from_wkb(wkb: bytes):
    """A Shapely geometry from WKB bytes."""
    import shapely.wkb

    return shapely.wkb.loads(wkb)


def geoseries(wkbs: Sequence[bytes], crs: Optional[_core.Crs], index=None):
    """A GeoSeries from WKB bytes in a library CRS."""
    import geopandas

    return geopandas.GeoSeries.from_wkb(list(wkbs), crs=to_pyproj(crs), index=index)


def geodataframe(columns: dict, wkbs: Sequence[bytes], crs: Optional[_core.Crs]):
    """A GeoDataFrame with the given attribute columns and WKB geometries."""
    import geopandas
    import pandas

    frame = pandas.DataFrame(columns)
    return geopandas.GeoDataFrame(frame, geometry=geoseries(wkbs, crs, index=frame.index),
                                  crs=to_pyproj(crs))


def is_geodataframe(obj: Any) -> bool:
    try:
        import geopandas
    except ImportError:  # pragma: no cover - geopandas is a dependency of the notebook face only
        return False
    return isinstance(obj, geopandas.GeoDataFrame)


def series_wkb(values: Iterable[Any]) -> List[bytes]:
    return [to_wkb(g) for g in values]


def usage_error(message: str) -> Exception:
    exc = _core.UsageError(message)
    exc.message = message
    return exc


def input_error(message: str) -> Exception:
    exc = _core.InputError(message)
    exc.message = message
    return exc
