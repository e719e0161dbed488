"""The ``text`` format: a terminal report rendered with rich.

Article-derived strings only ever enter rich as :class:`rich.text.Text` objects, which
are never parsed for markup, so "[bold]" in an article prints as written.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from presslens.export._spans import source_label, summary_line
from presslens.model import Analysis, Attribution, Hedge
from presslens.registry import formats

WIDTH = 110


def _t(value: object, style: str = "") -> Text:
    return Text("" if value is None else str(value), style=style)


def _attribution(attr: Attribution | None, analysis: Analysis) -> Text:
    if attr is None:
        return Text("")
    source, named = source_label(attr, analysis)
    out = Text()
    out.append(source or "(no source given)", style="green" if source else "dim")
    if source and not named:
        out.append(" (unnamed)", style="dim")
    out.append(" via ", style="dim")
    out.append(f"\u201c{attr.cue}\u201d", style="magenta")
    return out


def _hedges(hedges: Iterable[Hedge]) -> Text:
    return Text(", ".join(h.text for h in hedges), style="yellow")


def _flag(value: bool) -> Text:
    return Text("yes", style="bold yellow") if value else Text("")


def _table(title: str, *columns: str, show_lines: bool = False) -> Table:
    table = Table(
        title=title, title_justify="left", title_style="bold", header_style="bold cyan", show_lines=show_lines
    )
    for col in columns:
        table.add_column(col, overflow="fold")
    return table


def _header(analysis: Analysis) -> Panel:
    doc = analysis.document
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    rows = [
        ("Authors", ", ".join(doc.authors)),
        ("Published", doc.published),
        ("Source", doc.source),
        ("URL", doc.url),
        ("Document ID", doc.id),
        ("Language", doc.language),
    ]
    for label, value in rows:
        if value:
            grid.add_row(label, _t(value))
    summary = Text(summary_line(analysis), style="dim")
    title = _t(doc.title or "Untitled document", "bold")
    return Panel(
        Group(title, Text(""), grid, Text(""), summary),
        title=f"presslens {analysis.presslens}",
        title_align="left",
        border_style="blue",
    )


def _events(analysis: Analysis) -> Table:
    table = _table("Events", "Type", "Date", "Location", "Actors", "Counts", "Hedged", "Attribution")
    for ev in analysis.events:
        date = ""
        if ev.date is not None:
            date = ev.date.span or ev.date.text
        place = ""
        if ev.location is not None:
            place = ", ".join(p for p in (ev.location.name, ev.location.country) if p)
        counts = ", ".join(f"{k} {v}" for k, v in ev.counts.items())
        table.add_row(
            _t(ev.type, "bold"),
            _t(date),
            _t(place),
            _t("; ".join(ev.actors)),
            _t(counts),
            _flag(ev.hedged),
            _attribution(ev.attribution, analysis),
        )
    return table


def _figures(analysis: Analysis) -> Table:
    table = _table(
        "Figures", "Text", "Value", "Range", "Approx.", "Category", "Of total", "Hedges", "Source", "Negated"
    )
    for f in analysis.figures:
        low, high = ("" if v is None else str(v) for v in (f.low, f.high))
        span = f"{low}\u2013{high}" if low or high else ""
        table.add_row(
            _t(f.text, "bold blue"),
            _t(f.value),
            _t(span),
            _flag(f.approximate),
            _t(f.category),
            _t(f.of_total),
            _hedges(f.hedges),
            _attribution(f.attribution, analysis),
            _flag(f.negated),
        )
    return table


def _bar(score: float) -> Text:
    score = min(max(score, 0.0), 1.0)
    filled = round(score * 10)
    out = Text("\u2588" * filled, style="cyan")
    out.append("\u2591" * (10 - filled), style="dim")
    out.append(f" {round(score * 100)}%")
    return out


def _claims(analysis: Analysis) -> Table:
    # Claims are whole sentences that wrap; rules between rows keep them apart.
    table = _table("Claims", "Claim", "Check-worthy", "Hedges", "Attribution", "Negated", show_lines=True)
    for c in analysis.claims:
        table.add_row(
            _t(c.text), _bar(c.checkworthy), _hedges(c.hedges), _attribution(c.attribution, analysis), _flag(c.negated)
        )
    return table


def _techniques(analysis: Analysis) -> Table:
    table = _table("Persuasion techniques", "Technique", "Text", "Score", "Explanation")
    for t in analysis.techniques:
        table.add_row(
            _t(t.technique, "bold red"), _t(t.text, "italic"), _t(f"{t.score:.2f}"), _t(t.explanation)
        )
    return table


def _entities(analysis: Analysis) -> Table:
    table = _table("Entities", "Name", "Type", "Aliases", "Mentions")
    for e in analysis.entities:
        table.add_row(_t(e.name), _t(e.type), _t("; ".join(e.aliases)), _t(len(e.mentions)))
    return table


def _renderables(analysis: Analysis) -> list[RenderableType]:
    out: list[RenderableType] = [_header(analysis)]
    sections = (
        (analysis.events, _events),
        (analysis.figures, _figures),
        (analysis.claims, _claims),
        (analysis.techniques, _techniques),
        (analysis.entities, _entities),
    )
    for items, build in sections:
        # An empty table is noise; the header's summary already says "0 events".
        if items:
            out.append(Text(""))
            out.append(build(analysis))
    return out


def print_report(analysis: Analysis, console: Console) -> None:
    """Print the report to ``console`` (colours where the console supports them)."""
    for renderable in _renderables(analysis):
        console.print(renderable)


def render(analysis: Analysis) -> str:
    # The StringIO sink keeps a recording console from also writing to stdout.
    console = Console(
        record=True,
        width=WIDTH,
        force_terminal=False,
        force_jupyter=False,
        file=io.StringIO(),
        emoji=False,
        highlight=False,
    )
    print_report(analysis, console)
    return console.export_text()


formats.register("text", func=render)
