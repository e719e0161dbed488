"""``presslens ingest``, ``presslens reconcile`` and ``presslens serve``."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any

import click

from presslens.cli import fail
from presslens.errors import PresslensError

DB_HELP = "Database URL: sqlite:///FILE (default sqlite:///presslens.db) or postgresql://USER@HOST:PORT/DB."


def _db_option(f: click.decorators.FC) -> click.decorators.FC:
    return click.option("--db", "db_url", default=lambda: os.environ.get("PRESSLENS_DB", "sqlite:///presslens.db"),
                        show_default="sqlite:///presslens.db or $PRESSLENS_DB", help=DB_HELP)(f)


def _needs_store(command: Callable[..., Any]) -> Callable[..., Any]:
    """SQLAlchemy and Alembic are the optional [web] extra: without them, one line (E504)."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ModuleNotFoundError as exc:
            if (exc.name or "").split(".")[0] not in ("sqlalchemy", "alembic"):
                raise
            fail(None, PresslensError("E504", reason=f"no module named {exc.name!r}"))
            sys.exit(2)

    return run


@click.command()
@click.argument("paths", nargs=-1, required=True)
@_db_option
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="A .cfg file overriding defaults.")
@click.option("--text-column", default="text", show_default=True,
              help="Column of JSONL, CSV and Parquet rows holding the text.")
@_needs_store
def ingest(paths: tuple[str, ...], db_url: str, config_path: str | None, text_column: str) -> None:
    """Analyse documents and store them: directories of article files, article files, JSONL,
    CSV or Parquet files, or globs, read as `presslens batch` reads them (a 'text' column;
    optional title, published or date, source, url). A NAME.meta.json beside an article file
    gives its metadata. Documents already stored are skipped."""
    from presslens.pipeline import Pipeline
    from presslens.settings import load_settings
    from presslens.store.db import connect
    from presslens.store.ingest import ingest as run

    try:
        engine = connect(db_url)
        pipeline = Pipeline(load_settings(config_path))
    except PresslensError as exc:
        fail(None, exc)
        sys.exit(2)
    try:
        report = run(engine, list(paths), pipeline, echo=lambda line: click.echo(line, err=True),
                     text_column=text_column)
    finally:
        engine.dispose()
    click.echo(report.line(), err=True)
    if report.failed:
        sys.exit(1)


@click.command()
@_db_option
@click.option("--window", type=int, default=None, help="Days two reports of one event may differ by (default 3).")
@click.option("--no-embeddings", is_flag=True, help="Do not use the MiniLM sentence encoder (lexical overlap only).")
@_needs_store
def reconcile(db_url: str, window: int | None, no_embeddings: bool) -> None:
    """Merge event mentions across documents into events, and claims into claim groups."""
    from presslens.reconcile.run import ReconcileOptions, reconcile_db
    from presslens.store.db import connect

    try:
        engine = connect(db_url)
        options = ReconcileOptions(use_embeddings=not no_embeddings)
        if window is not None:
            options.window_days = window
        try:
            summary = reconcile_db(engine, options)
        finally:
            engine.dispose()
    except PresslensError as exc:
        fail(None, exc)
        sys.exit(2)
    click.echo(summary.line(), err=True)


@click.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--token", default=lambda: os.environ.get("PRESSLENS_API_TOKEN"),
              help="Require this bearer token for the API (default $PRESSLENS_API_TOKEN; none: open).")
@_needs_store
def serve(db_url: str, host: str, port: int, token: str | None) -> None:
    """Serve the web app and the HTTP API (/api/v1, OpenAPI at /api/v1/openapi.json)."""
    import uvicorn

    from presslens.web.app import create_app

    try:
        app = create_app(db_url, token=token)
    except PresslensError as exc:
        fail(None, exc)
        sys.exit(2)
    uvicorn.run(app, host=host, port=port, log_level="info")
