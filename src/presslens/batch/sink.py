"""The output dataset: results committed in chunks, with a manifest, so that a run killed at
any moment and started again ends with every document exactly once.

Layout of ``OUT/`` (files starting with ``_`` or ``.`` are skipped by Arrow/Ray/pandas
dataset readers, so ``OUT`` reads as a dataset of the part files alone)::

    part-000001.parquet | part-000001.jsonl   results, one row per document
    _errors.jsonl                             {"id", "origin", "code", "reason"} per failed document
    _manifest.jsonl                           one line per committed chunk: its file, ids, errors size
    _batch.json                               the output format, checked when a run resumes

A chunk commits in three steps: (1) its part file is written under a temporary name,
fsynced and renamed; (2) its error rows are appended to ``_errors.jsonl`` and fsynced;
(3) one line is appended to ``_manifest.jsonl`` and fsynced. Step 3 is the commit. On
start, the manifest is cut back to its last complete line, part files it does not list
and temporary files are deleted, and ``_errors.jsonl`` is cut back to the size the last
committed line recorded; the ids in the manifest are done and are skipped.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from presslens import __version__
from presslens.batch.work import Row
from presslens.errors import PresslensError

FORMATS = ("jsonl", "parquet")
MANIFEST = "_manifest.jsonl"
ERRORS = "_errors.jsonl"
META = "_batch.json"

# The flat Parquet schema: one row per document, summary columns to query, the full
# analysis as JSON in ``analysis``.
PARQUET_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "string"), ("origin", "string"), ("document_id", "string"), ("title", "string"),
    ("published", "date32"), ("source", "string"), ("url", "string"), ("authors", "list<string>"),
    ("words", "int32"), ("entities", "int32"), ("figures", "int32"), ("events", "int32"), ("claims", "int32"),
    ("techniques", "int32"), ("technique_names", "list<string>"), ("event_types", "list<string>"),
    ("analysis", "string"),
)


def require_pyarrow(what: str) -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise PresslensError("E613", what=what) from exc


def parquet_schema() -> Any:
    import pyarrow as pa

    types = {"string": pa.string(), "date32": pa.date32(), "int32": pa.int32(),
             "list<string>": pa.list_(pa.string())}
    return pa.schema([(name, types[kind]) for name, kind in PARQUET_COLUMNS])


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _append(path: Path, data: bytes) -> int:
    """Append and fsync; return the file size after."""
    with path.open("ab") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
        return fh.tell()


class OutputDataset:
    """Buffers result rows and commits them in chunks of ``chunk_size`` rows, or every
    ``commit_seconds`` seconds, whichever comes first."""

    def __init__(self, path: str | Path, fmt: str, *, chunk_size: int = 500, commit_seconds: float = 30.0) -> None:
        if fmt not in FORMATS:
            raise PresslensError("E606", fmt=fmt, known=", ".join(FORMATS))
        if fmt == "parquet":
            require_pyarrow("Parquet output")
        self.path = Path(path)
        self.fmt = fmt
        self.chunk_size = max(1, chunk_size)
        self.commit_seconds = commit_seconds
        self.done: set[str] = set()
        self.failed_before: set[str] = set()  # ids that failed in earlier runs (also in done)
        self.chunk = 0
        self.errors_bytes = 0
        self._ok: list[Row] = []
        self._failed: list[Row] = []
        self._last_commit = time.monotonic()

    # -- start / resume ------------------------------------------------------------------
    def open(self) -> set[str]:
        """Create or recover the dataset; return the ids done by earlier runs (this set is
        not updated by later commits)."""
        if self.path.exists() and not self.path.is_dir():
            raise PresslensError("E605", path=self.path, reason="it is a file, not a directory")
        self.path.mkdir(parents=True, exist_ok=True)
        meta_path = self.path / META
        if meta_path.exists():
            try:
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise PresslensError("E605", path=self.path, reason=f"{META} is unreadable ({exc})") from exc
            if meta.get("format") != self.fmt:
                raise PresslensError("E605", path=self.path,
                                     reason=f"it holds {meta.get('format')} results; use --format "
                                            f"{meta.get('format')} or another --out directory")
        else:
            if any(p.name.startswith("part-") for p in self.path.iterdir()):
                raise PresslensError("E605", path=self.path, reason=f"it has part files but no {META}")
            tmp = self.path / f".{META}.tmp"
            tmp.write_text(json.dumps({"format": self.fmt, "presslens": __version__}) + "\n", encoding="utf-8")
            os.replace(tmp, meta_path)
        self._recover()
        return self.done

    def _recover(self) -> None:
        manifest = self.path / MANIFEST
        listed: set[str] = set()
        analysed: set[str] = set()
        if manifest.exists():
            data = manifest.read_bytes()
            good = 0
            for line in data.splitlines(keepends=True):
                if not line.endswith(b"\n"):
                    break
                try:
                    entry = json.loads(line)
                except ValueError:
                    break
                good += len(line)
                self.chunk = max(self.chunk, int(entry["chunk"]))
                self.errors_bytes = int(entry["errors_bytes"])
                if entry.get("file"):
                    listed.add(entry["file"])
                self.done.update(entry["ok"])
                self.done.update(entry["failed"])
                self.failed_before.update(entry["failed"])
                analysed.update(entry["ok"])
            self.failed_before -= analysed  # an id given twice (E612) whose first copy was analysed
            if good < len(data):  # a torn last line: that chunk never committed
                with manifest.open("r+b") as fh:
                    fh.truncate(good)
                    os.fsync(fh.fileno())
        for child in self.path.iterdir():
            uncommitted = child.name.startswith("part-") and child.name not in listed
            if uncommitted or child.name.startswith(".part-"):
                child.unlink()
        errors = self.path / ERRORS
        if errors.exists() and errors.stat().st_size != self.errors_bytes:
            with errors.open("r+b") as fh:
                fh.truncate(self.errors_bytes)
                os.fsync(fh.fileno())
        _fsync_dir(self.path)

    # -- writing -------------------------------------------------------------------------
    def add(self, rows: Iterable[Row]) -> None:
        for row in rows:
            (self._ok if row["ok"] else self._failed).append(row)
        if self.pending() >= self.chunk_size or (
                self.pending() and time.monotonic() - self._last_commit >= self.commit_seconds):
            self.commit()

    def pending(self) -> int:
        return len(self._ok) + len(self._failed)

    def commit(self) -> None:
        if not self.pending():
            return
        self.chunk += 1
        name = None
        if self._ok:
            name = f"part-{self.chunk:06d}.{self.fmt}"
            tmp = self.path / f".{name}.tmp"
            if self.fmt == "parquet":
                self._write_parquet(tmp, self._ok)
            else:
                self._write_jsonl(tmp, self._ok)
            os.replace(tmp, self.path / name)
            _fsync_dir(self.path)
        if self._failed:
            lines = "".join(json.dumps({k: r[k] for k in ("id", "origin", "code", "reason")}, ensure_ascii=False)
                            + "\n" for r in self._failed)
            self.errors_bytes = _append(self.path / ERRORS, lines.encode("utf-8"))
        ok_ids = [r["id"] for r in self._ok]
        failed_ids = [r["id"] for r in self._failed]
        entry = {"chunk": self.chunk, "file": name, "ok": ok_ids, "failed": failed_ids,
                 "errors_bytes": self.errors_bytes}
        _append(self.path / MANIFEST, (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))
        self._ok, self._failed = [], []
        self._last_commit = time.monotonic()

    @staticmethod
    def _write_jsonl(path: Path, rows: list[Row]) -> None:
        with path.open("w", encoding="utf-8") as fh:
            for row in rows:
                # The analysis JSON is embedded as written by the worker: no re-encoding.
                head = json.dumps({"id": row["id"], "origin": row["origin"]}, ensure_ascii=False)[:-1]
                fh.write(f'{head}, "analysis": {row["analysis"]}}}\n')
            fh.flush()
            os.fsync(fh.fileno())

    @staticmethod
    def _write_parquet(path: Path, rows: list[Row]) -> None:
        from datetime import date

        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = parquet_schema()
        columns: dict[str, list[Any]] = {name: [] for name in schema.names}
        for row in rows:
            for name in schema.names:
                value = row.get(name)
                if name == "published" and value:
                    try:
                        value = date.fromisoformat(value[:10])
                    except ValueError:  # a page's own odd date string: not queryable as a date
                        value = None
                columns[name].append(value)
        table = pa.table(columns, schema=schema)
        with path.open("wb") as fh:
            pq.write_table(table, fh, compression="zstd")
            fh.flush()
            os.fsync(fh.fileno())


class DatabaseOutput:
    """Results into the corpus store (``presslens.store``, SQLite or PostgreSQL) instead of a
    dataset. Each document is stored in its own transaction by ``presslens.store.ingest.save``,
    which keys documents by the hash of their text: a document stored by an earlier (killed)
    run is not stored again, so a resumed run is exactly-once here too; such documents are
    counted in ``already_stored``. Failed documents are reported through ``say``, one line each."""

    fmt = "db"

    def __init__(self, url: str, say: Any = None) -> None:
        try:
            from presslens.store.db import connect
        except ImportError as exc:
            raise PresslensError("E611", out=url.split("@")[-1], reason=str(exc)) from exc
        self.path = url
        self._engine = connect(url)
        self.already_stored = 0
        self.failed_before: set[str] = set()  # the store keeps no failures
        self._say = say or (lambda line: print(line, file=__import__("sys").stderr))

    def open(self) -> set[str]:
        return set()

    def pending(self) -> int:
        return 0

    def add(self, rows: Iterable[Row]) -> None:
        from presslens.store.ingest import save
        from presslens.store.query import analysis_from_dict

        for row in rows:
            if not row["ok"]:
                self._say(f"presslens: error: {row['origin']}: [{row['code']}] {row['reason']}")
            elif not save(self._engine, analysis_from_dict(json.loads(row["analysis"])), row["origin"]):
                self.already_stored += 1

    def commit(self) -> None:
        """Every row is committed as it is added."""

    def close(self) -> None:
        self._engine.dispose()
