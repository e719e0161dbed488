"""Server-rendered pages (Jinja2, autoescaped). Article text and metadata reach the
HTML only through autoescaping or :func:`presslens.export.html_report.highlight_text`,
which escapes every segment; the Content-Security-Policy allows only this site's own
scripts and styles."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlparse

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from presslens import __version__
from presslens.errors import PresslensError
from presslens.export._spans import KINDS, collect, summary_line
from presslens.export.html_report import CSS, KIND_CLASS, _pretty, _slug, _technique_css, highlight_text
from presslens.model import Analysis
from presslens.store import query
from presslens.web import charts
from presslens.web.safety import clean_str

TEMPLATES = Path(__file__).parent / "templates"
env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True)
env.filters["pretty"] = _pretty
env.filters["slug"] = _slug
env.globals["version"] = __version__

router = APIRouter(include_in_schema=False)


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(env.get_template(name).render(**context), status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render("error.html", status=status, status_code=status, message=message)


def safe_url(url: str | None) -> str | None:
    """Only http(s) links become clickable."""
    return url if url and urlparse(url).scheme.lower() in ("http", "https") else None


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(status_code=204)


@router.get("/static/highlight.css")
def highlight_css() -> Response:
    """The highlight styles of the HTML report, shared so both look the same."""
    return Response(CSS + "\n" + _technique_css(), media_type="text/css")


def _article_context(analysis: Analysis, stored: bool) -> dict[str, Any]:
    spans = collect(analysis)
    doc = analysis.document
    techs = sorted({h.label for h in spans if h.kind == "technique"})
    return {
        "a": analysis, "doc": doc, "stored": stored, "url": safe_url(doc.url),
        "highlighted": Markup(highlight_text(doc.text, spans)),  # noqa: S704 - every segment escaped there
        "summary": summary_line(analysis), "kinds": [(k, *KIND_CLASS[k]) for k in KINDS],
        "techniques_used": techs,
        "span_count": {k: sum(1 for h in spans if h.kind == k) for k in KINDS},
    }


@router.get("/", response_class=HTMLResponse)
def corpus(request: Request, q: str | None = None, source: str | None = None, date_from: str | None = None,
           date_to: str | None = None, technique: str | None = None, event_type: str | None = None,
           category: str | None = None, offset: int = 0) -> HTMLResponse:
    f = query.DocumentFilter(q=(q or "")[:500] or None, source=source or None, date_from=date_from,
                             date_to=date_to, technique=technique or None, event_type=event_type or None,
                             category=category or None, limit=50, offset=offset)
    engine = request.app.state.engine
    with engine.connect() as conn:
        listing = query.list_documents(conn, f)
        facets = query.facets(conn)
        events = query.list_events(conn, limit=10)
    params = {k: v for k, v in {"q": f.q, "source": f.source, "date_from": f.date_from, "date_to": f.date_to,
                                "technique": f.technique, "event_type": f.event_type,
                                "category": f.category}.items() if v}
    nxt = urlencode({**params, "offset": f.offset + f.limit}) if f.offset + f.limit < listing["total"] else None
    return render("corpus.html", page="corpus", listing=listing, facets=facets, f=f, events=events["items"],
                  next_query=nxt)


def same_origin(request: Request) -> bool:
    """Whether a form post comes from this server's own pages. Browsers say where a request
    comes from in ``Sec-Fetch-Site``; older ones only in ``Origin`` or ``Referer`` (our
    no-referrer policy makes ``Origin`` "null", which is refused there). Scripts and curl
    send none of these and are let through: they are not a forged browser request."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    claimed = request.headers.get("origin") or request.headers.get("referer")
    if claimed is None:
        return True
    return urlparse(claimed).netloc.lower() == (request.headers.get("host") or "").lower()


@router.get("/analyze", response_class=HTMLResponse)
def analyze_form() -> HTMLResponse:
    return render("analyze.html", page="analyze", error=None, form={})


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_post(request: Request, text: Annotated[str, Form()] = "", title: Annotated[str, Form()] = "",
                       source: Annotated[str, Form()] = "", published: Annotated[str, Form()] = "",
                       store: Annotated[str, Form()] = "", file: UploadFile | None = None) -> Response:
    from presslens.ingest.decode import decode_bytes
    from presslens.ingest.loader import article_from_text
    from presslens.pipeline import document_id
    from presslens.store.ingest import is_stored, save

    form = {"text": text, "title": title, "source": source, "published": published}
    if not same_origin(request):
        # Another site's page posting here (cross-site request forgery) could fill the corpus.
        return render("analyze.html", status=403, page="analyze", form={},
                      error="This form only accepts posts from this server's own pages.")
    try:
        if file is not None and file.filename:
            data = await file.read()
            text = decode_bytes(data)
        pipeline = request.app.state.get_pipeline()
        article = article_from_text(clean_str(text) or "", pipeline.settings, title=clean_str(title, 1000) or None,
                                    published=query.check_date(published), source=clean_str(source, 300) or None)
        analysis = pipeline.analyze_article(article)
    except PresslensError as exc:
        return render("analyze.html", status=400, page="analyze", error=exc.message, form=form)
    if store and request.app.state.token:
        # A shared deployment writes to its corpus only through the token-protected API.
        return render("analyze.html", status=403, page="analyze", form=form,
                      error="This server has an API token: add documents through the API (POST /api/v1/documents).")
    if store:
        engine = request.app.state.engine
        doc_id = document_id(analysis.document.text)
        if not is_stored(engine, doc_id):
            save(engine, analysis, "web")
        return RedirectResponse(f"/documents/{doc_id}", status_code=303)
    return render("article.html", page="analyze", **_article_context(analysis, stored=False))


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str) -> HTMLResponse:
    with request.app.state.engine.connect() as conn:
        analysis = query.load_analysis(conn, doc_id[:64])
    return render("article.html", page="corpus", **_article_context(analysis, stored=True))


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, type: str | None = None, conflicts: bool = False) -> HTMLResponse:
    with request.app.state.engine.connect() as conn:
        listing = query.list_events(conn, event_type=type or None, conflicts_only=conflicts, limit=200)
        facets = query.facets(conn)
    return render("events.html", page="events", listing=listing, type=type, conflicts=conflicts, facets=facets)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: int) -> HTMLResponse:
    with request.app.state.engine.connect() as conn:
        event = query.get_event(conn, event_id)
    by_cat: dict[str, list[dict[str, Any]]] = {}
    for f in event["source_figures"]:
        by_cat.setdefault(f["category"], []).append(f)
    summary = {c["category"]: c for c in event["figures"]}
    return render("event.html", page="events", event=event, by_cat=by_cat, summary=summary,
                  timeline=Markup(charts.timeline(event)))  # noqa: S704 - built with escaped labels


@router.get("/techniques", response_class=HTMLResponse)
def techniques_page(request: Request) -> HTMLResponse:
    with request.app.state.engine.connect() as conn:
        stats = query.technique_stats(conn)
    used = sorted({r["technique"] for r in stats["per_outlet"]})
    per_outlet = Markup(charts.stacked_bars(stats["per_outlet"], "source", title="Technique spans per outlet"))  # noqa: S704
    rate = Markup(charts.stacked_bars(stats["per_outlet"], "source", per=stats["documents_per_outlet"],  # noqa: S704
                                      title="Technique spans per document, per outlet"))
    monthly = Markup(charts.columns(stats["per_month"], title="Technique spans per month"))  # noqa: S704
    return render("techniques.html", page="techniques", per_outlet=per_outlet, rate=rate, monthly=monthly,
                  legend=Markup(charts.legend(used)), stats=stats)  # noqa: S704
