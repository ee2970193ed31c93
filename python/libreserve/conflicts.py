"""Conflict features (mining rights, facilities), their overlay on the zonings, and the
rectification ledger (整改台账)."""
from __future__ import annotations

import os
from typing import Any, Mapping, Optional, Union

from . import _convert, _core
from .io import crs_text, from_geopandas

Sources = Any  # a path, a GeoDataFrame, a Layer, or a list of them


def load_features(sources: Sources, *, working_crs: Any, category: Optional[str] = None,
                  category_field: Optional[str] = None,
                  category_map: Union[Mapping[str, str], str, None] = None,
                  layer: Optional[str] = None, encoding: Optional[str] = None,
                  crs: _convert.CrsLike = None, x_field: Optional[str] = None,
                  y_field: Optional[str] = None, id_field: Optional[str] = None,
                  name_field: Optional[str] = None) -> _core.FeatureSet:
    """Reads conflict features into the working CRS (a Crs, anything as_crs takes, or a Zoning
    whose CRS to use).

    The category comes from ``category_field`` (detected when None: 类别, 类型, 矿权类型,
    category, …), mapped like zone labels (采矿权 → mining_right, 尾矿库 → tailings_pond, …;
    ``category_map`` adds labels), or is ``category`` for the whole layer. ``crs`` is assumed for
    sources without one (CSV of lon/lat: EPSG:4490). Bad rows (unknown category, no geometry,
    coordinates out of range) are skipped and listed in ``issues``; ``to_geopandas()`` shows
    the rest.
    """
    target = working_crs.crs if isinstance(working_crs, _core.Zoning) else working_crs
    specs = [_spec(s, layer=layer, encoding=encoding, crs=crs, x_field=x_field, y_field=y_field,
                   id_field=id_field, category_field=category_field, name_field=name_field,
                   category=category) for s in _as_list(sources)]
    return _core.load_features(specs, category_map=_pairs(category_map),
                               working_crs=_convert.as_crs(target))


def overlay(before: _core.Zoning, after: _core.Zoning, *, mining: Sources = None,
            facilities: Sources = None, features: Optional[_core.FeatureSet] = None,
            boundary_tolerance_m: float = 1.0, min_area_m2: float = 1.0,
            area_method: str = "geodesic", category_field: Optional[str] = None,
            category_map: Union[Mapping[str, str], str, None] = None,
            crs: _convert.CrsLike = None, encoding: Optional[str] = None,
            x_field: Optional[str] = None, y_field: Optional[str] = None,
            id_field: Optional[str] = None) -> _core.Overlay:
    """Overlays mining rights and facilities on the baseline and the proposal: each feature's
    zone before and after, its area in each zone (polygons), inside / on the boundary / outside
    (points, within ``boundary_tolerance_m``), distances to the boundary and to the nearest
    stricter zone, and its status change (freed, partly freed, downgraded, newly included …).

    ``mining`` and ``facilities`` are paths, GeoDataFrames or Layers (or lists); mining sources
    default to the category mining_right, a 类型 column with 探矿权 still wins. Or pass a
    ``features`` set from load_features. ``rows()`` is a DataFrame, ``to_geopandas()`` a
    GeoDataFrame, ``to_dict()`` the shape of ``reserve overlay --json``.
    """
    _require_zonings(before, after, "overlay")
    if features is None:
        features = _conflict_features(before, mining, facilities, category_field=category_field,
                                      category_map=category_map, crs=crs, encoding=encoding,
                                      x_field=x_field, y_field=y_field, id_field=id_field)
    if features is None:
        raise _convert.usage_error(
            "overlay() needs mining=, facilities= or features=; give at least one layer")
    return _core.overlay(features, before, after, boundary_tolerance_m=boundary_tolerance_m,
                         min_area_m2=min_area_m2, area_method=area_method)


