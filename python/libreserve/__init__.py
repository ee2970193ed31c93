"""libreserve: check nature-reserve boundary and zoning proposals from Python.

The same C++ library as the ``reserve`` command, so a number in a notebook and the same number in
``reserve check``'s JSON come from one function. Inputs are file paths or GeoDataFrames / Shapely
geometries with their CRS; results convert to dicts (``to_dict()``), pandas DataFrames and
GeoDataFrames (``to_geopandas()``), and display themselves in Jupyter.

>>> import libreserve as lr
>>> lr.Zone.core.chinese_name
'核心区'
"""
from ._core import (
    ChangeSet,
    CheckResult,
    Comparison,
    Crs,
    DatasetInfo,
    FeatureSet,
    Issue,
    Layer,
    LayerInfo,
    Ledger,
    Map,
    Overlay,
    Profile,
    Repair,
    ValidationReport,
    Verdict,
    Zoning,
    ZoningSummary,
    InputError,
    InternalError,
    ReserveError,
    SuggestResult,
    UsageError,
    Zone,
    ZoneModel,
    __version__,
    chinese_name,
)
from .area import area_m2
from .check import check, load_profile, profiles
from .province import ProvinceCheck, check_province
from .compare import compare
from .conflicts import ledger, load_features, overlay
from .maps import render_map, save_map
from .suggest import suggest
from .io import from_geopandas, inspect, read_corner_points, read_layer
from .zoning import load_zoning, validate

__all__ = [
    "ProvinceCheck",
    "check_province",
    "ChangeSet",
    "CheckResult",
    "Comparison",
    "Crs",
    "DatasetInfo",
    "FeatureSet",
    "Issue",
    "Layer",
    "LayerInfo",
    "Ledger",
    "Map",
    "Overlay",
    "Profile",
    "Repair",
    "ValidationReport",
    "Verdict",
    "Zoning",
    "ZoningSummary",
    "InputError",
    "InternalError",
    "ReserveError",
    "SuggestResult",
    "UsageError",
    "Zone",
    "ZoneModel",
    "__version__",
    "area_m2",
    "check",
    "chinese_name",
    "compare",
    "ledger",
    "load_features",
    "overlay",
    "suggest",
    "from_geopandas",
    "inspect",
    "profiles",
    "load_profile",
    "load_zoning",
    "read_corner_points",
    "read_layer",
    "render_map",
    "save_map",
    "validate",
]
