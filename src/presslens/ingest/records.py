"""Where documents come from, for ``presslens batch`` and ``presslens ingest`` alike: a
directory of article files, an article file, a JSONL, CSV or Parquet file, or a glob of any
of these. Everything is read as a stream (one record at a time), so memory stays flat
whatever the input size.

Each record has a stable ``id``: the ``id`` column when the input has one, else its origin
(the file path, or ``path:row`` for tabular inputs, rows counted from 1). Resuming a run
skips the ids already done, so run again with the same INPUT argument.

Metadata: the columns ``title``, ``published`` (or ``date``), ``source`` and ``url`` of a
row, or ``NAME.meta.json`` beside an article file ``NAME.txt``. Column names are matched
without regard to case or surrounding spaces. A record that cannot be read becomes a
:class:`BadRecord` and the stream goes on.
"""

from __future__ import annotations

import csv
import glob
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presslens.errors import PresslensError
from presslens.ingest.decode import blank_controls, decode_bytes, has_undecodable_bytes
from presslens.ingest.loader import ARTICLE_SUFFIXES, RawArticle, article_from_text, check_size

if TYPE_CHECKING:
    from presslens.settings import Settings

TABULAR_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".parquet")
METADATA_COLUMNS = ("title", "published", "source", "url")
ALIASES = {"date": "published"}  # a ``date`` column fills ``published`` when that is absent


@dataclass
class Record:
    """One document to analyse. ``data`` holds the raw bytes of an article file (decoded
    by the worker, like ``presslens analyze``); ``text`` the text of a tabular row."""

    id: str
    origin: str
    text: str | None = None
    data: bytes | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None


@dataclass
class BadRecord:
    """A record that could not even be read (bad JSON line, no text, bad bytes)."""

    id: str
    origin: str
    error: PresslensError


Item = Record | BadRecord


