"""``presslens train ...``: one subcommand per model, attached lazily by name.

Training needs ``pip install 'presslens[train]'``; analysis never does.
"""

from __future__ import annotations

import importlib

import click

# name -> "module:attribute" of a click command. Add a line to plug in a new model.
TRAINERS: dict[str, str] = {
    "claims": "presslens.claims.train:train_command",
    "hedges": "presslens.claims.train:hedges_command",
    "attribution": "presslens.claims.train:attribution_command",
    "techniques": "presslens.rhetoric.train:train_command",
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(TRAINERS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in TRAINERS:
            return None
        module_name, attr = TRAINERS[cmd_name].split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attr)
        return command


@click.group(cls=_LazyGroup)
def train() -> None:
    """Train a model from a corpus directory (seeded, resumable from checkpoints)."""
