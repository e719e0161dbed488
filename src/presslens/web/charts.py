"""Small inline SVG charts (no script, no external library): technique counts per
outlet as stacked bars, per month as stacked columns, and an event's report timeline.
Every label is escaped; colours come from a fixed palette, never from data."""

from __future__ import annotations

import html
from collections import defaultdict
from datetime import date
from typing import Any

from presslens.model import TECHNIQUES

PALETTE = ("#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#bfef45",
           "#fabed4", "#469990", "#dcbeff", "#9a6324", "#800000", "#000075", "#808080")


def _e(v: object) -> str:
    return html.escape(str(v), quote=True)


def colour(technique: str) -> str:
    i = TECHNIQUES.index(technique) if technique in TECHNIQUES else len(PALETTE) - 1
    return PALETTE[i % len(PALETTE)]


def pretty(label: str) -> str:
    return label.replace("_", " ").replace(",", ", ")


def legend(techniques: list[str]) -> str:
    items = "".join(f'<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" '
                    f'fill="{colour(t)}"/></svg> {_e(pretty(t))}</li>' for t in techniques)
    return f'<ul class="chart-legend">{items}</ul>'


def stacked_bars(rows: list[dict[str, Any]], key: str, per: dict[str, int] | None = None,
                 title: str = "") -> str:
    """Horizontal stacked bars: one bar per ``key`` value, one segment per technique.
    With ``per`` (documents per key), bars show techniques per document."""
    data: dict[str, dict[str, float]] = defaultdict(dict)
    for r in rows:
        n = r["count"] / per.get(r[key], 1) if per else r["count"]
        data[r[key]][r["technique"]] = data[r[key]].get(r["technique"], 0) + n
    if not data:
        return '<p class="empty">No technique spans in the corpus yet.</p>'
    labels = sorted(data)
    top = max(sum(v.values()) for v in data.values()) or 1
    label_w, bar_w, row_h = 170, 420, 26
    height = row_h * len(labels) + 10
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {label_w + bar_w + 60} {height}" '
             f'width="{label_w + bar_w + 60}" height="{height}"><title>{_e(title)}</title>']
    for i, lab in enumerate(labels):
        y = 5 + i * row_h
        short = lab if len(lab) <= 24 else lab[:23] + "\u2026"
        parts.append(f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end" class="lab">{_e(short)}</text>')
        x = float(label_w)
        for tech in sorted(data[lab], key=lambda t: TECHNIQUES.index(t) if t in TECHNIQUES else 99):
            w = data[lab][tech] / top * bar_w
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row_h - 6}" fill="{colour(tech)}">'
                         f'<title>{_e(lab)}: {_e(pretty(tech))} {data[lab][tech]:.2g}</title></rect>')
            x += w
        total = sum(data[lab].values())
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 16}" class="val">{total:.2g}</text>')
    parts.append("</svg>")
    return "".join(parts)


def columns(rows: list[dict[str, Any]], title: str = "") -> str:
    """Vertical stacked columns per month."""
    data: dict[str, dict[str, int]] = defaultdict(dict)
    for r in rows:
        data[r["month"]][r["technique"]] = data[r["month"]].get(r["technique"], 0) + r["count"]
    if not data:
        return '<p class="empty">No dated documents with technique spans yet.</p>'
    months = sorted(data)
    top = max(sum(v.values()) for v in data.values()) or 1
    col_w, plot_h, base = 64, 180, 200
    width = max(300, 40 + col_w * len(months))
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} 230" width="{width}" height="230">'
             f'<title>{_e(title)}</title><line x1="30" y1="{base}" x2="{width}" y2="{base}" stroke="#999"/>']
    for i, m in enumerate(months):
        x = 36 + i * col_w
        y = float(base)
        for tech in sorted(data[m], key=lambda t: TECHNIQUES.index(t) if t in TECHNIQUES else 99):
            h = data[m][tech] / top * plot_h
            y -= h
            parts.append(f'<rect x="{x}" y="{y:.1f}" width="{col_w - 10}" height="{h:.1f}" fill="{colour(tech)}">'
                         f'<title>{_e(m)}: {_e(pretty(tech))} {data[m][tech]}</title></rect>')
        parts.append(f'<text x="{x + (col_w - 10) / 2}" y="{base + 16}" text-anchor="middle" class="lab">'
                     f'{_e(m)}</text>')
        parts.append(f'<text x="{x + (col_w - 10) / 2}" y="{y - 4:.1f}" text-anchor="middle" class="val">'
                     f'{sum(data[m].values())}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def timeline(event: dict[str, Any]) -> str:
    """Event date(s) and every report on one day axis; a report whose figures conflict is red."""
    conflicted = {f["document_id"] for f in event.get("source_figures", []) if f["conflict"]}
    points: list[tuple[date, str, str, bool]] = []
    for m in event["mentions"]:
        d = _day(m["published"]) or _day(m["date"])
        if d:
            points.append((d, m["source"] or "?", m["document_id"], m["document_id"] in conflicted))
    marks = [d for d in (_day(event["date_first"]), _day(event["date_last"])) if d]
    days = [p[0] for p in points] + marks
    if not days:
        return '<p class="empty">No dates to place on a timeline.</p>'
    lo, hi = min(days), max(days)
    span = max((hi - lo).days, 1)
    width, left, right = 640, 40, 40
    row_h = 22
    height = 60 + row_h * len(points)

    def x(d: date) -> float:
        return left + (d - lo).days / span * (width - left - right)

    parts = [f'<svg class="chart timeline" role="img" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}"><title>Event and report timeline</title>'
             f'<line x1="{left}" y1="30" x2="{width - right}" y2="30" stroke="#555"/>']
    if marks:
        a, b = x(min(marks)), x(max(marks))
        parts.append(f'<rect x="{a - 4:.1f}" y="22" width="{b - a + 8:.1f}" height="16" fill="#2563eb" '
                     f'opacity=".35"><title>event date {_e(min(marks))}</title></rect>')
        parts.append(f'<text x="{a:.1f}" y="16" class="lab">event {_e(min(marks).isoformat())}</text>')
    for i, (d, src, _doc, bad) in enumerate(sorted(points)):
        y = 55 + i * row_h
        fill = "#dc2626" if bad else "#059669"
        parts.append(f'<line x1="{x(d):.1f}" y1="30" x2="{x(d):.1f}" y2="{y - 4}" stroke="#ccc"/>')
        parts.append(f'<circle cx="{x(d):.1f}" cy="{y - 4}" r="5" fill="{fill}"><title>{_e(src)} '
                     f'{_e(d.isoformat())}</title></circle>')
        if x(d) > width / 2:
            parts.append(f'<text x="{x(d) - 9:.1f}" y="{y}" text-anchor="end" class="lab">{_e(d.isoformat())} '
                         f'{_e(src)}</text>')
        else:
            parts.append(f'<text x="{x(d) + 9:.1f}" y="{y}" class="lab">{_e(d.isoformat())} {_e(src)}</text>')
    parts.append("</svg>")
    return "".join(parts)
