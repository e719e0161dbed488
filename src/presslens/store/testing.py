"""Test helpers for the corpus store, shared by ``tests/store``, ``tests/reconcile`` and
``tests/web``: one database backend per parameter (SQLite file, or a fresh PostgreSQL
database created on the local server for the test session and dropped at exit).

PostgreSQL is at ``$PRESSLENS_TEST_PG`` (default ``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``).
When it is not reachable its tests are skipped, unless ``PRESSLENS_REQUIRE_PG=1``
(``scripts/test`` sets it), which makes them fail instead.
"""

from __future__ import annotations

import atexit
import os
import uuid
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, text

from presslens.store import schema

PG_ADMIN = os.environ.get("PRESSLENS_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
CORPUS = Path(__file__).resolve().parents[3] / "tests" / "corpus"


@lru_cache(maxsize=1)
def postgres_url() -> str | None:
    """A fresh database for this test session (None when no server answers)."""
    try:
        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
        name = f"presslens_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - any failure means "no server"
        if os.environ.get("PRESSLENS_REQUIRE_PG") == "1":
            raise RuntimeError(f"PostgreSQL is required for the tests but not reachable: {exc}") from exc
        return None

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": name})
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()

    atexit.register(drop)
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + name


def empty(engine: Engine) -> None:
    """Delete every row (the schema stays): a clean store for the next test."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            names = ", ".join(t.name for t in schema.metadata.sorted_tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(schema.metadata.sorted_tables):
                conn.execute(table.delete())
            if conn.execute(text("SELECT name FROM sqlite_master WHERE name='sqlite_sequence'")).first():
                conn.execute(text("DELETE FROM sqlite_sequence"))


# --- pytest fixtures (imported by the conftest.py of tests/store, tests/reconcile, tests/web) ---

import pytest  # noqa: E402 - only the test suite imports this part

_ANALYSES: dict[str, list[tuple[object, str]]] = {}


def analyse_corpus(pipeline: object, folder: Path = CORPUS) -> list[tuple[object, str]]:
    """The test corpus analysed once per session: [(Analysis, origin)]."""
    from presslens.ingest.records import Record, record_article
    from presslens.store.ingest import iter_records

    key = str(folder)
    if key not in _ANALYSES:
        out = []
        for rec in iter_records([str(folder)], pipeline.settings):  # type: ignore[attr-defined]
            assert isinstance(rec, Record), rec
            article = record_article(rec, pipeline.settings)  # type: ignore[attr-defined]
            out.append((pipeline.analyze_article(article), rec.origin))  # type: ignore[attr-defined]
        _ANALYSES[key] = out
    return _ANALYSES[key]


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'corpus.db'}"
    url = postgres_url()
    if url is None:
        pytest.skip("no PostgreSQL server on 127.0.0.1:5432 (set PRESSLENS_REQUIRE_PG=1 to fail instead)")
    from presslens.store.db import connect

    eng = connect(url)  # the session's database, emptied for each test
    empty(eng)
    eng.dispose()
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    from presslens.store.db import connect

    eng = connect(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def stored_corpus(engine: Engine, pipeline: object) -> Engine:
    from presslens.store.ingest import save

    for analysis, origin in analyse_corpus(pipeline):
        save(engine, analysis, origin)  # type: ignore[arg-type]
    return engine


@pytest.fixture
def reconciled(stored_corpus: Engine) -> Engine:
    from presslens.reconcile.run import reconcile_db

    reconcile_db(stored_corpus)
    return stored_corpus
