"""The highlightable spans of an analysis, shared by the span-based exporters.

Techniques, figures, hedge cues and attribution cues/sources are flattened into one
list of :class:`Highlight` records so the HTML, Web Annotation and Label Studio
outputs agree on what is marked and where. :func:`summary_line` is shared by the
two reports.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from presslens.model import Analysis, Attribution, Hedge

# Display order when several spans start and end at the same place.
KINDS = ("technique", "figure", "hedge", "cue", "source")


@dataclass(frozen=True)
class Highlight:
    kind: str  # one of KINDS
    label: str  # technique name, figure category, hedge kind; the kind for cues and sources
    start: int
    end: int
    note: str  # plain words for a reader: "figure: 52 killed", "hedge: allegedly"
    score: float | None = None  # only techniques carry a model score


def _hedges(hedges: list[Hedge]) -> Iterator[Highlight]:
    for h in hedges:
        yield Highlight("hedge", h.kind, h.start, h.end, f"hedge: {h.text}")


def _attribution(attr: Attribution | None, text: str) -> Iterator[Highlight]:
    if attr is None:
        return
    if len(attr.cue_span) == 2:
        start, end = attr.cue_span
        yield Highlight("cue", "cue", start, end, f"attribution cue: {attr.cue}")
    if attr.source_span is not None and len(attr.source_span) == 2:
        start, end = attr.source_span
        source = attr.source or text[start:end]
        yield Highlight("source", "source", start, end, f"source: {source}")


def _all(analysis: Analysis) -> Iterator[Highlight]:
    text = analysis.document.text
    for t in analysis.techniques:
        yield Highlight("technique", t.technique, t.start, t.end, t.explanation, t.score)
    for f in analysis.figures:
        yield Highlight("figure", f.category, f.start, f.end, f"figure: {f.text} {f.category}")
        yield from _hedges(f.hedges)
        yield from _attribution(f.attribution, text)
    for c in analysis.claims:
        yield from _hedges(c.hedges)
        yield from _attribution(c.attribution, text)
    for e in analysis.events:
        yield from _attribution(e.attribution, text)


def collect(analysis: Analysis) -> list[Highlight]:
    """All spans, deduplicated and sorted by position.

    A hedge or attribution shared by a figure and a claim is reported once. Spans whose
    offsets fall outside the text are dropped: they cannot be anchored anywhere.
    """
    size = len(analysis.document.text)
    seen: set[tuple[str, str, int, int]] = set()
    out: list[Highlight] = []
    for h in _all(analysis):
        key = (h.kind, h.label, h.start, h.end)
        if key in seen or not 0 <= h.start < h.end <= size:
            continue
        seen.add(key)
        out.append(h)
    out.sort(key=lambda h: (h.start, -h.end, KINDS.index(h.kind)))
    return out


def summary_line(analysis: Analysis) -> str:
    """The counts for a report header: "1 event · 3 figures · ..."."""
    counts = (
        (len(analysis.events), "event"),
        (len(analysis.figures), "figure"),
        (len(analysis.claims), "claim"),
        (len(analysis.techniques), "technique"),
        (len(analysis.entities), "entity"),
    )
    plural = {"entity": "entities"}
    return " \u00b7 ".join(f"{n} {noun if n == 1 else plural.get(noun, noun + 's')}" for n, noun in counts)


_PRONOUNS = frozenset("he she they it we i him her them us".split())


def source_label(attr: Attribution, analysis: Analysis) -> tuple[str | None, bool]:
    """What a report shows as the source, and whether it is named: a pronoun with the person it
    stands for ("he (Ibrahim Sule)"), which the source's entity says; the source as written else."""
    if attr.source and attr.source.lower() in _PRONOUNS and attr.source_entity:
        entity = next((e for e in analysis.entities if e.id == attr.source_entity), None)
        if entity is not None:
            return f"{attr.source} ({entity.name})", True
    return attr.source, attr.named
