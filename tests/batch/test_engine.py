"""The local engine's recovery from dying workers, with a stand-in task (no models loaded)."""

from __future__ import annotations

import os
from typing import Any

from presslens.batch.engines import LocalEngine
from presslens.ingest.records import Record
from presslens.settings import Settings


def _light_init(*args: object) -> None:
    """No pipeline: these tests are about processes, not analyses."""


def _crashy(records: list[Record]) -> list[dict[str, Any]]:
    if any(r.id == "poison" for r in records):
        os._exit(1)  # the worker dies as if killed or crashed in native code
    return [{"id": r.id, "origin": r.origin, "ok": True, "analysis": "{}"} for r in records]


def test_a_document_that_kills_its_worker_is_given_up_and_the_rest_finishes(settings: Settings) -> None:
    batches = [[Record(id=f"{b}-{i}", origin="o") for i in range(3)] for b in range(4)]
    batches.insert(1, [Record(id="poison", origin="p")])
    engine = LocalEngine(settings, workers=1, task=_crashy, initializer=_light_init)
    try:
        rows = [row for out in engine.map(iter(batches)) for row in out]
    finally:
        engine.close()
    ids = [row["id"] for row in rows]
    assert sorted(ids) == sorted(r.id for b in batches for r in b), "lost or duplicated documents"
    failed = [row for row in rows if not row["ok"]]
    assert [(row["id"], row["code"]) for row in failed] == [("poison", "E608")]
    assert engine.restarts >= LocalEngine.MAX_CRASHES


class _RefusingPool:
    """A pool whose worker died after the last wait: it refuses the next batch, as a real
    ``ProcessPoolExecutor`` does once broken (the race that failed a whole run with E614)."""

    def submit(self, *args: object) -> None:
        from concurrent.futures.process import BrokenProcessPool

        raise BrokenProcessPool("A child process terminated abruptly")

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        pass


def test_a_pool_that_breaks_between_batches_is_replaced_and_nothing_is_lost(settings: Settings) -> None:
    batches = [[Record(id=f"{b}-{i}", origin="o") for i in range(3)] for b in range(4)]
    engine = LocalEngine(settings, workers=1, task=_crashy, initializer=_light_init)
    real_pool = engine._new_pool
    pools = iter([_RefusingPool()])
    engine._new_pool = lambda: next(pools, None) or real_pool()  # type: ignore[method-assign]
    try:
        rows = [row for out in engine.map(iter(batches)) for row in out]
    finally:
        engine.close()
    assert sorted(row["id"] for row in rows) == sorted(r.id for b in batches for r in b)
    assert all(row["ok"] for row in rows)  # a batch the broken pool refused never ran: no crash of its own
    assert engine.restarts == 1
