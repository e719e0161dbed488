"""``create_app(db_url)``: the FastAPI application (API, pages, static files)."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from presslens import __version__
from presslens.errors import PresslensError
from presslens.web.safety import LimitsMiddleware, error_body, status_for

STATIC = Path(__file__).parent / "static"
DEFAULT_MAX_BODY = 4_000_000
log = logging.getLogger("presslens.web")


def _first_error(exc: RequestValidationError) -> str:
    errors = exc.errors()
    if not errors:
        return "invalid request"
    e = errors[0]
    where = ".".join(str(p) for p in e.get("loc", ()) if p != "body")
    return f"{where}: {e.get('msg', 'invalid')}"[:300]


def create_app(db_url: str = "sqlite:///presslens.db", *, token: str | None = None, pipeline: Any = None,
               max_body: int = DEFAULT_MAX_BODY, embeddings: bool = True) -> Any:
    """The ASGI app. ``pipeline`` (a loaded :class:`~presslens.pipeline.Pipeline`) is built
    on first use when not given; ``token`` protects ``/api/v1``."""
    from presslens.store.db import connect
    from presslens.web import api, pages

    engine = connect(db_url)
    app = FastAPI(title="presslens", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/v1/openapi.json",
                  description="Events, figures, claims and persuasion techniques across a corpus of news reports. "
                              "Nothing is fetched from the network: texts are sent in request bodies.")
    app.state.engine = engine
    app.state.token = token or None
    app.state.embeddings = embeddings
    lock = threading.Lock()
    holder: dict[str, Any] = {"pipeline": pipeline}

    def get_pipeline() -> Any:
        with lock:
            if holder["pipeline"] is None:
                from presslens.pipeline import Pipeline

                holder["pipeline"] = Pipeline()
            return holder["pipeline"]

    app.state.get_pipeline = get_pipeline

    @app.exception_handler(PresslensError)
    async def presslens_error(request: Request, exc: PresslensError) -> JSONResponse:
        if not request.url.path.startswith("/api/"):
            return pages.error_page(request, status_for(exc), exc.message)  # type: ignore[return-value]
        return JSONResponse(error_body(exc.code, exc.message), status_code=status_for(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        message = _first_error(exc)
        if not request.url.path.startswith("/api/"):
            return pages.error_page(request, 422, message)  # type: ignore[return-value]
        return JSONResponse(error_body("E513", message), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = str(exc.detail)[:300]
        if not request.url.path.startswith("/api/"):
            return pages.error_page(request, exc.status_code, message)  # type: ignore[return-value]
        return JSONResponse(error_body("E513", message), status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)
        return JSONResponse(error_body("E599", "internal error; see the server log"), status_code=500)

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return LimitsMiddleware(app, max_body)
