"""``presslens batch``: analyse a whole archive into a dataset, resumably."""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from presslens.errors import PresslensError

OPTION_GROUPS = (
    ("Input", ("--text-column", "--id-column")),
    ("Output", ("--out", "--format", "--chunk-size", "--commit-every")),
    ("Engine", ("--engine", "--workers", "--batch-size", "--address")),
    ("Analysis", ("--config", "--components", "--max-bytes")),
    ("Display", ("--progress", "--no-progress")),
)


class GroupedCommand(click.Command):
    """A command whose --help lists its options under named groups."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = {}
        for param in self.get_params(ctx):
            if not isinstance(param, click.Option):
                continue
            record = param.get_help_record(ctx)
            if record:
                records[param.name] = (param, record)
        shown: set[str] = set()
        for title, flags in OPTION_GROUPS:
            rows = []
            for name, (param, record) in records.items():
                if name not in shown and any(f in getattr(param, "opts", []) + getattr(param, "secondary_opts", [])
                                             for f in flags):
                    rows.append(record)
                    shown.add(name)
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)
        rest = [record for name, (_, record) in records.items() if name not in shown]
        if rest:
            with formatter.section("Other"):
                formatter.write_dl(rest)


def _progress_bar(enabled: bool) -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[rate]:.1f} docs/s"), TextColumn("ETA"), TimeRemainingColumn(),
                    TextColumn("{task.fields[failed]} failed"),
                    console=Console(stderr=True), disable=not enabled, transient=False)


@click.command(cls=GroupedCommand, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("input_spec", metavar="INPUT")
@click.option("--text-column", default="text", show_default=True, help="Column with the article text.")
@click.option("--id-column", default="id", show_default=True,
              help="Column with a document id; without one, the id is PATH:ROW (or the file path).")
@click.option("-o", "--out", required=True,
              help="Output dataset directory (JSONL parts, or Parquet when it ends in .parquet or with --format), "
                   "or a corpus database URL (sqlite:///FILE, postgresql://...).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "parquet"]), help="Output format of the part files.")
@click.option("--chunk-size", type=click.IntRange(min=1), default=500, show_default=True,
              help="Commit results every this many documents.")
@click.option("--commit-every", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="...or every this many seconds, whichever comes first.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: a process pool on this machine; ray: Ray Data (pip install 'presslens[ray]').")
@click.option("-j", "--workers", type=click.IntRange(min=1), help="Worker processes / Ray actors [default: CPU cores].")
@click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True,
              help="Documents per batch sent to a worker (parsed together with spaCy's nlp.pipe).")
@click.option("--address", help="Ray cluster to join ('auto', or 'ray://HEAD:10001'); default: start Ray locally.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="A .cfg file whose keys override the packaged defaults.")
@click.option("--components", help="Comma-separated component names to run instead of the configured list.")
@click.option("--max-bytes", type=int, help="Refuse documents larger than this many bytes (default 2000000).")
@click.option("--progress/--no-progress", default=None, help="Progress bar [default: on a terminal].")
def batch(input_spec: str, text_column: str, id_column: str, out: str, fmt: str | None, chunk_size: int,
          commit_every: float, engine: str, workers: int | None, batch_size: int, address: str | None,
          config_path: Path | None, components: str | None, max_bytes: int | None, progress: bool | None) -> None:
    """Analyse many articles into a dataset, resumably.

    INPUT is a directory of article files (.txt, .html ...), a JSONL, CSV or Parquet file
    (a text column, optional id, title, published, source, url columns), or a quoted glob.
    Results are committed in chunks: run the same command again after an interruption and
    it carries on, every document ending up in OUT exactly once. Documents that cannot be
    analysed are listed in OUT/_errors.jsonl and the run goes on.
    """
    from presslens.batch.runner import BatchSummary, run_batch
    from presslens.cli import fail
    from presslens.settings import load_settings

    show = sys.stderr.isatty() if progress is None else progress
    try:
        settings = load_settings(config_path)
        overrides: dict[str, Any] = {}
        if max_bytes is not None:
            overrides["max_bytes"] = max_bytes
        if components:
            overrides["components"] = tuple(c.strip() for c in components.split(",") if c.strip())
        settings = replace(settings, **overrides)
        bar = _progress_bar(show)
        with bar:
            task = bar.add_task("batch", total=None, rate=0.0, failed=0)
            started = time.monotonic()

            def on_start(total: int | None) -> None:
                bar.update(task, total=total)

            def on_progress(summary: BatchSummary) -> None:
                elapsed = max(time.monotonic() - started, 1e-6)
                bar.update(task, completed=summary.ok + summary.failed + summary.skipped,
                           rate=(summary.ok + summary.failed) / elapsed, failed=summary.failed)

            summary = run_batch(input_spec, out, engine=engine, workers=workers, batch_size=batch_size, fmt=fmt,
                                address=address, settings=settings, chunk_size=chunk_size,
                                commit_seconds=commit_every, text_column=text_column, id_column=id_column,
                                progress=on_progress if show else None, on_start=on_start if show else None)
    except PresslensError as exc:
        fail(input_spec, exc)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("presslens: batch: interrupted; finished documents are saved, run again to resume", err=True)
        sys.exit(130)
    click.echo(f"presslens: batch: {summary.line()}", err=True)
    if summary.failed:
        codes = ", ".join(f"{code} x{n}" for code, n in sorted(summary.codes.items()))
        click.echo(f"presslens: batch: failures ({codes}) listed in {summary.errors_file}", err=True)
    if summary.failed or summary.failed_before:
        sys.exit(1)  # as analyze and ingest: some document of INPUT could not be analysed
