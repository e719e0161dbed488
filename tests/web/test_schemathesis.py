"""Property-based fuzzing of the API from its OpenAPI document: no input makes it fail
with a server error, and responses match their declared status codes and types."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, status_code_conformance

from presslens.store.testing import CORPUS
from presslens.web.app import create_app


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory, pipeline):
    from presslens.store.ingest import ingest

    url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.db'}"
    app = create_app(url, pipeline=pipeline, embeddings=False)
    ingest(app.app.state.engine, [str(CORPUS / "05_wire_abduction.txt")], pipeline, echo=lambda line: None)
    yield schemathesis.openapi.from_asgi("/api/v1/openapi.json", app.app)
    app.app.state.engine.dispose()


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_fails_with_a_server_error(case):
    case.call_and_validate(checks=[not_a_server_error, status_code_conformance, content_type_conformance])
