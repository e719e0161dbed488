"""One pipeline with the claims model components for the whole session."""

from __future__ import annotations

import pytest

from presslens.pipeline import Pipeline

MODEL_COMPONENTS = ["entities.rules", "hedges.model", "attribution.model", "figures.rules", "events.rules",
                    "claims.model"]


@pytest.fixture(scope="session")
def claims_pipeline() -> Pipeline:
    return Pipeline(components=MODEL_COMPONENTS)
