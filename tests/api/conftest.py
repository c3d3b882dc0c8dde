"""API fixtures: the web tests' personas and offices, and a client with a persona's token."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from api_helpers import ApiClient, personas

from kinerja.api.actions import create_token

evidence_dir = personas.evidence_dir
world = personas.world
shared_world = personas.shared_world


@pytest.fixture
def api_as(world: Any) -> Callable[[str], ApiClient]:
    """`api_as("operator_a")`: a client holding a fresh token of that persona."""

    def make(persona: str) -> ApiClient:
        _, raw = create_token(world.users[persona], f"uji {persona}")
        return ApiClient(raw)

    return make
