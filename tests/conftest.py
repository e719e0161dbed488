"""Shared fixtures: one loaded pipeline for the whole session (spaCy loads once)."""

from __future__ import annotations

from pathlib import Path

import pytest

from presslens.pipeline import Pipeline
from presslens.settings import RULE_COMPONENTS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "camp_x_opinion.txt"
GOLD_DIR = ROOT / "tests" / "gold"


@pytest.fixture(scope="session")
def rules_pipeline() -> Pipeline:
    """The rule components only: fast, and what the core behaviour tests describe."""
    return Pipeline(components=list(RULE_COMPONENTS))


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The default configuration, whatever components it names."""
    return Pipeline()
