"""``presslens evaluate ...``: one subcommand per gold data set, attached lazily by name."""

from __future__ import annotations

import click

from presslens.lazy_group import LazyGroup

# name -> "module:attribute" of a click command. Add a line to plug in a new evaluation.
EVALUATIONS: dict[str, str] = {
    "gold": "presslens.evaluate.gold:gold_command",
    "techniques": "presslens.rhetoric.evaluate:evaluate_command",
    "checkworthy": "presslens.claims.evaluate:checkworthy_command",
    "hedges": "presslens.claims.evaluate:hedges_command",
    "attribution": "presslens.claims.evaluate:attribution_command",
}


class _Evaluations(LazyGroup):
    lazy_commands = EVALUATIONS


@click.group(cls=_Evaluations)
def evaluate() -> None:
    """Score presslens against gold data (precision, recall, F1)."""
