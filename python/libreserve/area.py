"""Area by a named method, the same function the CLI and the reports use."""
from __future__ import annotations

from typing import Any, List, Union

from . import _core
from ._convert import CrsLike, as_crs, to_wkb

METHODS = ("geodesic", "planar", "survey")


def area_m2(geometry: Any, crs: CrsLike = None, method: str = "geodesic") -> Union[float, List[float]]:
    """Area in square metres of a polygon geometry given in ``crs``.

    ``method`` is ``"geodesic"`` (Karney's algorithm on the CRS's ellipsoid: the default, and what
    official figures use), ``"planar"`` (shoelace area in a projected CRS in metres) or
    ``"survey"`` (图斑椭球面积 of the Chinese land surveys, 国土调查办发〔2008〕32号: edges straight
    in the CRS, the document's ellipsoidal trapezoid series on the CRS's ellipsoid). Points and
    lines have area 0. A GeoSeries or GeoDataFrame gives a list of areas, and its own CRS is used
    when ``crs`` is None.

    >>> from shapely.geometry import box
    >>> round(area_m2(box(500000, 3000000, 501000, 3001000), "EPSG:4544", method="planar"))
    1000000
    """
    geoms = getattr(geometry, "geometry", None)
    if geoms is not None and hasattr(geoms, "to_wkb"):  # GeoSeries / GeoDataFrame
        crs = crs if crs is not None else geoms.crs
        return _core.area_m2(list(geoms.to_wkb()), as_crs(crs), method)
    return _core.area_m2([to_wkb(geometry)], as_crs(crs), method)[0]
