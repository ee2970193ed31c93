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


# --- comparison ---------------------------------------------------------------------------


def comparison_zone_areas(comparison) -> Any:
    """One row per zone of the common model: before/after area (m², ha), share and change."""
    import pandas

    rows = []
    before = {z["zone"]: z for z in comparison.before.zones}
    after = {z["zone"]: z for z in comparison.after.zones}
    for zone in [z for z in comparison.axis if z.id != "outside"]:
        b, a = before.get(zone, {}), after.get(zone, {})
        b_m2, a_m2 = b.get("area_m2", 0.0), a.get("area_m2", 0.0)
        rows.append({
            "zone": zone.id, "zone_zh": zone.chinese_name,
            "before_m2": b_m2, "after_m2": a_m2, "change_m2": a_m2 - b_m2,
            "before_ha": b_m2 / 1e4, "after_ha": a_m2 / 1e4, "change_ha": (a_m2 - b_m2) / 1e4,
            "before_share": b.get("share", 0.0), "after_share": a.get("share", 0.0),
        })
    frame = pandas.DataFrame(rows)
    frame.attrs["area_method"] = comparison.area_method
    return frame


def comparison_matrix(comparison, unit: str = "ha") -> Any:
    """Transition matrix: rows = zone before, columns = zone after (outside included)."""
    import pandas

    scale = {"ha": 1e-4, "m2": 1.0}.get(unit)
    if scale is None:
        raise _convert.usage_error(f"unknown unit {unit!r}; use 'ha' or 'm2'")
    labels = [z.id for z in comparison.axis]
    frame = pandas.DataFrame(0.0, index=pandas.Index(labels, name="before"),
                             columns=pandas.Index(labels, name="after"))
    for cell in comparison.cells():
        frame.loc[cell["from"].id, cell["to"].id] = cell["area_m2"] * scale
    frame.attrs["unit"] = unit
    frame.attrs["area_method"] = comparison.area_method
    return frame


def comparison_changes(comparison) -> Any:
    """Every piece of change (removed, added, downgraded, upgraded) as a GeoDataFrame."""
    columns: Dict[str, list] = {k: [] for k in
                                ("kind", "zone_before", "zone_after", "area_m2", "area_ha",
                                 "width_m", "noise")}
    wkbs = []
    for kind in ("removed", "added", "downgraded", "upgraded"):
        for p in getattr(comparison, kind).pieces:
            columns["kind"].append(kind)
            columns["zone_before"].append(p["from"].id)
            columns["zone_after"].append(p["to"].id)
            columns["area_m2"].append(p["area_m2"])
            columns["area_ha"].append(p["area_m2"] / 1e4)
            columns["width_m"].append(p["width_m"])
            columns["noise"].append(p["noise"])
            wkbs.append(p["wkb"])
    return _convert.geodataframe(columns, wkbs, comparison.crs)


def _summary_dict(summary) -> Dict[str, Any]:
    return {
        "model": summary.model.id,
        "total_m2": summary.total_m2,
        "outline_m2": summary.outline_m2,
        "strict_m2": summary.strict_m2,
        "strict_share": summary.strict_share,
        "zones": [{"zone": z["zone"].id, "area_m2": z["area_m2"], "measured_m2": z["measured_m2"],
                   "share": z["share"]} for z in summary.zones],
    }


def _change_dict(change) -> Dict[str, Any]:
    return {"area_m2": change.area_m2, "noise_m2": change.noise_m2,
            "significant_m2": change.significant_m2, "pieces": len(change)}


def comparison_to_dict(comparison) -> Dict[str, Any]:
    out = {
        "working_crs": comparison.crs.label,
        "area_method": comparison.area_method,
        "model": comparison.model.id,
        "before": _summary_dict(comparison.before),
        "after": _summary_dict(comparison.after),
        "matrix": [{"from": c["from"].id, "to": c["to"].id, "area_m2": c["area_m2"]}
                   for c in comparison.cells()],
        "removed": _change_dict(comparison.removed),
        "added": _change_dict(comparison.added),
        "downgraded": _change_dict(comparison.downgraded),
        "upgraded": _change_dict(comparison.upgraded),
        "net_change_m2": comparison.net_change_m2,
    }
    for side in ("before_original", "after_original"):
        summary = getattr(comparison, side)
        if summary is not None:
            out[side] = _summary_dict(summary)
    return out


