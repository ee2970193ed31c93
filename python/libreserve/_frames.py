"""pandas / GeoPandas / dict forms of library results (called from the compiled classes)."""
from __future__ import annotations

from typing import Any, Dict

from . import _convert


def layer_to_geopandas(layer) -> Any:
    columns: Dict[str, Any] = {"id": layer.ids}
    for name, values in layer.columns().items():
        columns[name if name != "id" else "id_"] = values
    return _convert.geodataframe(columns, layer.wkbs(), layer.crs)


def layer_to_dict(layer) -> Dict[str, Any]:
    return {
        "path": layer.path,
        "layer": layer.name,
        "driver": layer.driver,
        "sha256": layer.sha256,
        "crs": layer.crs.to_dict(),
        "encoding": layer.encoding,
        "fields": list(layer.fields),
        "feature_count": len(layer),
        "issues": [i.to_dict() for i in layer.issues],
    }


def zoning_to_geopandas(zoning) -> Any:
    parts = zoning.parts()
    columns = {
        "feature_id": [p["feature_id"] for p in parts],
        "label": [p["label"] for p in parts],
        "zone": [p["zone"].id for p in parts],
        "zone_zh": [p["zone"].chinese_name for p in parts],
        "file": [p["file"] for p in parts],
        "layer": [p["layer"] for p in parts],
    }
    return _convert.geodataframe(columns, [p["wkb"] for p in parts], zoning.crs)


def zoning_zone_areas(zoning, method: str = "geodesic") -> Any:
    import pandas

    rows = zoning.zone_areas_m2(method)
    zones = [(z, a) for z, a in rows if z.id != "outside"]
    total = sum(a for _, a in zones)
    frame = pandas.DataFrame({
        "zone": [z.id for z, _ in zones],
        "zone_zh": [z.chinese_name for z, _ in zones],
        "area_m2": [a for _, a in zones],
        "area_ha": [a / 10000.0 for _, a in zones],
        "share": [a / total if total > 0 else 0.0 for _, a in zones],
    })
    frame.attrs["method"] = method
    frame.attrs["outline_m2"] = rows[-1][1]
    return frame


def zoning_to_dict(zoning) -> Dict[str, Any]:
    return {
        "name": zoning.name,
        "model": zoning.model.id,
        "crs": zoning.crs.to_dict(),
        "zones": [z.id for z in zoning.zones],
        "part_count": len(zoning),
        "sources": [s.to_dict() for s in zoning.sources],
        "repairs": [r.to_dict() for r in zoning.repairs],
        "issues": [i.to_dict() for i in zoning.issues],
    }


def issues_frame(issues) -> Any:
    import pandas

    columns = ["severity", "code", "message", "file", "layer", "feature", "x", "y", "area_m2"]
    rows = []
    for i in issues:
        loc = i.location
        rows.append([i.severity, i.code, i.message, i.file, i.layer, i.feature,
                     loc[0] if loc else None, loc[1] if loc else None, i.area_m2])
    return pandas.DataFrame(rows, columns=columns)


def validation_to_dict(report) -> Dict[str, Any]:
    return {
        "summary": {"errors": report.error_count, "warnings": report.warning_count,
                    "info": report.info_count, "repairs": len(report.repairs)},
        "issues": [i.to_dict() for i in report.issues],
        "repairs": [r.to_dict() for r in report.repairs],
    }


def zoning_html(zoning) -> str:
    from . import _display

    return _display.zoning_html(zoning)


def validation_html(report) -> str:
    from . import _display

    return _display.validation_html(report)
