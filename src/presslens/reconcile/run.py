"""``presslens reconcile``: read the store, cluster, and write events and claim groups.

Re-running replaces the previous events and claim groups, so the result depends only on
the documents stored, never on how often or in what order reconcile ran.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import Connection, Engine, delete, insert, select, update

from presslens.model import PLACE_TYPES
from presslens.reconcile.cluster import ClusterOptions, MentionIn, cluster_mentions, norm_place, words
from presslens.reconcile.figures import SourceFigure, summarise
from presslens.store import schema as t


@dataclass
class ReconcileOptions:
    window_days: int = 3
    threshold: float = 0.5
    claim_threshold: float = 0.75
    use_embeddings: bool = True


@dataclass
class ReconcileSummary:
    mentions: int = 0
    events: int = 0
    unplaced: int = 0
    conflicts: int = 0
    claims: int = 0
    claim_groups: int = 0
    multi_source_groups: int = 0
    embeddings: bool = False
    event_ids: list[int] = field(default_factory=list)

    def line(self) -> str:
        return (f"presslens: reconcile: {self.mentions} event mentions -> {self.events} events "
                f"({self.conflicts} with conflicting figures, {self.unplaced} mentions without a date left out); "
                f"{self.claims} claims -> {self.multi_source_groups} claim groups across sources"
                f"{'' if self.embeddings else ' (no embeddings)'}")


def _iso(value: str | None) -> date | None:
    if not value or value.startswith("-"):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _source_name(doc: Any) -> str:
    return doc.source or doc.title or doc.id[:12]


def _encoder(options: ReconcileOptions) -> Any:
    if not options.use_embeddings:
        return None
    from presslens.reconcile.encoder import get_encoder

    return get_encoder()


def _load_mentions(conn: Connection) -> tuple[list[MentionIn], dict[int, Any], dict[str, Any]]:
    docs = {d.id: d for d in conn.execute(select(t.documents.c.id, t.documents.c.title, t.documents.c.source,
                                                  t.documents.c.published))}
    doc_places: dict[str, set[str]] = defaultdict(set)
    for e in conn.execute(select(t.entities.c.document_id, t.entities.c.name)
                          .where(t.entities.c.type.in_(PLACE_TYPES))):
        place = norm_place(e.name)
        if place:
            doc_places[e.document_id].add(place)
    rows = {r.id: r for r in conn.execute(select(t.event_mentions).order_by(t.event_mentions.c.id))}
    mentions = []
    for r in rows.values():
        place = norm_place(r.location)
        places = frozenset({place} if place else doc_places.get(r.document_id, set()))
        actors = frozenset(a.lower() for a in json.loads(r.actors or "[]"))
        mentions.append(MentionIn(id=r.id, document_id=r.document_id, type=r.type, date=_iso(r.date),
                                  date_last=_iso(r.date_last),
                                  published=_iso(docs[r.document_id].published), places=places, actors=actors,
                                  text=r.evidence or r.type))
    return mentions, rows, docs


def _event_row(members: list[Any], docs: dict[str, Any], figures: list[SourceFigure]) -> dict[str, Any]:
    types = Counter(m.type for m in members if m.type != "other") or Counter(m.type for m in members)
    dates = sorted(d for m in members for d in (m.date, m.date_last) if d and not d.startswith("-"))
    reports = sorted(p for p in (docs[m.document_id].published for m in members) if p) or dates
    places = Counter(m.location for m in members if m.location)
    countries = Counter(m.country for m in members if m.country)
    actors: list[str] = []
    for m in members:
        actors += [a for a in json.loads(m.actors or "[]") if a not in actors]
    summaries = summarise(figures)
    return {
        "type": types.most_common(1)[0][0],
        "date_first": dates[0] if dates else None,
        "date_last": dates[-1] if dates else None,
        "location": places.most_common(1)[0][0] if places else None,
        "country": countries.most_common(1)[0][0] if countries else None,
        "actors": json.dumps(actors, ensure_ascii=False),
        "first_report": reports[0] if reports else None,
        "last_report": reports[-1] if reports else None,
        "n_sources": len({_source_name(docs[m.document_id]) for m in members}),
        "n_mentions": len(members),
        "n_conflicts": sum(1 for s in summaries if s.conflicts),
        "summary": json.dumps({"categories": [s.to_dict() for s in summaries]}, ensure_ascii=False),
    }


def _figures_for(conn: Connection, mention_ids: list[int], docs: dict[str, Any]) -> list[SourceFigure]:
    out = []
    for f in conn.execute(select(t.figures).where(t.figures.c.mention_id.in_(mention_ids))):
        doc = docs[f.document_id]
        out.append(SourceFigure(
            figure_id=f.id, document_id=f.document_id, source=_source_name(doc), published=doc.published,
            category=f.category, text=f.text, value=f.value, low=f.low, high=f.high, approximate=f.approximate,
            negated=f.negated, hedges=json.loads(f.hedges or "[]"), attribution=f.attribution,
        ))
    return out


def _clear(conn: Connection) -> None:
    conn.execute(delete(t.event_figures))
    conn.execute(update(t.event_mentions).values(event_id=None))
    conn.execute(update(t.claims).values(group_id=None))
    conn.execute(delete(t.claim_groups))
    conn.execute(delete(t.events))


def _group_claims(conn: Connection, encoder: Any, options: ReconcileOptions, doc_event: dict[str, int],
                  docs: dict[str, Any], summary: ReconcileSummary) -> None:
    claims = list(conn.execute(select(t.claims.c.id, t.claims.c.document_id, t.claims.c.text)
                               .order_by(t.claims.c.id)))
    summary.claims = len(claims)
    if not claims:
        return
    vecs = encoder.encode([c.text for c in claims]) if encoder is not None else None
    # Block: claims of documents reporting the same event; other documents' claims stay apart.
    blocks: dict[Any, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        blocks[doc_event.get(c.document_id, ("doc", c.document_id))].append(i)
    for key, idxs in blocks.items():
        groups: list[dict[str, Any]] = []
        idxs.sort(key=lambda i: (docs[claims[i].document_id].published or "", claims[i].id))
        for i in idxs:
            best, best_sim = None, options.claim_threshold
            for g in groups:
                if claims[i].document_id in g["docs"]:
                    continue
                if vecs is not None:
                    sim = float(vecs[i] @ g["centroid"]) / max(float(np.linalg.norm(g["centroid"])), 1e-9)
                else:
                    a, b = words(claims[i].text), g["words"]
                    sim = len(a & b) / len(a | b) if a and b else 0.0
                if sim >= best_sim:
                    best, best_sim = g, sim
            if best is None:
                best = {"members": [], "docs": set(), "words": set(),
                        "centroid": np.zeros(vecs.shape[1], dtype=np.float32) if vecs is not None else None}
                groups.append(best)
            best["members"].append(i)
            best["docs"].add(claims[i].document_id)
            best["words"] |= words(claims[i].text)
            if vecs is not None:
                best["centroid"] = best["centroid"] + vecs[i]
        for g in groups:
            gid = conn.execute(insert(t.claim_groups).values(
                text=claims[g["members"][0]].text, event_id=key if isinstance(key, int) else None,
                n_sources=len({_source_name(docs[claims[i].document_id]) for i in g["members"]}),
                n_claims=len(g["members"]),
            ).returning(t.claim_groups.c.id)).scalar_one()
            conn.execute(update(t.claims).where(t.claims.c.id.in_([claims[i].id for i in g["members"]]))
                         .values(group_id=gid))
            summary.claim_groups += 1
            summary.multi_source_groups += len(g["docs"]) > 1


def reconcile_db(engine: Engine, options: ReconcileOptions | None = None) -> ReconcileSummary:
    """Cluster every stored event mention into events and every claim into claim groups,
    in one transaction."""
    options = options or ReconcileOptions()
    summary = ReconcileSummary()
    encoder = _encoder(options)
    summary.embeddings = encoder is not None
    with engine.begin() as conn:
        _clear(conn)
        mentions, rows, docs = _load_mentions(conn)
        summary.mentions = len(mentions)
        vectors = encoder.encode([m.text for m in mentions]) if encoder is not None and mentions else None
        clusters, unplaced = cluster_mentions(mentions, vectors, ClusterOptions(
            window_days=options.window_days, threshold=options.threshold, use_embeddings=encoder is not None))
        summary.unplaced = len(unplaced)
        doc_event: dict[str, int] = {}
        for member_ids in clusters:
            members = [rows[i] for i in member_ids]
            figures = _figures_for(conn, member_ids, docs)
            values = _event_row(members, docs, figures)
            event_id = conn.execute(insert(t.events).values(**values).returning(t.events.c.id)).scalar_one()
            summary.event_ids.append(event_id)
            summary.events += 1
            summary.conflicts += values["n_conflicts"] > 0
            conn.execute(update(t.event_mentions).where(t.event_mentions.c.id.in_(member_ids))
                         .values(event_id=event_id))
            if figures:
                conn.execute(insert(t.event_figures), [
                    {"event_id": event_id, "figure_id": f.figure_id, "conflict": f.conflict} for f in figures])
            for m in members:
                doc_event.setdefault(m.document_id, event_id)
        _group_claims(conn, encoder, options, doc_event, docs, summary)
    return summary
