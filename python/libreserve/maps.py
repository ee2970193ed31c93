"""Official-style reserve maps (PDF, SVG, PNG) for reports and notebooks."""
from __future__ import annotations

import os
from typing import Any, Optional, Sequence

from . import _convert, _core
from .conflicts import _conflict_features


def render_map(before: Any, after: Optional[_core.Zoning] = None, *,
               comparison: Optional[_core.Comparison] = None,
               features: Optional[_core.FeatureSet] = None, mining: Any = None,
               facilities: Any = None, rivers: Any = None, roads: Any = None,
               background: Any = None, style: Any = None, title: Optional[str] = None,
               subtitle: Optional[str] = None, date: Optional[str] = None,
               producer: Optional[str] = None, data_source: Optional[str] = None,
               page: Optional[str] = None, landscape: Optional[bool] = None,
               dpi: Optional[float] = None, focus: Optional[str] = None,
               profile: str = "three-no") -> _core.Map:
    """An official-style map: zones filled, the baseline outline dashed and the proposal's solid,
    removed / downgraded / added land hatched, mining rights labelled with their licence
    numbers, facilities by category, rivers and roads, with title, legend, kilometre grid, scale
    bar, true-north arrow and CRS note (styles: docs/map-style.md).

    ``before`` is a Zoning, or a CheckResult (its zonings, comparison and conflict features are
    drawn, and the check's own comparison). With ``after`` the comparison is computed unless
    given, under ``profile`` as ``check`` computes it, so that the map shows the check's
    significant change pieces (its noise slivers are not drawn). The default title fits the
    input: 保护区功能区调整对比图 for a comparison, 自然保护区功能分区图 for one zoning. ``mining``/``facilities``
    (paths, GeoDataFrames) or ``features`` add conflict features; ``rivers``/``roads`` are line
    files; ``background`` a GeoTIFF (e.g. a hillshade); ``style`` a TOML style file; ``focus`` a
    feature id to zoom to. Rendering happens when asked: ``m.png()``, ``m.svg()``,
    ``m.render("pdf")``, ``m.save("map.pdf")``; in Jupyter the map shows itself.

    >>> m = render_map(load_zoning("baseline.gpkg"), load_zoning("proposal.gpkg"))  # doctest: +SKIP
    >>> m.save("map.pdf")  # doctest: +SKIP
    """
    if isinstance(before, _core.CheckResult):
        result = before
        before, after = result.before, result.after
        comparison = comparison or result.comparison
        if features is None and result.overlay is not None:
            features = result.overlay.features
    if isinstance(before, _core.Overlay):
        raise _convert.usage_error("render_map() takes a Zoning or a CheckResult first")
    if not isinstance(before, _core.Zoning):
        raise _convert.usage_error(
            f"render_map() takes a Zoning or a CheckResult, not a {type(before).__name__}")
    if features is None and (mining is not None or facilities is not None):
        features = _conflict_features(before, mining, facilities, category_field=None,
                                      category_map=None, crs=None, encoding=None, x_field=None,
                                      y_field=None, id_field=None)
    lines = [_core.LineLayerSpec(os.fspath(p), kind=kind)
             for kind, paths in (("river", rivers), ("road", roads)) for p in _paths(paths)]
    overrides = dict(title=title, subtitle=subtitle, date=date, producer=producer,
                     data_source=data_source, page=page, landscape=landscape, dpi=dpi)
    return _core.make_map(before, after, comparison, features, lines,
                          background=os.fspath(background) if background else "",
                          style=os.fspath(style) if style else "", overrides=overrides,
                          focus=focus or "", profile=str(profile))


def save_map(m: _core.Map, path: Any, format: Optional[str] = None) -> str:
    """Writes a map to ``path`` (format from the suffix: .pdf, .svg, .png), atomically,
    creating its folder."""
    path = os.fspath(path)
    fmt = format or os.path.splitext(path)[1].lstrip(".").lower()
    data = m.render(fmt)
    folder = os.path.dirname(path)
    if folder:
        os.makedirs(folder, exist_ok=True)
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return path


def _paths(paths: Any) -> Sequence[Any]:
    if paths is None:
        return []
    if isinstance(paths, (list, tuple)):
        return list(paths)
    return [paths]
