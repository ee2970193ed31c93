"""The "three no" check of a proposal against its baseline."""
from __future__ import annotations

import os
from typing import Any, Optional

from . import _convert, _core
from .conflicts import _as_list, _conflict_features, _opt_path, _pairs
from .io import crs_text
from .zoning import _zone_map_text, load_zoning


def check(before: Any, after: Any, *, profile: str = "three-no",
          area_method: Optional[str] = None, title: Optional[str] = None,
          before_layer: Optional[str] = None, after_layer: Optional[str] = None,
          zone_field: Optional[str] = None, zone_map: Any = None, encoding: Optional[str] = None,
          crs: _convert.CrsLike = None, working_crs: _convert.CrsLike = None,
          mining: Any = None, facilities: Any = None, mining_layer: Optional[str] = None,
          facilities_layer: Optional[str] = None, category_field: Optional[str] = None,
          category_map: Any = None, feature_encoding: Optional[str] = None,
          feature_crs: _convert.CrsLike = None, x_field: Optional[str] = None,
          y_field: Optional[str] = None, id_field: Optional[str] = None,
          boundary_tolerance_m: float = 1.0, min_area_m2: float = 1.0,
          monitoring: Any = None, monitoring_layer: Optional[str] = None, standards: Any = None,
          water_class: str = "I", discharge_level: str = "new", assignments: Any = None,
          actions: Any = None, established_year: Optional[int] = None,
          include_outside: bool = False) -> _core.CheckResult:
    """Checks a proposal (``after``) against the approved zoning (``before``) under a rule
    profile: no slimming, core + buffer share not reduced, zoning sanity, 不以调代改 and the
    profile's other rules. One library call (``reserve::run_check``), the one ``reserve check``
    makes: ``result.to_json()`` is its JSON report, option for option (``--mining`` is
    ``mining=``, ``--working-crs`` is ``working_crs=``, …).

    ``before``/``after`` are paths (read with ``before_layer``/``after_layer``, ``zone_field``,
    ``zone_map``, ``encoding``, ``crs``), Zonings from load_zoning, or GeoDataFrames (loaded
    here). Both sides are compared in one working CRS: the baseline's, or ``working_crs``, which
    is required when the two sources are in different CRSs (InputError otherwise, as the CLI).
    ``profile`` is a shipped name ("three-no", "national-2013", "guangdong-2023") or a .toml
    path; ``area_method`` overrides the profile's.

    ``mining`` and ``facilities`` (paths, GeoDataFrames, Layers or lists) are overlaid on both
    zonings so that 不以调代改 (no adjusting instead of rectifying) is evaluated; without them
    that rule is "not evaluated", never a silent pass. ``monitoring``, ``standards``,
    ``assignments``, ``actions`` and ``established_year`` go into the ledger
    (``result.ledger``), as in ``reserve check``.

    The result shows the verdict table in Jupyter; ``verdicts()``, ``zone_areas()`` and
    ``transition_matrix()`` are DataFrames, ``evidence()`` a GeoDataFrame, ``write(dir)``
    writes the JSON/Markdown/HTML reports and the evidence GeoPackage.

    >>> r = check("data/baseline.gpkg", "data/proposal.gpkg")  # doctest: +SKIP
    >>> r.overall  # doctest: +SKIP
    'fail'
    """
    # Files go to the library as they are; GeoDataFrames and other in-memory sources are loaded
    # here first (the proposal into the baseline's working CRS, the library checks the policy).
    if not (_is_path_or_zoning(before) and _is_path_or_zoning(after)) or not (
            all(_is_path(s) for s in _as_list(mining) + _as_list(facilities))):
        load_kwargs = dict(zone_field=zone_field, zone_map=zone_map, encoding=encoding, crs=crs)
        if not isinstance(before, _core.Zoning):
            before = load_zoning(before, layer=before_layer, name="baseline",
                                 working_crs=working_crs, **load_kwargs)
        if not isinstance(after, _core.Zoning):
            after = load_zoning(after, layer=after_layer, name="proposal",
                                working_crs=working_crs or before.crs, **load_kwargs)
    features = None
    conflicts = _core.ConflictInputs()
    if all(_is_path(s) for s in _as_list(mining) + _as_list(facilities)):
        conflicts.mining = [os.fspath(s) for s in _as_list(mining)]
        conflicts.facilities = [os.fspath(s) for s in _as_list(facilities)]
    else:
        features = _conflict_features(before, mining, facilities, category_field=category_field,
                                      category_map=category_map, crs=feature_crs,
                                      encoding=feature_encoding, x_field=x_field,
                                      y_field=y_field, id_field=id_field)
    ledger = _translate_inputs(conflicts, locals())
    zone_map_text = _zone_map_text(zone_map)
    return _core.check(
        _side(before), _side(after), before_layer=before_layer or "",
        after_layer=after_layer or "", zone_field=zone_field or "",
        zone_maps=[zone_map_text] if zone_map_text else [], encoding=encoding or "",
        crs=crs_text(crs), working_crs=crs_text(working_crs), profile=str(profile),
        area_method=area_method or "", title=title or "",
        command_line=_command_line(profile, area_method), conflicts=conflicts, features=features,
        ledger=ledger)


