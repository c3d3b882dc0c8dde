"""Helpers of the API tests: the web tests' personas, and a JSON client holding a token.

The personas live in `tests/web/conftest.py`; it is loaded here under its own module name (the
tests have no packages) so that both suites use the very same offices and people.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

from django.test import Client

_WEB = Path(__file__).resolve().parents[1] / "web" / "conftest.py"
API = "/api/v1"


def _load_personas() -> Any:
    name = "kinerja_web_personas"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, _WEB)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


personas = _load_personas()


class ApiClient:
    """The Django test client with a bearer token on every call, sending and reading JSON."""

    def __init__(self, raw: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {raw}"} if raw else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(API + path, params, headers=self.headers)

    def put(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.put(
            API + path, body, content_type="application/json", headers=self.headers
        )

    def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        return self.client.post(
            API + path, body or {}, content_type="application/json", headers=self.headers
        )
