"""The ``json`` format: the analysis as documented JSON (see ``schema/analysis.schema.json``)."""

from __future__ import annotations

from presslens.model import Analysis
from presslens.registry import formats


def to_json(analysis: Analysis) -> str:
    return analysis.to_json(indent=2)


formats.register("json", func=to_json)
