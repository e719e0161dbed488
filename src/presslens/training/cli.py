"""``presslens train ...``: one subcommand per model, attached lazily by name.

Training needs ``pip install 'presslens[train]'``; analysis never does.
"""

from __future__ import annotations

import click

from presslens.lazy_group import LazyGroup

# name -> "module:attribute" of a click command. Add a line to plug in a new model.
TRAINERS: dict[str, str] = {
    "claims": "presslens.claims.train:train_command",
    "hedges": "presslens.claims.train:hedges_command",
    "attribution": "presslens.claims.train:attribution_command",
    "techniques": "presslens.rhetoric.train:train_command",
}


class _Trainers(LazyGroup):
    lazy_commands = TRAINERS


@click.group(cls=_Trainers)
def train() -> None:
    """Train a model from a corpus directory (seeded, resumable from checkpoints)."""
