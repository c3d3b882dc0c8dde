"""Invalid values in a URL's path (a quarter of 5 or 0, an id or a year past any storage) give
404, never 500, on every URL of the application that takes such a value."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import get_resolver

BAD_QUARTERS = ["0", "5", "99999999999", "2" * 40]
BAD_YEARS = ["0", "1899", "2201", "99999999999"]
BAD_IDS = ["0", "9223372036854775808", "2" * 40]
UNKNOWN_ID = "99999999999"  # a possible id that is no row: refused as usual, never a 500
BAD = {"year": BAD_YEARS, "quarter": BAD_QUARTERS, "indicator": BAD_IDS, "pk": BAD_IDS}
# Narrative sections the LKj has no place for: refused as an unknown id is, never a 500 or a page.
UNKNOWN_KEYS = ["tidak_ada", "k" * 300]


def _patterns() -> list[tuple[str, str]]:
    """(name, route) of every ui URL with a path parameter."""
    found = []
    for pattern in get_resolver().url_patterns:
        if getattr(pattern, "app_name", None) != "ui":
            continue
        for entry in pattern.url_patterns:
            route = str(entry.pattern)
            if "<" in route:
                found.append((entry.name, route))
    return found


def _fill(route: str, valid: dict[str, str], name: str, bad: str) -> str:
    def value(match: re.Match[str]) -> str:
        key = match.group(2)
        return bad if key == name else valid[key]

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route)


def _valid(world) -> dict[str, str]:
    return {
        "agency": world.own.agency.code,
        "year": "2024",
        "unit": world.own.unit,
        "quarter": "1",
        "indicator": str(world.own.indicator.pk),
        "pk": str(world.own.draft.pk),
        "fmt": "pdf",
        "item": "1.a",
        "kind": "indikator",
        "key": "kata_pengantar",
    }


def test_every_numeric_path_value_is_checked(world):
    params = {name for _, route in _patterns() for name in re.findall(r"<\w+:(\w+)>", route)}
    assert {"year", "quarter", "indicator", "pk"} <= params


def _form(world) -> dict[str, str]:
    """A valid form for every card of the indicator: the request reaches the action."""
    i = world.own.indicator.pk
    return {
        f"i{i}-value": "95%",
        f"i{i}-note": "",
        f"v{i}-version": "1",
        f"r{i}-version": "1",
        f"r{i}-reason": "periksa lagi",
    }


@pytest.mark.parametrize("persona", ["operator_a", "planner", "admin"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_out_of_range_path_values_give_404(world, method, persona):
    client = Client(raise_request_exception=False)
    client.force_login(world.users[persona])
    valid = _valid(world)
    data = _form(world) if method == "post" else {}
    tried = 0
    failures = []
    for name, route in _patterns():
        for param in re.findall(r"<\w+:(\w+)>", route):
            if param == "key":
                for bad in UNKNOWN_KEYS:
                    response = getattr(client, method)(_fill(route, valid, param, bad), data)
                    tried += 1
                    if response.status_code not in {403, 404, 405}:
                        failures.append((name, bad[:20], response.status_code))
                continue
            if param in {"agency", "unit", "fmt", "kind", "item"}:
                continue
            for bad in BAD[param]:
                url = _fill(route, valid, param, bad)
                response = getattr(client, method)(url, data)
                tried += 1
                if response.status_code != 404:
                    failures.append((name, url, response.status_code))
            if param in {"indicator", "pk"}:
                url = _fill(route, valid, param, UNKNOWN_ID)
                response = getattr(client, method)(url, data)
                if response.status_code not in {403, 404, 405}:
                    failures.append((name, url, response.status_code))
    assert tried > 60
    assert failures == [], "\n".join(map(str, failures))


def test_a_valid_quarter_still_opens(world):
    client = Client()
    client.force_login(world.users["admin"])
    valid = _valid(world)
    url = _fill("o/<str:agency>/<int:year>/isian/<str:unit>/<int:quarter>/", valid, "", "")
    assert client.get(url).status_code == 200
