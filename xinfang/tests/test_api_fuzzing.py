"""The API fuzzed by schemathesis against its own /api/v1/openapi.json, in process through the
Django WSGI app, as the joint office and as a town clerk: no answer is a server error, and every
answer (errors included) is documented in the schema with its media type and matches it.

Every operation is fuzzed; nothing is excluded. At most 20 generated requests per operation: the
fuzzing phase (and the schema's own examples), not the coverage phase, which would generate every
boundary case of every parameter (hundreds per operation, no max-examples bound), nor the stateful
phase, whose chains of linked calls have no per-operation bound either. Both roles run the same
cases (derandomized: the same requests on every run). The data the requests
find: the reference data of conftest.py plus a planned Work Day of the clerk's town, so ids 1..n
sometimes exist."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.models import ApiToken

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

CONFIG = SchemathesisConfig.from_dict(
    {
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
        "generation": {"max-examples": 20},
    }
)


# Loaded from the app itself when the module is collected (the schema view reads no database).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application(), config=CONFIG)


@pytest.fixture(autouse=True)
def keep_connection():
    """Like Django's test client, the requests keep the test's database connection (the handler
    would close it at each request's end), so they run inside the test's transaction and see its
    data."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def seeded(workday_factory, town_clerk):
    """Something to find: a planned Work Day of the clerk's town (巴川街道)."""
    return workday_factory(actor=town_clerk)


def _bearer(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {ApiToken.issue(user, name='fuzz')}"}


_FUZZ = settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@schema.parametrize()
@_FUZZ
def test_api_as_joint_office(case, supervisor, seeded):
    case.call_and_validate(headers=_bearer(supervisor), checks=CHECKS)


@schema.parametrize()
@_FUZZ
def test_api_as_clerk(case, town_clerk, seeded):
    case.call_and_validate(headers=_bearer(town_clerk), checks=CHECKS)