def ledger(overlay_result: Any, *, monitoring: Any = None, monitoring_layer: Optional[str] = None,
           standards: Any = None, water_class: str = "I", discharge_level: str = "new",
           assignments: Any = None, actions: Any = None,
           established_year: Optional[int] = None,
           include_outside: bool = False) -> _core.Ledger:
    """The rectification ledger (整改台账) from an overlay (or a check result with conflict
    layers): one row per problem — each conflict feature inside (or freed from) the reserve and
    each water-quality exceedance of the ``monitoring`` samples — with location, zones before and
    after, a description, the required action with its legal basis, and the assignment fields
    from ``assignments`` (a CSV keyed by problem or feature id: 整改目标, 整改时限, 责任单位, 责任领导,
    责任人, 督办单位, 整改措施, 状态).

    ``to_dataframe()`` gives the ledger.csv columns; ``write_csv`` / ``write_xlsx`` write the
    files as ``reserve ledger`` does. From a check result, the profile's
    ``[[conflicts.decisions]]`` rows decide first, as in ``reserve check``'s ledger.
    """
    check = None
    if isinstance(overlay_result, _core.CheckResult):
        check = overlay_result
        overlay_result = overlay_result.overlay
        if overlay_result is None:
            raise _convert.usage_error(
                "this check had no conflict layers; run check(..., mining=, facilities=) first")
    if not isinstance(overlay_result, _core.Overlay):
        raise _convert.usage_error(
            f"ledger() takes an Overlay or a CheckResult, not a {type(overlay_result).__name__}")
    return _core.ledger(overlay_result, monitoring=_opt_path(monitoring),
                        monitoring_layer=monitoring_layer or "", standards=_opt_path(standards),
                        water_class=water_class, discharge_level=discharge_level,
                        assignments=_opt_path(assignments), actions=_opt_path(actions),
                        established_year=established_year, include_outside=include_outside,
                        check=check)


def _conflict_features(before, mining, facilities, **kw) -> Optional[_core.FeatureSet]:
    specs = []
    common = dict(layer=None, encoding=kw["encoding"], crs=kw["crs"], x_field=kw["x_field"],
                  y_field=kw["y_field"], id_field=kw["id_field"],
                  category_field=kw["category_field"], name_field=None)
    for source in _as_list(mining):
        specs.append(_spec(source, category="mining_right", **common))
    for source in _as_list(facilities):
        specs.append(_spec(source, category=None, **common))
    if not specs:
        return None
    return _core.load_features(specs, category_map=_pairs(kw["category_map"]),
                               working_crs=before.crs)


def _spec(source, *, layer, encoding, crs, x_field, y_field, id_field, category_field,
          name_field, category):
    if _convert.is_geodataframe(source):
        source = from_geopandas(source, name=layer, id_field=id_field, crs=crs)
    elif isinstance(source, os.PathLike):
        source = os.fspath(source)
    elif not isinstance(source, (str, _core.Layer)):
        raise _convert.usage_error(
            f"cannot read features from a {type(source).__name__}; give a path, a GeoDataFrame "
            "or a Layer")
    is_file = isinstance(source, str)
    return _core.FeatureSourceSpec(
        source, layer=(layer or "") if is_file else "", encoding=(encoding or "") if is_file else "",
        assume_crs=crs_text(crs) if is_file else "", x_field=(x_field or "") if is_file else "",
        y_field=(y_field or "") if is_file else "", id_field=(id_field or "") if is_file else "",
        category_field=category_field or "", name_field=name_field or "", category=category)


def _as_list(sources: Sources) -> list:
    if sources is None:
        return []
    if isinstance(sources, (list, tuple)):
        return list(sources)
    return [sources]


def _pairs(mapping: Union[Mapping[str, str], str, None]) -> str:
    if mapping is None:
        return ""
    if isinstance(mapping, str):
        return mapping
    return ",".join(f"{k}={v}" for k, v in mapping.items())


def _opt_path(path: Any) -> str:
    return "" if path is None else os.fspath(path)


def _require_zonings(before, after, what: str) -> None:
    for name, z in (("before", before), ("after", after)):
        if not isinstance(z, _core.Zoning):
            raise _convert.usage_error(
                f"{what}() takes Zonings from load_zoning(); {name} is a {type(z).__name__}")
