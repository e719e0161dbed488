"""The JSON Schema of the analysis result (``analysis.schema.json``, draft 2020-12)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

from jsonschema import Draft202012Validator

SCHEMA_FILE = "analysis.schema.json"


def load_schema() -> dict[str, Any]:
    """A fresh copy of the schema, so callers may modify it."""
    schema: dict[str, Any] = json.loads(files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8"))
    return schema


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema())


def validate(result: dict[str, Any]) -> None:
    """Check ``Analysis.to_dict()`` output; raises ``jsonschema.ValidationError``
    (the most relevant error) when it does not conform."""
    _validator().validate(result)
