"""The ``csv`` format: events as an ACLED-like table, one row per event.

Cells that a spreadsheet would run as a formula are neutralised with a leading
quote, because article text and metadata are untrusted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date

from presslens.export._spans import source_label
from presslens.model import FIGURE_CATEGORIES, Analysis, Event
from presslens.registry import formats

# Counts with their own column, after "fatalities" (which is counts["killed"]).
COUNT_COLUMNS = tuple(c for c in FIGURE_CATEGORIES if c not in ("killed", "other"))

HEADER = (
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "country",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    *COUNT_COLUMNS,
    "hedged",
    "attribution",
    "document_id",
    "title",
)

NOTES_MAX = 500
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def time_precision(first: str | None, last: str | None) -> str:
    """ACLED's time precision: 1 the day is known, 2 within a week, 3 within a longer span ("" with
    no date). A range ("between 2 and 6 May") or sources that date an event differently widen it."""
    if not first:
        return ""
    if not last or last == first:
        return "1"
    try:
        days = (date.fromisoformat(last) - date.fromisoformat(first)).days
    except ValueError:
        return "3"
    return "2" if days <= 6 else "3"


def safe_cell(value: str) -> str:
    """Prefix a cell that a spreadsheet would evaluate (OWASP CSV injection guidance)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def notes_cell(text: str) -> str:
    """Evidence text as one line (sentences may span newlines), cut at ``NOTES_MAX`` characters."""
    notes = " ".join(text.split())
    return notes if len(notes) <= NOTES_MAX else notes[: NOTES_MAX - 1] + "\u2026"


def _notes(event: Event, text: str) -> str:
    return notes_cell(" ".join(text[ev.start : ev.end].strip() for ev in event.evidence))


def _row(analysis: Analysis, event: Event) -> list[str]:
    doc = analysis.document
    actors = [*event.actors, "", ""]
    cells = [
        event.id,
        (event.date.value or "") if event.date else "",
        time_precision(event.date.value, event.date.last) if event.date else "",
        event.type,
        "",
        actors[0],
        actors[1],
        event.location.name if event.location else "",
        (event.location.country or "") if event.location else "",
        doc.source or "",
        "",
        _notes(event, doc.text),
        str(event.counts.get("killed", 0)),
        *(str(event.counts.get(c, 0)) for c in COUNT_COLUMNS),
        "true" if event.hedged else "false",
        (source_label(event.attribution, analysis)[0] or "") if event.attribution else "",
        doc.id,
        doc.title or "",
    ]
    return [safe_cell(c) for c in cells]


def events_csv(analyses: Iterable[Analysis]) -> str:
    """One table for the events of several documents."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for analysis in analyses:
        for event in analysis.events:
            writer.writerow(_row(analysis, event))
    return out.getvalue()


def render(analysis: Analysis) -> str:
    return events_csv([analysis])


formats.register("csv", func=render)
