"""presslens: what a news report, press release or opinion piece about a conflict actually says."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from presslens.errors import PresslensError  # noqa: E402
from presslens.model import Analysis  # noqa: E402

if TYPE_CHECKING:
    from presslens.pipeline import analyze

__all__ = ["Analysis", "PresslensError", "__version__", "analyze"]


def __getattr__(name: str) -> Any:
    # spaCy (and, where installed, torch through thinc) takes seconds to import: only
    # pay for it when an analysis is asked for, not for `presslens --help` or a web page.
    if name == "analyze":
        from presslens.pipeline import analyze

        return analyze
    raise AttributeError(f"module 'presslens' has no attribute {name!r}")