def _iter_files(root: Path, suffixes: tuple[str, ...] = ARTICLE_SUFFIXES) -> Iterator[Path]:
    """Walk a directory in sorted order without listing it all at once."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if Path(name).suffix.lower() in suffixes:
                yield Path(dirpath) / name


def _column(name: str) -> str:
    return name.strip().lower()


def expand_input(spec: str, suffixes: tuple[str, ...] = ARTICLE_SUFFIXES) -> list[Path]:
    """INPUT as the user gave it -> the files or directories to read, in a stable order.
    ``suffixes``: the files read inside directories."""
    if any(ch in spec for ch in "*?["):
        matches = sorted(Path(p) for p in glob.glob(spec, recursive=True))
        paths = [p for p in matches if p.is_dir() or p.suffix.lower() in ARTICLE_SUFFIXES + TABULAR_SUFFIXES]
        if not paths:
            raise PresslensError("E601", path=spec)
        return paths
    path = Path(spec)
    if not path.exists():
        raise PresslensError("E601", path=spec)
    if path.is_file() and path.suffix.lower() not in ARTICLE_SUFFIXES + TABULAR_SUFFIXES:
        raise PresslensError("E602", path=spec)
    if path.is_dir() and next(_iter_files(path, suffixes), None) is None:
        raise PresslensError("E008", path=spec)
    return [path]


class Source:
    """A stream of :data:`Item` from INPUT. ``max_bytes`` bounds what is read per article.

    ``tables_in_directories``: directories are walked for JSONL, CSV and Parquet files too
    (``presslens ingest``). Off for ``presslens batch``, whose output dataset is made of such
    files and may sit inside its input directory. The id column is matched exactly as
    given (ids must not change between the runs that resume a batch); the others without
    regard to case."""

    def __init__(self, spec: str, *, max_bytes: int, text_column: str = "text", id_column: str = "id",
                 tables_in_directories: bool = False) -> None:
        self.spec = spec
        self.suffixes = ARTICLE_SUFFIXES + TABULAR_SUFFIXES if tables_in_directories else ARTICLE_SUFFIXES
        self.paths = expand_input(spec, self.suffixes)
        self.max_bytes = max_bytes
        self.text_column = _column(text_column)
        self.id_column = id_column
        if any(p.suffix.lower() == ".parquet" for p in self.paths):
            from presslens.batch.sink import require_pyarrow

            require_pyarrow("Parquet input")

    def __iter__(self) -> Iterator[Item]:
        for path in self.paths:
            for file in _iter_files(path, self.suffixes) if path.is_dir() else [path]:
                yield from self._guarded(file)

    def _guarded(self, path: Path) -> Iterator[Item]:
        """The items of one file. A file that breaks its reader part-way (a .parquet that is
        not Parquet, a truncated file) ends as one bad record; the stream goes on."""
        n = 0
        try:
            for item in self._read_path(path):
                n += 1
                yield item
        except Exception as exc:  # noqa: BLE001 - whatever a third-party reader raises on hostile bytes
            origin = f"{path}:{n + 1}" if path.suffix.lower() in TABULAR_SUFFIXES else str(path)
            reason = " ".join(blank_controls(f"{type(exc).__name__}: {exc}").split())[:300]
            yield BadRecord(origin, origin, PresslensError("E603", reason=f"unreadable from here on ({reason})"))

    def _read_path(self, path: Path) -> Iterator[Item]:
        suffix = path.suffix.lower()
        if suffix in (".jsonl", ".ndjson"):
            yield from self._read_jsonl(path)
        elif suffix == ".csv":
            yield from self._read_csv(path)
        elif suffix == ".parquet":
            yield from self._read_parquet(path)
        else:
            yield self._read_file(path)

    def count(self) -> int | None:
        """How many records, where that is cheap to know (None for CSV)."""
        total = 0
        for path in self.paths:
            suffix = path.suffix.lower()
            if path.is_dir():
                total += sum(1 for _ in _iter_files(path, self.suffixes))
            elif suffix in (".jsonl", ".ndjson"):
                with path.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            elif suffix == ".parquet":
                import pyarrow.parquet as pq

                total += pq.ParquetFile(path).metadata.num_rows
            elif suffix == ".csv":
                return None
            else:
                total += 1
        return total

    def _read_file(self, path: Path) -> Item:
        origin = str(path)
        try:
            with path.open("rb") as fh:
                data = fh.read(self.max_bytes + 1)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            return BadRecord(origin, origin, PresslensError("E011", path=path, reason=reason))
        side = path.with_name(path.stem + ".meta.json")
        if not side.is_file():
            return Record(id=origin, origin=origin, data=data)
        try:
            raw = json.loads(side.read_text(encoding="utf-8"))
            if not isinstance(raw, dict):
                raise ValueError("expected a JSON object")
            meta = _metadata({_column(str(k)): v for k, v in raw.items()})
        except (OSError, ValueError) as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
            return BadRecord(origin, origin, PresslensError("E603", reason=f"{side.name}: {exc}"))
        return Record(id=origin, origin=origin, data=data, title=meta["title"], published=meta["published"],
                      source=meta["source"], url=meta["url"])

    def _record(self, raw: dict[str, Any], origin: str) -> Item:
        row = {_column(str(k)): v for k, v in raw.items()}
        raw_id = raw.get(self.id_column)
        rid = origin if raw_id is None or raw_id == "" else str(raw_id)
        text = row.get(self.text_column)
        if not isinstance(text, str):
            what = "no" if text is None else f"a non-text ({type(text).__name__})"
            return BadRecord(rid, origin, PresslensError("E604", what=what, column=self.text_column))
        if any(isinstance(v, str) and has_undecodable_bytes(v) for v in row.values()):
            return BadRecord(rid, origin, PresslensError("E003"))
        try:
            meta = _metadata(row)
        except ValueError as exc:
            return BadRecord(rid, origin, PresslensError("E603", reason=str(exc)))
        return Record(id=rid, origin=origin, text=text, title=meta["title"], published=meta["published"],
                      source=meta["source"], url=meta["url"])

    def _read_jsonl(self, path: Path) -> Iterator[Item]:
        with path.open("rb") as fh:
            for lineno, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                origin = f"{path}:{lineno}"
                try:
                    row = json.loads(line.decode("utf-8"))
                except UnicodeDecodeError:
                    yield BadRecord(self._salvage_id(line) or origin, origin, PresslensError("E003"))
                    continue
                except json.JSONDecodeError as exc:
                    yield BadRecord(origin, origin, PresslensError("E603", reason=f"not valid JSON ({exc.msg})"))
                    continue
                except RecursionError:
                    yield BadRecord(origin, origin, PresslensError("E603", reason="not valid JSON (nested too deeply)"))
                    continue
                if not isinstance(row, dict):
                    yield BadRecord(origin, origin, PresslensError("E603", reason="the line is not a JSON object"))
                    continue
                yield self._record(row, origin)

    def _salvage_id(self, line: bytes) -> str | None:
        """The id of a JSON line that is not valid UTF-8, to name it in the errors file."""
        try:
            row = json.loads(line.decode("utf-8", errors="replace"))
        except (ValueError, RecursionError):
            return None
        value = row.get(self.id_column) if isinstance(row, dict) else None
        return None if value is None or value == "" else str(value)

    def _read_csv(self, path: Path) -> Iterator[Item]:
        # Four times the size limit: no field that the size check (E004) would let through is
        # cut, and an unclosed quote swallowing the rest of a big file is caught as malformed
        # instead of being analysed as one garbled article.
        csv.field_size_limit(max(self.max_bytes * 4, 131072))
        # surrogateescape keeps undecodable bytes visible to _record, which refuses that row only.
        with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as fh:
            reader = csv.DictReader(fh)
            try:
                columns = [_column(c) for c in reader.fieldnames or []]
            except csv.Error as exc:
                columns = [f"none readable ({exc})"]
            if self.text_column not in columns:
                yield self._no_text_column(path, columns)
                return
            rowno = 0
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    # e.g. an unclosed quote swallowing the rest of the file: the reader cannot go on,
                    # so the rest of this file is one failed record and the batch goes on with the others
                    yield BadRecord(f"{path}:{rowno + 1}", f"{path}:{rowno + 1}",
                                    PresslensError("E603", reason=f"malformed CSV from here on ({exc})"))
                    return
                rowno += 1
                yield self._record(dict(row), f"{path}:{rowno}")

    def _no_text_column(self, path: Path, columns: list[str]) -> BadRecord:
        # a header is article data too: one line, no control characters, bounded
        found = " ".join(blank_controls(", ".join(columns)).split())[:300] or "none"
        return BadRecord(str(path), str(path), PresslensError("E615", column=self.text_column, columns=found))

    def _read_parquet(self, path: Path) -> Iterator[Item]:
        import pyarrow.parquet as pq

        file = pq.ParquetFile(path)
        wanted = {self.text_column, *METADATA_COLUMNS, *ALIASES}
        names = file.schema_arrow.names
        if self.text_column not in {_column(n) for n in names}:
            yield self._no_text_column(path, names)
            return
        columns = [name for name in names if _column(name) in wanted or name == self.id_column]
        rowno = 0
        for batch in file.iter_batches(batch_size=256, columns=columns):
            for row in batch.to_pylist():
                rowno += 1
                yield self._record(row, f"{path}:{rowno}")


def _metadata(row: dict[str, Any]) -> dict[str, str | None]:
    """title, published, source and url of a row whose keys are already lower-cased. A date
    (Parquet) is written YYYY-MM-DD; ValueError names a field of any other non-text type."""
    out: dict[str, str | None] = {}
    for name in METADATA_COLUMNS:
        value = row.get(name)
        if value is None or value == "":
            value = next((row.get(alias) for alias, target in ALIASES.items() if target == name), None)
        if value is not None and not isinstance(value, str) and hasattr(value, "isoformat"):
            value = value.isoformat()[:10]
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{name!r} must be text, not {type(value).__name__}")
        out[name] = value or None
    return out


def record_article(record: Record, settings: Settings) -> RawArticle:
    """The checks of ``presslens.ingest.load_article`` for a record's bytes or text. The text is
    never taken for a file path (a row saying "/etc/passwd" is analysed as text, not read);
    the record's own columns win over what the page says about itself."""
    if record.data is not None:
        check_size(len(record.data), settings)
        text = decode_bytes(record.data)
    else:
        text = record.text or ""
    return article_from_text(text, settings, origin=record.origin, published=record.published,
                             title=record.title, source=record.source, url=record.url)
