"""String-name registries, the way spaCy registers factories.

Analysis components and output formats are looked up by name, so a new component
(a trained model, another language) plugs in by registering itself, here or through
a package entry point (group ``presslens_components`` / ``presslens_formats``),
without touching the pipeline code::

    from presslens.registry import components

    @components.register("techniques.my_model")
    def make_my_model(config):
        def run(state): ...
        return run
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import catalogue

# A component factory takes the component's config dict and returns a callable that
# fills an ``presslens.pipeline.AnalysisState`` in place.
components = catalogue.create("presslens", "components", entry_points=True)

# An output format takes an ``Analysis`` and returns text (str).
formats = catalogue.create("presslens", "formats", entry_points=True)

ComponentFactory = Callable[[dict[str, Any]], Callable[[Any], None]]


def _load_builtins() -> None:
    """Import the modules whose decorators register the built-in entries."""
    # Imported for their side effect of registering; order is irrelevant.
    from presslens import export  # noqa: F401
    from presslens.claims import attribution, checkworthy, hedges, model_components  # noqa: F401
    from presslens.extract import entities, events, figures  # noqa: F401
    from presslens.rhetoric import lexicon_detector, model_detector  # noqa: F401


def get_component(name: str) -> ComponentFactory:
    _load_builtins()
    try:
        factory: ComponentFactory = components.get(name)
    except catalogue.RegistryError as exc:
        from presslens.errors import PresslensError

        raise PresslensError("E101", name=name, known=", ".join(sorted(components.get_all()))) from exc
    return factory


def get_format(name: str) -> Callable[..., str]:
    _load_builtins()
    try:
        fmt: Callable[..., str] = formats.get(name)
    except catalogue.RegistryError as exc:
        from presslens.errors import PresslensError

        raise PresslensError("E102", name=name, known=", ".join(sorted(formats.get_all()))) from exc
    return fmt


def component_names() -> list[str]:
    _load_builtins()
    return sorted(components.get_all())


def format_names() -> list[str]:
    _load_builtins()
    return sorted(formats.get_all())
