"""HTML for Jupyter: small, self-contained tables (no external resources, no scripts)."""
from __future__ import annotations

import html
from typing import Any, Iterable, List, Sequence

_STATUS_COLOURS = {"pass": "#1a7f37", "fail": "#cf222e", "warn": "#9a6700",
                   "not_evaluated": "#57606a", "not-evaluated": "#57606a",
                   "incomplete": "#8250df",
                   "error": "#cf222e", "warning": "#9a6700", "info": "#57606a"}


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def badge(status: str) -> str:
    colour = _STATUS_COLOURS.get(status, "#57606a")
    return (f'<span style="color:#fff;background:{colour};padding:1px 6px;border-radius:3px;'
            f'font-weight:600">{esc(status)}</span>')


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], raw_columns=()) -> str:
    head = "".join(f"<th style='text-align:left'>{esc(h)}</th>" for h in headers)
    body: List[str] = []
    for row in rows:
        cells = "".join(
            f"<td>{cell if i in raw_columns else esc(cell)}</td>" for i, cell in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def ha(area_m2: Any) -> str:
    return "" if area_m2 is None else f"{area_m2 / 10000.0:,.2f}"


def issues_table(issues, limit: int = 50) -> str:
    rows = [(badge(i.severity), i.code, i.feature, i.message) for i in list(issues)[:limit]]
    more = len(issues) - limit
    extra = f"<p>… and {more} more (use .issues_frame())</p>" if more > 0 else ""
    return table(["severity", "code", "feature", "message"], rows, raw_columns=(0,)) + extra


def zoning_html(zoning) -> str:
    areas = zoning.zone_areas()
    rows = [(r.zone_zh, r.zone, f"{r.area_ha:,.2f}", f"{100 * r.share:.2f} %")
            for r in areas.itertuples()]
    return (f"<div><strong>Zoning {esc(zoning.name)}</strong> — {esc(zoning.model.id)}, "
            f"{len(zoning)} parts, CRS {esc(zoning.crs.label)}, {len(zoning.repairs)} repairs"
            + table(["zone", "id", "area (ha, geodesic)", "share"], rows) + "</div>")


def validation_html(report) -> str:
    status = "pass" if report.error_count == 0 else "fail"
    return (f"<div><strong>Zoning validation</strong> {badge(status)} "
            f"{report.error_count} errors, {report.warning_count} warnings, "
            f"{len(report.repairs)} repairs" + issues_table(report.issues) + "</div>")


def comparison_html(comparison) -> str:
    areas = comparison.zone_areas()
    rows = [(r.zone_zh, r.zone, f"{r.before_ha:,.2f}", f"{r.after_ha:,.2f}",
             f"{r.change_ha:+,.2f}", f"{100 * r.before_share:.2f} %",
             f"{100 * r.after_share:.2f} %") for r in areas.itertuples()]
    b, a = comparison.before, comparison.after
    rows.append(("合计", "total", ha(b.total_m2), ha(a.total_m2),
                 f"{(a.total_m2 - b.total_m2) / 1e4:+,.2f}", "", ""))
    summary = table(["zone", "id", "before (ha)", "after (ha)", "change (ha)", "share before",
                     "share after"], rows)
    changes = table(["change", "area (ha)", "noise (ha)"], [
        (kind, ha(getattr(comparison, kind).area_m2), ha(getattr(comparison, kind).noise_m2))
        for kind in ("removed", "added", "downgraded", "upgraded")])
    matrix = comparison.transition_matrix().to_html(float_format=lambda v: f"{v:,.2f}")
    return (f"<div><strong>Comparison</strong> — {esc(comparison.model.id)}, area method "
            f"{esc(comparison.area_method)}, CRS {esc(comparison.crs.label)}{summary}{changes}"
            f"<p>Transition matrix (ha, rows before × columns after)</p>{matrix}</div>")


def verdict_table(result) -> str:
    rows = [(badge(v.status), v.rule_id, f"{v.title_zh} / {v.title_en}", v.threshold_text,
             v.explanation_zh + ("<br>" + esc(v.explanation_en) if v.explanation_en else ""))
            for v in result.rules]
    rows = [(r[0], r[1], r[2], r[3], esc(r[4]).replace("&lt;br&gt;", "<br>")) for r in rows]
    return table(["result", "rule", "title", "test", "explanation"], rows, raw_columns=(0, 4))


def check_html(result) -> str:
    parts = [f"<div><h3>{esc(result.title or 'Reserve boundary check 保护区调整核查')}</h3>",
             f"<p>Overall {badge(result.overall)} — profile {esc(result.profile)}, area method "
             f"{esc(result.comparison.area_method)}, working CRS "
             f"{esc(result.comparison.crs.label)}</p>",
             verdict_table(result),
             comparison_html(result.comparison)]
    parts.append(map_img(result))
    parts.append("</div>")
    return "".join(parts)


def overlay_html(overlay) -> str:
    d = overlay.to_dict()
    counts = ", ".join(f"{k} {v}" for k, v in d["summary"]["changes"].items() if v)
    rows = [(f["id"], f["name"], f["category_zh"], f["before"]["zone_zh"], f["after"]["zone_zh"],
             f["change_zh"], ha(f.get("area_m2")) if f["geometry"] == "polygon" else "point")
            for f in d["features"]]
    return (f"<div><strong>Conflict overlay</strong> — {len(rows)} features ({esc(counts)}), "
            f"{esc(d['area_method'])} areas, boundary tolerance {d['boundary_tolerance_m']} m"
            + table(["id", "name", "category", "zone before", "zone after", "change",
                     "area (ha)"], rows) + "</div>")


def ledger_html(ledger, limit: int = 100) -> str:
    rows = [(r["problem_id"], r["name"], r["category_zh"], r["zone_before"], r["zone_after"],
             r["action_zh"], r["basis"], "是" if r["adjusting_instead_of_rectifying"] else "")
            for r in ledger.records()[:limit]]
    return (f"<div><strong>整改台账 Rectification ledger</strong> — {len(ledger)} problems"
            + table(["problem", "name", "category", "zone before", "zone after", "action",
                     "basis", "以调代改"], rows) + "</div>")


def map_img(result, width_px: int = 900) -> str:
    """The check's map as an inline PNG (data URI), or a note when it cannot be drawn."""
    import base64

    try:
        png = result.map(dpi=96).png()
    except Exception as exc:  # a map is a nicety here: the verdicts must still show
        return f"<p><em>No map: {esc(exc)}</em></p>"
    data = base64.b64encode(png).decode("ascii")
    return (f'<figure><img alt="map" style="max-width:{width_px}px;width:100%" '
            f'src="data:image/png;base64,{data}"/></figure>')
