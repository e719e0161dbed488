"""Executors: how batches of records get analysed. One small interface, two engines.

``Engine.map(batches)`` takes an iterator of record batches and yields lists of result
rows, in any order, with a bounded number of batches in flight (so memory stays flat).
``local`` is a process pool on this machine; ``ray`` runs Ray Data ``map_batches`` over an
actor pool, on this machine or on a cluster (``address``). Both call
:func:`presslens.batch.work.analyze_records`, so they give the same rows.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Protocol

from presslens.batch.work import Row, analyze_records, error_row
from presslens.errors import PresslensError
from presslens.ingest.records import Record
from presslens.settings import Settings

ENGINES = ("local", "ray")


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS
        return max(1, os.cpu_count() or 1)


class Engine(Protocol):
    name: str
    workers: int

    def map(self, batches: Iterator[list[Record]]) -> Iterator[list[Row]]: ...

    def close(self) -> None: ...


# -- local: a process pool -------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _watch_parent(parent: int) -> None:
    # A driver killed with SIGKILL cannot stop its workers: they notice and exit on their own.
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def model_threads(workers: int) -> int:
    """Threads for a worker's ONNX models: the cores shared out among the workers."""
    return max(1, default_workers() // max(1, workers))


def _init_worker(settings: Settings, nlp_batch_size: int, threads: int = 1) -> None:
    # Before the pipeline loads: model components read it when they open their ONNX session.
    os.environ.setdefault("PRESSLENS_THREADS", str(threads))
    from presslens.pipeline import Pipeline

    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()

    _WORKER["pipeline"] = Pipeline(settings)
    _WORKER["batch_size"] = nlp_batch_size


def _run_batch(records: list[Record]) -> list[Row]:
    return analyze_records(_WORKER["pipeline"], records, batch_size=_WORKER["batch_size"])


@dataclass
class _InFlight:
    records: list[Record]
    crashes: int = 0


class LocalEngine:
    """A pool of worker processes (spawned, so no state leaks from the driver), each
    loading the pipeline once. A worker that dies (killed, out of memory, a crash in native
    code) breaks the pool: the pool is rebuilt and the lost batches are sent again; a batch
    lost twice is split into single documents, and a document lost three times is recorded
    as failed (E608) so one poisonous document cannot stall the run."""

    MAX_CRASHES = 3
    name = "local"

    def __init__(self, settings: Settings, *, workers: int | None = None, nlp_batch_size: int = 16,
                 task: Callable[[list[Record]], list[Row]] | None = None,
                 initializer: Callable[..., None] | None = None) -> None:
        """``task`` and ``initializer`` (top-level functions) replace the analysis, for tests."""
        self.settings = settings
        self.task = task or _run_batch
        self.initializer = initializer or _init_worker
        self.workers = workers or default_workers()
        self.nlp_batch_size = nlp_batch_size
        self._pool: ProcessPoolExecutor | None = None
        self.restarts = 0

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=self.initializer,
                                   initargs=(self.settings, self.nlp_batch_size, model_threads(self.workers)))

    def map(self, batches: Iterator[list[Record]]) -> Iterator[list[Row]]:
        self._pool = self._new_pool()
        inflight: dict[Future[list[Row]], _InFlight] = {}
        retry: list[_InFlight] = []
        limit = self.workers * 2
        exhausted = False
        while True:
            broken = False
            unsent: list[_InFlight] = []  # refused by a broken pool: never ran, so no crash of theirs
            while len(inflight) < limit and (retry or not exhausted):
                if retry:
                    item = retry.pop()
                else:
                    batch = next(batches, None)
                    if batch is None:
                        exhausted = True
                        break
                    item = _InFlight(batch)
                try:
                    inflight[self._pool.submit(self.task, item.records)] = item
                except BrokenProcessPool:  # a worker died since the last wait: the pool takes no more
                    unsent.append(item)
                    broken = True
                    break
            if not inflight and not broken:
                return
            if not broken:
                done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                for future in done:
                    item = inflight.pop(future)
                    try:
                        yield future.result()
                    except BrokenProcessPool:
                        broken = True
                        retry.append(item)
            if broken:
                # Every batch still in flight died with the pool (or will): collect the
                # ones that finished, send the rest again to a fresh pool.
                for future, item in list(inflight.items()):
                    if future.done() and future.exception() is None:
                        yield future.result()
                    else:
                        retry.append(item)
                inflight.clear()
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()
                self.restarts += 1
                retry, lost = [], retry
                for item in lost:
                    item.crashes += 1
                    if len(item.records) > 1 and item.crashes >= 2:
                        retry.extend(_InFlight([r], crashes=1) for r in item.records)
                    elif len(item.records) == 1 and item.crashes >= self.MAX_CRASHES:
                        r = item.records[0]
                        yield [error_row(r.id, r.origin, PresslensError("E608", times=item.crashes))]
                    else:
                        retry.append(item)
                retry.extend(unsent)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


