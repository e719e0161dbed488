"""Web/API fixtures: the app over a reconciled corpus, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from presslens.store.testing import db_url, engine, reconciled, stored_corpus  # noqa: F401
from presslens.web.app import create_app


@pytest.fixture
def make_client(reconciled, db_url, pipeline):  # noqa: F811 - fixtures
    """make_client(**create_app options) -> TestClient over the reconciled test corpus."""
    apps = []

    def make(**kwargs):
        app = create_app(db_url, pipeline=pipeline, **kwargs)
        apps.append(app)
        return TestClient(app)

    yield make
    for app in apps:
        app.app.state.engine.dispose()


@pytest.fixture
def client(make_client):
    with make_client() as c:
        yield c
