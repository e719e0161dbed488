"""Database output: results go into the corpus store, once each, also across a rerun."""

from __future__ import annotations

from pathlib import Path

import alembic  # noqa: F401 - the test needs it installed
import pytest
import sqlalchemy

from presslens.batch import run_batch
from presslens.settings import Settings

from .conftest import write_input


def test_results_are_stored_once_and_failures_reported(tmp_path: Path, settings: Settings,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    inp = tmp_path / "in.jsonl"
    expected = write_input(inp, 5)
    url = f"sqlite:///{tmp_path / 'corpus.db'}"
    summary = run_batch(str(inp), url, engine="local", workers=1, settings=settings)
    assert (summary.ok, summary.failed) == (5, sum(1 for v in expected.values() if v) + 1)
    err = capsys.readouterr().err
    assert "[E006]" in err and "[E612]" in err
    again = run_batch(str(inp), url, engine="local", workers=1, settings=settings)
    assert (again.ok, again.skipped) == (0, 5)
    engine = sqlalchemy.create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(sqlalchemy.text("SELECT origin FROM documents ORDER BY origin")).fetchall()
    engine.dispose()
    assert len(rows) == 5 and all(r[0].startswith(str(inp)) for r in rows)