# -- ray: Ray Data map_batches over an actor pool ---------------------------------------------

RECORD_FIELDS = ("id", "origin", "text", "data", "title", "published", "source", "url")
ROW_FIELDS = ("id", "origin", "ok", "code", "reason", "document_id", "title", "published", "source", "url",
              "authors", "words", "entities", "figures", "events", "claims", "techniques", "technique_names",
              "event_types", "analysis")


class RayAnalyzer:
    """The Ray Data actor: loads the pipeline once, then analyses the batches it is given."""

    def __init__(self, settings: Settings, nlp_batch_size: int, threads: int = 1) -> None:
        os.environ.setdefault("PRESSLENS_THREADS", str(threads))
        from presslens.pipeline import Pipeline

        self.pipeline = Pipeline(settings)
        self.nlp_batch_size = nlp_batch_size

    def __call__(self, batch: Any) -> dict[str, list[Any]]:
        records = [Record(**row) for row in batch.to_pylist()]
        rows = analyze_records(self.pipeline, records, batch_size=self.nlp_batch_size)
        return {name: [row.get(name) for row in rows] for name in ROW_FIELDS}


class RayEngine:
    """Ray Data engine. The driver reads INPUT and feeds it to Ray in windows of
    ``window`` documents (each window one streaming Dataset through an actor pool of
    ``workers`` actors); results stream back and are committed by the driver, so resume
    works as with the local engine. ``address`` joins a running cluster ("auto" or
    "ray://host:10001"); without it, a local Ray with ``workers`` CPUs is started."""

    name = "ray"

    def __init__(self, settings: Settings, *, workers: int | None = None, nlp_batch_size: int = 16,
                 batch_size: int = 16, address: str | None = None, window: int = 2048) -> None:
        try:
            import ray
            import ray.data  # noqa: F401
        except ImportError as exc:
            raise PresslensError("E609", engine="ray", extra="ray") from exc
        self.settings = settings
        self.workers = workers or default_workers()
        self.nlp_batch_size = nlp_batch_size
        self.batch_size = batch_size
        self.window = max(window, batch_size)
        self._started = False
        if not ray.is_initialized():
            kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                      "logging_level": logging.ERROR}
            if address:
                ray.init(address=address, **kwargs)
            else:
                ray.init(num_cpus=self.workers, **kwargs)
            self._started = True
        for name in ("ray", "ray.data"):
            logging.getLogger(name).setLevel(logging.ERROR)
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        ctx.print_on_execution_start = False

    def map(self, batches: Iterator[list[Record]]) -> Iterator[list[Row]]:
        window: list[dict[str, Any]] = []
        for batch in batches:
            window.extend({name: getattr(r, name) for name in RECORD_FIELDS} for r in batch)
            if len(window) >= self.window:
                yield from self._run_window(window)
                window = []
        if window:
            yield from self._run_window(window)

    def _run_window(self, items: list[dict[str, Any]]) -> Iterator[list[Row]]:
        import ray.data

        blocks = -(-len(items) // self.batch_size)
        source = ray.data.from_items(items, override_num_blocks=blocks)
        ds = source.map_batches(RayAnalyzer, batch_size=self.batch_size, batch_format="pyarrow",
                                compute=ray.data.ActorPoolStrategy(size=min(self.workers, blocks)), num_cpus=1,
                                fn_constructor_kwargs={"settings": self.settings, "nlp_batch_size": self.nlp_batch_size,
                                                       "threads": 1})
        out: Any
        for out in ds.iter_batches(batch_size=None, batch_format="pyarrow"):
            yield [{k: v for k, v in row.items() if v is not None or k in ("ok",)} for row in out.to_pylist()]

    def close(self) -> None:
        if self._started:
            import ray

            ray.shutdown()
            self._started = False


def make_engine(name: str, settings: Settings, *, workers: int | None, batch_size: int,
                address: str | None = None) -> Engine:
    if name == "local":
        return LocalEngine(settings, workers=workers, nlp_batch_size=batch_size)
    if name == "ray":
        return RayEngine(settings, workers=workers, nlp_batch_size=batch_size, batch_size=batch_size,
                         address=address)
    raise PresslensError("E610", engine=name, known=", ".join(ENGINES))
