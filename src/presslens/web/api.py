"""The HTTP API under ``/api/v1`` (OpenAPI at ``/api/v1/openapi.json``).

Every article is untrusted: text arrives only in request bodies, URLs are stored as
metadata and never fetched, local paths are never opened, and bad input gets a 4xx
JSON error with a presslens error code.
"""

from __future__ import annotations

import csv
import hmac
import io
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field

from presslens.errors import PresslensError
from presslens.export.acled_csv import COUNT_COLUMNS, HEADER, notes_cell, safe_cell, time_precision
from presslens.export.webanno import to_collection
from presslens.store import query
from presslens.web.safety import clean_str, error_body

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
LD_JSON: dict[int | str, dict[str, Any]] = {200: {"content": {"application/ld+json": {}}}}
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Bad input (presslens error code in the body)"},
    401: {"description": "Missing or wrong API token"},
    404: {"description": "No such item"},
    413: {"description": "Request body too large"},
    422: {"description": "Request does not match the schema"},
}


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, description="Article text or HTML (never a URL or path: nothing is fetched)")
    title: str | None = Field(None, max_length=1000)
    source: str | None = Field(None, max_length=300)
    published: str | None = Field(None, pattern=DATE_PATTERN, description="YYYY-MM-DD")
    url: str | None = Field(None, max_length=2000, description="Stored as metadata, never fetched")


class IngestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    documents: list[ArticleIn] = Field(min_length=1, max_length=50)


_bearer = HTTPBearer(auto_error=False, description="Required when the server has an API token")


