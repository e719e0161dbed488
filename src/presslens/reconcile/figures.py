"""Comparing the figures that different sources give for one event.

Each figure becomes the interval of values it allows: "52" is [52, 52], "at least 50"
is [50, inf), "dozens" is [24, inf), "about 70" is [56, 84], "up to 30" is [0, 30]; an
exact figure with an epistemic hedge ("may have killed 30") allows 20% either way.
Two figures of one category from different sources conflict when their intervals do not
overlap: they differ and neither is hedged or ranged widely enough to cover the other.
The agreed range is where the most sources' intervals overlap.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

APPROX_TOLERANCE = 0.2


@dataclass
class SourceFigure:
    figure_id: int
    document_id: str
    source: str
    published: str | None
    category: str
    text: str
    value: int | None
    low: int | None
    high: int | None
    approximate: bool
    negated: bool = False
    hedges: list[dict[str, Any]] = field(default_factory=list)
    attribution: str | None = None
    conflict: bool = False
    # a part of a larger count the same source gives on the same word ("at least 22 civilians,
    # including six children"; "the names of 19 of the dead"): listed, but not a rival total
    part: bool = False

    def interval(self) -> tuple[float, float] | None:
        lo, hi, v = self.low, self.high, self.value
        if lo is not None and hi is not None:
            return float(lo), float(hi)
        if lo is not None:
            return float(lo), math.inf
        if hi is not None:
            return 0.0, float(hi)
        if v is None:
            return None
        epistemic = any(h.get("kind") == "epistemic" for h in self.hedges)
        if self.approximate or epistemic:
            return v * (1 - APPROX_TOLERANCE), v * (1 + APPROX_TOLERANCE)
        return float(v), float(v)


def overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _fmt(x: float) -> str:
    return "" if math.isinf(x) else str(int(round(x)))


def describe(interval: tuple[float, float] | None) -> str:
    """[52, 52] -> "52"; [50, inf) -> "at least 50"; [20, 30] -> "20-30"."""
    if interval is None:
        return ""
    lo, hi = interval
    if math.isinf(hi):
        return f"at least {_fmt(lo)}"
    if round(lo) == round(hi):
        return _fmt(lo)
    if lo <= 0:
        return f"up to {_fmt(hi)}"
    return f"{_fmt(lo)}\u2013{_fmt(hi)}"


@dataclass
class CategorySummary:
    category: str
    rows: list[SourceFigure]
    agreed: tuple[float, float] | None
    agreeing_sources: int
    conflicts: list[tuple[str, str]]  # pairs of source names whose figures cannot both be true
    lowest: float | None = None  # the most conservative figure any source gives (ACLED's practice)

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "agreed": describe(self.agreed),
            "agreed_low": None if self.agreed is None else round(self.agreed[0]),
            "agreed_high": None if self.agreed is None or math.isinf(self.agreed[1]) else round(self.agreed[1]),
            "agreeing_sources": self.agreeing_sources,
            "lowest": None if self.lowest is None else round(self.lowest),
            "sources": len({r.source for r in self.rows}),
            "conflict": bool(self.conflicts),
            "conflicts": [list(p) for p in self.conflicts],
        }


def _best_overlap(intervals: list[tuple[str, tuple[float, float]]]) -> tuple[tuple[float, float] | None, int]:
    """The range covered by the most distinct sources (a sweep over interval ends)."""
    best: tuple[float, float] | None = None
    best_n = 0
    points = sorted({iv[0] for _, iv in intervals})
    for p in points:
        covering = [(s, iv) for s, iv in intervals if iv[0] <= p <= iv[1]]
        n = len({s for s, _ in covering})
        if n > best_n:
            best_n = n
            best = (max(iv[0] for _, iv in covering), min(iv[1] for _, iv in covering))
    return best, best_n


def _same_word(a: str | None, b: str | None) -> bool:
    """Whether two attributions in one document name the same source: the same words, or a
    definite description and the name it stands for ("The group" and "The Sarem Monitoring
    Group", "the ministry" and "The Ministry of Health" share their head word)."""
    if a == b:
        return True
    if a is None or b is None:
        return False
    wa, wb = a.lower().split(), b.lower().split()
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return len(short) == 2 and short[0] == "the" and short[1] in long_ and len(long_) > 2


def _mark_parts(rows: list[SourceFigure]) -> None:
    """A figure entirely below another of its category in the same document, on the same word,
    counts a part of it: the comparison across sources is between each one's totals."""
    for r in rows:
        iv = r.interval()
        r.part = iv is not None and not r.negated and any(
            o is not r and o.document_id == r.document_id and _same_word(o.attribution, r.attribution) and not o.negated
            and (ov := o.interval()) is not None and iv[1] < ov[0] for o in rows)


def summarise(rows: Iterable[SourceFigure]) -> list[CategorySummary]:
    """Per category: rows (duplicates from one source removed), agreed range, conflicts.
    Negated figures ("no one was killed") and parts of a source's own total ("including six
    children") are listed but take no part in the comparison."""
    by_cat: dict[str, list[SourceFigure]] = {}
    kept: dict[tuple[str, str, int | None, int | None, int | None], SourceFigure] = {}
    twins: list[tuple[SourceFigure, SourceFigure]] = []
    rows = list(rows)
    for category in {r.category for r in rows}:  # before repeats are set aside: a part may follow either
        _mark_parts([r for r in rows if r.category == category])
    for r in sorted(rows, key=lambda r: (r.published or "", r.source, r.figure_id)):
        key = (r.source, r.category, r.value, r.low, r.high)
        if key in kept:
            twins.append((r, kept[key]))
            continue
        kept[key] = r
        by_cat.setdefault(r.category, []).append(r)
    out = []
    for cat in sorted(by_cat):
        cat_rows = by_cat[cat]
        usable = [(r, r.interval()) for r in cat_rows if not r.negated and not r.part]
        intervals = [(r.source, iv) for r, iv in usable if iv is not None]
        conflicts: set[tuple[str, str]] = set()
        for i, (a, ia) in enumerate(usable):
            for b, ib in usable[i + 1 :]:
                if ia is None or ib is None or a.source == b.source or overlaps(ia, ib):
                    continue
                a.conflict = b.conflict = True
                conflicts.add(tuple(sorted((a.source, b.source))))  # type: ignore[arg-type]
        agreed, n = _best_overlap(intervals)
        if n < 2 and len({s for s, _ in intervals}) > 1:
            agreed, n = None, 0  # every source alone: nothing is agreed (not the lowest figure)
        lowest = min((iv[0] for _, iv in intervals), default=None)
        out.append(CategorySummary(cat, cat_rows, agreed, n, sorted(conflicts), lowest))
    for twin, original in twins:  # a figure repeated by its source (headline and body) shares the verdict
        twin.conflict = original.conflict
    return out