def profiles() -> list:
    """Names of the shipped rule profiles, e.g. ["guangdong-2023", "national-2013", "three-no"]."""
    return list(_core.available_profiles())


def load_profile(name_or_path: str) -> _core.Profile:
    """A rule profile by shipped name or .toml path (UsageError listing the names otherwise)."""
    return _core.load_profile(str(name_or_path))


def _command_line(profile: str, area_method: Optional[str]) -> str:
    text = f"libreserve.check(profile={profile!r}"
    if area_method:
        text += f", area_method={area_method!r}"
    return text + ")"


def _is_path(source: Any) -> bool:
    return isinstance(source, (str, os.PathLike))


def _is_path_or_zoning(source: Any) -> bool:
    return _is_path(source) or isinstance(source, _core.Zoning)


def _side(source: Any) -> Any:
    return source if isinstance(source, _core.Zoning) else os.fspath(source)


# The keyword arguments of check() (and check_province()) that say how conflict layers are read
# and what goes into the ledger, as _fill_conflict_inputs / _ledger_inputs take them.
_CONFLICT_OPTIONS = ("mining_layer", "facilities_layer", "category_field", "category_map",
                     "feature_encoding", "feature_crs", "x_field", "y_field", "id_field",
                     "boundary_tolerance_m", "min_area_m2")
_LEDGER_OPTIONS = ("monitoring", "monitoring_layer", "standards", "water_class",
                   "discharge_level", "assignments", "actions", "established_year",
                   "include_outside")


def _translate_inputs(conflicts: Any, options: dict) -> Any:
    """Fills `conflicts`' reading options from a check's keyword arguments (`options`, e.g.
    locals()) and returns its ledger inputs."""
    _fill_conflict_inputs(conflicts, **{k: options[k] for k in _CONFLICT_OPTIONS})
    return _ledger_inputs(**{k: options[k] for k in _LEDGER_OPTIONS})


def _fill_conflict_inputs(conflicts: Any, *, mining_layer: Optional[str],
                          facilities_layer: Optional[str], category_field: Optional[str],
                          category_map: Any, feature_encoding: Optional[str],
                          feature_crs: _convert.CrsLike, x_field: Optional[str],
                          y_field: Optional[str], id_field: Optional[str],
                          boundary_tolerance_m: float, min_area_m2: float) -> None:
    """How the conflict layers are read (the CLI's --mining-layer, --category-field, …)."""
    conflicts.mining_layer = mining_layer or ""
    conflicts.facilities_layer = facilities_layer or ""
    conflicts.category_field = category_field or ""
    conflicts.category_maps = [_pairs(category_map)] if category_map else []
    conflicts.feature_encoding = feature_encoding or ""
    conflicts.feature_crs = crs_text(feature_crs)
    conflicts.x_field = x_field or ""
    conflicts.y_field = y_field or ""
    conflicts.id_field = id_field or ""
    conflicts.boundary_tolerance_m = float(boundary_tolerance_m)
    conflicts.min_area_m2 = float(min_area_m2)


def _ledger_inputs(*, monitoring: Any, monitoring_layer: Optional[str], standards: Any,
                   water_class: str, discharge_level: str, assignments: Any, actions: Any,
                   established_year: Optional[int], include_outside: bool) -> Any:
    """Monitoring, standards, assignments and decision table of a check."""
    ledger = _core.LedgerInputs()
    ledger.monitoring = _opt_path(monitoring)
    ledger.monitoring_layer = monitoring_layer or ""
    ledger.standards = _opt_path(standards)
    ledger.water_class = water_class
    ledger.discharge_level = discharge_level
    ledger.assignments = _opt_path(assignments)
    ledger.actions = _opt_path(actions)
    ledger.established_year = established_year if established_year and established_year > 0 \
        else None
    ledger.include_outside = bool(include_outside)
    return ledger
