"""Grouping event mentions from many documents into events, with blocking.

A mention is compared only with the events already formed whose dates lie within
``window_days`` of its own and whose places it shares (or that have no place), found
through a (day, place) index; so the cost grows with the number of mentions times the
number of events per place and week, not with all pairs. Within a block a mention joins
the best-scoring compatible event:

* types must be compatible (attack / armed clash / killing are one violent group;
  "other" fits anything);
* two mentions from the same document never merge (the per-document extractor already
  decided they are different events);
* score = 0.35 place + 0.15 date closeness + 0.10 shared actors + 0.40 text similarity
  (cosine of MiniLM sentence embeddings, or word overlap without them); join if
  the score reaches ``threshold``.

Mentions with no date join an event of the same place reported within the window of the
document's publication date, and otherwise are left unplaced: an event needs a date.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

VIOLENT = frozenset({"attack", "armed_clash", "killing"})
# a range longer than this is a period, not an incident's dates
_MAX_RANGE_DAYS = 31
_WORD = re.compile(r"[a-z]{3,}")
_STOP = frozenset("the and that with from were was has have had for said this they their its into after when "
                  "which also been are who not but more than".split())


def compatible(a: str, b: str) -> bool:
    if a == b or "other" in (a, b):
        return True
    return a in VIOLENT and b in VIOLENT


def norm_place(name: str | None) -> str | None:
    if not name:
        return None
    key = " ".join(name.lower().replace("\u2019", "'").split())
    key = re.sub(r"^(the|camp|city of|town of)\s+", "", key)
    return key or None


@dataclass
class MentionIn:
    """What clustering needs to know about one event mention."""

    id: int
    document_id: str
    type: str
    date: datetime.date | None
    published: datetime.date | None
    places: frozenset[str]  # normalised: the mention's location, else the document's place names
    actors: frozenset[str]
    text: str
    date_last: datetime.date | None = None  # the last day when the text gives a range

    def days(self) -> list[datetime.date]:
        """Every day of the mention's date (a range covers all its days, at most a month)."""
        if self.date is None:
            return []
        if self.date_last is None or self.date_last <= self.date:
            return [self.date]
        span = min((self.date_last - self.date).days, _MAX_RANGE_DAYS)
        return [self.date + timedelta(days=k) for k in range(span + 1)]


@dataclass
class Cluster:
    id: int
    types: list[str] = field(default_factory=list)
    members: list[int] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)
    dates: list[date] = field(default_factory=list)
    words: set[str] = field(default_factory=set)
    centroid: np.ndarray | None = None


@dataclass
class ClusterOptions:
    window_days: int = 3
    threshold: float = 0.5
    use_embeddings: bool = True


def words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


class Clusterer:
    def __init__(self, options: ClusterOptions, vectors: np.ndarray | None = None) -> None:
        self.o = options
        self.vectors = vectors
        self.clusters: list[Cluster] = []
        # (day ordinal, place or "") -> clusters with a mention on that day at that place.
        self.index: dict[tuple[int, str], list[int]] = defaultdict(list)
        self.by_day: dict[int, list[int]] = defaultdict(list)
        self.comparisons = 0

    def _candidates(self, days: list[date], places: frozenset[str]) -> set[int]:
        found: set[int] = set()
        ordinals = {day.toordinal() + k for day in days for k in range(-self.o.window_days, self.o.window_days + 1)}
        for d in sorted(ordinals):
            if places:
                for p in (*places, ""):
                    found.update(self.index.get((d, p), ()))
            else:
                found.update(self.by_day.get(d, ()))
        return found

    def _score(self, m: MentionIn, row: int, c: Cluster, days: list[date]) -> float:
        if not compatible(m.type, c.types[0]) or m.document_id in c.documents:
            return -1.0
        if m.places and c.places and not (m.places & c.places):
            return -1.0
        place = 1.0 if m.places & c.places or self._named_in(m, c) else 0.5
        gap = min(abs((day - d).days) for d in c.dates for day in days)
        closeness = 1.0 - gap / (self.o.window_days + 1)
        actors = 1.0 if m.actors & c.actors else 0.0
        if self.vectors is not None and c.centroid is not None:
            sim = float(self.vectors[row] @ c.centroid) / max(float(np.linalg.norm(c.centroid)), 1e-9)
        else:
            sim = min(1.0, 2 * _jaccard(words(m.text), c.words))
        return 0.35 * place + 0.15 * closeness + 0.10 * actors + 0.40 * sim

    @staticmethod
    def _named_in(m: MentionIn, c: Cluster) -> bool:
        """A mention with no recognised place that names the event's place in its text or
        among its actors (NER reads "Tarnak" as an organisation now and then)."""
        if m.places:
            return False
        if m.actors & c.places:
            return True
        low = m.text.lower()
        return any(re.search(rf"\b{re.escape(p)}\b", low) for p in c.places)

    def _add(self, c: Cluster, m: MentionIn, row: int, days: list[date]) -> None:
        c.types.append(m.type)
        if m.type != "other" and c.types[0] == "other":
            c.types.insert(0, c.types.pop())
        c.members.append(m.id)
        c.documents.add(m.document_id)
        c.places |= m.places
        c.actors |= m.actors
        c.dates.extend(days)
        if self.vectors is not None:
            v = self.vectors[row]
            c.centroid = v.copy() if c.centroid is None else c.centroid + v
        else:
            c.words |= words(m.text)
        for day in days:
            for p in m.places or {""}:
                if c.id not in self.index[(day.toordinal(), p)]:
                    self.index[(day.toordinal(), p)].append(c.id)
            if c.id not in self.by_day[day.toordinal()]:
                self.by_day[day.toordinal()].append(c.id)

    def _place(self, m: MentionIn, row: int, days: list[date], create: bool) -> int | None:
        best, best_score = None, self.o.threshold
        for cid in sorted(self._candidates(days, m.places)):
            self.comparisons += 1
            s = self._score(m, row, self.clusters[cid], days)
            if s >= best_score:
                best, best_score = cid, s
        if best is None:
            if not create:
                return None
            best = len(self.clusters)
            self.clusters.append(Cluster(id=best))
        self._add(self.clusters[best], m, row, days)
        return best

    def run(self, mentions: list[MentionIn]) -> tuple[list[list[int]], list[int]]:
        """Returns (clusters as lists of mention ids, ids of mentions left unplaced)."""
        rows = {m.id: i for i, m in enumerate(mentions)}
        dated = sorted((m for m in mentions if m.date), key=lambda m: (m.date, m.document_id, m.id))
        for m in dated:
            self._place(m, rows[m.id], m.days(), create=True)
        unplaced = []
        for m in sorted((m for m in mentions if not m.date), key=lambda m: (m.document_id, m.id)):
            if m.published is None or not m.places or self._place(m, rows[m.id], [m.published], create=False) is None:
                unplaced.append(m.id)
        return [c.members for c in self.clusters], unplaced


def cluster_mentions(mentions: list[MentionIn], vectors: np.ndarray | None = None,
                     options: ClusterOptions | None = None) -> tuple[list[list[int]], list[int]]:
    return Clusterer(options or ClusterOptions(), vectors).run(mentions)

