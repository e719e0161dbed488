"""The batch driver: read INPUT as a stream, skip what an earlier run finished, send the
rest to an engine in batches, commit results as they come back."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from presslens.batch.engines import Engine, make_engine
from presslens.batch.sink import ERRORS, DatabaseOutput, OutputDataset
from presslens.batch.work import Row, error_row
from presslens.errors import PresslensError
from presslens.ingest.records import BadRecord, Record, Source
from presslens.settings import Settings, load_settings

DB_PREFIXES = ("postgresql:", "postgres:", "sqlite:", "mysql:")


@dataclass
class BatchSummary:
    ok: int = 0
    failed: int = 0
    skipped: int = 0
    failed_before: int = 0  # of the skipped: documents that failed in an earlier run
    seconds: float = 0.0
    out: str = ""
    errors_file: str = ""
    worker_restarts: int = 0
    codes: dict[str, int] = field(default_factory=dict)

    @property
    def docs_per_second(self) -> float:
        return (self.ok + self.failed) / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        earlier = f" ({self.failed_before} of them failed earlier)" if self.failed_before else ""
        return (f"{self.ok} ok, {self.failed} failed, {self.skipped} skipped{earlier} in {self.seconds:.1f} s "
                f"({self.docs_per_second:.1f} docs/s)")


def output_format(out: str, fmt: str | None) -> str:
    if any(out.startswith(p) for p in DB_PREFIXES):
        return "db"
    if fmt:
        return fmt
    return "parquet" if out.rstrip("/").endswith(".parquet") else "jsonl"


def _batches(source: Iterator[Record | BadRecord], done: set[str], size: int, summary: BatchSummary,
             side_errors: list[Row], failed_before: set[str]) -> Iterator[list[Record]]:
    """Group records into batches; skip done ids; report unreadable records and ids seen
    twice in this input as errors (they never reach a worker)."""
    seen: set[str] = set()
    batch: list[Record] = []
    for item in source:
        if item.id in done:
            summary.skipped += 1
            if item.id in failed_before:
                summary.failed_before += 1
            continue
        if item.id in seen:
            side_errors.append(error_row(item.id, item.origin, PresslensError("E612", id=item.id)))
            continue
        seen.add(item.id)
        if isinstance(item, BadRecord):
            side_errors.append(error_row(item.id, item.origin, item.error))
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_batch(input_spec: str, out: str | Path, *, engine: str | Engine = "local", workers: int | None = None,
              batch_size: int = 16, fmt: str | None = None, address: str | None = None,
              settings: Settings | None = None, chunk_size: int = 500, commit_seconds: float = 30.0,
              text_column: str = "text", id_column: str = "id",
              progress: Callable[[BatchSummary], None] | None = None,
              on_start: Callable[[int | None], None] | None = None) -> BatchSummary:
    """Analyse every document of ``input_spec`` into the dataset ``out``; resumable.

    ``progress(summary)`` is called as documents finish; ``on_start(total)`` once, with
    the number of documents in INPUT where that is cheap to know."""
    settings = settings or load_settings()
    out = str(out)
    fmt = output_format(out, fmt)
    source = Source(input_spec, max_bytes=settings.max_bytes, text_column=text_column, id_column=id_column)
    sink: OutputDataset | DatabaseOutput
    if fmt == "db":
        sink = DatabaseOutput(out)
    else:
        sink = OutputDataset(out, fmt, chunk_size=chunk_size, commit_seconds=commit_seconds)
    done = sink.open()
    summary = BatchSummary(out=out, errors_file="" if fmt == "db" else str(Path(out) / ERRORS))
    started = time.monotonic()
    executor = engine if not isinstance(engine, str) else make_engine(
        engine, settings, workers=workers, batch_size=batch_size, address=address)
    side_errors: list[Row] = []

    def take(rows: list[Row]) -> None:
        for row in rows:
            if row["ok"]:
                summary.ok += 1
            else:
                summary.failed += 1
                summary.codes[row["code"]] = summary.codes.get(row["code"], 0) + 1
        sink.add(rows)
        if progress:
            progress(summary)

    try:
        if on_start:
            on_start(source.count())
        for rows in executor.map(_batches(iter(source), done, batch_size, summary, side_errors, sink.failed_before)):
            if side_errors:
                take(side_errors[:])
                side_errors.clear()
            take(rows)
        take(side_errors)
        sink.commit()
    except KeyboardInterrupt:
        sink.commit()  # finished documents are kept; the rest is done on the next run
        raise
    except PresslensError:
        raise
    except Exception as exc:  # noqa: BLE001 - an engine failure (cluster lost ...): keep what is done
        sink.commit()
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        raise PresslensError("E614", engine=getattr(executor, "name", engine), reason=reason) from exc
    finally:
        if isinstance(engine, str):
            executor.close()
        if isinstance(sink, DatabaseOutput):
            summary.skipped += sink.already_stored
            summary.ok -= sink.already_stored
            sink.close()
    summary.seconds = time.monotonic() - started
    summary.worker_restarts = getattr(executor, "restarts", 0)
    return summary
