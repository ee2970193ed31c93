"""Before/after comparison of two zonings."""
from __future__ import annotations

from typing import Optional

from . import _convert, _core


def compare(before: _core.Zoning, after: _core.Zoning, *, area_method: str = "geodesic",
            zone_model: Optional[str] = None, allow_model_mapping: bool = True,
            noise_max_area_m2: float = 0.0, noise_max_width_m: float = 0.0) -> _core.Comparison:
    """Compares a baseline zoning with a proposal (both from load_zoning, in one working CRS).

    Gives per-zone areas and shares (``zone_areas()``), the transition matrix zone before × zone
    after with outside (``transition_matrix()``), gross removed / added / net, downgraded and
    upgraded land (``changes()`` as a GeoDataFrame). Both sides are measured with
    ``area_method``. A two-zone proposal against a three-zone baseline is compared in the
    two-zone model (core, buffer → core protection; experimental → general control) unless
    ``allow_model_mapping`` is False. Pieces of change no larger than ``noise_max_area_m2`` and
    no wider than ``noise_max_width_m`` are classed as boundary noise (kept, but listed apart).

    >>> c = compare(load_zoning("baseline.gpkg"), load_zoning("proposal.gpkg"))  # doctest: +SKIP
    >>> c.transition_matrix()  # doctest: +SKIP
    """
    for name, z in (("before", before), ("after", after)):
        if not isinstance(z, _core.Zoning):
            raise _convert.usage_error(
                f"compare() takes Zonings from load_zoning(); {name} is a {type(z).__name__}")
    return _core.compare(before, after, area_method=area_method, common_model=zone_model or "",
                         allow_model_mapping=allow_model_mapping,
                         noise_max_area_m2=noise_max_area_m2, noise_max_width_m=noise_max_width_m)
