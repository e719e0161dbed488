"""``presslens evaluate ...``: one subcommand per gold data set, attached lazily by name."""

from __future__ import annotations

import importlib

import click

# name -> "module:attribute" of a click command. Add a line to plug in a new evaluation.
EVALUATIONS: dict[str, str] = {
    "gold": "presslens.evaluate.gold:gold_command",
    "techniques": "presslens.rhetoric.evaluate:evaluate_command",
    "checkworthy": "presslens.claims.evaluate:checkworthy_command",
    "hedges": "presslens.claims.evaluate:hedges_command",
    "attribution": "presslens.claims.evaluate:attribution_command",
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(EVALUATIONS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in EVALUATIONS:
            return None
        module_name, attr = EVALUATIONS[cmd_name].split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attr)
        return command


@click.group(cls=_LazyGroup)
def evaluate() -> None:
    """Score presslens against gold data (precision, recall, F1)."""
