"""What it would take to pass: the parcels to add and the zone upgrades (``reserve suggest``)."""
from __future__ import annotations

import os
from typing import Any, Optional

from . import _core
from .conflicts import _as_list
from .io import crs_text


def suggest(before: Any, after: Any, candidates: Any, *, profile: str = "three-no",
            area_method: Optional[str] = None, working_crs: Any = None, mining: Any = None,
            facilities: Any = None, cost_field: Optional[str] = None,
            candidates_layer: Optional[str] = None, added_zone: str = "choose",
            conflict_buffer_m: Optional[float] = None, max_gap_m: float = 0.0,
            min_parcel_m2: float = 100.0, upgrades: bool = True, max_exact: int = 3000,
            time_limit_s: float = 60.0) -> _core.SuggestResult:
    """Runs the check of ``after`` against ``before`` and computes the candidate parcels to add,
    and the 实验区 → 缓冲区 upgrades inside the proposal, that restore 不瘦身 and the core +
    buffer share with the least added area (or cost, ``cost_field``), keeping conflict features
    (``mining``, ``facilities``) and a buffer around them out and new land contiguous with the
    reserve. The library's ``reserve::suggest``, as ``reserve suggest`` calls it (paths only).

    ``result.status`` is "solved", "not_needed" or "infeasible" (then ``result.unmet`` says which
    rule cannot be met and by how much); ``result.parcels`` lists the parcels (dicts with WKB),
    ``result.recheck`` is the check of the proposal with them applied, ``result.write(dir)``
    writes suggestion.gpkg, proposal_suggested.gpkg, the reports and the map.

    >>> r = suggest("data/baseline.gpkg", "data/proposal.gpkg", "data/candidates.gpkg",
    ...             mining="data/mining_rights.gpkg")  # doctest: +SKIP
    >>> r.status  # doctest: +SKIP
    'solved'
    """
    conflicts = _core.ConflictInputs()
    conflicts.mining = [os.fspath(s) for s in _as_list(mining)]
    conflicts.facilities = [os.fspath(s) for s in _as_list(facilities)]
    return _core.suggest(
        os.fspath(before), os.fspath(after), [os.fspath(c) for c in _as_list(candidates)],
        profile=str(profile), area_method=area_method or "",
        working_crs=crs_text(working_crs), conflicts=conflicts, cost_field=cost_field or "",
        candidates_layer=candidates_layer or "", added_zone=added_zone,
        conflict_buffer_m=conflict_buffer_m, max_gap_m=float(max_gap_m),
        min_parcel_m2=float(min_parcel_m2), upgrades=bool(upgrades), max_exact=int(max_exact),
        time_limit_s=float(time_limit_s))
