"""Loading and validating a reserve's zoning."""
from __future__ import annotations

import os
from typing import Any, Mapping, Optional, Union

from . import _convert, _core
from .io import crs_text, from_geopandas

ZoneLike = Union[_core.Zone, str]


def load_zoning(path_or_gdf: Any, *, layer: Optional[str] = None, zone_field: Optional[str] = None,
                zone_map: Union[Mapping[str, ZoneLike], str, None] = None,
                encoding: Optional[str] = None, crs: _convert.CrsLike = None,
                working_crs: _convert.CrsLike = None, name: Optional[str] = None,
                where: Optional[str] = None, id_field: Optional[str] = None,
                repair: bool = True, max_repair_area_change_m2: float = 1.0,
                max_repair_area_change_rel: float = 1e-6, allow_repair_area_change: bool = False,
                area_method: str = "geodesic") -> _core.Zoning:
    """Reads a zoning: zone polygons mapped to zones, reprojected into one working CRS, validated
    and repaired (every repair recorded with its area change).

    ``path_or_gdf`` is a file path, a GeoDataFrame, a Layer, or a mapping ``{zone: source}`` when
    each source is entirely one zone (e.g. ``{"core": "core.shp", "buffer": "buffer.shp"}``).
    ``zone_field`` names the attribute with the zone labels (detected when None: 功能分区, 分区,
    ZONE, GNFQ, …); ``zone_map`` adds labels, ``{"1": "core", "2": "buffer"}`` or
    ``"1=core,2=buffer"``. ``crs`` is used when the source has none (a GeoDataFrame: instead of
    its own). ``working_crs`` defaults to the source's projected CRS or the CGCS2000 3° GK zone of
    its centre. ``name`` labels the zoning in reports ("baseline", "proposal").

    Raises InputError for unknown labels, a missing zone field or CRS, or a repair that changes
    area beyond the policy; UsageError for bad options.

    >>> z = load_zoning("data/sample/baseline.gpkg", name="baseline")  # doctest: +SKIP
    >>> z.zone_areas()  # doctest: +SKIP
    """
    specs = []
    if isinstance(path_or_gdf, Mapping):
        for zone, source in path_or_gdf.items():
            specs.append(_spec(source, layer=layer, where=where, encoding=encoding, crs=crs,
                               id_field=id_field, zone_field=None, zone=_zone(zone)))
    elif isinstance(path_or_gdf, (list, tuple)):
        for source in path_or_gdf:
            specs.append(_spec(source, layer=layer, where=where, encoding=encoding, crs=crs,
                               id_field=id_field, zone_field=zone_field, zone=None))
    else:
        specs.append(_spec(path_or_gdf, layer=layer, where=where, encoding=encoding, crs=crs,
                           id_field=id_field, zone_field=zone_field, zone=None))
    return _core.load_zoning(
        specs, name=name or "", zone_map=_zone_map_text(zone_map),
        working_crs=_crs_text(working_crs), repair=repair,
        max_area_change_m2=max_repair_area_change_m2,
        max_area_change_rel=max_repair_area_change_rel,
        allow_large_change=allow_repair_area_change, area_method=area_method)


def validate(zoning: _core.Zoning, *, min_overlap_area_m2: float = 1.0,
             min_gap_area_m2: float = 1.0, min_exposed_core_length_m: float = 1.0,
             check_core_enclosed: bool = True,
             area_method: str = "geodesic") -> _core.ValidationReport:
    """Checks a zoning's topology: zones overlapping each other, gaps inside the reserve, core not
    enclosed by buffer (three-zone model). Findings smaller than the thresholds are info.

    The report also lists the loading issues and the repairs made; ``report.ok`` is True when it
    has no errors, ``report.issues_frame()`` gives a DataFrame.
    """
    if not isinstance(zoning, _core.Zoning):
        raise _convert.usage_error(
            f"validate() takes a Zoning from load_zoning(), not a {type(zoning).__name__}")
    return _core.validate_zoning(zoning, min_overlap_area_m2, min_gap_area_m2,
                                 min_exposed_core_length_m, check_core_enclosed, area_method)


def _spec(source: Any, *, layer, where, encoding, crs, id_field, zone_field, zone):
    if _convert.is_geodataframe(source):
        source = from_geopandas(source, name=layer, id_field=id_field, crs=crs)
    elif isinstance(source, os.PathLike):
        source = os.fspath(source)
    elif not isinstance(source, (str, _core.Layer)):
        raise _convert.usage_error(
            f"cannot read a zoning from a {type(source).__name__}; give a path, a GeoDataFrame "
            "or a Layer")
    is_file = isinstance(source, str)
    return _core.ZoningSourceSpec(
        source, layer=(layer or "") if is_file else "", where=(where or "") if is_file else "",
        encoding=(encoding or "") if is_file else "",
        assume_crs=_crs_text(crs) if is_file else "", id_field=(id_field or "") if is_file else "",
        zone_field=zone_field or "", zone=zone)


def _zone(zone: ZoneLike) -> _core.Zone:
    return zone if isinstance(zone, _core.Zone) else _core.zone_from_string(str(zone))


def _zone_map_text(zone_map: Union[Mapping[str, ZoneLike], str, None]) -> str:
    if zone_map is None:
        return ""
    if isinstance(zone_map, str):
        return zone_map
    pairs = []
    for label, zone in zone_map.items():
        text = str(label)
        if "," in text or "=" in text:
            raise _convert.usage_error(
                f"zone label {text!r} contains ',' or '='; rename it in the data")
        pairs.append(f"{text}={_zone(zone).id}")
    return ",".join(pairs)


_crs_text = crs_text