def require_token(request: Request,
                  creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    token: str | None = request.app.state.token
    if not token:
        return
    given = creds.credentials if creds else ""
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise PresslensError("E514")


router = APIRouter(prefix="/api/v1", dependencies=[Depends(require_token)], responses=ERRORS)


def _analyse(request: Request, body: ArticleIn) -> Any:
    from presslens.ingest.loader import article_from_text

    pipeline = request.app.state.get_pipeline()
    article = article_from_text(clean_str(body.text) or "", pipeline.settings, title=clean_str(body.title),
                                published=query.check_date(body.published), source=clean_str(body.source),
                                url=clean_str(body.url))
    return pipeline.analyze_article(article)


@router.get("/health", summary="Liveness and corpus size")
def health(request: Request) -> dict[str, Any]:
    with request.app.state.engine.connect() as conn:
        total = query.list_documents(conn, query.DocumentFilter(limit=1))["total"]
    return {"status": "ok", "documents": total}


@router.post("/analyze", summary="Analyse one text (not stored); the analysis result JSON")
def analyze(request: Request, body: ArticleIn) -> JSONResponse:
    return JSONResponse(_analyse(request, body).to_dict())


@router.post("/analyze/annotations", summary="Analyse one text; its spans as W3C Web Annotations", responses=LD_JSON)
def analyze_annotations(request: Request, body: ArticleIn) -> JSONResponse:
    return JSONResponse(to_collection(_analyse(request, body)), media_type="application/ld+json")


@router.post("/documents", summary="Ingest documents into the corpus (idempotent by content hash)")
def ingest(request: Request, body: IngestIn) -> dict[str, Any]:
    from presslens.pipeline import document_id
    from presslens.store.ingest import is_stored, save

    engine = request.app.state.engine
    results = []
    for item in body.documents:
        try:
            analysis = _analyse(request, item)
        except PresslensError as exc:
            results.append({"id": None, "stored": False, "error": error_body(exc.code, exc.message)["error"]})
            continue
        doc_id = document_id(analysis.document.text)
        stored = not is_stored(engine, doc_id) and save(engine, analysis, "api")
        results.append({"id": doc_id, "stored": stored, "error": None})
    return {"results": results}


@router.get("/documents", summary="Search and filter the corpus")
def documents(request: Request, q: Annotated[str | None, Query(max_length=500)] = None,
              source: Annotated[str | None, Query(max_length=300)] = None,
              date_from: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
              date_to: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
              technique: Annotated[str | None, Query(max_length=100)] = None,
              event_type: Annotated[str | None, Query(max_length=40)] = None,
              category: Annotated[str | None, Query(max_length=40)] = None,
              limit: Annotated[int, Query(ge=1, le=query.MAX_LIMIT)] = 50,
              offset: Annotated[int, Query(ge=0, le=10**9)] = 0) -> dict[str, Any]:
    f = query.DocumentFilter(q=q, source=source, date_from=date_from, date_to=date_to, technique=technique,
                             event_type=event_type, category=category, limit=limit, offset=offset)
    with request.app.state.engine.connect() as conn:
        return query.list_documents(conn, f)


@router.get("/documents/{doc_id}", summary="One stored document: the analysis result JSON")
def document(request: Request, doc_id: Annotated[str, Path(max_length=64)]) -> JSONResponse:
    with request.app.state.engine.connect() as conn:
        return JSONResponse(query.load_analysis(conn, doc_id).to_dict())


@router.get("/documents/{doc_id}/annotations", summary="One stored document's spans as W3C Web Annotations",
            responses=LD_JSON)
def document_annotations(request: Request, doc_id: Annotated[str, Path(max_length=64)]) -> JSONResponse:
    with request.app.state.engine.connect() as conn:
        return JSONResponse(to_collection(query.load_analysis(conn, doc_id)), media_type="application/ld+json")


@router.post("/reconcile", summary="Merge event mentions into events and claims into claim groups")
def reconcile(request: Request) -> dict[str, Any]:
    from presslens.reconcile.run import ReconcileOptions, reconcile_db

    summary = reconcile_db(request.app.state.engine, ReconcileOptions(use_embeddings=request.app.state.embeddings))
    return {"mentions": summary.mentions, "events": summary.events, "events_with_conflicts": summary.conflicts,
            "unplaced_mentions": summary.unplaced, "claims": summary.claims,
            "claim_groups_across_sources": summary.multi_source_groups}


@router.get("/events", summary="Reconciled events")
def events(request: Request, type: Annotated[str | None, Query(max_length=40)] = None,
           date_from: str | None = None, date_to: str | None = None, conflicts: bool = False,
           limit: Annotated[int, Query(ge=1, le=query.MAX_LIMIT)] = 100,
           offset: Annotated[int, Query(ge=0, le=10**9)] = 0) -> dict[str, Any]:
    with request.app.state.engine.connect() as conn:
        return query.list_events(conn, event_type=type, date_from=date_from, date_to=date_to,
                                 conflicts_only=conflicts, limit=limit, offset=offset)


def acled_rows(events: list[dict[str, Any]]) -> str:
    """Reconciled events in the ACLED-style columns of ``presslens.export.acled_csv``: one
    row per event, counts = the agreed lower bound or, where the sources agree on nothing, the
    lowest figure any of them gives (ACLED codes the most conservative), source = every source."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for ev in events:
        agreed = {c["category"]: c["agreed_low"] if c["agreed_low"] is not None else c.get("lowest")
                  for c in ev["figures"]}
        sources = sorted({m["source"] or "" for m in ev["mentions"]})
        conflicts = [c["category"] for c in ev["figures"] if c["conflict"]]
        notes = notes_cell(ev["mentions"][0]["evidence"] if ev["mentions"] else "")
        if conflicts:
            notes += f" [conflicting figures: {', '.join(conflicts)}]"
        actors = [*ev["actors"], "", ""]
        first = ev["mentions"][0] if ev["mentions"] else {}
        precision = time_precision(ev["date_first"], ev.get("date_last"))
        cells = [str(ev["id"]), ev["date_first"] or "", precision, ev["type"], "", actors[0], actors[1],
                 ev["location"] or "",
                 ev["country"] or "", "; ".join(sources), "", notes,
                 str(agreed.get("killed") or 0), *(str(agreed.get(c) or 0) for c in COUNT_COLUMNS),
                 "true" if any(m["hedged"] for m in ev["mentions"]) else "false",
                 "; ".join(sorted({m["attribution"] for m in ev["mentions"] if m["attribution"]})),
                 first.get("document_id", ""), first.get("title") or ""]
        writer.writerow([safe_cell(str(c)) for c in cells])
    return out.getvalue()


@router.get("/events.csv", summary="Reconciled events as ACLED-style CSV", response_class=Response,
            responses={200: {"content": {"text/csv": {}}}})
def events_csv(request: Request) -> Response:
    with request.app.state.engine.connect() as conn:
        listing = query.list_events(conn, limit=query.MAX_LIMIT)["items"]
        full = [query.get_event(conn, e["id"]) for e in listing]
    return Response(acled_rows(full), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="events.csv"'})


@router.get("/events/{event_id}", summary="One event: per-source figures, conflicts, mentions")
def event(request: Request, event_id: Annotated[int, Path(ge=1, le=2**31 - 1)]) -> dict[str, Any]:
    with request.app.state.engine.connect() as conn:
        return query.get_event(conn, event_id)


@router.get("/claims", summary="Claims with their claim group")
def claims(request: Request, q: Annotated[str | None, Query(max_length=500)] = None,
           event_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None, multi_source: bool = False,
           limit: Annotated[int, Query(ge=1, le=query.MAX_LIMIT)] = 100,
           offset: Annotated[int, Query(ge=0, le=10**9)] = 0) -> dict[str, Any]:
    with request.app.state.engine.connect() as conn:
        return query.list_claims(conn, q=q, event_id=event_id, multi_source=multi_source, limit=limit,
                                 offset=offset)


@router.get("/claims/schema.org", summary="Claim groups as schema.org Claim objects (JSON-LD)", responses=LD_JSON)
def claims_schema_org(request: Request, multi_source: bool = False,
                      limit: Annotated[int, Query(ge=1, le=query.MAX_LIMIT)] = 100) -> JSONResponse:
    with request.app.state.engine.connect() as conn:
        items = query.schema_org_claims(conn, multi_source=multi_source, limit=limit)
    return JSONResponse(items, media_type="application/ld+json")


@router.get("/techniques", summary="Persuasion technique spans across the corpus")
def techniques(request: Request, technique: Annotated[str | None, Query(max_length=100)] = None,
               source: Annotated[str | None, Query(max_length=300)] = None,
               limit: Annotated[int, Query(ge=1, le=query.MAX_LIMIT)] = 100,
               offset: Annotated[int, Query(ge=0, le=10**9)] = 0) -> dict[str, Any]:
    with request.app.state.engine.connect() as conn:
        return query.list_techniques(conn, technique=technique, source=source, limit=limit, offset=offset)


@router.get("/techniques/stats", summary="Technique counts per outlet and per month")
def technique_stats(request: Request) -> dict[str, Any]:
    with request.app.state.engine.connect() as conn:
        return query.technique_stats(conn)


@router.get("/facets", summary="Values the corpus filters offer")
def facets(request: Request) -> dict[str, Any]:
    with request.app.state.engine.connect() as conn:
        return query.facets(conn)


def openapi_json(app: Any) -> str:
    return json.dumps(app.openapi(), indent=2)
