"""A killed ingest (SIGKILL, mid-run, a real subprocess) re-run stores every document exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from sqlalchemy import func, select

from presslens.store import schema as t

PLACES = ["Arden", "Belmar", "Corvo", "Dunmore", "Elster", "Falcon Ridge", "Garvey", "Holt"]


def _rows(n: int) -> list[dict[str, str]]:
    rows = []
    for i in range(n):
        place = PLACES[i % len(PLACES)]
        rows.append({
            "text": f"Report {i}: at least {i + 3} people were killed and {i + 10} injured in shelling of {place} "
                    f"on Tuesday, officials said. Residents said {i + 2} houses were destroyed.",
            "title": f"Shelling in {place} ({i})", "date": f"2024-01-{(i % 28) + 1:02d}", "source": f"Outlet {i % 5}",
        })
    return rows


def _count(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(t.documents)).scalar_one()


def test_killed_ingest_resumes_without_loss_or_duplicates(engine, db_url, tmp_path):
    n = 30
    data = tmp_path / "rows.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in _rows(n)) + "\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "presslens.cli", "ingest", str(data), "--db", db_url]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 120
    while _count(engine) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()  # type: ignore[union-attr]
    at_kill = _count(engine)
    assert proc.returncode == -signal.SIGKILL
    assert 3 <= at_kill < n, "the ingest was not interrupted mid-run"

    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{at_kill} already stored" in rerun.stderr
    with engine.connect() as conn:
        assert _count(engine) == n
        dupes = conn.execute(select(t.figures.c.document_id, t.figures.c.local_id).group_by(
            t.figures.c.document_id, t.figures.c.local_id).having(func.count() > 1)).all()
        assert dupes == []
        # Every stored document has exactly the rows its analysis lists (none lost, none doubled).
        for doc in conn.execute(select(t.documents.c.id, t.documents.c.analysis)):
            analysis = json.loads(doc.analysis)
            stored = conn.execute(select(func.count()).select_from(t.figures)
                                  .where(t.figures.c.document_id == doc.id)).scalar_one()
            assert stored == len(analysis["figures"])
