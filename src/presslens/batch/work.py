"""What a batch worker does with a list of records: the same function for every engine, so
the engines give the same results.

A result row is a plain dict (picklable, Arrow-friendly): ``id``, ``origin``, ``ok``, then
either the analysis (``analysis`` as compact JSON plus flat summary columns) or
``code`` and ``reason`` (one line) for a document that could not be analysed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from presslens.errors import PresslensError, unexpected
from presslens.ingest.loader import RawArticle
from presslens.ingest.records import record_article

if TYPE_CHECKING:
    from presslens.ingest.records import Record
    from presslens.model import Analysis
    from presslens.pipeline import Pipeline

Row = dict[str, Any]
MAX_REASON = 300


def error_row(record_id: str, origin: str, error: PresslensError) -> Row:
    reason = " ".join(error.message.split())
    return {"id": record_id, "origin": origin, "ok": False, "code": error.code, "reason": reason[:MAX_REASON]}


def result_row(record: Record, analysis: Analysis) -> Row:
    doc = analysis.document
    return {
        "id": record.id, "origin": record.origin, "ok": True,
        "document_id": doc.id, "title": doc.title, "published": doc.published, "source": doc.source,
        "url": doc.url, "authors": list(doc.authors), "words": len(doc.text.split()),
        "entities": len(analysis.entities), "figures": len(analysis.figures), "events": len(analysis.events),
        "claims": len(analysis.claims), "techniques": len(analysis.techniques),
        "technique_names": sorted({t.technique for t in analysis.techniques}),
        "event_types": sorted({e.type for e in analysis.events}),
        "analysis": analysis.to_json(indent=None),
    }


def analyze_records(pipeline: Pipeline, records: list[Record], *, batch_size: int = 16) -> list[Row]:
    """Analyse records; a record that fails becomes an error row and the others go on."""
    rows: dict[int, Row] = {}
    good: list[tuple[int, Record, RawArticle]] = []
    for i, record in enumerate(records):
        try:
            good.append((i, record, record_article(record, pipeline.settings)))
        except PresslensError as exc:
            rows[i] = error_row(record.id, record.origin, exc)
        except Exception as exc:  # noqa: BLE001 - a bad document must not stop the run
            rows[i] = error_row(record.id, record.origin, unexpected(exc))
    try:
        analyses = pipeline.analyze_many([a for _, _, a in good], batch_size=batch_size)
        for (i, record, _), analysis in zip(good, analyses, strict=True):
            rows[i] = result_row(record, analysis)
    except Exception:  # noqa: BLE001 - find the document that failed, one at a time
        for i, record, article in good:
            try:
                rows[i] = result_row(record, pipeline.analyze_article(article))
            except PresslensError as exc:
                rows[i] = error_row(record.id, record.origin, exc)
            except Exception as exc:  # noqa: BLE001
                rows[i] = error_row(record.id, record.origin, unexpected(exc))
    return [rows[i] for i in range(len(records))]
