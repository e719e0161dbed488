"""The ``html`` format: one self-contained, offline HTML page for a reader.

Everything taken from the document (text, metadata, spans) is untrusted and goes
through :func:`_e`; the page loads nothing and runs no script, and its
Content-Security-Policy says so. The layer toggles in the legend are pure CSS.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from itertools import pairwise
from urllib.parse import urlparse

from presslens.export._spans import Highlight, collect, source_label, summary_line
from presslens.model import TECHNIQUES, Analysis, Attribution, Hedge
from presslens.registry import formats

# A constant with no double quotes, so it is written into its attribute as is.
CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

# Highlight kind -> (CSS class, legend label). Each kind is drawn with a different CSS
# property (background, box-shadow, text-decoration, border), so nested spans stay visible.
KIND_CLASS = {
    "technique": ("tech", "Persuasion technique"),
    "figure": ("fig", "Figure (count)"),
    "hedge": ("hedge", "Hedge / uncertainty"),
    "cue": ("cue", "Attribution cue"),
    "source": ("source", "Source"),
}

CSS = """
:root { color-scheme: light; --ink: #1f2933; --muted: #616e7c; --rule: #e4e7eb; --accent: #2563eb; }
* { box-sizing: border-box; }
body { margin: 0; background: #f5f7fa; color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 64rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
header.doc { border-bottom: 3px solid var(--ink); margin-bottom: 1.5rem; padding-bottom: 1rem; }
h1 { font: 700 1.9rem/1.2 Georgia, "Times New Roman", serif; margin: 0 0 .75rem; overflow-wrap: anywhere; }
h2 { font-size: 1.15rem; margin: 2.25rem 0 .6rem; padding-bottom: .25rem;
  border-bottom: 1px solid var(--rule); }
h2 .n { color: var(--muted); font-weight: 400; font-size: .9rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0;
  font-size: .9rem; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.summary { color: var(--muted); font-size: .9rem; margin-top: .75rem; }
.toc { font-size: .85rem; display: flex; flex-wrap: wrap; gap: .3rem 1rem; }
.toc a { color: var(--accent); text-decoration: none; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1.1rem; font-size: .85rem; margin: .5rem 0 1rem;
  padding: .6rem .8rem; background: #fff; border: 1px solid var(--rule); border-radius: 6px; }
.legend label { display: inline-flex; align-items: center; gap: .35rem; cursor: pointer; }
.legend .techs { flex-basis: 100%; display: flex; flex-wrap: wrap; gap: .3rem .9rem; color: var(--muted); }
.swatch { display: inline-block; min-width: 2.2em; padding: 0 .2em; text-align: center; }
article.text { background: #fff; border: 1px solid var(--rule); border-radius: 6px; padding: 1.5rem 1.75rem;
  font: 1.05rem/1.75 Georgia, "Times New Roman", serif; white-space: pre-wrap; overflow-wrap: anywhere; }
.hl { border-radius: 2px; }
.hl.tech { background-color: rgba(250, 204, 21, .38); }
.hl.tech-multi {
  background-image: repeating-linear-gradient(135deg, rgba(0,0,0,.13) 0 2px, transparent 2px 6px); }
.hl.fig { box-shadow: inset 0 0 0 1.5px var(--accent); font-weight: 600; }
.hl.hedge { text-decoration: underline wavy #d97706; text-decoration-thickness: 1.5px;
  text-underline-offset: 3px; }
.hl.cue { border-bottom: 2px dotted #7c3aed; }
.hl.source { border-bottom: 2px solid #059669; color: #065f46; }
body:has(#show-tech:not(:checked)) .hl.tech { background: none; }
body:has(#show-fig:not(:checked)) .hl.fig { box-shadow: none; font-weight: inherit; }
body:has(#show-hedge:not(:checked)) .hl.hedge { text-decoration: none; }
body:has(#show-cue:not(:checked)) .hl.cue { border-bottom: 0; }
body:has(#show-source:not(:checked)) .hl.source { border-bottom: 0; color: inherit; }
table { width: 100%; border-collapse: collapse; font-size: .88rem; background: #fff;
  border: 1px solid var(--rule); }
th, td { text-align: left; vertical-align: top; padding: .4rem .55rem; border-bottom: 1px solid var(--rule); }
th { background: #eef2f6; font-weight: 600; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafbfc; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.quote { font-family: Georgia, "Times New Roman", serif; }
.tag { display: inline-block; padding: 0 .4em; border-radius: 3px; background: #eef2f6; font-size: .8rem;
  white-space: nowrap; }
.yes { color: #b45309; font-weight: 600; }
.bar { display: inline-block; width: 5rem; height: .55rem; background: #e4e7eb; border-radius: 3px;
  vertical-align: middle; margin-right: .4rem; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--accent); }
.empty { color: var(--muted); font-style: italic; }
.cue-word { color: var(--muted); }
footer { margin-top: 3rem; color: var(--muted); font-size: .8rem; }
"""


def _e(value: object) -> str:
    """Escape for both text nodes and quoted attribute values."""
    return html.escape("" if value is None else str(value), quote=True)


def _slug(label: str) -> str:
    # Class names are built from labels; keep them to characters CSS accepts unquoted.
    return re.sub(r"[^A-Za-z0-9_-]", "_", label)


def _technique_css() -> str:
    # One hue per known technique so a reader can tell them apart; unknown labels keep the default.
    rules = []
    for i, name in enumerate(TECHNIQUES):
        hue = (i * 360 // len(TECHNIQUES) + 40) % 360
        colour = f"hsla({hue}, 85%, 62%, .38)"
        rules.append(f".hl.tech-{_slug(name)}, .sw-{_slug(name)} {{ background-color: {colour}; }}")
    return "\n".join(rules)


def _pretty(label: str) -> str:
    return label.replace("_", " ").replace(",", ", ")


# --- article text -------------------------------------------------------------------------------


def _classes(covering: Sequence[Highlight]) -> list[str]:
    classes = ["hl"]
    for h in covering:
        base = KIND_CLASS[h.kind][0]
        extra = f"{base}-{_slug(h.label)}" if h.kind in ("technique", "figure") else None
        for c in (base, extra):
            if c and c not in classes:
                classes.append(c)
    if len({h.label for h in covering if h.kind == "technique"}) > 1:
        classes.append("tech-multi")
    return classes


def _title(covering: Sequence[Highlight]) -> str:
    lines: list[str] = []
    for h in covering:
        line = h.note
        if h.kind == "technique":
            line = f"{_pretty(h.label)}: {h.note}" if h.note else _pretty(h.label)
        if line not in lines:
            lines.append(line)
    return "\n".join(lines)


def highlight_text(text: str, spans: Sequence[Highlight]) -> str:
    """The text as HTML, split at every span boundary so overlapping spans never need
    crossing tags: each segment is one ``<span>`` carrying the classes and explanations
    of every span that covers it."""
    bounds = sorted({0, len(text)} | {h.start for h in spans} | {h.end for h in spans})
    starting: dict[int, list[Highlight]] = {}
    for h in spans:
        starting.setdefault(h.start, []).append(h)
    parts: list[str] = []
    covering: list[Highlight] = []
    for a, b in pairwise(bounds):
        # Spans only start and end on boundaries, so each segment is wholly inside or outside a span.
        covering = [h for h in covering if h.end > a] + starting.get(a, [])
        segment = _e(text[a:b])
        if covering:
            parts.append(
                f'<span class="{_e(" ".join(_classes(covering)))}" title="{_e(_title(covering))}">'
                f"{segment}</span>"
            )
        else:
            parts.append(segment)
    return "".join(parts)


# --- tables -------------------------------------------------------------------------------------


def _table(caption: str, headers: Sequence[str], rows: list[list[str]], anchor: str) -> str:
    """``rows`` hold ready-made ``<td>`` HTML; everything else is escaped here."""
    head = f'<h2 id="{anchor}">{_e(caption)} <span class="n">({len(rows)})</span></h2>'
    if not rows:
        return head + '<p class="empty">None found.</p>'
    th = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(r) + "</tr>" for r in rows)
    return f"{head}<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _td(value: object, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<td{attr}>{_e(value)}</td>"


def _flag(value: bool) -> str:
    return '<td class="yes">yes</td>' if value else "<td></td>"


def _hedges(hedges: Iterable[Hedge]) -> str:
    return "<td>" + " ".join(f'<span class="tag">{_e(h.text)}</span>' for h in hedges) + "</td>"


def _attribution(attr: Attribution | None, analysis: Analysis) -> str:
    if attr is None:
        return "<td></td>"
    source, named = source_label(attr, analysis)
    who = _e(source) if source else '<span class="empty">no source given</span>'
    kind = "" if named or not source else ' <span class="tag">unnamed</span>'
    return f'<td>{who}{kind} <span class="cue-word">\u201c{_e(attr.cue)}\u201d</span></td>'


def _range(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return ""
    return f"{'' if low is None else low}\u2013{'' if high is None else high}"


def _events(analysis: Analysis) -> str:
    rows = []
    for ev in analysis.events:
        date = ""
        if ev.date is not None:
            date = ev.date.text if not ev.date.value else f"{ev.date.span} ({ev.date.text})"
        place = ""
        if ev.location is not None:
            place = ", ".join(p for p in (ev.location.name, ev.location.country) if p)
        counts = ", ".join(f"{k} {v}" for k, v in ev.counts.items())
        rows.append(
            [
                f'<td><span class="tag">{_e(ev.type)}</span></td>',
                _td(date),
                _td(place),
                _td("; ".join(ev.actors)),
                _td(counts),
                _flag(ev.hedged),
                _attribution(ev.attribution, analysis),
            ]
        )
    headers = ("Type", "Date", "Location", "Actors", "Counts", "Hedged", "Attribution")
    return _table("Events", headers, rows, "events")


def _figures(analysis: Analysis) -> str:
    rows = [
        [
            _td(f.text, "quote"),
            _td(f.value, "num"),
            _td(_range(f.low, f.high), "num"),
            _flag(f.approximate),
            f'<td><span class="tag">{_e(f.category)}</span></td>',
            _td(f.of_total, "num"),
            _hedges(f.hedges),
            _attribution(f.attribution, analysis),
            _flag(f.negated),
        ]
        for f in analysis.figures
    ]
    headers = (
        "Text",
        "Value",
        "Low\u2013high",
        "Approx.",
        "Category",
        "Of total",
        "Hedges",
        "Source",
        "Negated",
    )
    return _table("Figures", headers, rows, "figures")


def _bar(score: float) -> str:
    pct = round(min(max(score, 0.0), 1.0) * 100)
    return f'<td class="num"><span class="bar"><span style="width:{pct}%"></span></span>{pct}%</td>'


def _claims(analysis: Analysis) -> str:
    rows = [
        [
            _td(c.text, "quote"),
            _bar(c.checkworthy),
            _hedges(c.hedges),
            _attribution(c.attribution, analysis),
            _flag(c.negated),
        ]
        for c in analysis.claims
    ]
    return _table("Claims", ("Claim", "Check-worthy", "Hedges", "Attribution", "Negated"), rows, "claims")


def _techniques(analysis: Analysis) -> str:
    rows = [
        [
            f'<td><span class="tag sw-{_e(_slug(t.technique))}">{_e(_pretty(t.technique))}</span></td>',
            _td(t.text, "quote"),
            _td(f"{t.score:.2f}", "num"),
            _td(t.explanation),
        ]
        for t in analysis.techniques
    ]
    return _table("Persuasion techniques", ("Technique", "Text", "Score", "Explanation"), rows, "techniques")


def _entities(analysis: Analysis) -> str:
    rows = [
        [
            _td(ent.name),
            f'<td><span class="tag">{_e(ent.type)}</span></td>',
            _td("; ".join(ent.aliases)),
            _td(len(ent.mentions), "num"),
        ]
        for ent in analysis.entities
    ]
    return _table("Entities", ("Name", "Type", "Aliases", "Mentions"), rows, "entities")


# --- page ---------------------------------------------------------------------------------------


def _meta(analysis: Analysis) -> str:
    doc = analysis.document
    url = ""
    if doc.url:
        # Only web links become clickable; anything else (javascript:, data:) stays text.
        if urlparse(doc.url).scheme.lower() in ("http", "https"):
            url = f'<a href="{_e(doc.url)}" rel="noopener noreferrer">{_e(doc.url)}</a>'
        else:
            url = _e(doc.url)
    items = [
        ("Authors", _e(", ".join(doc.authors))),
        ("Published", _e(doc.published)),
        ("Source", _e(doc.source)),
        ("URL", url),
        ("Document ID", _e(doc.id)),
        ("Language", _e(doc.language)),
    ]
    return '<dl class="meta">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in items if v) + "</dl>"


def _legend(spans: Sequence[Highlight]) -> str:
    toggles = []
    for cls, label in KIND_CLASS.values():
        toggles.append(
            f'<label><input type="checkbox" id="show-{cls}" checked>'
            f'<span class="swatch hl {cls}">Aa</span> {_e(label)}</label>'
        )
    techs = sorted({h.label for h in spans if h.kind == "technique"})
    names = "".join(f'<span class="swatch sw-{_e(_slug(t))}">{_e(_pretty(t))}</span>' for t in techs)
    tech_line = f'<div class="techs">{names}</div>' if techs else ""
    body = "".join(toggles) + tech_line
    return f'<div class="legend" role="group" aria-label="Highlight layers">{body}</div>'


def render(analysis: Analysis) -> str:
    doc = analysis.document
    spans = collect(analysis)
    title = doc.title or "Untitled document"
    summary = summary_line(analysis)
    components = f" \u00b7 components: {', '.join(analysis.components)}" if analysis.components else ""
    return f"""<!DOCTYPE html>
<html lang="{_e(doc.language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="presslens {_e(analysis.presslens)}">
<title>{_e(title)} \u2014 presslens</title>
<style>{CSS}
{_technique_css()}</style>
</head>
<body>
<main>
<header class="doc">
<h1>{_e(title)}</h1>
{_meta(analysis)}
<p class="summary">{_e(summary)}</p>
<nav class="toc"><a href="#text-h">Text</a> <a href="#events">Events</a> <a href="#figures">Figures</a>
<a href="#claims">Claims</a> <a href="#techniques">Techniques</a> <a href="#entities">Entities</a></nav>
</header>
<section aria-labelledby="text-h">
<h2 id="text-h">Text</h2>
{_legend(spans)}
<article class="text" id="article-text" lang="{_e(doc.language)}">{highlight_text(doc.text, spans)}</article>
</section>
{_events(analysis)}
{_figures(analysis)}
{_claims(analysis)}
{_techniques(analysis)}
{_entities(analysis)}
<footer>Generated by presslens {_e(analysis.presslens)}{_e(components)}.
Highlights are automatic and may be wrong; check them against the text.</footer>
</main>
</body>
</html>
"""


formats.register("html", func=render)
