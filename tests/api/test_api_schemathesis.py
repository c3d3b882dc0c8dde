"""schemathesis against the API's own OpenAPI schema: every operation, no server error.

The schema is the one the app serves (`api.get_openapi_schema()`); requests go to the WSGI app
with a planner's token, so that reads and writes get past authentication and reach the code.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from kinerja.api.actions import create_token
from kinerja.api.api import api
from kinerja.web.wsgi import application

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())


@pytest.fixture
def bearer(world: Any, settings: Any) -> Iterator[dict[str, str]]:
    """A planner's token; the WSGI app keeps the test's database connection, as the test
    client does (it would close it at the end of every request)."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    _, raw = create_token(world.users["planner"], "schemathesis")
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield {"Authorization": f"Bearer {raw}"}
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_operation_answers_with_a_server_error(case: Any, bearer: dict[str, str]) -> None:
    case.call_and_validate(app=application, headers=bearer, checks=[not_a_server_error])
