"""``presslens ingest``: analyse documents once each and store them.

Documents are read by :mod:`presslens.ingest.records`, as ``presslens batch`` reads them.
Idempotent and resumable: a document's id is the hash of its text, a document already
stored is skipped before it is analysed, and each document is written in its own
transaction, so an interrupted run loses at most the document in flight and a re-run
stores every document exactly once.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.exc import IntegrityError

from presslens.errors import PresslensError, unexpected
from presslens.ingest.records import BadRecord, Item, Source, record_article
from presslens.model import Analysis, Attribution, Hedge
from presslens.pipeline import Pipeline, document_id
from presslens.settings import Settings
from presslens.store import schema as t


@dataclass
class IngestReport:
    stored: int = 0
    skipped: int = 0
    failed: int = 0

    def line(self) -> str:
        return f"presslens: ingest: {self.stored} stored, {self.skipped} already stored, {self.failed} failed"


def iter_records(paths: list[str], settings: Settings, text_column: str = "text") -> Iterator[Item]:
    """The records of every path (directory, article file, JSONL, CSV or Parquet file, glob),
    read as ``presslens batch`` reads them; an input that cannot be opened at all is one
    :class:`BadRecord`, so one bad input does not stop a run."""
    for arg in paths:
        try:
            source = Source(arg, max_bytes=settings.max_bytes, text_column=text_column, tables_in_directories=True)
        except PresslensError as exc:
            yield BadRecord(arg, arg, exc)
            continue
        yield from source


def _hedges_json(hedges: list[Hedge]) -> str:
    return json.dumps([{"text": h.text, "kind": h.kind, "start": h.start, "end": h.end} for h in hedges],
                      ensure_ascii=False)


def _source(attr: Attribution | None) -> str | None:
    return attr.source if attr else None


def _attribution_columns(attr: Attribution | None) -> dict[str, Any]:
    """Who a figure or claim rests on, in plain columns: the source as written, the cue, whether
    the source is named, and whether it is a release's issuer rather than someone quoted."""
    return {"attribution": _source(attr), "attribution_cue": attr.cue if attr else None,
            "attribution_named": attr.named if attr else None, "attribution_issuer": attr.issuer if attr else None}


def store_analysis(conn: Connection, analysis: Analysis, origin: str | None = None) -> None:
    """Write one analysis (all its rows) on ``conn``; the caller owns the transaction."""
    doc = analysis.document
    text = doc.text
    conn.execute(insert(t.documents).values(
        id=doc.id, title=doc.title, source=doc.source, published=doc.published, url=doc.url,
        authors=json.dumps(doc.authors, ensure_ascii=False), language=doc.language, origin=origin, text=text,
        analysis=analysis.to_json(indent=None), presslens=analysis.presslens,
        ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
    ))
    if analysis.entities:
        conn.execute(insert(t.entities), [
            {"document_id": doc.id, "local_id": e.id, "name": e.name, "type": e.type, "mentions": len(e.mentions)}
            for e in analysis.entities
        ])
    figure_mention: dict[str, int] = {}
    for ev in analysis.events:
        evidence = " ".join(" ".join(text[x.start : x.end].split()) for x in ev.evidence)
        mention_id = conn.execute(insert(t.event_mentions).values(
            document_id=doc.id, local_id=ev.id, type=ev.type, date=ev.date.value if ev.date else None,
            date_last=ev.date.last if ev.date else None, date_text=ev.date.text if ev.date else None,
            location=ev.location.name if ev.location else None,
            country=ev.location.country if ev.location else None, actors=json.dumps(ev.actors, ensure_ascii=False),
            counts=json.dumps(ev.counts), hedged=ev.hedged, attribution=_source(ev.attribution), evidence=evidence,
        ).returning(t.event_mentions.c.id)).scalar_one()
        for fid in ev.figures:
            figure_mention.setdefault(fid, mention_id)
    if analysis.figures:
        conn.execute(insert(t.figures), [
            {"document_id": doc.id, "local_id": f.id, "mention_id": figure_mention.get(f.id), "text": f.text,
             "start": f.start, "end": f.end, "value": f.value, "low": f.low, "high": f.high,
             "approximate": f.approximate, "category": f.category, "negated": f.negated,
             "hedges": _hedges_json(f.hedges), **_attribution_columns(f.attribution)}
            for f in analysis.figures
        ])
    if analysis.claims:
        conn.execute(insert(t.claims), [
            {"document_id": doc.id, "local_id": c.id, "text": c.text, "start": c.start, "end": c.end,
             "checkworthy": c.checkworthy, "hedged": bool(c.hedges), "hedges": _hedges_json(c.hedges),
             **_attribution_columns(c.attribution), "negated": c.negated}
            for c in analysis.claims
        ])
    if analysis.techniques:
        conn.execute(insert(t.techniques), [
            {"document_id": doc.id, "technique": x.technique, "start": x.start, "end": x.end, "text": x.text,
             "score": x.score, "explanation": x.explanation}
            for x in analysis.techniques
        ])


def is_stored(engine: Engine, doc_id: str) -> bool:
    with engine.connect() as conn:
        return conn.execute(select(t.documents.c.id).where(t.documents.c.id == doc_id)).first() is not None


def save(engine: Engine, analysis: Analysis, origin: str | None = None) -> bool:
    """Store one analysis in its own transaction; False when it was already stored."""
    try:
        with engine.begin() as conn:
            store_analysis(conn, analysis, origin)
    except IntegrityError:
        if is_stored(engine, analysis.document.id):
            return False
        raise
    return True


def ingest(engine: Engine, paths: list[str], pipeline: Pipeline, *, echo: Any = None,
           text_column: str = "text") -> IngestReport:
    """Ingest every record; print one line per failure through ``echo`` and go on."""
    report = IngestReport()
    say = echo or (lambda line: print(line, file=sys.stderr))
    for item in iter_records(paths, pipeline.settings, text_column):
        if isinstance(item, BadRecord):
            report.failed += 1
            say(f"presslens: error: {item.origin}: {item.error}")
            continue
        try:
            article = record_article(item, pipeline.settings)
            if is_stored(engine, document_id(article.text)):
                report.skipped += 1
                continue
            analysis = pipeline.analyze_article(article)
        except PresslensError as exc:
            report.failed += 1
            say(f"presslens: error: {item.origin}: {exc}")
            continue
        except Exception as exc:  # noqa: BLE001 - one document's failure must not stop the run
            report.failed += 1
            say(f"presslens: error: {item.origin}: {unexpected(exc)}")
            continue
        if save(engine, analysis, item.origin):
            report.stored += 1
        else:
            report.skipped += 1
    return report
