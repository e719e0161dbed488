"""``presslens ingest``: analyse documents once each and store them.

Idempotent and resumable: a document's id is the hash of its text, a document already
stored is skipped before it is analysed, and each document is written in its own
transaction, so an interrupted run loses at most the document in flight and a re-run
stores every document exactly once.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.exc import IntegrityError

from presslens.errors import PresslensError
from presslens.ingest.decode import has_undecodable_bytes
from presslens.ingest.loader import ARTICLE_SUFFIXES, RawArticle, article_from_text, load_article
from presslens.model import Analysis, Attribution, Hedge
from presslens.pipeline import Pipeline, document_id
from presslens.settings import Settings
from presslens.store import schema as t

TABLE_SUFFIXES = (".jsonl", ".ndjson", ".csv")
NOT_UTF8 = "not valid UTF-8 text; save the file as UTF-8"
METADATA_KEYS = ("title", "date", "published", "source", "url")


@dataclass
class Record:
    """One document to ingest: a file to read, or text from a JSONL/CSV row."""

    origin: str
    path: Path | None = None
    text: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None


@dataclass
class IngestReport:
    stored: int = 0
    skipped: int = 0
    failed: int = 0

    def line(self) -> str:
        return f"presslens: ingest: {self.stored} stored, {self.skipped} already stored, {self.failed} failed"


def _meta(raw: dict[str, Any]) -> dict[str, str | None]:
    """The metadata fields of a record; ValueError names the first that is not a string."""
    out: dict[str, str | None] = {}
    for key in METADATA_KEYS:
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{key!r} must be a string")
        out[key] = value or None
    return out


def _sidecar(path: Path) -> dict[str, str | None]:
    """``NAME.meta.json`` next to ``NAME.txt`` gives title, date, source and url."""
    side = path.with_name(path.stem + ".meta.json")
    if not side.is_file():
        return {}
    try:
        raw = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PresslensError("E503", path=side, line=1, reason=str(exc)) from exc
    if not isinstance(raw, dict):
        raise PresslensError("E503", path=side, line=1, reason="expected a JSON object")
    try:
        return _meta(raw)
    except ValueError as exc:
        raise PresslensError("E503", path=side, line=1, reason=str(exc)) from exc


def _file_record(path: Path) -> Record:
    meta = _sidecar(path)
    return Record(origin=str(path), path=path, title=meta.get("title"),
                  published=meta.get("published") or meta.get("date"), source=meta.get("source"),
                  url=meta.get("url"))


def _jsonl(path: Path) -> Iterator[Record | PresslensError]:
    with path.open("rb") as fh:
        for n, raw_line in enumerate(fh, start=1):
            if not raw_line.strip():
                continue
            try:
                line = raw_line.decode("utf-8")
            except UnicodeDecodeError:  # refused, as the batch runner does: never analyse replaced bytes
                yield PresslensError("E503", path=path, line=n, reason=NOT_UTF8)
                continue
            try:
                row = json.loads(line)
                if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                    raise ValueError("expected a JSON object with a string 'text'")
                meta = _meta(row)
            except ValueError as exc:
                yield PresslensError("E503", path=path, line=n, reason=str(exc))
                continue
            yield Record(origin=f"{path}:{n}", text=row["text"], title=meta["title"],
                         published=meta["published"] or meta["date"], source=meta["source"], url=meta["url"])


def _csv(path: Path) -> Iterator[Record | PresslensError]:
    csv.field_size_limit(2**31 - 1)
    # surrogateescape keeps undecodable bytes visible, so that row alone is refused
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as fh:
        reader = csv.DictReader(fh)
        columns = [c.strip().lower() for c in reader.fieldnames or []]
        if "text" not in columns:
            raise PresslensError("E505", path=path, columns=", ".join(columns) or "none")
        for n, raw in enumerate(reader, start=2):
            row = {(k or "").strip().lower(): (v or "") for k, v in raw.items() if isinstance(v, str)}
            if any(has_undecodable_bytes(value) for value in row.values()):
                yield PresslensError("E503", path=path, line=n, reason=NOT_UTF8)
                continue
            yield Record(origin=f"{path}:{n}", text=row.get("text", ""), title=row.get("title") or None,
                         published=row.get("published") or row.get("date") or None,
                         source=row.get("source") or None, url=row.get("url") or None)


def iter_records(paths: list[str]) -> Iterator[Record | PresslensError]:
    """Directories (article files, sorted), article files, JSONL and CSV files; errors in
    place of the records that could not be read, so one bad input does not stop a run."""
    for arg in paths:
        path = Path(arg)
        try:
            if path.is_dir():
                files = sorted(p for p in path.rglob("*")
                               if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES + TABLE_SUFFIXES)
                if not files:
                    raise PresslensError("E008", path=path)
                for f in files:
                    yield from iter_records([str(f)])
            elif not path.is_file():
                raise PresslensError("E007", path=path)
            elif path.suffix.lower() in (".jsonl", ".ndjson"):
                yield from _jsonl(path)
            elif path.suffix.lower() == ".csv":
                yield from _csv(path)
            else:
                yield _file_record(path)
        except PresslensError as exc:
            yield exc


def load_record(record: Record, settings: Settings) -> RawArticle:
    if record.path is not None:
        article = load_article(record.path, settings, published=record.published, title=record.title,
                               source=record.source)
        article.url = record.url or article.url
        return article
    return article_from_text(record.text or "", settings, title=record.title, published=record.published,
                             source=record.source, url=record.url)


def _hedges_json(hedges: list[Hedge]) -> str:
    return json.dumps([{"text": h.text, "kind": h.kind, "start": h.start, "end": h.end} for h in hedges],
                      ensure_ascii=False)


def _source(attr: Attribution | None) -> str | None:
    return attr.source if attr else None


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
            date_text=ev.date.text if ev.date else None, location=ev.location.name if ev.location else None,
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
             "hedges": _hedges_json(f.hedges), "attribution": _source(f.attribution),
             "attribution_cue": f.attribution.cue if f.attribution else None}
            for f in analysis.figures
        ])
    if analysis.claims:
        conn.execute(insert(t.claims), [
            {"document_id": doc.id, "local_id": c.id, "text": c.text, "start": c.start, "end": c.end,
             "checkworthy": c.checkworthy, "hedged": bool(c.hedges), "hedges": _hedges_json(c.hedges),
             "attribution": _source(c.attribution), "negated": c.negated}
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


def ingest(engine: Engine, paths: list[str], pipeline: Pipeline, *, echo: Any = None) -> IngestReport:
    """Ingest every record; print one line per failure through ``echo`` and go on."""
    report = IngestReport()
    say = echo or (lambda line: print(line, file=sys.stderr))
    for item in iter_records(paths):
        if isinstance(item, PresslensError):
            report.failed += 1
            say(f"presslens: error: {item}")
            continue
        try:
            article = load_record(item, pipeline.settings)
            if is_stored(engine, document_id(article.text)):
                report.skipped += 1
                continue
            analysis = pipeline.analyze_article(article)
        except PresslensError as exc:
            report.failed += 1
            say(f"presslens: error: {item.origin}: {exc}")
            continue
        if save(engine, analysis, item.origin):
            report.stored += 1
        else:
            report.skipped += 1
    return report
