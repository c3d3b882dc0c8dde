"""Property tests of the API's inputs: malformed, huge, nested and hostile bodies, paths and
queries get an answer in the error shape (400, 403, 404, 409 or 422), never a 500, and a refused
write leaves the database as it was.

Examples per test are fixed (`max_examples`) so CI stays fast; the deadline catches a hang.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.results.models import Evidence, Realization

API_SETTINGS = settings(
    max_examples=40,
    deadline=3000,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
REFUSED = {400, 403, 404, 409, 422}

hostile_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(
        ["", "95%", "9\x005%", "x" * 2001, "x" * 100_000, "\ud800", "IK08", "kpu-kota-metro"]
    ),
    st.sampled_from([0, -1, 5, 2024, 2**31, 2**63, 2**64, 10**20]),
)
json_values = st.recursive(
    hostile_scalars,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=12,
)


def _state() -> tuple[Any, ...]:
    return (
        tuple(Realization.objects.order_by("pk").values_list("pk", "value", "note", "version")),
        Evidence.objects.count(),
        Realization.history.count(),  # type: ignore[attr-defined]
    )


def _refused_or_done(response: Any, before: tuple[Any, ...], done: set[int]) -> None:
    assert response.status_code in REFUSED | done, response.content[:500]
    if response.status_code in REFUSED:
        assert set(response.json()["error"]) == {"code", "message", "details"}
        assert _state() == before


def _body(world: Any, field: str, value: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "office": world.own.agency.code,
        "year": 2024,
        "indicator": world.own.indicator.code,
        "quarter": 1,
        "value": "95%",
        "note": "",
    }
    body[field] = value
    return body


@API_SETTINGS
@given(
    st.sampled_from(["office", "year", "indicator", "quarter", "value", "note", "extra"]),
    json_values,
)
def test_entering_a_realisation_with_any_field_value(world, api_as, field, value):
    client = api_as("operator_a")
    before = _state()
    response = client.post("/realizations", _body(world, field, value))
    _refused_or_done(response, before, {201})
    if response.status_code == 201:
        Realization.objects.filter(pk=response.json()["id"]).delete()


@API_SETTINGS
@given(json_values)
def test_entering_a_realisation_with_any_json_body(world, api_as, body):
    client = api_as("operator_a")
    before = _state()
    response = client.client.post(
        "/api/v1/realizations",
        json.dumps(body),
        content_type="application/json",
        headers=client.headers,
    )
    _refused_or_done(response, before, set())


@API_SETTINGS
@given(st.binary(max_size=300))
def test_correcting_a_realisation_with_any_bytes(world, api_as, raw):
    client = api_as("operator_a")
    before = _state()
    response = client.client.put(
        f"/api/v1/realizations/{world.own.draft.pk}",
        raw,
        content_type="application/json",
        headers=client.headers,
    )
    _refused_or_done(response, before, set())


@API_SETTINGS
@given(
    st.sampled_from(["value", "note", "version", "extra"]),
    json_values,
    st.sampled_from(["", "/submit", "/verify", "/return"]),
)
def test_changing_a_realisation_with_any_field_value(world, api_as, field, value, step):
    client = api_as("operator_a")
    draft = Realization.objects.get(pk=world.own.draft.pk)
    body: dict[str, Any] = {"value": "91%", "note": "", "version": draft.version, "reason": "x"}
    body[field] = value
    before = _state()
    path = f"/realizations/{draft.pk}{step}"
    response = client.put(path, body) if not step else client.post(path, body)
    _refused_or_done(response, before, {200})


@API_SETTINGS
@given(
    st.sampled_from(["/realizations", "/indicators", "/targets", "/plans", "/offices"]),
    st.dictionaries(
        st.sampled_from(["office", "year", "quarter", "page", "page_size", "status", "x"]),
        st.text(max_size=25) | st.integers(min_value=-(2**70), max_value=2**70).map(str),
        max_size=4,
    ),
)
def test_listing_with_any_query(world, api_as, path, query):
    response = api_as("planner").get(path, **query)
    assert response.status_code in REFUSED | {200}, response.content[:500]


@API_SETTINGS
@given(st.text(max_size=30) | st.integers(min_value=-(2**70), max_value=2**70).map(str))
def test_any_path_value(world, api_as, value):
    client = api_as("planner")
    for path in (f"/realizations/{value}", f"/offices/{value}"):
        response = client.get(path.replace("?", "%3F").replace("#", "%23"))
        assert response.status_code in REFUSED | {200, 301, 308}, response.content[:500]
