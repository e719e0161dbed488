"""The ``presslens`` command: a thin Click layer over the library.

Subcommands that belong to a capability live next to it (``presslens.evaluate.cli``,
``presslens.batch.cli`` ...) and are attached here by name in ``SUBCOMMANDS``, so the
CLI module stays small and importing it stays cheap.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from presslens import __version__
from presslens.errors import PresslensError
from presslens.lazy_group import LazyGroup

# name -> "module:attribute" of a click command; imported only when that command runs.
SUBCOMMANDS: dict[str, str] = {
    "evaluate": "presslens.evaluate.cli:evaluate",
    "train": "presslens.training.cli:train",
    "batch": "presslens.batch.cli:batch",
    "ingest": "presslens.store.cli:ingest",
    "reconcile": "presslens.store.cli:reconcile",
    "serve": "presslens.store.cli:serve",
}


def fail(origin: str | None, exc: PresslensError) -> None:
    """Print the one-line error the way every presslens command does."""
    where = f"{origin}: " if origin else ""
    click.echo(f"presslens: error: {where}{exc}", err=True)


class _Commands(LazyGroup):
    lazy_commands = SUBCOMMANDS


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="presslens")
def main() -> None:
    """presslens: what a news report, press release or opinion piece about a conflict says.

    Events and figures, check-worthy claims with their hedges and sources, and the
    persuasion techniques the text uses. Runs offline.
    """


def _default_format() -> str:
    return "text" if sys.stdout.isatty() else "json"


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date (resolves dates with no year).")
@click.option("--title", help="Article title (overrides what the page says).")
@click.option("--source", help="Outlet or source name (overrides what the page says).")
@click.option("-f", "--format", "fmt", default=None,
              help="Output format: json (default when piped), text (default on a terminal), html, webanno, "
                   "labelstudio, csv.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write to this file instead of stdout.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="A .cfg file whose keys override the packaged defaults.")
@click.option("--max-bytes", type=int, help="Refuse inputs larger than this many bytes (default 2000000).")
@click.option("--min-score", type=float, help="Drop technique spans scoring below this (0..1).")
@click.option("--components", help="Comma-separated component names to run instead of the configured list.")
def analyze(inputs: tuple[str, ...], published: str | None, title: str | None, source: str | None,
            fmt: str | None, output: Path | None, config_path: Path | None, max_bytes: int | None,
            min_score: float | None, components: str | None) -> None:
    """Analyse articles: files, directories, '-' for stdin. One result per article.

    With several articles, json prints one JSON object per line (JSON Lines), csv prints
    one header, and the other formats print the reports one after the other.
    """
    from dataclasses import replace

    from presslens.ingest import iter_inputs
    from presslens.pipeline import Pipeline
    from presslens.registry import get_format
    from presslens.settings import load_settings

    try:
        settings = load_settings(config_path)
        overrides: dict[str, Any] = {}
        if max_bytes is not None:
            overrides["max_bytes"] = max_bytes
        if min_score is not None:
            overrides["min_technique_score"] = min_score
        if components:
            overrides["components"] = tuple(c.strip() for c in components.split(",") if c.strip())
        settings = replace(settings, **overrides)
        fmt = fmt or _default_format()
        render = get_format(fmt)
        paths = list(iter_inputs(list(inputs)))
        pipeline = Pipeline(settings)
    except PresslensError as exc:
        fail(None, exc)
        sys.exit(2)

    failures = 0
    chunks: list[str] = []
    many = len(paths) > 1
    for path in paths:
        try:
            result = pipeline.analyze(path, published=published, title=title, source=source)
        except PresslensError as exc:
            failures += 1
            fail(path, exc)
            continue
        if fmt == "json":
            chunks.append(result.to_json(indent=None if many else 2))
        elif fmt == "csv":
            rendered = render(result)
            # One header for the whole run.
            chunks.append(rendered if not chunks else rendered.split("\n", 1)[1] if "\n" in rendered else "")
        else:
            chunks.append(render(result))
    text = "\n".join(c.rstrip("\n") for c in chunks if c) + ("\n" if chunks else "")
    if output:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            fail(None, PresslensError("E012", path=output, reason=exc.strerror or type(exc).__name__))
            sys.exit(1)
    else:
        click.echo(text, nl=False)
    if many:
        click.echo(f"presslens: {len(paths) - failures} analysed, {failures} failed", err=True)
    if failures:
        sys.exit(1)


@main.command(name="components")
def list_components() -> None:
    """List the registered analysis components and output formats."""
    from presslens.registry import component_names, format_names
    from presslens.settings import load_settings

    active = load_settings().components
    for name in component_names():
        click.echo(f"{'*' if name in active else ' '} {name}")
    click.echo("formats: " + ", ".join(format_names()))


if __name__ == "__main__":  # pragma: no cover
    main()
