"""presslens: what a news report, press release or opinion piece about a conflict actually says."""

from __future__ import annotations

__version__ = "0.1.0"

from presslens.errors import PresslensError  # noqa: E402
from presslens.model import Analysis  # noqa: E402
from presslens.pipeline import analyze  # noqa: E402

__all__ = ["Analysis", "PresslensError", "__version__", "analyze"]
