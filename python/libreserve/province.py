"""Province mode: many reserves per zoning layer, checked reserve by reserve in one call."""
from __future__ import annotations

import os
from typing import Any, Optional

import pandas

from . import _convert, _core
from .check import _translate_inputs
from .conflicts import _as_list
from .io import crs_text
from .zoning import _zone_map_text


def check_province(before: Any, after: Any, *, reserve_field: Optional[str] = None,
                   jobs: int = 0, profile: str = "three-no", area_method: Optional[str] = None,
                   before_layer: Optional[str] = None, after_layer: Optional[str] = None,
                   zone_field: Optional[str] = None, zone_map: Any = None,
                   encoding: Optional[str] = None, crs: _convert.CrsLike = None,
                   working_crs: _convert.CrsLike = None, mining: Any = None,
                   facilities: Any = None, mining_layer: Optional[str] = None,
                   facilities_layer: Optional[str] = None, category_field: Optional[str] = None,
                   category_map: Any = None, feature_encoding: Optional[str] = None,
                   feature_crs: _convert.CrsLike = None, x_field: Optional[str] = None,
                   y_field: Optional[str] = None, id_field: Optional[str] = None,
                   boundary_tolerance_m: float = 1.0, min_area_m2: float = 1.0,
                   monitoring: Any = None, monitoring_layer: Optional[str] = None,
                   standards: Any = None, water_class: str = "I", discharge_level: str = "new",
                   assignments: Any = None, actions: Any = None,
                   established_year: Optional[int] = None,
                   include_outside: bool = False) -> "ProvinceCheck":
    """Checks every reserve of a province: ``before`` and ``after`` are zoning files (paths)
    holding many reserves, told apart by ``reserve_field`` (detected when None: 保护区名称,
    保护地名称, 保护地编码, 名称, NAME, reserve_id, …). Reserves are matched by name; merges and
    splits are found from shared land; each matched reserve gets the single check
    (``libreserve.check``) with the province-wide ``mining``/``facilities`` layers read once;
    ``jobs`` reserves are checked at once (0: every core). One library call
    (``reserve::run_province_check``), the one ``reserve check`` makes in province mode:
    ``to_json()`` is its province.json.

    Returns a ProvinceCheck: ``summary()`` is the province table as a DataFrame,
    ``reserves()`` one row per reserve with its CheckResult, ``overlaps(side)`` the land in two
    reserves of one layer (交叉重叠), ``write(dir)`` the CSV/XLSX/JSON/HTML/map files.
    A layer holding a single reserve gives the single check (``province_mode`` False).

    >>> p = check_province("before.gpkg", "after.gpkg", mining="rights.gpkg")  # doctest: +SKIP
    >>> p.summary()  # doctest: +SKIP
    """
    paths = [before, after] + _as_list(mining) + _as_list(facilities)
    if not all(isinstance(s, (str, os.PathLike)) for s in paths):
        raise _core.UsageError("check_province reads files: give before, after, mining and "
                               "facilities as paths")
    conflicts = _core.ConflictInputs()
    conflicts.mining = [os.fspath(s) for s in _as_list(mining)]
    conflicts.facilities = [os.fspath(s) for s in _as_list(facilities)]
    ledger = _translate_inputs(conflicts, locals())
    zone_map_text = _zone_map_text(zone_map)
    command_line = f"libreserve.check_province(profile={profile!r}"
    if area_method:
        command_line += f", area_method={area_method!r}"
    result = _core.check_province(
        os.fspath(before), os.fspath(after), reserve_field=reserve_field or "", jobs=int(jobs),
        before_layer=before_layer or "", after_layer=after_layer or "",
        zone_field=zone_field or "", zone_maps=[zone_map_text] if zone_map_text else [],
        encoding=encoding or "", crs=crs_text(crs), working_crs=crs_text(working_crs),
        profile=str(profile), area_method=area_method or "", command_line=command_line + ")",
        conflicts=conflicts, ledger=ledger)
    return ProvinceCheck(result)


class ProvinceCheck:
    """The result of check_province(): the province table, each reserve's check, the overlaps."""

    def __init__(self, result: Any) -> None:
        self._result = result

    @property
    def province_mode(self) -> bool:
        return self._result.province_mode

    @property
    def reserve_field(self) -> str:
        return self._result.reserve_field

    @property
    def overall(self) -> str:
        return self._result.overall

    @property
    def exit_code(self) -> int:
        """What `reserve check` exits with: 1 a rule fails, 5 incomplete, 3 a reserve's input."""
        return self._result.exit_code

    def summary(self) -> pandas.DataFrame:
        """The province table (province.csv) as a DataFrame: numeric columns as floats."""
        headers, numeric, rows = self._result.table()
        frame = pandas.DataFrame(rows, columns=headers)
        for name, is_number in zip(headers, numeric):
            if is_number:
                frame[name] = pandas.to_numeric(frame[name].replace("", None))
        return frame

    def reserves(self) -> pandas.DataFrame:
        """One row per reserve: name, match, areas (m²), shares, feature counts, overall and the
        reserve's CheckResult (None when not checked)."""
        rows = []
        for r in self._result.reserves:
            result = r.result
            rows.append({"reserve": r.reserve, "match": r.match,
                         "before_reserves": list(r.before_reserves),
                         "after_reserves": list(r.after_reserves),
                         "before_area_m2": r.before_area_m2, "after_area_m2": r.after_area_m2,
                         "before_strict_share": r.before_strict_share if result else None,
                         "after_strict_share": r.after_strict_share if result else None,
                         "freed_features": r.freed_features if result else None,
                         "downgraded_features": r.downgraded_features if result else None,
                         "overall": result.overall if result else None,
                         "error": r.error, "result": result})
        return pandas.DataFrame(rows)

    def result(self, reserve: str) -> Any:
        """The CheckResult of one reserve (by its row name); None when it was not checked."""
        for r in self._result.reserves:
            if r.reserve == reserve:
                return r.result
        raise _core.UsageError(f"no reserve {reserve!r} in this province check")

    def overlaps(self, side: str = "after") -> Any:
        """Land in two reserves of the ``side`` layer ("before" or "after") as a GeoDataFrame
        (area, centroid in the working CRS and in CGCS2000 lon/lat, the two names)."""
        import geopandas
        from shapely import wkb
        if side not in ("before", "after"):
            raise _core.UsageError("side must be 'before' or 'after'")
        items = self._result.before_overlaps if side == "before" else self._result.after_overlaps
        frame = pandas.DataFrame([{k: v for k, v in o.items() if k != "wkb"} for o in items],
                                 columns=["reserve_a", "reserve_b", "area_m2", "centroid_x",
                                          "centroid_y", "lon_deg", "lat_deg"])
        geometry = [wkb.loads(bytes(o["wkb"])) for o in items]
        return geopandas.GeoDataFrame(frame, geometry=geometry, crs=self._result.working_crs)

    def to_json(self) -> str:
        """province.json, as `reserve check` writes it in province mode."""
        return self._result.to_json()

    def write(self, directory: Any, *, per_reserve_reports: bool = False,
              map: bool = True) -> list:
        """Writes province.csv/.xlsx/.json/.html and province_map.png/.pdf (and, with
        ``per_reserve_reports``, reserves/<name>/) into ``directory``; returns the paths."""
        return list(self._result.write(os.fspath(directory), per_reserve_reports, map))

    def __repr__(self) -> str:
        return (f"<ProvinceCheck {self.overall}: {len(self._result.reserves)} reserves, "
                f"reserve field {self.reserve_field!r}>")
