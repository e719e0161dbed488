"""A Click group whose subcommands are imported only when one runs, so that
``presslens --help`` does not import spaCy, onnxruntime or torch."""

from __future__ import annotations

import importlib
from typing import ClassVar

import click


class LazyGroup(click.Group):
    """Subclass it with ``lazy_commands``: name -> "module:attribute" of a click command."""

    lazy_commands: ClassVar[dict[str, str]] = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy_commands])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_commands:
            module_name, attr = self.lazy_commands[cmd_name].split(":")
            command: click.Command = getattr(importlib.import_module(module_name), attr)
            return command
        return super().get_command(ctx, cmd_name)
