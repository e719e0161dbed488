"""Reading the corpus store: the queries behind the API and the web pages.

Every filter value comes from a request, so all of them are bound parameters; the
full-text query is quoted term by term so FTS5 syntax in user input is plain text.
"""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, and_, exists, func, select, text

from presslens import model
from presslens.errors import PresslensError
from presslens.store import schema as t

MAX_LIMIT = 500


def check_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` or None; anything else is the caller's error (E510)."""
    if value is None or value == "":
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise PresslensError("E510", value=value[:40])
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise PresslensError("E510", value=value[:40]) from exc


# --- analysis JSON back to dataclasses -------------------------------------------------------


def _build(tp: Any, value: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _build(inner[0], value) if len(inner) == 1 else value
    if origin is list:
        (item,) = typing.get_args(tp) or (Any,)
        return [_build(item, v) for v in value or []]
    if dataclasses.is_dataclass(tp) and isinstance(value, dict):
        hints = typing.get_type_hints(tp, vars(model))
        kwargs = {f.name: _build(hints[f.name], value[f.name]) for f in dataclasses.fields(tp) if f.name in value}
        factory: Any = tp
        return factory(**kwargs)
    return value


def analysis_from_dict(data: dict[str, Any]) -> model.Analysis:
    """Rebuild an :class:`~presslens.model.Analysis` from its JSON (unknown keys ignored)."""
    result: model.Analysis = _build(model.Analysis, data)
    return result


def load_analysis(conn: Connection, doc_id: str) -> model.Analysis:
    row = conn.execute(select(t.documents.c.analysis).where(t.documents.c.id == doc_id)).first()
    if row is None:
        raise PresslensError("E512", what="document", id=doc_id[:60])
    return analysis_from_dict(json.loads(row.analysis))


# --- documents ----------------------------------------------------------------------------------


def _fts_terms(q: str) -> list[str]:
    return re.findall(r"\w+", q)[:20]


def _search_clause(conn: Connection, q: str) -> Any:
    terms = _fts_terms(q)
    if not terms:
        return None
    if conn.dialect.name == "sqlite":
        match = " ".join('"' + w.replace('"', '""') + '"' for w in terms)
        return t.documents.c.id.in_(
            select(text("document_id")).select_from(text("documents_fts")).where(text("documents_fts MATCH :m"))
            .params(m=match))
    if conn.dialect.name == "postgresql":
        return text("to_tsvector('english', coalesce(documents.title, '') || ' ' || documents.text) "
                    "@@ plainto_tsquery('english', :q)").bindparams(q=" ".join(terms))
    like = "%" + "%".join(terms) + "%"
    return t.documents.c.text.like(like)


@dataclasses.dataclass
class DocumentFilter:
    q: str | None = None
    source: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    technique: str | None = None
    event_type: str | None = None
    category: str | None = None
    limit: int = 50
    offset: int = 0

    def __post_init__(self) -> None:
        self.date_from = check_date(self.date_from)
        self.date_to = check_date(self.date_to)
        self.limit = max(1, min(int(self.limit), MAX_LIMIT))
        self.offset = max(0, int(self.offset))


def _document_select(conn: Connection, f: DocumentFilter) -> Select[Any]:
    d = t.documents
    where: list[Any] = []
    if f.q:
        clause = _search_clause(conn, f.q)
        if clause is not None:
            where.append(clause)
    if f.source:
        where.append(d.c.source == f.source)
    if f.date_from:
        where.append(d.c.published >= f.date_from)
    if f.date_to:
        where.append(d.c.published <= f.date_to)
    if f.technique:
        where.append(exists().where(and_(t.techniques.c.document_id == d.c.id,
                                         t.techniques.c.technique == f.technique)))
    if f.event_type:
        where.append(exists().where(and_(t.event_mentions.c.document_id == d.c.id,
                                         t.event_mentions.c.type == f.event_type)))
    if f.category:
        where.append(exists().where(and_(t.figures.c.document_id == d.c.id, t.figures.c.category == f.category)))
    return select(d.c.id, d.c.title, d.c.source, d.c.published, d.c.url).where(*where)


def _counts(conn: Connection, table: Any, ids: list[str]) -> dict[str, int]:
    if not ids:
        return {}
    rows = conn.execute(select(table.c.document_id, func.count()).where(table.c.document_id.in_(ids))
                        .group_by(table.c.document_id))
    return {r[0]: r[1] for r in rows}


def list_documents(conn: Connection, f: DocumentFilter) -> dict[str, Any]:
    base = _document_select(conn, f)
    total = conn.execute(select(func.count()).select_from(base.subquery())).scalar_one()
    rows = conn.execute(base.order_by(t.documents.c.published.desc(), t.documents.c.id)
                        .limit(f.limit).offset(f.offset)).all()
    ids = [r.id for r in rows]
    counts = {name: _counts(conn, table, ids) for name, table in
              (("events", t.event_mentions), ("figures", t.figures), ("claims", t.claims),
               ("techniques", t.techniques))}
    items = [{"id": r.id, "title": r.title, "source": r.source, "published": r.published, "url": r.url,
              **{name: c.get(r.id, 0) for name, c in counts.items()}} for r in rows]
    return {"total": total, "limit": f.limit, "offset": f.offset, "items": items}


def facets(conn: Connection) -> dict[str, list[str]]:
    """The values the corpus filters offer."""
    def distinct(col: Any) -> list[str]:
        return [r[0] for r in conn.execute(select(col).where(col.is_not(None)).distinct().order_by(col))]

    return {"sources": distinct(t.documents.c.source), "techniques": distinct(t.techniques.c.technique),
            "event_types": distinct(t.event_mentions.c.type), "categories": distinct(t.figures.c.category)}


# --- events -------------------------------------------------------------------------------------


def _event_dict(r: Any) -> dict[str, Any]:
    return {"id": r.id, "type": r.type, "date_first": r.date_first, "date_last": r.date_last,
            "location": r.location, "country": r.country, "actors": json.loads(r.actors or "[]"),
            "first_report": r.first_report, "last_report": r.last_report, "n_sources": r.n_sources,
            "n_mentions": r.n_mentions, "n_conflicts": r.n_conflicts,
            "figures": json.loads(r.summary or "{}").get("categories", [])}


def list_events(conn: Connection, *, event_type: str | None = None, date_from: str | None = None,
                date_to: str | None = None, conflicts_only: bool = False, limit: int = 100,
                offset: int = 0) -> dict[str, Any]:
    e = t.events
    where: list[Any] = []
    if event_type:
        where.append(e.c.type == event_type)
    if date_from := check_date(date_from):
        where.append(e.c.date_last >= date_from)
    if date_to := check_date(date_to):
        where.append(e.c.date_first <= date_to)
    if conflicts_only:
        where.append(e.c.n_conflicts > 0)
    base = select(e).where(*where)
    total = conn.execute(select(func.count()).select_from(base.subquery())).scalar_one()
    limit = max(1, min(limit, MAX_LIMIT))
    rows = conn.execute(base.order_by(e.c.date_first, e.c.id).limit(limit).offset(max(0, offset)))
    return {"total": total, "limit": limit, "offset": offset, "items": [_event_dict(r) for r in rows]}


def get_event(conn: Connection, event_id: int) -> dict[str, Any]:
    row = conn.execute(select(t.events).where(t.events.c.id == event_id)).first()
    if row is None:
        raise PresslensError("E512", what="event", id=str(event_id))
    event = _event_dict(row)
    d, m = t.documents, t.event_mentions
    mentions = conn.execute(
        select(m.c.id, m.c.document_id, m.c.type, m.c.date, m.c.date_text, m.c.location, m.c.hedged,
               m.c.attribution, m.c.evidence, d.c.title, d.c.source, d.c.published)
        .join(d, d.c.id == m.c.document_id).where(m.c.event_id == event_id)
        .order_by(d.c.published, m.c.id)).all()
    event["mentions"] = [
        {"id": r.id, "document_id": r.document_id, "title": r.title, "source": r.source or r.title,
         "published": r.published, "type": r.type, "date": r.date, "date_text": r.date_text,
         "location": r.location, "hedged": bool(r.hedged), "attribution": r.attribution, "evidence": r.evidence}
        for r in mentions]
    f, ef = t.figures, t.event_figures
    figs = conn.execute(
        select(f, ef.c.conflict, d.c.source, d.c.title, d.c.published)
        .join(ef, ef.c.figure_id == f.c.id).join(d, d.c.id == f.c.document_id)
        .where(ef.c.event_id == event_id).order_by(f.c.category, d.c.published, f.c.id)).all()
    event["source_figures"] = [
        {"figure_id": r.id, "document_id": r.document_id, "source": r.source or r.title, "published": r.published,
         "category": r.category, "text": r.text, "value": r.value, "low": r.low, "high": r.high,
         "approximate": bool(r.approximate), "negated": bool(r.negated), "hedges": json.loads(r.hedges or "[]"),
         "attribution": r.attribution, "conflict": bool(r.conflict)}
        for r in figs]
    return event


# --- claims -------------------------------------------------------------------------------------


def list_claims(conn: Connection, *, q: str | None = None, event_id: int | None = None,
                multi_source: bool = False, limit: int = 100, offset: int = 0) -> dict[str, Any]:
    c, d, g = t.claims, t.documents, t.claim_groups
    where: list[Any] = []
    if q and (terms := _fts_terms(q)):
        if conn.dialect.name == "sqlite":
            match = " ".join('"' + w.replace('"', '""') + '"' for w in terms)
            where.append(c.c.id.in_(select(text("claim_id")).select_from(text("claims_fts"))
                                    .where(text("claims_fts MATCH :cm")).params(cm=match)))
        else:
            where.append(text("to_tsvector('english', claims.text) @@ plainto_tsquery('english', :cq)")
                         .bindparams(cq=" ".join(terms)))
    if event_id is not None:
        where.append(g.c.event_id == event_id)
    if multi_source:
        where.append(g.c.n_sources > 1)
    base = (select(c.c.id, c.c.document_id, c.c.text, c.c.checkworthy, c.c.hedged, c.c.hedges, c.c.attribution,
                   c.c.negated, c.c.group_id, g.c.event_id, g.c.n_sources, d.c.title, d.c.source, d.c.published,
                   d.c.url)
            .join(d, d.c.id == c.c.document_id).outerjoin(g, g.c.id == c.c.group_id).where(*where))
    total = conn.execute(select(func.count()).select_from(base.subquery())).scalar_one()
    limit = max(1, min(limit, MAX_LIMIT))
    rows = conn.execute(base.order_by(c.c.group_id, d.c.published, c.c.id).limit(limit).offset(max(0, offset)))
    items = [{"id": r.id, "document_id": r.document_id, "text": r.text, "checkworthy": r.checkworthy,
              "hedged": bool(r.hedged), "hedges": json.loads(r.hedges or "[]"), "attribution": r.attribution,
              "negated": bool(r.negated), "group_id": r.group_id, "event_id": r.event_id,
              "group_sources": r.n_sources or 0, "title": r.title, "source": r.source, "published": r.published,
              "url": r.url} for r in rows]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def schema_org_claims(conn: Connection, *, multi_source: bool = False, limit: int = 100) -> list[dict[str, Any]]:
    """Claim groups as schema.org ``Claim`` objects: appearance = the articles, author = the
    attributed source, firstAppearance = the earliest article."""
    claims = list_claims(conn, multi_source=multi_source, limit=MAX_LIMIT * 4)["items"]
    groups: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for c in claims:
        groups[c["group_id"] or f"c{c['id']}"].append(c)
    out = []
    for key, members in list(groups.items())[:limit]:
        members.sort(key=lambda c: (c["published"] or "", c["id"]))
        appearances = [{"@type": "CreativeWork", "identifier": c["document_id"], "headline": c["title"],
                        "datePublished": c["published"], "publisher": {"@type": "Organization", "name": c["source"]},
                        **({"url": c["url"]} if c["url"] else {}), "text": c["text"]} for c in members]
        authors = sorted({c["attribution"] for c in members if c["attribution"]})
        out.append({
            "@context": "https://schema.org", "@type": "Claim", "identifier": f"urn:presslens:claim-group:{key}",
            "text": members[0]["text"],
            "author": [{"@type": "Thing", "name": a} for a in authors],
            "appearance": appearances, "firstAppearance": appearances[0],
            **({"datePublished": members[0]["published"]} if members[0]["published"] else {}),
        })
    return out


# --- techniques ---------------------------------------------------------------------------------


def list_techniques(conn: Connection, *, technique: str | None = None, source: str | None = None,
                    limit: int = 100, offset: int = 0) -> dict[str, Any]:
    x, d = t.techniques, t.documents
    where: list[Any] = []
    if technique:
        where.append(x.c.technique == technique)
    if source:
        where.append(d.c.source == source)
    base = (select(x.c.technique, x.c.start, x.c.end, x.c.text, x.c.score, x.c.explanation, x.c.document_id,
                   d.c.source, d.c.published, d.c.title).join(d, d.c.id == x.c.document_id).where(*where))
    total = conn.execute(select(func.count()).select_from(base.subquery())).scalar_one()
    limit = max(1, min(limit, MAX_LIMIT))
    rows = conn.execute(base.order_by(d.c.published, x.c.document_id, x.c.start).limit(limit)
                        .offset(max(0, offset)))
    return {"total": total, "limit": limit, "offset": offset, "items": [dict(r._mapping) for r in rows]}


def technique_stats(conn: Connection) -> dict[str, Any]:
    """Counts per outlet and technique, per month and technique, and documents per outlet
    (to read counts as rates)."""
    x, d = t.techniques, t.documents
    outlet = func.coalesce(d.c.source, "(unknown)")
    by_outlet = conn.execute(select(outlet, x.c.technique, func.count()).join(d, d.c.id == x.c.document_id)
                             .group_by(outlet, x.c.technique)).all()
    month = func.substr(d.c.published, 1, 7)
    by_month = conn.execute(select(month, x.c.technique, func.count()).join(d, d.c.id == x.c.document_id)
                            .where(d.c.published.is_not(None)).group_by(month, x.c.technique)).all()
    docs = conn.execute(select(outlet, func.count()).group_by(outlet)).all()
    return {
        "per_outlet": [{"source": r[0], "technique": r[1], "count": r[2]} for r in by_outlet],
        "per_month": [{"month": r[0], "technique": r[1], "count": r[2]} for r in by_month],
        "documents_per_outlet": {r[0]: r[1] for r in docs},
    }