def comparison_html(comparison) -> str:
    from . import _display

    return _display.comparison_html(comparison)


# --- check -------------------------------------------------------------------------------


def check_to_dict(result) -> Dict[str, Any]:
    import json

    return json.loads(result.to_json())


def check_verdicts(result) -> Any:
    """One row per rule: status, titles, the test in words, measured values and explanation."""
    import pandas

    rows = []
    for v in result.rules:
        rows.append({"rule": v.rule_id, "status": v.status, "title_zh": v.title_zh,
                     "title_en": v.title_en, "threshold": v.threshold_text,
                     "measured": dict(v.measured), "thresholds": dict(v.thresholds),
                     "evidence": len(v.evidence), "explanation_zh": v.explanation_zh,
                     "explanation_en": v.explanation_en})
    return pandas.DataFrame(rows)


def check_evidence(result) -> Any:
    """Every verdict's evidence as one GeoDataFrame (rule, kind, id, zones, area, geometry)."""
    columns: Dict[str, list] = {k: [] for k in ("rule", "kind", "id", "description",
                                                "zone_before", "zone_after", "area_m2")}
    wkbs = []
    for v in result.rules:
        for e in v.evidence:
            columns["rule"].append(v.rule_id)
            for key in ("kind", "id", "description", "area_m2"):
                columns[key].append(e[key])
            columns["zone_before"].append(e["zone_before"].id if e["zone_before"] else None)
            columns["zone_after"].append(e["zone_after"].id if e["zone_after"] else None)
            wkbs.append(e["wkb"])
    return _convert.geodataframe(columns, wkbs, result.comparison.crs)


def check_html(result) -> str:
    from . import _display

    return _display.check_html(result)


# --- conflicts, overlay, ledger -------------------------------------------------------------


def features_to_geopandas(features) -> Any:
    records = features.records()
    keys = ["id", "name", "category", "category_zh", "category_label", "treatment",
            "built_year", "licence_number", "holder", "file", "layer"]
    columns = {k: [r[k] for r in records] for k in keys}
    return _convert.geodataframe(columns, [r["wkb"] for r in records], features.crs)


def overlay_rows(overlay) -> Any:
    """One row per feature: zone before/after, status change, areas and distances."""
    import pandas

    rows = []
    for f in overlay.to_dict()["features"]:
        b, a = f["before"], f["after"]
        rows.append({
            "id": f["id"], "name": f["name"], "category": f["category"],
            "category_zh": f["category_zh"], "geometry_type": f["geometry"],
            "area_m2": f.get("area_m2"), "zone_before": b["zone"], "zone_after": a["zone"],
            "change": f["change"], "change_zh": f["change_zh"],
            "freed_area_m2": f["freed_area_m2"], "downgraded_area_m2": f["downgraded_area_m2"],
            "inside_before_m2": b.get("inside_area_m2"), "inside_after_m2": a.get("inside_area_m2"),
            "location_before": b.get("location"), "location_after": a.get("location"),
            "distance_to_boundary_before_m": b["distance_to_reserve_boundary_m"],
            "distance_to_boundary_after_m": a["distance_to_reserve_boundary_m"],
            "licence_number": f.get("licence_number"), "holder": f.get("holder"),
            "valid_to": f.get("valid_to"), "built_year": f.get("built_year"),
            "treatment": f.get("treatment"),
        })
    return pandas.DataFrame(rows)


def overlay_to_geopandas(overlay) -> Any:
    frame = overlay_rows(overlay)
    return _convert.geodataframe({c: frame[c].tolist() for c in frame.columns},
                                 overlay.feature_wkbs(), overlay.features.crs)


def overlay_html(overlay) -> str:
    from . import _display

    return _display.overlay_html(overlay)


def ledger_frame(ledger, raw: bool = False) -> Any:
    """The ledger as a DataFrame: the ledger.csv columns (default) or the raw fields."""
    import pandas

    if raw:
        return pandas.DataFrame(ledger.records())
    return pandas.DataFrame(ledger.cells(), columns=ledger.headers())


def ledger_to_dict(ledger) -> Dict[str, Any]:
    return {"problems": ledger.records(), "issues": [i.to_dict() for i in ledger.issues]}


def ledger_html(ledger) -> str:
    from . import _display

    return _display.ledger_html(ledger)
