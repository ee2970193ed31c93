"""The "three no" check of a proposal against its baseline."""
from __future__ import annotations

from typing import Any, Optional

from . import _convert, _core
from .conflicts import _conflict_features
from .zoning import load_zoning


def check(before: Any, after: Any, *, profile: str = "three-no",
          area_method: Optional[str] = None, title: Optional[str] = None,
          zone_field: Optional[str] = None, zone_map: Any = None, encoding: Optional[str] = None,
          crs: _convert.CrsLike = None, working_crs: _convert.CrsLike = None,
          mining: Any = None, facilities: Any = None, boundary_tolerance_m: float = 1.0,
          category_map: Any = None, feature_crs: _convert.CrsLike = None) -> _core.CheckResult:
    """Checks a proposal (``after``) against the approved zoning (``before``) under a rule
    profile: no slimming, core + buffer share not reduced, zoning sanity, and the profile's other
    rules. The same library calls as ``reserve check``; ``result.to_dict()`` is its JSON report.

    ``before``/``after`` are Zonings from load_zoning, or paths / GeoDataFrames that are loaded
    here (the proposal in the baseline's working CRS) with ``zone_field``, ``zone_map``,
    ``encoding``, ``crs`` and ``working_crs``. ``profile`` is a shipped name ("three-no",
    "national-2013", "guangdong-2023") or a .toml path; ``area_method`` overrides the profile's.

    ``mining`` and ``facilities`` (paths, GeoDataFrames, Layers or lists) are overlaid on both
    zonings so that the rule 不以调代改 (no adjusting instead of rectifying) is evaluated; without
    them that rule is "not evaluated", never a silent pass. ``feature_crs`` is assumed for
    feature files without a CRS; ``result.overlay`` keeps the overlay for ledger().

    The result shows the verdict table in Jupyter; ``verdicts()``, ``zone_areas()`` and
    ``transition_matrix()`` are DataFrames, ``evidence()`` a GeoDataFrame, ``write(dir)``
    writes the JSON/Markdown/HTML reports and the evidence GeoPackage.

    >>> r = check("data/baseline.gpkg", "data/proposal.gpkg")  # doctest: +SKIP
    >>> r.overall  # doctest: +SKIP
    'fail'
    """
    load_kwargs = dict(zone_field=zone_field, zone_map=zone_map, encoding=encoding, crs=crs)
    if not isinstance(before, _core.Zoning):
        before = load_zoning(before, name="baseline", working_crs=working_crs, **load_kwargs)
    if not isinstance(after, _core.Zoning):
        after = load_zoning(after, name="proposal", working_crs=working_crs or before.crs,
                            **load_kwargs)
    features = _conflict_features(before, mining, facilities, category_field=None,
                                  category_map=category_map, crs=feature_crs, encoding=None,
                                  x_field=None, y_field=None, id_field=None)
    return _core.check(before, after, profile=profile, area_method=area_method or "",
                       title=title or "", command_line=_command_line(profile, area_method),
                       features=features, boundary_tolerance_m=boundary_tolerance_m)


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
